import { formatGrossAmount } from "@sorot/core";
import { findTopup, pendingTopupsDueForExpiry, SYSTEM_ACTOR } from "@sorot/db";
import { deliveryScripts } from "@sorot/delivery-state";
import { applyProviderTransaction, askTransactionStatus, withBalanceChanges } from "@sorot/money";
import { defineJob } from "../job.js";
import { mailNotificationsWith } from "../notify.js";

const BATCH = 500;

/**
 * Open top-ups past their 24 h window become `expired`, so a late payment is never credited; but
 * first the provider's status API is asked, so a top-up it calls paid is credited, never expired
 * (one it cannot answer about now waits for the next run). Idempotent: both go through
 * applyProviderTransaction, which leaves an open status only once, so a rerun finds nothing to do.
 */
export const expireTopups = defineJob({
  name: "wallet.expire-topups",
  async handle(_payload, { db, redis, log, mailer, payments, clock }) {
    const due = await pendingTopupsDueForExpiry(db, clock?.() ?? new Date(), BATCH);
    let expired = 0;
    let credited = 0;
    for (const { id } of due) {
      const truth = await askTransactionStatus(payments.provider, id, log);
      const topup = await findTopup(db, id);
      if (truth === undefined || !topup) continue;
      const paid =
        typeof truth === "object" &&
        truth !== null &&
        ["settlement", "capture"].includes(truth.transactionStatus);
      const answer = paid
        ? truth
        : {
            orderId: id,
            transactionStatus: "expire",
            grossAmount: formatGrossAmount(topup.amountMicros),
            instructions: {},
          };
      const outcome = await withBalanceChanges(
        db,
        deliveryScripts(redis),
        (changes) => applyProviderTransaction(db, changes, answer, SYSTEM_ACTOR),
        mailNotificationsWith(db, mailer),
      );
      if (outcome === "expired") expired += 1;
      if (outcome === "credited") credited += 1;
    }
    return { expired, credited };
  },
});
