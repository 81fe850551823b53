import { randomUUID } from "node:crypto";
import { type Db, insertMissingScopeSketches, scopeDaysToBackfill } from "@sorot/db";
import type { Redis } from "ioredis";

/** Scope-days per round: a business day may merge hundreds of per-ad sketches. */
const ROUND = 50;
const TEMP_TTL_MS = 60_000;

/**
 * Start-up step, before the tally runs: gives every campaign and business day tallied before their
 * own sketches were kept the union of its per-ad sketches, merged by Redis (PostgreSQL cannot read
 * Redis's HyperLogLog encoding). The tally then restores today's from these rows instead of
 * starting it empty. Idempotent: a day that has its sketch is never merged again, and a row another
 * worker wrote first is kept. Returns how many sketches it wrote.
 */
export async function backfillScopeReach(db: Db, redis: Redis): Promise<number> {
  let written = 0;
  for (;;) {
    const days = await scopeDaysToBackfill(db, ROUND);
    if (days.length === 0) return written;
    const pipeline = redis.pipeline();
    const merged = days.map((day) => {
      // One hash tag per business, so PFMERGE's keys share a slot on Redis Cluster.
      const base = `reports:backfill:{${day.businessId}}:${randomUUID()}:`;
      day.sketches.forEach((sketch, index) => {
        pipeline.set(`${base}${index}`, Buffer.from(sketch, "base64"), "PX", TEMP_TTL_MS);
      });
      const sources = day.sketches.map((_, index) => `${base}${index}`);
      pipeline.pfmerge(`${base}union`, ...sources).getBuffer(`${base}union`);
      pipeline.unlink(`${base}union`, ...sources);
      return { day, at: day.sketches.length + 1 };
    });
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0];
    let offset = 0;
    const rows = merged.map(({ day, at }) => {
      const sketch = Buffer.from(replies[offset + at]?.[1] as Buffer).toString("base64");
      offset += at + 2;
      return {
        scopeId: day.scopeId,
        day: day.day,
        campaignId: day.campaignId,
        businessId: day.businessId,
        sketch,
      };
    });
    await insertMissingScopeSketches(db, rows);
    written += rows.length;
  }
}
