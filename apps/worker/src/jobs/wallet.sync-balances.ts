import { deliveryScripts } from "@sorot/delivery-state";
import { applyStaleBalanceChanges } from "@sorot/money";
import { defineJob } from "../job.js";

/** An api normally applies its change within milliseconds of the commit; older ones were orphaned. */
const ORPHANED_AFTER_MS = 30_000;

/**
 * Applies committed wallet changes whose api died before bringing delivery's Redis copy in line.
 * Idempotent: applying is keyed by the change's id in Redis, and the row goes once applied, so a
 * retry, a second worker or the api finishing late adds nothing twice.
 */
export const syncBalances = defineJob({
  name: "wallet.sync-balances",
  async handle(_payload, { db, redis, clock }) {
    const now = clock?.() ?? new Date();
    const applied = await applyStaleBalanceChanges(
      db,
      deliveryScripts(redis),
      new Date(now.getTime() - ORPHANED_AFTER_MS),
    );
    return { applied };
  },
});
