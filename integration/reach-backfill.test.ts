import { randomUUID } from "node:crypto";
import { insertBusiness } from "@sorot/db";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../apps/api/test/helpers.js";
import { backfillScopeReach } from "../apps/worker/src/reach-backfill.js";
import { sketchOf, viewers } from "./sketches.js";

const t = useTestApp();

async function countOf(sketches: Buffer[]): Promise<number> {
  const keys = sketches.map(() => `test-count:${randomUUID()}`);
  for (const [index, key] of keys.entries()) {
    await t.app.redis.set(key, sketches[index] as Buffer);
  }
  const count = await t.app.redis.pfcount(...keys);
  await t.app.redis.del(...keys);
  return count;
}

describe("backfill of campaign and business reach sketches", () => {
  it("gives each campaign and business day the union of its per-ad sketches, once", async () => {
    const business = await insertBusiness(t.app.db, { name: "backfill" });
    const [campaignA, campaignB] = [randomUUID(), randomUUID()];
    const ads = [
      { adId: randomUUID(), campaignId: campaignA, viewers: viewers(0, 300) },
      { adId: randomUUID(), campaignId: campaignA, viewers: viewers(200, 700) },
      { adId: randomUUID(), campaignId: campaignB, viewers: viewers(600, 900) },
    ];
    for (const day of ["2031-02-01", "2031-02-02"]) {
      for (const ad of ads) {
        const sketch = await sketchOf(t.app.redis, ad.viewers);
        await t.app.db.execute(sql`insert into ad_daily_reach (ad_id, day, campaign_id, business_id, sketch)
          values (${ad.adId}, ${day}, ${ad.campaignId}, ${business.id}, ${sketch})`);
      }
    }
    expect(await backfillScopeReach(t.app.db)).toBe(6);
    expect(await backfillScopeReach(t.app.db)).toBe(0);

    const stored = (
      await t.app.db.execute(sql`select scope_id::text as scope_id, campaign_id::text as campaign_id,
          day::text as day, sketch from scope_daily_reach where business_id = ${business.id} order by day, scope_id`)
    ).rows as { scope_id: string; campaign_id: string | null; day: string; sketch: Buffer }[];
    expect(stored).toHaveLength(6);
    for (const row of stored) {
      const members = ads.filter((ad) => row.campaign_id === null || ad.campaignId === row.campaign_id);
      expect(row.scope_id).toBe(row.campaign_id ?? business.id);
      expect(await countOf([row.sketch])).toBe(
        await countOf(await Promise.all(members.map((ad) => sketchOf(t.app.redis, ad.viewers)))),
      );
    }
    const businessDay = stored.find((row) => row.campaign_id === null) as { sketch: Buffer };
    expect(Math.abs((await countOf([businessDay.sketch])) - 900)).toBeLessThan(18);
  });
});
