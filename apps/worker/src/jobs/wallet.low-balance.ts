import { runwayDays } from "@sorot/core";
import { businessAccounts, deliveringBusinessIds, recentSpend } from "@sorot/db";
import { defineJob } from "../job.js";
import { notify } from "../notify.js";

const LOW_RUNWAY_DAYS = 3;

/**
 * Warns owners whose balance lasts under 3 days at its recent average daily spend (core's runway
 * window). Idempotent: one notification per business per day, by its dedupe key, so reruns and
 * retries write nothing more.
 */
export const lowBalance = defineJob({
  name: "wallet.low-balance",
  async handle(_payload, { db, mailer }) {
    const now = new Date();
    let warned = 0;
    for (const businessId of await deliveringBusinessIds(db)) {
      const accounts = await businessAccounts(db, businessId);
      const recent = await recentSpend(db, businessId, now);
      const days = runwayDays(
        accounts.cash.balanceMicros + accounts.promo.balanceMicros,
        recent.spentMicros,
        recent.days,
      );
      if (days === null || days >= LOW_RUNWAY_DAYS) continue;
      const told = await notify(db, mailer, {
        businessId,
        kind: "low_balance",
        payload: { days },
        dedupeKey: `low-balance-${businessId}-${now.toISOString().slice(0, 10)}`,
      });
      if (told.written) warned += 1;
    }
    return { warned };
  },
});
