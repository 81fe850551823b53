import { promoExpiringKey, topupPaidKey, untoldExpiringPromoLots, untoldPaidTopups } from "@sorot/db";
import { defineJob } from "../job.js";
import { notify } from "../notify.js";

/** A paid top-up is told within a day of payment; an older one is history, not news. */
const PAID_LOOKBACK_MS = 86_400_000;
/** Promo credit is warned about once, this long before it expires. */
const PROMO_WARNING_MS = 3 * 86_400_000;
const BATCH = 200;

/**
 * Tells owners of events no request announces: a top-up paid (by the provider's webhook or the
 * reconciliation, both payment code) and promo credit about to expire. Idempotent: each event's
 * dedupe key (`topup-paid-<id>`, `promo-expiring-<lotId>`) is written once told, and the queries
 * pick only events without one, so reruns and a second worker tell nobody twice.
 */
export const sweepNotifications = defineJob({
  name: "notifications.sweep",
  async handle(_payload, { db, mailer, clock }) {
    const now = clock?.() ?? new Date();
    let told = 0;
    for (const topup of await untoldPaidTopups(db, new Date(now.getTime() - PAID_LOOKBACK_MS), BATCH)) {
      const result = await notify(db, mailer, {
        businessId: topup.businessId,
        kind: "topup_paid",
        payload: { topupId: topup.id, amountMicros: topup.amountMicros.toString() },
        dedupeKey: topupPaidKey(topup.id),
      });
      if (result.written) told += 1;
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
