import { randomUUID } from "node:crypto";
import { createDb, type DbHandle } from "@sorot/db";
import { createTestDatabase, type TestDatabase } from "@sorot/db/testing";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The daily rollups (per ad and per campaign, on each business's local day) are kept by a
 * statement-level trigger on the hourly rollup. Whatever statements write the hourly rows (multi-row
 * upserts as the tally's, updates moving a row to another hour, deletes), the daily tables must
 * hold what ad_daily_stats_rebuild computes from the hourly rows from scratch.
 */
let database: TestDatabase;
let handle: DbHandle;
const ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"];
const ads: { adId: string; campaignId: string; businessId: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url, { maxConnections: 2 });
  for (const [index, timeZone] of ZONES.entries()) {
    const businessId = randomUUID();
    await handle.db.execute(
      sql`insert into businesses (id, name, time_zone) values (${businessId}, ${`Warung ${index}`}, ${timeZone})`,
    );
    // Two campaigns of one ad each and a second ad in the first, so a campaign's day sums ads.
    const campaigns = [randomUUID(), randomUUID()];
    for (const campaignId of campaigns) {
      await handle.db.execute(sql`
        insert into campaigns (id, business_id, name, objective, status, budget_type, budget_micros,
          billing_event, bid_micros, targeting)
        values (${campaignId}, ${businessId}, 'Kampanye', 'traffic', 'active', 'daily', 1000000000, 'cpm',
          20000000, '{}'::jsonb)`);
    }
    for (const campaignId of [...campaigns, campaigns[0] as string]) {
      const adId = randomUUID();
      await handle.db.execute(
        sql`insert into ads (id, campaign_id, business_id, name) values (${adId}, ${campaignId}, ${businessId}, 'Iklan')`,
      );
      ads.push({ adId, campaignId, businessId });
    }
  }
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

/** Hours around two local midnights of all three zones, so rows fall on either side of a day. */
const START = Date.parse("2026-12-06T12:00:00Z");
const hourOf = (offset: number) => new Date(START + offset * 3_600_000).toISOString();

const counters = fc.record({
  impressions: fc.integer({ min: 0, max: 50 }),
  clicks: fc.integer({ min: 0, max: 5 }),
  invalid: fc.integer({ min: 0, max: 3 }),
  spend: fc.bigInt({ min: 0n, max: 900_000_000n }),
});
const upsert = fc.record({
  kind: fc.constant("upsert" as const),
  rows: fc.uniqueArray(fc.record({ ad: fc.nat({ max: 8 }), hour: fc.nat({ max: 30 }), counts: counters }), {
    minLength: 1,
    maxLength: 12,
    selector: (row) => `${row.ad}|${row.hour}`,
  }),
});
const statement = fc.oneof(
  upsert,
  fc.record({
    kind: fc.constant("move" as const),
    ad: fc.nat({ max: 8 }),
    hour: fc.nat({ max: 30 }),
    to: fc.nat({ max: 30 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), ad: fc.nat({ max: 8 }), hour: fc.nat({ max: 30 }) }),
);

type StatementOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

async function run(step: StatementOf<typeof statement>) {
  const db = handle.db;
  if (step.kind === "upsert") {
    const rows = step.rows.map(({ ad, hour, counts }) => ({
      ...(ads[ad] as (typeof ads)[number]),
      hour: hourOf(hour),
      impressions: counts.impressions,
      clicks: counts.clicks,
      invalid: counts.invalid,
      spend: counts.spend.toString(),
    }));
    await db.execute(sql`
      insert into ad_hourly_stats as h (ad_id, hour, campaign_id, business_id, impressions, clicks,
        invalid_events, spend_micros)
      select "adId", hour, "campaignId", "businessId", impressions, clicks, invalid, spend
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("adId" uuid, hour timestamptz,
        "campaignId" uuid, "businessId" uuid, impressions bigint, clicks bigint, invalid bigint, spend bigint)
      on conflict (ad_id, hour) do update set
        impressions = h.impressions + excluded.impressions, clicks = h.clicks + excluded.clicks,
        invalid_events = h.invalid_events + excluded.invalid_events,
        spend_micros = h.spend_micros + excluded.spend_micros`);
  } else if (step.kind === "move") {
    // A row moved to another hour, maybe another local day: its old day loses what the new one gains.
    const { adId } = ads[step.ad] as (typeof ads)[number];
    await db.execute(sql`
      update ad_hourly_stats set hour = ${hourOf(step.to)}
      where ad_id = ${adId} and hour = ${hourOf(step.hour)}
        and not exists (select 1 from ad_hourly_stats where ad_id = ${adId} and hour = ${hourOf(step.to)})`);
  } else {
    const { adId } = ads[step.ad] as (typeof ads)[number];
    await db.execute(sql`delete from ad_hourly_stats where ad_id = ${adId} and hour = ${hourOf(step.hour)}`);
  }
}

const COUNTERS = sql.raw(`impressions::text, clicks::text, video_starts::text, video_q25::text,
  video_q50::text, video_q75::text, video_completes::text, conversions::text, invalid_events::text,
  spend_micros::text`);
const NON_ZERO = sql.raw(`(impressions, clicks, video_starts, video_q25, video_q50, video_q75,
  video_completes, conversions, invalid_events, spend_micros) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`);

/** The daily rows with anything in them (a day emptied by deletes keeps a row of zeros). */
async function dailyRows(db: DbHandle["db"]) {
  const byAd = await db.execute(sql`
    select ad_id::text, day::text, campaign_id::text, business_id::text, ${COUNTERS}
    from ad_daily_stats where ${NON_ZERO} order by ad_id, day`);
  const byCampaign = await db.execute(sql`
    select campaign_id::text, day::text, business_id::text, ${COUNTERS}
    from campaign_daily_stats where ${NON_ZERO} order by campaign_id, day`);
  return { byAd: byAd.rows, byCampaign: byCampaign.rows };
}

describe("daily rollups kept from the hourly rollup", () => {
  it("equal the hourly rows summed by local day after any sequence of statements", async () => {
    await fc.assert(
      fc.asyncProperty(upsert, fc.array(statement, { maxLength: 8 }), async (first, steps) => {
        await handle.db.execute(sql`truncate ad_hourly_stats, ad_daily_stats, campaign_daily_stats`);
        for (const step of [first, ...steps]) await run(step);
        const kept = await dailyRows(handle.db);
        await handle.db.execute(sql`select ad_daily_stats_rebuild(null)`);
        expect(kept).toEqual(await dailyRows(handle.db));
      }),
      { numRuns: 40 },
    );
  });
});
