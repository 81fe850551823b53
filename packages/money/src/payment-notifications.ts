import type { PaymentNotification } from "@sorot/contracts";
import { AppError, notFound, parseGrossAmount, unauthorized } from "@sorot/core";
import {
  type Actor,
  businessAccounts,
  type ClosedTopupStatus,
  type Db,
  findTopup,
  insertPaymentNotification,
  isOpenTopupStatus,
  platformAccount,
  postLedgerTransaction,
  recordAudit,
  settleTopup,
  type TopupRow,
  type Tx,
} from "@sorot/db";
import type { BalanceChanges } from "./balance-changes.js";
import { notificationSignature, signatureMatches } from "./payment-provider.js";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a gateway status leads; undefined means "nothing to do yet" (pending). */
function targetStatus(notification: PaymentNotification): ClosedTopupStatus | undefined {
  switch (notification.transaction_status) {
    case "settlement":
      return "paid";
    case "capture":
      // Card captures count only once the gateway's fraud check accepts them.
      return notification.fraud_status === undefined || notification.fraud_status === "accept"
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

export type NotificationOutcome = "credited" | "failed" | "expired" | "ignored";

/**
 * Applies a gateway notification at most once. Verified first (nothing is touched on a bad
 * signature), then matched to its top-up and amount; a top-up leaves `pending` exactly once under
 * a row lock, and the credit is keyed by the top-up, so duplicates and late or out-of-order
 * notifications change nothing. Every notification leaves its row, whatever its outcome.
 */
export async function applyPaymentNotification(
  db: Db,
  changes: BalanceChanges,
  notification: PaymentNotification,
  serverKey: string,
  actor: Actor,
): Promise<NotificationOutcome> {
  const log = (outcome: string, valid = true) =>
    insertPaymentNotification(db, {
      topupId: UUID_PATTERN.test(notification.order_id) ? notification.order_id : null,
      transactionStatus: notification.transaction_status,
      signatureValid: valid ? "yes" : "no",
      outcome,
      body: notification,
    });

  if (!signatureMatches(notificationSignature(notification, serverKey), notification.signature_key)) {
    await log("bad_signature", false);
    throw unauthorized("The notification signature does not verify.", "BAD_SIGNATURE");
  }
  if (!UUID_PATTERN.test(notification.order_id) || !(await findTopup(db, notification.order_id))) {
    await log("unknown_order");
    throw notFound("Top-up");
  }
  let outcome: NotificationOutcome;
  try {
    outcome = await db.transaction((tx) => settleFromNotification(tx, changes, notification, actor));
  } catch (error) {
    if (error instanceof AppError && error.code === "AMOUNT_MISMATCH") await log("amount_mismatch");
    throw error;
  }
  await log(outcome);
  return outcome;
}

async function settleFromNotification(
  tx: Tx,
  changes: BalanceChanges,
  notification: PaymentNotification,
  actor: Actor,
): Promise<NotificationOutcome> {
  const topup = await findTopup(tx, notification.order_id, { lock: true });
  if (!topup) throw notFound("Top-up");
  if (parseGrossAmount(notification.gross_amount) !== topup.amountMicros) {
    throw new AppError(
      422,
      "AMOUNT_MISMATCH",
      "Amount does not match",
      "The notified gross_amount differs from the top-up's amount; nothing was credited.",
    );
  }
  const target = targetStatus(notification);
  if (!target || !isOpenTopupStatus(topup.status)) return "ignored";
  const settled = await settleTopup(tx, topup.id, target, new Date());
  if (!settled) return "ignored";
  if (target === "paid") await creditTopup(tx, changes, topup);
  await recordAudit(tx, actor, {
    action: `topup.${target}`,
    entityType: "topup",
    entityId: topup.id,
    businessId: topup.businessId,
    before: { status: "pending" },
    after: { status: target, receiptNumber: settled.receiptNumber?.toString() ?? null },
  });
  return target === "paid" ? "credited" : target;
}

/**
 * Top-up credited: the paid amount moves from payment clearing to the business's cash, and
 * delivery may commit it once the transaction is in. Call inside the transaction that marks the
 * top-up paid (which writes its audit row), at most once per top-up (the ledger key enforces it).
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
}
