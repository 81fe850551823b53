import { deliveringBusinessIds } from "@sorot/db";
import { deliveryKeys, deliveryScripts } from "@sorot/delivery-state";
import { defineJob } from "../job.js";

/**
 * Gives back reservations no impression confirmed within 15 minutes, so held money returns to the
 * balance and the caps. Idempotent: the release script acts only while the reservation key exists,
 * and the impression script deletes that same key, so each reservation ends exactly one way.
 */
export const releaseReservations = defineJob({
  name: "delivery.release-reservations",
  async handle(_payload, { db, redis, clock }) {
    const scripts = deliveryScripts(redis);
    const now = (clock?.() ?? new Date()).getTime();
    let released = 0;
    for (const businessId of await deliveringBusinessIds(db)) {
      const due = await redis.zrangebyscore(
        deliveryKeys.reservationExpiry(businessId),
        0,
        now,
        "LIMIT",
        0,
        5_000,
      );
      for (const member of due) {
        const [reservationId, campaignId, localDate] = member.split("|");
        if (!reservationId || !campaignId || !localDate) continue;
        if ((await scripts.release({ businessId, campaignId, localDate, reservationId })) > 0n) released += 1;
      }
    }
    return { released };
  },
});
