import { randomUUID } from "node:crypto";
import {
  addLocalDays,
  coverWithBlocks,
  datesInRange,
  denseHll,
  hllRegisters,
  mergeHllInto,
  reachBlockEnd,
  startOfLocalDate,
  unionHll,
} from "@sorot/core";
import { insertBusiness, type ReportScope, reachSketches, upsertReachSketches } from "@sorot/db";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type ReachRows, reportReach } from "../apps/api/src/modules/reports/reach.js";
import { useTestApp } from "../apps/api/test/helpers.js";
import { buildReachBlocks } from "../apps/worker/src/reach-blocks.js";
import { sketchOf, viewers } from "./sketches.js";

const t = useTestApp();

describe("HyperLogLog merged by the api", () => {
  it("gives the registers and count Redis's PFMERGE gives, from sparse and dense sketches stored as bytes", async () => {
    // 1, 40 and 700 viewers apart, then v3000–v5999 and v4000–v23999 overlapping: 21,741 in all.
    const sizes = [1, 40, 700, 3_000, 20_000];
    const sketches = await Promise.all(
      sizes.map((size, n) => sketchOf(t.app.redis, viewers(n * 1_000, n * 1_000 + size))),
    );
    const encodings = sketches.map((sketch) => sketch[4]);
    expect(encodings).toContain(0);
    expect(encodings).toContain(1);
    // Through the tally's write and the report's binary read: the bytes come back unchanged.
    const business = await insertBusiness(t.app.db, { name: "bytes" });
    const campaignId = randomUUID();
    const days = sizes.map((_, n) => addLocalDays("2026-11-01", n));
    await upsertReachSketches(
      t.app.db,
      sketches.map((sketch, n) => ({
        level: "ad" as const,
        scopeId: randomUUID(),
        day: days[n] as string,
        campaignId,
        businessId: business.id,
        sketch,
      })),
    );
    const scope = { businessId: business.id, from: days[0] as string, to: days.at(-1) as string };
    const stored = (await reachSketches(t.app.db, scope as ReportScope, "ad")).sort((a, b) =>
      a.day.localeCompare(b.day),
    );
    expect(stored.map((row) => row.sketch.equals(sketches[days.indexOf(row.day)] as Buffer))).toEqual(
      sizes.map(() => true),
    );
    const registers = hllRegisters();
    for (const row of stored) mergeHllInto(registers, row.sketch);
    const keys = sketches.map((_, n) => `merge-check:${randomUUID()}:${n}`);
    for (const [n, key] of keys.entries()) await t.app.redis.set(key, sketches[n] as Buffer);
    const [byRedis, byApi] = [`merge-check:${randomUUID()}:redis`, `merge-check:${randomUUID()}:api`];
    await t.app.redis.pfmerge(byRedis, ...keys);
    await t.app.redis.set(byApi, Buffer.from(denseHll(registers)));
    const fromRedis = hllRegisters();
    mergeHllInto(fromRedis, (await t.app.redis.getBuffer(byRedis)) as Buffer);
    expect(Buffer.from(fromRedis).equals(registers)).toBe(true);
    expect(await t.app.redis.pfcount(byApi)).toBe(await t.app.redis.pfcount(byRedis));
    expect(Math.abs((await t.app.redis.pfcount(byApi)) - 21_741) / 21_741).toBeLessThan(0.02);
    await t.app.redis.del(...keys, byRedis, byApi);
  });

  it("keeps a union of few viewers sparse, counted as Redis counts its own PFMERGE", async () => {
    const sketches = await Promise.all([
      sketchOf(t.app.redis, viewers(0, 30)),
      sketchOf(t.app.redis, viewers(20, 90)),
    ]);
    const union = Buffer.from(unionHll(sketches));
    expect(union[4]).toBe(1);
    const keys = sketches.map((_, n) => `merge-check:${randomUUID()}:${n}`);
    for (const [n, key] of keys.entries()) await t.app.redis.set(key, sketches[n] as Buffer);
    const [byRedis, byWorker] = [`merge-check:${randomUUID()}:redis`, `merge-check:${randomUUID()}:worker`];
    await t.app.redis.pfmerge(byRedis, ...keys);
    await t.app.redis.set(byWorker, union);
    expect(await t.app.redis.pfcount(byWorker)).toBe(await t.app.redis.pfcount(byRedis));
    // Redis adds to it as to its own sparse sketch.
    await t.app.redis.pfadd(byWorker, "v500");
    await t.app.redis.pfadd(byRedis, "v500");
    expect(await t.app.redis.pfcount(byWorker)).toBe(await t.app.redis.pfcount(byRedis));
    await t.app.redis.del(...keys, byRedis, byWorker);
  });
});

describe("reach blocks", () => {
  it("cover long ranges with the same reach as the day sketches, and stop counting once a day changes", async () => {
    const business = await insertBusiness(t.app.db, { name: "blocks" });
    const campaigns = [randomUUID(), randomUUID()];
    const ads = [
      { adId: randomUUID(), campaignId: campaigns[0] as string },
      { adId: randomUUID(), campaignId: campaigns[0] as string },
      { adId: randomUUID(), campaignId: campaigns[1] as string },
    ];
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const to = addLocalDays(today, -5);
    const from = addLocalDays(to, -24);
    const days = datesInRange({ from, to });
    // Each ad-day reaches its own slice of a shared crowd, so viewers return across days and ads.
    const slice = (ad: number, day: number) =>
      viewers((ad * 7 + day * 13) * 10, (ad * 7 + day * 13) * 10 + 120);
    for (const [d, day] of days.entries()) {
      for (const [a, ad] of ads.entries()) {
        await t.app.db.execute(sql`insert into ad_daily_reach (ad_id, day, campaign_id, business_id, sketch)
          values (${ad.adId}, ${day}, ${ad.campaignId}, ${business.id}, ${await sketchOf(t.app.redis, slice(a, d))})`);
      }
      for (const campaignId of campaigns) {
        const members = ads.flatMap((ad, a) => (ad.campaignId === campaignId ? slice(a, d) : []));
        await t.app.db.execute(sql`insert into scope_daily_reach (scope_id, day, campaign_id, business_id, sketch)
          values (${campaignId}, ${day}, ${campaignId}, ${business.id}, ${await sketchOf(t.app.redis, members)})`);
      }
    }
    const scope: ReportScope = {
      businessId: business.id,
      timeZone: "Asia/Jakarta",
      from,
      to,
      startAt: startOfLocalDate(from, "Asia/Jakarta"),
      endAt: startOfLocalDate(addLocalDays(to, 1), "Asia/Jakarta"),
    };
    /** A report's reach with an empty merge cache, as a fresh api instance sees it. */
    const cold = async (rows: ReachRows) => {
      const kept = await t.app.redis.keys(`${t.app.config.redisPrefix}reports:reach:*`);
      const prefix = t.app.config.redisPrefix;
      if (kept.length > 0) await t.app.redis.del(...kept.map((key) => key.slice(prefix.length)));
      return reportReach(t.app.db, t.app.redis, scope, rows, today);
    };
    const byCampaign = await cold("campaign");
    const byAd = await cold("ad");
    expect(byCampaign.rows.size).toBe(2);
    expect(byAd.rows.size).toBe(3);

    const built = await buildReachBlocks(t.app.db, now);
    expect(built).toBeGreaterThan(0);
    expect(await buildReachBlocks(t.app.db, now)).toBe(0);
    expect(await cold("campaign")).toEqual(byCampaign);
    expect(await cold("ad")).toEqual(byAd);

    // The report reads the blocks: without the campaigns' day sketches they cover, nothing changes.
    const { blocks } = coverWithBlocks(from, to, () => true);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      await t.app.db.execute(sql`delete from scope_daily_reach where business_id = ${business.id}
        and day between ${block.start}::date and ${reachBlockEnd(block)}::date`);
    }
    expect(await cold("campaign")).toEqual(byCampaign);

    // New viewers on a day inside a block (its version rises): that block is no longer used.
    const first = ads[0] as (typeof ads)[number];
    const changedDay = (blocks[0] as (typeof blocks)[number]).start;
    await t.app.db.execute(sql`update ad_daily_reach set sketch = ${await sketchOf(t.app.redis, [...slice(0, days.indexOf(changedDay)), ...viewers(90_000, 90_500)])}
      where ad_id = ${first.adId} and day = ${changedDay}`);
    const changed = await cold("ad");
    expect(Number(changed.rows.get(first.adId))).toBeGreaterThan(Number(byAd.rows.get(first.adId)) + 400);
    expect(changed.rows.get(ads[2]?.adId as string)).toBe(byAd.rows.get(ads[2]?.adId as string));
    expect(await buildReachBlocks(t.app.db, now)).toBeGreaterThan(0);
    expect(await cold("ad")).toEqual(changed);
  }, 120_000);
});
