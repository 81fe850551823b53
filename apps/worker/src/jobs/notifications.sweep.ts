import { promoExpiringKey, staleUnmailedNotifications, untoldExpiringPromoLots } from "@sorot/db";
import { notificationJob } from "@sorot/jobs";
import { defineJob } from "../job.js";
import { notify } from "../notify.js";

/** A notification its money movement wrote is mailed right after the commit; this late, it was not. */
const UNMAILED_AFTER_MS = 60_000;
/** Promo credit is warned about once, this long before it expires. */
const PROMO_WARNING_MS = 3 * 86_400_000;
const BATCH = 200;

/**
 * Tells owners of events nothing else announces: promo credit about to expire (an event of time,
 * not of a request), and mails the notifications a money movement wrote in its transaction (a paid
 * top-up) whose mailer died between the commit and the mail. Idempotent: a warned lot has its
 * dedupe key (`promo-expiring-<lotId>`) and a mailed notification its `mailedAt`, and the queries
 * pick only events without one, so reruns and a second worker tell nobody twice.
 */
export const sweepNotifications = defineJob({
  name: "notifications.sweep",
  async handle(_payload, { db, mailer, clock }) {
    const now = clock?.() ?? new Date();
    let told = 0;
    const unmailedBefore = new Date(now.getTime() - UNMAILED_AFTER_MS);
    for (const row of await staleUnmailedNotifications(db, unmailedBefore, BATCH)) {
      await notify(db, mailer, notificationJob(row));
      told += 1;
    }
    const warnBefore = new Date(now.getTime() + PROMO_WARNING_MS);
    for (const lot of await untoldExpiringPromoLots(db, now, warnBefore, BATCH)) {
      const result = await notify(db, mailer, {
        businessId: lot.businessId,
        kind: "promo_expiring",
        payload: { amountMicros: lot.remainingMicros.toString(), expiresAt: lot.expiresAt.toISOString() },
        dedupeKey: promoExpiringKey(lot.id),
      });
      if (result.written) told += 1;
    }
    return { told };
  },
});
