import { createHash } from "node:crypto";
import type { CreateTopupBody, PaymentInstructions, Topup } from "@sorot/contracts";
import {
  escapeHtml,
  fieldError,
  formatRupiah,
  invalidFields,
  invalidState,
  MICROS_PER_RUPIAH,
  notFound,
  receiptAmounts,
  TOPUP_TTL_HOURS,
  terbilang,
  topupAmountProblem,
  topupMethodLabel,
} from "@sorot/core";
import {
  type Actor,
  type BusinessWithRole,
  type Db,
  findFirstOwner,
  findTopup,
  findTopupOfBusiness,
  findTopupWithBusiness,
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
import PDFDocument from "pdfkit";
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
    createdAt: row.createdAt.toISOString(),
  };
}

/** `SRT/2026/000001`: numbered per year of issue (older receipts: the year they were paid in). */
function receiptNumberOf(row: TopupRow): string | null {
  if (row.receiptNumber === null) return null;
  const year = row.receiptYear ?? (row.paidAt ?? row.createdAt).getUTCFullYear();
  return `SRT/${year}/${row.receiptNumber.toString().padStart(6, "0")}`;
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
    if (known !== null && known !== "not_found") return known;
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

const TopupCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

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

export interface ReceiptIssuer {
  name: string;
  npwp: string;
  address: string;
}

/** What both views of a receipt print, in Indonesian first. */
export interface Receipt {
  number: string;
  rows: [label: string, value: string][];
  /** The total in words ("terbilang"). */
  words: string;
}

/** Receipt billing as snapshotted at issue (settleTopup); older receipts read the business now. */
const ReceiptBilling = z.object({
  name: z.string(),
  address: z.string().nullable(),
  npwp: z.string().nullable(),
});

/**
 * A paid top-up's receipt: its gapless yearly number, Sorot as issuer, the business's billing
 * profile as it was when the receipt was issued, and DPP and PPN as PMK 131/2024 asks (12% of a
 * DPP of 11/12 of the price, the PPN included in the total paid).
 */
export async function receiptOf(
  db: Db,
  businessId: string,
  topupId: string,
  issuer: ReceiptIssuer,
  ppnBasisPoints: bigint,
): Promise<Receipt> {
  const found = await findTopupWithBusiness(db, businessId, topupId);
  if (!found) throw notFound("Top-up");
  const { topup, business } = found;
  if (topup.status !== "paid" || topup.receiptNumber === null || topup.paidAt === null) {
    throw invalidState("A receipt exists only for a paid top-up.");
  }
  const billing = ReceiptBilling.safeParse(topup.receiptBilling).data ?? {
    name: business.legalName ?? business.name,
    address: business.billingAddress,
    npwp: business.taxId,
  };
  const amounts = receiptAmounts(topup.amountMicros, ppnBasisPoints);
  const paidAt = new Intl.DateTimeFormat("id-ID", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: business.timeZone,
  }).format(topup.paidAt);
  const number = receiptNumberOf(topup) as string;
  const optional = (label: string, value: string | null): [string, string][] =>
    value ? [[label, value]] : [];
  return {
    number,
    rows: [
      ["Nomor kuitansi / Receipt no.", number],
      ["Penerbit / Issuer", issuer.name],
      ["NPWP penerbit / Issuer tax id", issuer.npwp],
      ["Alamat penerbit / Issuer address", issuer.address],
      ["Diterima dari / Received from", billing.name],
      ...optional("NPWP", billing.npwp),
      ...optional("Alamat / Address", billing.address),
      ["Waktu bayar / Paid at", `${paidAt} (${business.timeZone})`],
      ["Metode / Method", topupMethodLabel(topup.method)],
      ["Harga jual / Selling price", formatRupiah(amounts.priceMicros)],
      ["DPP (11/12 × harga jual) / VAT base", formatRupiah(amounts.dppMicros)],
      ["PPN 12% × DPP / VAT", formatRupiah(amounts.ppnMicros)],
      ["Total dibayar / Total paid", formatRupiah(amounts.totalMicros)],
    ],
    words: `${terbilang(amounts.totalMicros / MICROS_PER_RUPIAH)} rupiah`,
  };
}

const RECEIPT_NOTE =
  "Saldo iklan prabayar. Dana yang belum terpakai dapat ditarik kapan saja. / Prepaid advertising balance; unused cash can be withdrawn at any time.";

/** The printable HTML view of a receipt. */
export function receiptHtml(receipt: Receipt): string {
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Kuitansi ${escapeHtml(receipt.number)} — Sorot</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;color:#1f2328}
h1{font-size:1.4rem}table{width:100%;border-collapse:collapse}td{padding:.5rem;border-bottom:1px solid #ddd}
td:last-child{text-align:right;font-variant-numeric:tabular-nums}tr:last-child td{font-weight:700}
p{color:#57606a;font-size:.9rem}</style></head>
<body><h1>Sorot — Kuitansi isi saldo / Top-up receipt</h1>
<table>${receipt.rows.map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`).join("")}</table>
<p>Terbilang: <em>${escapeHtml(receipt.words)}</em></p>
<p>${RECEIPT_NOTE}</p>
</body></html>`;
}

/** The PDF of a receipt, for an accountant's files: the same rows as the HTML view. */
export function receiptPdf(receipt: Receipt): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `Kuitansi ${receipt.number}` } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(16).text("Sorot — Kuitansi isi saldo / Top-up receipt");
  doc.moveDown();
  const width = doc.page.width - 112;
  for (const [label, value] of receipt.rows) {
    const y = doc.y;
    doc
      .font("Helvetica")
      .fontSize(10)
      .text(label, 56, y, { width: width * 0.5 });
    const labelBottom = doc.y;
    doc.font("Helvetica-Bold").text(value, 56 + width * 0.5, y, { width: width * 0.5, align: "right" });
    doc.y = Math.max(labelBottom, doc.y) + 6;
  }
  doc.moveDown();
  doc.font("Helvetica-Oblique").text(`Terbilang: ${receipt.words}`, 56, doc.y, { width });
  doc.moveDown();
  doc.font("Helvetica").fontSize(9).text(RECEIPT_NOTE, { width });
  doc.end();
  return done;
}
