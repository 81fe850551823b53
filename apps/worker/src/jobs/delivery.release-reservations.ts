import { deliveringBusinessIds, deliveringCampaignIds } from "@sorot/db";
import { deliveryScripts } from "@sorot/delivery-state";
import { defineJob } from "../job.js";

/** Open reservations read per business and run; the oldest come first, so due ones are never skipped. */
const PER_BUSINESS = 5_000;

/**
 * Ends reservations no impression confirmed: those past their 15 minutes, and every one of a
 * campaign whose delivery has ended (finished, paused, out of budget or funds, its business
 * suspended), so held money returns to the balance and the caps and the owner sees
 * "reserved" fall to zero. A beacon arriving after that is refused, never billed. Idempotent: the
 * release script acts only while the reservation key exists, and the impression script deletes that
 * same key, so each reservation ends exactly one way.
 */
export const releaseReservations = defineJob({
  name: "delivery.release-reservations",
  async handle(_payload, { db, redis, clock }) {
    const scripts = deliveryScripts(redis);
    const now = (clock?.() ?? new Date()).getTime();
    const open = [];
    for (const businessId of await deliveringBusinessIds(db)) {
      for (const reservation of await scripts.openReservations(businessId, PER_BUSINESS))
        open.push({ businessId, reservation });
    }
    const delivering = await deliveringCampaignIds(db, [
      ...new Set(open.map(({ reservation }) => reservation.campaignId)),
    ]);
    let released = 0;
    for (const { businessId, reservation } of open) {
      if (reservation.expiresAtMs > now && delivering.has(reservation.campaignId)) continue;
      if ((await scripts.release(businessId, reservation)) !== undefined) released += 1;
    }
    return { released };
  },
});
