import { createHash } from "node:crypto";
import type { CreateTopupBody, PaymentInstructions, Topup } from "@sorot/contracts";
import {
  fieldError,
  formatReceiptNumber,
  invalidFields,
  invalidState,
  notFound,
  TOPUP_TTL_HOURS,
  topupAmountProblem,
} from "@sorot/core";
import {
  type Actor,
  type BusinessWithRole,
  type Db,
  findFirstOwner,
  findTopup,
  findTopupOfBusiness,
  insertTopup,
  listTopups,
  recordAudit,
  settleTopup,
  storeIdempotentResponse,
  storeTopupCharge,
  type TopupRow,
  type Tx,
} from "@sorot/db";
import {
  applyProviderTransaction,
  type ChargeRequest,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderTransaction,
  providerProblem,
} from "@sorot/money";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { z } from "zod";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { claimKey, type IdempotentResponse } from "../../lib/idempotency.js";
import { parsePositiveMicros } from "./wallet.service.js";

export function toTopup(row: TopupRow, provider: PaymentProvider): Topup {
  const instructions = row.paymentInstructions as PaymentInstructions;
  return {
    id: row.id,
    amountMicros: row.amountMicros.toString(),
    method: row.method,
    status: row.status,
    payUrl: provider.payUrl({ id: row.id, businessId: row.businessId, instructions }),
    instructions,
    expiresAt: row.expiresAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    receiptNumber: receiptNumberOf(row),
    lateSettlement: lateSettlementOf(row),
    createdAt: row.createdAt.toISOString(),
  };
}

/** `SRT/2026/000001`: numbered per year of issue (older receipts: the year they were paid in). */
export function receiptNumberOf(row: TopupRow): string | null {
  if (row.receiptNumber === null) return null;
  const year = row.receiptYear ?? (row.paidAt ?? row.createdAt).getUTCFullYear();
  return formatReceiptNumber({ series: "SRT", year, number: row.receiptNumber });
}

/** What the owner sees of a payment reported after the top-up closed. */
function lateSettlementOf(row: TopupRow): Topup["lateSettlement"] {
  if (row.reviewFlag !== "paid_after_close") return null;
  return row.reviewDecision ?? "awaiting_review";
}

/** The same business and Idempotency-Key always name the same order at the provider. */
export function topupOrderId(businessId: string, idempotencyKey: string): string {
  const hex = createHash("sha256").update(`topup\n${businessId}\n${idempotencyKey}`).digest("hex");
  // Shaped as an RFC 9562 UUID (version 8: custom, variant 10) so it fits the uuid column.
  const variant = "89ab"[Number.parseInt(hex.charAt(16), 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface TopupRequest {
  business: BusinessWithRole;
  idempotencyKey: string;
  body: CreateTopupBody;
  actor: Actor;
}

/**
 * Starts a top-up without holding a transaction across the provider's HTTP call: the top-up row
 * and the claimed Idempotency-Key commit first (`charge_pending`), the charge runs outside any
 * transaction, and its answer is stored after, with the response a replay returns. A request that
 * got no answer (timeout, 5xx) leaves the top-up `charge_pending` and stores no response, so a retry
 * with the same key asks the provider about that order before charging it: one order, one top-up.
 */
export async function startTopup(
  deps: {
    db: Db;
    provider: PaymentProvider;
    moveMoney: FastifyInstance["moveMoney"];
    log: FastifyBaseLogger;
  },
  request: TopupRequest,
): Promise<IdempotentResponse<Topup>> {
  const { db, provider, log } = deps;
  const { business, body, actor } = request;
  const amount = parsePositiveMicros("body.amountMicros", body.amountMicros);
  const problem = topupAmountProblem("amountMicros", amount);
  if (problem) throw invalidFields([problem]);
  if (!provider.methods.includes(body.method)) {
    throw fieldError(
      "body.method",
      "is not offered by this payment provider: pay OVO or DANA through QRIS",
      "METHOD_NOT_OFFERED",
    );
  }
  const key = { businessId: business.id, key: request.idempotencyKey, route: "topups.create", body };
  const orderId = topupOrderId(business.id, request.idempotencyKey);
  const claim = await db.transaction(async (tx) => {
    const claimed = await claimKey<Topup>(tx, key);
    if (claimed.kind === "new") await insertChargePending(tx, orderId, amount, request, provider);
    return claimed;
  });
  if (claim.kind === "replay") return claim.response;

  const topup = await findTopup(db, orderId);
  if (!topup) throw notFound("Top-up");
  if (topup.status === "charge_pending") {
    const owner = await findFirstOwner(db, business.id);
    if (!owner) throw invalidState("The business has no owner to name as the payer.");
    const charge = {
      orderId,
      businessId: business.id,
      amountMicros: amount,
      method: body.method,
      customer: { name: owner.name, email: owner.email },
    };
    let answer: ProviderTransaction;
    try {
      answer = await chargeOnce(provider, charge, claim.kind === "unanswered");
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      log.warn(
        {
          topupId: orderId,
          provider: provider.name,
          providerStatus: error.httpStatus,
          providerMessage: error.message,
        },
        `payment provider: charge ${error.kind}`,
      );
      if (error.kind === "refused") await closeRefusedCharge(db, orderId, actor);
      throw providerProblem(error.kind);
    }
    await storeTopupCharge(db, orderId, answer.instructions);
    // A retry can find the order already paid or closed: the same function as a notification applies it.
    if (answer.transactionStatus !== "pending") {
      await deps.moveMoney((changes) => applyProviderTransaction(db, changes, answer, actor));
    }
  }
  return db.transaction(async (tx) => {
    const stored = await findTopup(tx, orderId);
    if (!stored) throw notFound("Top-up");
    // Failed before any answer was stored: the provider refused the charge (or denied the order).
    if (stored.status === "failed") throw providerProblem("refused");
    const response = { status: 201, body: toTopup(stored, provider) };
    await storeIdempotentResponse(tx, business.id, request.idempotencyKey, response);
    return { ...response, replayed: false };
  });
}

/**
 * A retry first asks the status API: a charge that timed out may have created the
 * order. Only an order the provider does not know is charged; a duplicate-order refusal means a
 * concurrent request created it, and the status API says what it is.
 */
async function chargeOnce(
  provider: PaymentProvider,
  charge: ChargeRequest,
  retry: boolean,
): Promise<ProviderTransaction> {
  if (retry) {
    const known = await provider.transactionStatus(charge.orderId);
    if (known !== null && known !== "not_found") {
      if (known.transactionStatus !== "pending" || known.instructions.kind !== undefined) return known;
      return (await renewOrder(provider, charge)) ?? known;
    }
  }
  try {
    return await provider.createCharge(charge);
  } catch (error) {
    if (!(error instanceof PaymentProviderError) || error.kind !== "duplicate_order") throw error;
    const known = await provider.transactionStatus(charge.orderId);
    if (known === null || known === "not_found")
      throw new PaymentProviderError("failed", error.httpStatus, error.message);
    return known;
  }
}

/**
 * A QRIS string or an e-wallet link comes only with the charge's own answer, never with the status
 * API's: when that answer was lost, the pending order is useless to the payer. Nobody has seen its
 * QR or link, so it is expired and charged afresh under the same order id (Midtrans lets an expired
 * order id be reused): still one payable order, one top-up, and instructions the owner can use. If
 * the order got paid in between, the provider refuses to expire it and its status says so.
 */
async function renewOrder(
  provider: PaymentProvider,
  charge: ChargeRequest,
): Promise<ProviderTransaction | null> {
  if (!provider.expireOrder) return null;
  try {
    await provider.expireOrder(charge.orderId);
  } catch (error) {
    if (!(error instanceof PaymentProviderError) || error.kind !== "refused") throw error;
    const now = await provider.transactionStatus(charge.orderId);
    if (now !== null && now !== "not_found" && now.transactionStatus !== "pending") return now;
    // Not a refused charge: the order stays, so the top-up stays charge_pending for the next retry.
    throw new PaymentProviderError("failed", error.httpStatus, error.message);
  }
  return provider.createCharge(charge);
}

async function insertChargePending(
  tx: Tx,
  id: string,
  amount: bigint,
  request: TopupRequest,
  provider: PaymentProvider,
): Promise<void> {
  const row = await insertTopup(tx, {
    id,
    businessId: request.business.id,
    amountMicros: amount,
    method: request.body.method,
    provider: provider.name,
    paymentInstructions: {},
    createdBy: request.actor.userId,
    expiresAt: new Date(Date.now() + TOPUP_TTL_HOURS * 3_600_000),
  });
  await recordAudit(tx, request.actor, {
    action: "topup.create",
    entityType: "topup",
    entityId: row.id,
    businessId: request.business.id,
    after: { amountMicros: amount.toString(), method: row.method, status: row.status },
  });
}

/** A refused charge created no order: the top-up closes as failed, and a retry says so again. */
async function closeRefusedCharge(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const closed = await settleTopup(tx, id, "failed", new Date());
    if (!closed) return;
    await recordAudit(tx, actor, {
      action: "topup.failed",
      entityType: "topup",
      entityId: id,
      businessId: closed.businessId,
      before: { status: "charge_pending" },
      after: { status: "failed", reason: "charge_refused" },
    });
  });
}

export const TopupCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function getTopups(
  db: Db,
  businessId: string,
  page: { cursor?: string; limit: number },
  provider: PaymentProvider,
) {
  const after = decodeCursor(TopupCursor, page.cursor);
  const rows = await listTopups(db, businessId, {
    limit: page.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  return pageOf(
    rows,
    page.limit,
    (row) => toTopup(row, provider),
    (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
  );
}

export async function getTopup(
  db: Db,
  businessId: string,
  topupId: string,
  provider: PaymentProvider,
): Promise<Topup> {
  const row = await findTopupOfBusiness(db, businessId, topupId);
  if (!row) throw notFound("Top-up");
  return toTopup(row, provider);
}
