import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import {
  adHourlyStats,
  ads,
  adVersions,
  assets,
  businesses,
  campaigns,
  scopeDailyReach,
} from "../schema/index.js";
import { uuidArray } from "./params.js";

/**
 * What the decision index holds: each approved, live ad of an active campaign of a business in
 * good standing; all of them, or those of some campaigns or of one business (a change message's).
 */
export async function loadDeliverableAds(
  db: DbOrTx,
  scope: { campaignIds?: string[]; businessId?: string } = {},
) {
  return db
    .select({
      campaign: {
        id: campaigns.id,
        name: campaigns.name,
        objective: campaigns.objective,
        status: campaigns.status,
        budgetType: campaigns.budgetType,
        budgetMicros: campaigns.budgetMicros,
        startAt: campaigns.startAt,
        endAt: campaigns.endAt,
        dayparting: campaigns.dayparting,
        closures: campaigns.closures,
        billingEvent: campaigns.billingEvent,
        bidStrategy: campaigns.bidStrategy,
        bidMicros: campaigns.bidMicros,
        pacing: campaigns.pacing,
        targeting: campaigns.targeting,
      },
      business: { id: businesses.id, name: businesses.name, timeZone: businesses.timeZone },
      ad: { id: ads.id, version: adVersions.version },
      content: {
        headline: adVersions.headline,
        text: adVersions.text,
        callToAction: adVersions.callToAction,
        landingUrl: adVersions.landingUrl,
      },
      asset: {
        id: assets.id,
        kind: assets.kind,
        width: assets.width,
        height: assets.height,
        durationMs: assets.durationMs,
        mimeType: assets.mimeType,
        bytes: assets.bytes,
      },
    })
    .from(campaigns)
    .innerJoin(businesses, eq(businesses.id, campaigns.businessId))
    .innerJoin(ads, and(eq(ads.campaignId, campaigns.id), isNull(ads.archivedAt)))
    .innerJoin(adVersions, and(eq(adVersions.adId, ads.id), eq(adVersions.version, ads.approvedVersion)))
    .innerJoin(assets, eq(assets.id, adVersions.assetId))
    .where(
      and(
        eq(campaigns.status, "active"),
        eq(businesses.status, "active"),
        scope.campaignIds ? inArray(campaigns.id, scope.campaignIds) : undefined,
        scope.businessId ? eq(campaigns.businessId, scope.businessId) : undefined,
      ),
    );
}

export type DeliverableAd = Awaited<ReturnType<typeof loadDeliverableAds>>[number];

/** Lifetime impressions and clicks per ad, for the smoothed click-through rate that ranks CPC bids. */
export async function adTotals(db: DbOrTx, adIds: string[]) {
  if (adIds.length === 0) return new Map<string, { impressions: bigint; clicks: bigint }>();
  const rows = await db
    .select({
      adId: adHourlyStats.adId,
      impressions: sql<string>`sum(${adHourlyStats.impressions})`,
      clicks: sql<string>`sum(${adHourlyStats.clicks})`,
    })
    .from(adHourlyStats)
    .where(sql`${adHourlyStats.adId} = any(${uuidArray(adIds)})`)
    .groupBy(adHourlyStats.adId);
  return new Map(
    rows.map((row) => [row.adId, { impressions: BigInt(row.impressions), clicks: BigInt(row.clicks) }]),
  );
}

export interface TallyEvent {
  eventId: string;
  type: "impression" | "click" | "video_start" | "q25" | "q50" | "q75" | "complete" | "conversion";
  occurredAt: string;
  businessId: string;
  campaignId: string;
  adId: string;
  adVersion: number;
  viewerId: string;
  placementId: string;
  province: string | null;
  city: string | null;
  ageBand: string | null;
  gender: string | null;
  device: string | null;
  language: string | null;
  invalidReason: string | null;
  localDate: string;
  costMicros: string;
}

const knownPartitions = new Set<string>();
const DUPLICATE_TABLE = "42P07";
const UNIQUE_VIOLATION = "23505";

/** Daily partitions are made ahead by a job; this covers a batch that arrives first (a new day, a late event). */
export async function ensureEventPartitions(db: DbOrTx, events: TallyEvent[]): Promise<void> {
  const days = new Set(events.map((event) => event.occurredAt.slice(0, 10)));
  for (const day of days) {
    if (knownPartitions.has(day)) continue;
    try {
      await db.execute(sql`select ensure_delivery_events_partition(${day}::date)`);
    } catch (error) {
      // Two tallies meeting a new day at once both find no partition and both create it: for the
      // one that loses (duplicate table, or its row type), the partition now exists all the same.
      const { code } = ((error as { cause?: unknown }).cause ?? error) as { code?: string };
      if (code !== DUPLICATE_TABLE && code !== UNIQUE_VIOLATION) throw error;
    }
    knownPartitions.add(day);
  }
}

/** What each of these events was billed when it was written, for those already written. */
export async function writtenEventCosts(
  db: DbOrTx,
  events: Pick<TallyEvent, "eventId" | "occurredAt">[],
): Promise<Map<string, bigint>> {
  if (events.length === 0) return new Map();
  // The batch's time span as constants lets PostgreSQL look in the one or two daily partitions it
  // covers instead of probing every partition's key for every id; the ids travel as one JSON
  // parameter rather than thousands of bound ones, as in insertEventBatch.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const instant = Date.parse(event.occurredAt);
    first = Math.min(first, instant);
    last = Math.max(last, instant);
  }
  const from = new Date(first).toISOString();
  const to = new Date(last).toISOString();
  const ids = JSON.stringify(events.map((event) => event.eventId));
  const result = await db.execute(sql`
    select event_id, cost_micros::text as cost_micros from delivery_events
    where occurred_at between ${from}::timestamptz and ${to}::timestamptz
      and event_id in (select jsonb_array_elements_text(${ids}::jsonb))`);
  return new Map(result.rows.map((row) => [String(row.event_id), BigInt(String(row.cost_micros))]));
}

/**
 * Writes a batch of accepted events in one statement: raw rows (skipping any already written,
 * whatever retries happened), then hourly and daily-by-dimension rollups of exactly the rows this
 * statement inserted, in the caller's transaction. Returns the new events, so the caller bills
 * exactly those.
 *
 * The batch travels as one JSON parameter and PostgreSQL does the grouping: building thousands of
 * rows through the query builder cost more CPU than PostgreSQL spent storing them.
 */
export async function insertEventBatch(db: DbOrTx, events: TallyEvent[]): Promise<TallyEvent[]> {
  if (events.length === 0) return [];
  const batch = JSON.stringify(events);
  const result = await db.execute(sql`
    with batch as (
      select * from jsonb_to_recordset(${batch}::jsonb) as e(
        "eventId" text, "occurredAt" timestamptz, type text, "businessId" uuid, "campaignId" uuid,
        "adId" uuid, "adVersion" integer, "viewerId" text, "placementId" text, province text,
        city text, "ageBand" text, gender text, device text, language text, "invalidReason" text,
        "localDate" date, "costMicros" bigint)
    ),
    fresh as (
      insert into delivery_events (event_id, occurred_at, type, business_id, campaign_id, ad_id,
        ad_version, viewer_id, placement_id, province, city, age_band, gender, device, language,
        invalid_reason, cost_micros)
      select "eventId", "occurredAt", type, "businessId", "campaignId", "adId", "adVersion",
        "viewerId", "placementId", province, city, "ageBand", gender, device, language,
        "invalidReason", "costMicros"
      from batch
      on conflict do nothing
      returning event_id, occurred_at
    ),
    written as (
      select b.* from batch b join fresh f on f.event_id = b."eventId" and f.occurred_at = b."occurredAt"
    ),
    hourly as (
      insert into ad_hourly_stats as h (ad_id, hour, campaign_id, business_id, impressions, clicks,
        video_starts, video_q25, video_q50, video_q75, video_completes, conversions, invalid_events,
        spend_micros)
      select "adId", date_trunc('hour', "occurredAt", 'UTC'), "campaignId", "businessId",
        count(*) filter (where "invalidReason" is null and type = 'impression'),
        count(*) filter (where "invalidReason" is null and type = 'click'),
        count(*) filter (where "invalidReason" is null and type = 'video_start'),
        count(*) filter (where "invalidReason" is null and type = 'q25'),
        count(*) filter (where "invalidReason" is null and type = 'q50'),
        count(*) filter (where "invalidReason" is null and type = 'q75'),
        count(*) filter (where "invalidReason" is null and type = 'complete'),
        count(*) filter (where "invalidReason" is null and type = 'conversion'),
        count(*) filter (where "invalidReason" is not null),
        sum("costMicros")
      from written
      group by "adId", date_trunc('hour', "occurredAt", 'UTC'), "campaignId", "businessId"
      on conflict (ad_id, hour) do update set
        impressions = h.impressions + excluded.impressions,
        clicks = h.clicks + excluded.clicks,
        video_starts = h.video_starts + excluded.video_starts,
        video_q25 = h.video_q25 + excluded.video_q25,
        video_q50 = h.video_q50 + excluded.video_q50,
        video_q75 = h.video_q75 + excluded.video_q75,
        video_completes = h.video_completes + excluded.video_completes,
        conversions = h.conversions + excluded.conversions,
        invalid_events = h.invalid_events + excluded.invalid_events,
        spend_micros = h.spend_micros + excluded.spend_micros
    ),
    by_dimension as (
      insert into ad_daily_dimension_stats as d (ad_id, day, dimension, value, campaign_id,
        business_id, impressions, clicks, conversions, video_completes, spend_micros)
      select w."adId", w."localDate", v.dimension, coalesce(v.value, 'unknown'), w."campaignId",
        w."businessId",
        count(*) filter (where w.type = 'impression'),
        count(*) filter (where w.type = 'click'),
        count(*) filter (where w.type = 'conversion'),
        count(*) filter (where w.type = 'complete'),
        sum(w."costMicros")
      from written w
      cross join lateral (values ('age', w."ageBand"), ('gender', w.gender),
        ('province', w.province), ('device', w.device)) as v(dimension, value)
      where w."invalidReason" is null
      group by w."adId", w."localDate", v.dimension, coalesce(v.value, 'unknown'), w."campaignId",
        w."businessId"
      on conflict (ad_id, day, dimension, value) do update set
        impressions = d.impressions + excluded.impressions,
        clicks = d.clicks + excluded.clicks,
        conversions = d.conversions + excluded.conversions,
        video_completes = d.video_completes + excluded.video_completes,
        spend_micros = d.spend_micros + excluded.spend_micros
    )
    select event_id from fresh`);
  const fresh = new Set(result.rows.map((row) => String(row.event_id)));
  return events.filter((event) => fresh.has(event.eventId));
}

/**
 * Whose viewers a day sketch counts: one ad, one campaign, or the whole business. Ids are random
 * UUIDs, so an ad's, a campaign's and a business's never meet and `scopeId` alone names a sketch.
 */
export type ReachLevel = "ad" | "campaign" | "business";

export interface DaySketch {
  level: ReachLevel;
  scopeId: string;
  day: string;
  campaignId: string;
  businessId: string;
  /** Redis's HyperLogLog encoding. */
  sketch: Buffer;
}

/** The stored sketches of these (scope, local day) pairs, whatever their level. */
export async function reachSketchesOf(
  db: DbOrTx,
  pairs: { scopeId: string; day: string }[],
): Promise<{ scopeId: string; day: string; sketch: Buffer }[]> {
  if (pairs.length === 0) return [];
  const result = await db.execute(sql`
    with p as (select * from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p("scopeId" uuid, day date))
    select r.ad_id::text as scope_id, r.day::text as day, r.sketch
    from ad_daily_reach r join p on r.ad_id = p."scopeId" and r.day = p.day
    union all
    select s.scope_id::text, s.day::text, s.sketch
    from scope_daily_reach s join p on s.scope_id = p."scopeId" and s.day = p.day`);
  return result.rows.map((row) => ({
    scopeId: String(row.scope_id),
    day: String(row.day),
    sketch: row.sketch as Buffer,
  }));
}

/**
 * Stores day sketches whole, each in its level's table, in one statement: a batch with thousands
 * of paying businesses carries three sketches each, and the set travels as one JSON parameter
 * (each sketch in base64, decoded back to bytes by PostgreSQL).
 */
export async function upsertReachSketches(db: DbOrTx, sketches: DaySketch[]): Promise<void> {
  if (sketches.length === 0) return;
  const rows = sketches.map((sketch) => ({ ...sketch, sketch: sketch.sketch.toString("base64") }));
  await db.execute(sql`
    with s as (
      select level, "scopeId", day, "campaignId", "businessId", decode(sketch, 'base64') as sketch
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as s(level text, "scopeId" uuid,
        day date, "campaignId" uuid, "businessId" uuid, sketch text)
    ),
    ads as (
      insert into ad_daily_reach (ad_id, day, campaign_id, business_id, sketch)
      select "scopeId", day, "campaignId", "businessId", sketch from s where level = 'ad'
      on conflict (ad_id, day) do update set sketch = excluded.sketch
    )
    insert into scope_daily_reach (scope_id, day, campaign_id, business_id, sketch)
    select "scopeId", day, case when level = 'campaign' then "campaignId" end, "businessId", sketch
    from s where level <> 'ad'
    on conflict (scope_id, day) do update set sketch = excluded.sketch`);
}

/**
 * Campaign and business days that have per-ad sketches but no sketch of their own (days tallied
 * before these were kept), up to `limit` of them, with the per-ad sketches to merge for each.
 */
export async function scopeDaysToBackfill(
  db: DbOrTx,
  limit: number,
): Promise<
  {
    level: "campaign" | "business";
    scopeId: string;
    campaignId: string | null;
    businessId: string;
    day: string;
    sketches: Buffer[];
  }[]
> {
  const result = await db.execute(sql`
    with missing as (
      select 'campaign' as level, r.campaign_id as scope_id, r.campaign_id, r.business_id, r.day
      from ad_daily_reach r
      where not exists (select 1 from scope_daily_reach s where s.scope_id = r.campaign_id and s.day = r.day)
      group by r.campaign_id, r.business_id, r.day
      union all
      select 'business', r.business_id, null, r.business_id, r.day
      from ad_daily_reach r
      where not exists (select 1 from scope_daily_reach s where s.scope_id = r.business_id and s.day = r.day)
      group by r.business_id, r.day
      order by 5, 2
      limit ${limit}
    )
    select m.level, m.scope_id::text as scope_id, m.campaign_id::text as campaign_id,
      m.business_id::text as business_id, m.day::text as day, array_agg(r.sketch) as sketches
    from missing m
    join ad_daily_reach r on r.day = m.day
      and (case when m.level = 'campaign' then r.campaign_id else r.business_id end) = m.scope_id
    group by m.level, m.scope_id, m.campaign_id, m.business_id, m.day`);
  return result.rows.map((row) => ({
    level: row.level as "campaign" | "business",
    scopeId: String(row.scope_id),
    campaignId: row.campaign_id == null ? null : String(row.campaign_id),
    businessId: String(row.business_id),
    day: String(row.day),
    sketches: row.sketches as Buffer[],
  }));
}

/** Writes backfilled sketches, leaving any the tally wrote meanwhile: those hold the newer union. */
export async function insertMissingScopeSketches(
  db: DbOrTx,
  rows: { scopeId: string; day: string; campaignId: string | null; businessId: string; sketch: Buffer }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(scopeDailyReach).values(rows).onConflictDoNothing();
}

/**
 * Of these campaigns, those still delivering: active, of a business in good standing. A reservation
 * of any other has no delivery left to wait for, so the release job ends it.
 */
export async function deliveringCampaignIds(
  db: DbOrTx,
  campaignIds: readonly string[],
): Promise<Set<string>> {
  if (campaignIds.length === 0) return new Set();
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .innerJoin(businesses, eq(businesses.id, campaigns.businessId))
    .where(
      and(
        inArray(campaigns.id, [...campaignIds]),
        eq(campaigns.status, "active"),
        eq(businesses.status, "active"),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

/** Businesses whose campaigns may hold reservations: the release job visits their expiry sets. */
export async function deliveringBusinessIds(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ businessId: campaigns.businessId })
    .from(campaigns)
    .where(inArray(campaigns.status, ["active", "paused", "out_of_budget", "out_of_funds", "completed"]));
  return rows.map((row) => row.businessId);
}
