import { type PaymentNotification, Uuid } from "@sorot/contracts";
import { AppError, notFound, parseGrossAmount, unauthorized } from "@sorot/core";
import {
  type Actor,
  businessAccounts,
  type ClosedTopupStatus,
  type Db,
  findTopup,
  flagTopup,
  insertPaymentNotification,
  isOpenTopupStatus,
  platformAccount,
  postLedgerTransaction,
  recordAudit,
  settleTopup,
  type TopupRow,
  type Tx,
  topupPaidKey,
} from "@sorot/db";
import type { BalanceChanges } from "./balance-changes.js";
import {
  notificationSignature,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderTransaction,
  providerProblem,
  signatureMatches,
} from "./payment-provider.js";

/** Our order ids are top-up ids; anything else is no order of ours. */
const isUuid = (id: string) => Uuid.safeParse(id).success;

/** Where a provider status leads; undefined means "nothing to do yet" (pending). */
function targetStatus(transaction: ProviderTransaction): ClosedTopupStatus | undefined {
  switch (transaction.transactionStatus) {
    case "settlement":
      return "paid";
    case "capture":
      // Card captures count only once the gateway's fraud check accepts them.
      return transaction.fraudStatus === undefined || transaction.fraudStatus === "accept"
        ? "paid"
        : undefined;
    case "deny":
    case "cancel":
    case "failure":
      return "failed";
    case "expire":
      return "expired";
    default:
      return undefined;
  }
}

export type PaymentOutcome = "credited" | "failed" | "expired" | "flagged" | "ignored";

/**
 * Applies a gateway notification at most once, verified twice: first its signature (nothing is
 * touched on a bad one), then the provider's status API is asked for the truth, as Midtrans
 * recommends, and only that answer moves the top-up (the sandbox has no status API: its signed
 * notification is its word). Every notification leaves its row, whatever its outcome.
 */
export async function applyPaymentNotification(
  db: Db,
  changes: BalanceChanges,
  notification: PaymentNotification,
  provider: PaymentProvider,
  actor: Actor,
): Promise<PaymentOutcome> {
  const log = (outcome: string, valid = true) =>
    insertPaymentNotification(db, {
      topupId: isUuid(notification.order_id) ? notification.order_id : null,
      transactionStatus: notification.transaction_status,
      signatureValid: valid ? "yes" : "no",
      outcome,
      body: notification,
    });

  if (
    !signatureMatches(notificationSignature(notification, provider.serverKey), notification.signature_key)
  ) {
    await log("bad_signature", false);
    throw unauthorized("The notification signature does not verify.", "BAD_SIGNATURE");
  }
  if (!isUuid(notification.order_id) || !(await findTopup(db, notification.order_id))) {
    await log("unknown_order");
    throw notFound("Top-up");
  }
  let truth: Awaited<ReturnType<PaymentProvider["transactionStatus"]>>;
  try {
    truth = await provider.transactionStatus(notification.order_id);
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    await log("status_unavailable");
    // Whatever went wrong asking, the notification is not applied yet: the gateway sends it again.
    throw providerProblem("unavailable");
  }
  if (truth === "not_found") {
    await log("status_not_found");
    return "ignored";
  }
  let outcome: PaymentOutcome;
  try {
    outcome = await applyProviderTransaction(db, changes, truth ?? fromNotification(notification), actor);
  } catch (error) {
    // Refused on purpose (a mismatched amount, say): the row says why.
    if (error instanceof AppError) await log(error.code.toLowerCase());
    throw error;
  }
  await log(outcome);
  return outcome;
}

function fromNotification(notification: PaymentNotification): ProviderTransaction {
  return {
    orderId: notification.order_id,
    transactionStatus: notification.transaction_status,
    grossAmount: notification.gross_amount,
    ...(notification.fraud_status ? { fraudStatus: notification.fraud_status } : {}),
    instructions: {},
  };
}

/**
 * The one way the provider's word on an order moves a top-up, whoever heard it (the webhook, the
 * reconciliation, the expiry job, a retried charge). Under a row lock a top-up leaves its open
 * status exactly once and the credit is keyed by the top-up, so duplicates and late or
 * out-of-order answers change nothing; pending changes nothing; a payment reported for a top-up
 * already closed credits nothing and flags it for an admin.
 */
export async function applyProviderTransaction(
  db: Db,
  changes: BalanceChanges,
  transaction: ProviderTransaction,
  actor: Actor,
): Promise<PaymentOutcome> {
  return db.transaction(async (tx) => {
    const topup = await findTopup(tx, transaction.orderId, { lock: true });
    if (!topup) throw notFound("Top-up");
    if (parseGrossAmount(transaction.grossAmount) !== topup.amountMicros) {
      throw new AppError(
        422,
        "AMOUNT_MISMATCH",
        "Amount does not match",
        "The provider's gross_amount differs from the top-up's amount; nothing was credited.",
      );
    }
    const target = targetStatus(transaction);
    if (!target) return "ignored";
    if (!isOpenTopupStatus(topup.status)) {
      if (target !== "paid" || topup.status === "paid") return "ignored";
      return (await flagPaidAfterClose(tx, topup, actor)) ? "flagged" : "ignored";
    }
    const settled = await settleTopup(tx, topup.id, target, new Date());
    if (!settled) return "ignored";
    if (target === "paid") await creditTopup(tx, changes, topup);
    await recordAudit(tx, actor, {
      action: `topup.${target}`,
      entityType: "topup",
      entityId: topup.id,
      businessId: topup.businessId,
      before: { status: topup.status },
      after: { status: target, receiptNumber: settled.receiptNumber?.toString() ?? null },
    });
    return target === "paid" ? "credited" : target;
  });
}

async function flagPaidAfterClose(tx: Tx, topup: TopupRow, actor: Actor): Promise<boolean> {
  const flagged = await flagTopup(tx, topup.id, "paid_after_close");
  if (!flagged) return false;
  await recordAudit(tx, actor, {
    action: "topup.paid_after_close",
    entityType: "topup",
    entityId: topup.id,
    businessId: topup.businessId,
    before: { status: topup.status, reviewFlag: null },
    after: { status: topup.status, reviewFlag: "paid_after_close" },
  });
  return true;
}

/**
 * Top-up credited: the paid amount moves from payment clearing to the business's cash, delivery
 * may commit it once the transaction is in, and the owners are told (in-app with the credit, by
 * mail after it). Call inside the transaction that marks the top-up paid (which writes its audit
 * row), at most once per top-up (the ledger key enforces it, the notification's key follows it).
 */
export async function creditTopup(
  tx: Tx,
  changes: BalanceChanges,
  topup: Pick<TopupRow, "id" | "businessId" | "amountMicros" | "method">,
  at?: Date,
): Promise<void> {
  const accounts = await businessAccounts(tx, topup.businessId, { lock: true });
  const clearing = await platformAccount(tx, "payment_clearing");
  await postLedgerTransaction(tx, {
    businessId: topup.businessId,
    kind: "topup",
    idempotencyKey: `topup-${topup.id}`,
    causeType: "topup",
    causeId: topup.id,
    description: `Top-up via ${topup.method}`,
    ...(at ? { at } : {}),
    entries: [
      { accountId: clearing.id, amountMicros: -topup.amountMicros },
      { accountId: accounts.cash.id, amountMicros: topup.amountMicros },
    ],
  });
  await changes.record(tx, topup.businessId, topup.amountMicros);
  await changes.tell(tx, {
    businessId: topup.businessId,
    kind: "topup_paid",
    payload: { topupId: topup.id, amountMicros: topup.amountMicros.toString() },
    dedupeKey: topupPaidKey(topup.id),
  });
}
