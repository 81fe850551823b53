import { unionHll } from "@sorot/core";
import { type Db, insertMissingScopeSketches, scopeDaysToBackfill } from "@sorot/db";

/** Scope-days per round: a business day may merge hundreds of per-ad sketches. */
const ROUND = 50;

/**
 * Start-up step, before the tally runs: gives every campaign and business day tallied before their
 * own sketches were kept the union of its per-ad sketches. The tally then restores today's from
 * these rows instead of starting it empty. Idempotent: a day that has its sketch is never merged
 * again, and a row another worker wrote first is kept. Returns how many sketches it wrote.
 */
export async function backfillScopeReach(db: Db): Promise<number> {
  let written = 0;
  for (;;) {
    const days = await scopeDaysToBackfill(db, ROUND);
    if (days.length === 0) return written;
    await insertMissingScopeSketches(
      db,
      days.map((day) => ({
        scopeId: day.scopeId,
        day: day.day,
        campaignId: day.campaignId,
        businessId: day.businessId,
        sketch: Buffer.from(unionHll(day.sketches)),
      })),
    );
    written += days.length;
  }
}
