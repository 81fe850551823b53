import { conflict, notFound } from "@sorot/core";
import {
  type Actor,
  type ClosedTopupStatus,
  type Db,
  decideFlaggedTopup,
  findTopup,
  recordAudit,
  settleTopup,
  type TopupRow,
} from "@sorot/db";
import type { BalanceChanges } from "./balance-changes.js";
import { creditTopup } from "./payment-notifications.js";

/** What became of a flagged top-up once an admin looked at it: credited, or refunded outside Sorot. */
export type LatePaymentDecision = "credit" | "refunded_outside";

/** Closed statuses a late settlement can find its top-up in (a paid one is never flagged). */
const CLOSED_UNPAID: readonly ClosedTopupStatus[] = ["expired", "failed"];

/**
 * An admin's decision on a top-up the provider reported paid after it had closed. `credit` pays it
 * after all, through the same credit as any top-up (creditTopup: ledger keyed by the top-up, so it
 * can never be credited twice) with a receipt of its own; `refunded_outside` records that the payer
 * got the money back outside Sorot and moves nothing. One transaction, one audit row, decided once.
 */
export async function decideLatePayment(
  db: Db,
  changes: BalanceChanges,
  topupId: string,
  decision: { decision: LatePaymentDecision; note: string | null },
  actor: Actor,
): Promise<TopupRow> {
  return db.transaction(async (tx) => {
    const topup = await findTopup(tx, topupId, { lock: true });
    if (topup?.reviewFlag !== "paid_after_close") throw notFound("Flagged top-up");
    const decided = await decideFlaggedTopup(tx, topup.id, {
      decision: decision.decision === "credit" ? "credited" : "refunded_outside",
      by: actor.userId,
      note: decision.note,
      at: new Date(),
    });
    if (!decided) throw conflict("This late payment was already decided.", "ALREADY_DECIDED");
    let row = decided;
    if (decision.decision === "credit") {
      const paid = await settleTopup(tx, topup.id, "paid", new Date(), CLOSED_UNPAID);
      if (!paid) throw conflict("This top-up is no longer closed unpaid.", "INVALID_STATE");
      await creditTopup(tx, changes, topup);
      row = paid;
    }
    await recordAudit(tx, actor, {
      action: `topup.late_payment_${decided.reviewDecision}`,
      entityType: "topup",
      entityId: topup.id,
      businessId: topup.businessId,
      before: { status: topup.status, reviewFlag: topup.reviewFlag, reviewDecision: null },
      after: {
        status: row.status,
        reviewDecision: decided.reviewDecision,
        note: decision.note,
        receiptNumber: row.receiptNumber?.toString() ?? null,
      },
    });
    return row;
  });
}
