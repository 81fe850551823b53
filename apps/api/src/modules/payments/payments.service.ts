import type { PaymentNotification } from "@sorot/contracts";
import { parseGrossAmount } from "@sorot/core";
import {
  businessAccounts,
  type Db,
  findTopup,
  insertPaymentNotification,
  platformAccount,
  postLedgerTransaction,
  settleTopup,
  type TopupStatus,
} from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, notFound, unauthorized } from "../../lib/problems.js";
import { notificationSignature, signatureMatches } from "./payment-provider.js";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a gateway status leads; undefined means "nothing to do yet" (pending). */
function targetStatus(notification: PaymentNotification): Exclude<TopupStatus, "pending"> | undefined {
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
export interface NotificationResult {
  outcome: NotificationOutcome;
  /** Set when this notification credited cash: delivery's available balance grows by it. */
  credited?: { businessId: string; amountMicros: bigint };
}

/**
 * Applies a gateway notification at most once. Verified first (nothing is touched on a bad
 * signature), then matched to its top-up and amount; a top-up leaves `pending` exactly once under
 * a row lock, and the credit is keyed by the top-up, so duplicates and late or out-of-order
 * notifications change nothing.
 */
export async function applyPaymentNotification(
  db: Db,
  notification: PaymentNotification,
  serverKey: string,
  actor: Actor,
): Promise<NotificationResult> {
  const expected = notificationSignature(notification, serverKey);
  const log = (outcome: string, valid = true) =>
    insertPaymentNotification(db, {
      topupId: UUID_PATTERN.test(notification.order_id) ? notification.order_id : null,
      transactionStatus: notification.transaction_status,
      signatureValid: valid ? "yes" : "no",
      outcome,
      body: notification,
    });

  if (!signatureMatches(expected, notification.signature_key)) {
    await log("bad_signature", false);
    throw unauthorized("The notification signature does not verify.", "BAD_SIGNATURE");
  }
  if (!UUID_PATTERN.test(notification.order_id) || !(await findTopup(db, notification.order_id))) {
    await log("unknown_order");
    throw notFound("Top-up");
  }

  const outcome = await db.transaction(async (tx) => {
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
    if (!target || topup.status !== "pending") return "ignored" as const;

    const settled = await settleTopup(tx, topup.id, target, new Date());
    if (!settled) return "ignored" as const;
    if (target === "paid") {
      const accounts = await businessAccounts(tx, topup.businessId, { lock: true });
      const clearing = await platformAccount(tx, "payment_clearing");
      await postLedgerTransaction(tx, {
        businessId: topup.businessId,
        kind: "topup",
        idempotencyKey: `topup-${topup.id}`,
        causeType: "topup",
        causeId: topup.id,
        description: `Top-up via ${topup.method}`,
        entries: [
          { accountId: clearing.id, amountMicros: -topup.amountMicros },
          { accountId: accounts.cash.id, amountMicros: topup.amountMicros },
        ],
      });
    }
    await recordAudit(tx, actor, {
      action: `topup.${target}`,
      entityType: "topup",
      entityId: topup.id,
      businessId: topup.businessId,
      before: { status: "pending" },
      after: { status: target, receiptNumber: settled.receiptNumber?.toString() ?? null },
    });
    return target === "paid" ? ("credited" as const) : target;
  });
  await log(outcome);
  if (outcome !== "credited") return { outcome };
  const topup = await findTopup(db, notification.order_id);
  return {
    outcome,
    ...(topup ? { credited: { businessId: topup.businessId, amountMicros: topup.amountMicros } } : {}),
  };
}
