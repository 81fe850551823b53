import { SYSTEM_ACTOR } from "@sorot/db";
import { deliveryScripts } from "@sorot/delivery-state";
import { expireDuePromo, withBalanceChanges } from "@sorot/money";
import { defineJob } from "../job.js";

/**
 * Takes back the unused part of promo lots past their expiry. Idempotent: each lot is marked
 * expired in the transaction that reverses it (keyed `promo-expiry-<lotId>`), so a retry or a
 * second worker moves nothing twice, and the Redis copy follows through the balance outbox.
 */
export const expirePromo = defineJob({
  name: "wallet.expire-promo",
  async handle(_payload, { db, redis, clock }) {
    const now = clock?.() ?? new Date();
    const result = await withBalanceChanges(db, deliveryScripts(redis), (changes) =>
      expireDuePromo(db, changes, now, SYSTEM_ACTOR),
    );
    return { lots: result.lots, reclaimedMicros: result.reclaimedMicros.toString() };
  },
});
