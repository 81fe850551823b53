import { dueForExpiry, expirePromoLot } from "@sorot/db";
import { deliveryScripts } from "../delivery-scripts.js";
import { defineJob } from "../job.js";

const BATCH = 500;

/**
 * Takes back the unused part of promo lots past their expiry with a reversing ledger transaction.
 * Idempotent: each lot is marked expired in the same transaction, and the ledger posting is keyed
 * `promo-expiry-<lotId>`, so a retry or a second worker moves nothing twice.
 */
export const expirePromo = defineJob({
  name: "wallet.expire-promo",
  async handle(_payload, { db, redis, clock }) {
    const now = clock?.() ?? new Date();
    const due = await dueForExpiry(db, now, BATCH);
    let reclaimedMicros = 0n;
    const scripts = deliveryScripts(redis);
    for (const lot of due) {
      const leftover = await db.transaction((tx) => expirePromoLot(tx, lot.id, now));
      // Expired promo is no longer money delivery may commit.
      if (leftover > 0n) await scripts.adjustAvailable(lot.businessId, -leftover);
      reclaimedMicros += leftover;
    }
    return { lots: due.length, reclaimedMicros: reclaimedMicros.toString() };
  },
});
