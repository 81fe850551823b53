import { claimTopupsForStatusCheck, findTopup, SYSTEM_ACTOR, storeTopupCharge } from "@sorot/db";
import { deliveryScripts } from "@sorot/delivery-state";
import { applyProviderTransaction, askTransactionStatus, withBalanceChanges } from "@sorot/money";
import { defineJob } from "../job.js";
import { mailNotificationsWith } from "../notify.js";

const BATCH = 200;

/**
 * For notifications that never arrived: asks the provider's status API about top-ups still open
 * PAYMENT_RECONCILE_INTERVAL_S after they were created (or last asked about), and applies the
 * answer. Idempotent: the answer goes through applyProviderTransaction, which leaves an open status
 * once under a row lock and credits keyed by the top-up, so a rerun, a second worker or a late
 * duplicate notification credits nothing twice; claiming marks each top-up asked, so two workers
 * do not ask about the same one in one round.
 */
export const reconcileTopups = defineJob({
  name: "wallet.reconcile-topups",
  async handle(_payload, { db, redis, log, mailer, payments, clock }) {
    const now = clock?.() ?? new Date();
    const askedBefore = new Date(now.getTime() - payments.reconcileIntervalS * 1_000);
    const due = await claimTopupsForStatusCheck(db, askedBefore, now, BATCH);
    const outcomes: Record<string, number> = {};
    for (const { id } of due) {
      const truth = await askTransactionStatus(payments.provider, id, log);
      // The sandbox keeps no status of its own: there is nothing to reconcile against.
      if (truth === null) break;
      if (truth === undefined || truth === "not_found") continue;
      // A charge whose answer was lost: the payer's instructions come from the status answer.
      if ((await findTopup(db, id))?.status === "charge_pending") {
        await storeTopupCharge(db, id, truth.instructions);
      }
      const outcome = await withBalanceChanges(
        db,
        deliveryScripts(redis),
        (changes) => applyProviderTransaction(db, changes, truth, SYSTEM_ACTOR),
        mailNotificationsWith(db, mailer),
      );
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    return { checked: due.length, outcomes };
  },
});
