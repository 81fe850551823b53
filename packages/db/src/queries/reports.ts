import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import type { ReachLevel } from "./delivery.js";

/**
 * Report reads. Every figure comes from the rollups the tally writes (hourly per ad, daily per ad
 * and viewer dimension, daily reach sketches per ad, campaign and business); raw delivery events are never read here.
 */

/** The counters every rollup row adds up, as summed by PostgreSQL (bigint in, bigint out). */
export interface ReportCounters {
  impressions: bigint;
  clicks: bigint;
  videoStarts: bigint;
  videoQ25: bigint;
  videoQ50: bigint;
  videoQ75: bigint;
  videoCompletes: bigint;
  conversions: bigint;
  invalidEvents: bigint;
  spendMicros: bigint;
}

export const REPORT_DIMENSIONS = ["age", "gender", "province", "device"] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
export type ReportTimeBucket = "hour" | "day" | "week";

/** What a report covers: one business, whole local days, optionally one campaign or one ad. */
export interface ReportScope {
  businessId: string;
  timeZone: string;
  /** First and last local day, inclusive ("YYYY-MM-DD"). */
  from: string;
  to: string;
  /** First instant of `from` and of the day after `to`, in the business's zone. */
  startAt: Date;
  endAt: Date;
  campaignId?: string;
  adId?: string;
}

/** One aggregated row: `key` is the time bucket or the group, `campaignId` the campaign it sums. */
export interface ReportCounterRow extends ReportCounters {
  key: string;
  campaignId: string | null;
}

export interface DimensionCounterRow {
  key: string;
  impressions: bigint;
  clicks: bigint;
  videoCompletes: bigint;
  conversions: bigint;
  spendMicros: bigint;
}

type RawRow = Record<string, unknown>;

const COUNTER_COLUMNS = {
  impressions: "impressions",
  clicks: "clicks",
  videoStarts: "video_starts",
  videoQ25: "video_q25",
  videoQ50: "video_q50",
  videoQ75: "video_q75",
  videoCompletes: "video_completes",
  conversions: "conversions",
  invalidEvents: "invalid_events",
  spendMicros: "spend_micros",
} as const satisfies Record<keyof ReportCounters, string>;

/** `sum(x)::text as "x"` for each counter: text, so 64-bit sums reach JS exactly. */
function counterSums(alias: string): SQL {
  return sql.raw(
    Object.entries(COUNTER_COLUMNS)
      .map(([key, column]) => `coalesce(sum(${alias}.${column}), 0)::text as "${key}"`)
      .join(", "),
  );
}

function countersOf(row: RawRow): ReportCounters {
  const counters = {} as ReportCounters;
  for (const key of Object.keys(COUNTER_COLUMNS) as (keyof ReportCounters)[]) {
    counters[key] = BigInt(String(row[key] ?? "0"));
  }
  return counters;
}

function filters(alias: string, scope: Pick<ReportScope, "campaignId" | "adId">): SQL {
  const parts: SQL[] = [];
  if (scope.campaignId) parts.push(sql` and ${sql.raw(alias)}.campaign_id = ${scope.campaignId}`);
  if (scope.adId) parts.push(sql` and ${sql.raw(alias)}.ad_id = ${scope.adId}`);
  return sql.join(parts, sql``);
}

async function rowsOf(db: DbOrTx, query: SQL): Promise<RawRow[]> {
  const result = await db.execute(query);
  return result.rows as RawRow[];
}

/**
 * The daily rollups hold the hourly rollup summed by the business's local day (kept by triggers on
 * the hourly rollup), so reports over weeks and months read one row per day instead of 24: per
 * campaign when the report needs no ad, else per ad.
 */
function dailySource(scope: ReportScope, needsAds: boolean): { table: SQL; where: SQL } {
  const perAd = needsAds || Boolean(scope.adId);
  return {
    table: sql.raw(perAd ? "ad_daily_stats d" : "campaign_daily_stats d"),
    where: sql`d.business_id = ${scope.businessId} and d.day between ${scope.from}::date and ${scope.to}::date${filters("d", scope)}`,
  };
}

/**
 * Time-bucketed rows and per-campaign rows of the scope in one pass over a daily rollup (GROUPING
 * SETS): the buckets make the rows, the campaigns give the totals and the objectives. `day` and
 * `week` only; `hour` reads the hourly rollup ({@link hourlyRows}).
 */
export async function timeAndCampaignRows(
  db: DbOrTx,
  scope: ReportScope,
  bucket: "day" | "week",
): Promise<{ buckets: ReportCounterRow[]; campaigns: ReportCounterRow[] }> {
  const bucketExpression = sql.raw(bucket === "day" ? "d.day" : "date_trunc('week', d.day)::date");
  const source = dailySource(scope, false);
  const rows = await rowsOf(
    db,
    sql`select ${bucketExpression}::text as bucket, d.campaign_id::text as campaign_id,
          grouping(${bucketExpression}) as by_campaign, ${counterSums("d")}
        from ${source.table}
        where ${source.where}
        group by grouping sets ((${bucketExpression}), (d.campaign_id))`,
  );
  return splitBuckets(rows);
}

function splitBuckets(rows: RawRow[]): { buckets: ReportCounterRow[]; campaigns: ReportCounterRow[] } {
  const buckets: ReportCounterRow[] = [];
  const campaigns: ReportCounterRow[] = [];
  for (const row of rows) {
    if (Number(row.by_campaign) === 1) {
      campaigns.push({
        key: String(row.campaign_id),
        campaignId: String(row.campaign_id),
        ...countersOf(row),
      });
    } else {
      buckets.push({ key: String(row.bucket), campaignId: null, ...countersOf(row) });
    }
  }
  buckets.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { buckets, campaigns };
}

/** Rows per campaign, or per ad (campaignId null: reportAds has it), over the scope, from a daily rollup. */
export async function groupRows(
  db: DbOrTx,
  scope: ReportScope,
  groupBy: "campaign" | "ad",
): Promise<ReportCounterRow[]> {
  const source = dailySource(scope, groupBy === "ad");
  const rows = await rowsOf(
    db,
    groupBy === "campaign"
      ? sql`select d.campaign_id::text as key, d.campaign_id::text as campaign_id, ${counterSums("d")}
            from ${source.table} where ${source.where} group by d.campaign_id`
      : // By ad alone: a single hash key keeps the aggregate in memory (grouping by ad and campaign
        // made the planner sort 36,000 wide rows on disk); each ad's campaign comes from reportAds.
        sql`select d.ad_id::text as key, null as campaign_id, ${counterSums("d")}
            from ${source.table} where ${source.where} group by d.ad_id`,
  );
  return rows.map((row) => ({
    key: String(row.key),
    campaignId: row.campaign_id == null ? null : String(row.campaign_id),
    ...countersOf(row),
  }));
}

/**
 * Hourly rows (key: the hour's start as ISO-8601 UTC) and per-campaign rows of the scope, from the
 * hourly rollup. Indonesia's zones are whole hours off UTC, so local days are whole UTC hours.
 */
export async function hourlyRows(
  db: DbOrTx,
  scope: ReportScope,
): Promise<{ buckets: ReportCounterRow[]; campaigns: ReportCounterRow[] }> {
  const rows = await rowsOf(
    db,
    sql`select to_char(h.hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"') as bucket,
          h.campaign_id::text as campaign_id, grouping(h.hour) as by_campaign, ${counterSums("h")}
        from ad_hourly_stats h
        where h.business_id = ${scope.businessId} and h.hour >= ${scope.startAt.toISOString()}::timestamptz
          and h.hour < ${scope.endAt.toISOString()}::timestamptz${filters("h", scope)}
        group by grouping sets ((h.hour), (h.campaign_id))`,
  );
  return splitBuckets(rows);
}

/**
 * Rows per value of one viewer dimension (age band, gender, province, device), from the daily
 * dimension rollup. That rollup carries impressions, clicks, conversions, completed views and spend
 * only; viewers the placement did not describe are under the value "unknown".
 */
export async function dimensionRows(
  db: DbOrTx,
  scope: ReportScope,
  dimension: ReportDimension,
): Promise<DimensionCounterRow[]> {
  const rows = await rowsOf(
    db,
    sql`select s.value as key, coalesce(sum(s.impressions), 0)::text as impressions,
          coalesce(sum(s.clicks), 0)::text as clicks, coalesce(sum(s.video_completes), 0)::text as video_completes,
          coalesce(sum(s.conversions), 0)::text as conversions, coalesce(sum(s.spend_micros), 0)::text as spend_micros
        from ad_daily_dimension_stats s
        where s.business_id = ${scope.businessId} and s.day between ${scope.from}::date and ${scope.to}::date
          and s.dimension = ${dimension}${filters("s", scope)}
        group by s.value`,
  );
  return rows.map((row) => ({
    key: String(row.key),
    impressions: BigInt(String(row.impressions)),
    clicks: BigInt(String(row.clicks)),
    videoCompletes: BigInt(String(row.video_completes)),
    conversions: BigInt(String(row.conversions)),
    spendMicros: BigInt(String(row.spend_micros)),
  }));
}

/** One stored HyperLogLog sketch (Redis's own encoding) of an ad's, a campaign's or the business's viewers on a local day or block. */
export interface ReachSketchRow {
  /** The ad, campaign or business the sketch counts. */
  scopeId: string;
  campaignId: string | null;
  day: string;
  /** Redis's HyperLogLog encoding. */
  sketch: Buffer;
}

/**
 * The scope's day sketches at one level, on `days` only when given (else every day of the scope):
 * per ad, per campaign (the campaign filter's only), or the business's own.
 */
export async function reachSketches(
  db: DbOrTx,
  scope: ReportScope,
  level: ReachLevel,
  days?: string[],
): Promise<ReachSketchRow[]> {
  if (days?.length === 0) return [];
  return sketchRowsOf(db, daySketchQuery(scope, level, days));
}

/** Where a sketch read looks: the business, its days, and the report's campaign or ad filter. */
export type SketchScope = Pick<ReportScope, "businessId" | "from" | "to" | "campaignId" | "adId">;

export function daySketchQuery(scope: SketchScope, level: ReachLevel, days?: string[]): SQL {
  const dayFilter = days
    ? sql`r.day = any(${`{${days.join(",")}}`}::date[])`
    : sql`r.day between ${scope.from}::date and ${scope.to}::date`;
  return level === "ad"
    ? sql`select r.ad_id::text as scope_id, r.campaign_id::text as campaign_id, r.day::text as day, r.sketch
          from ad_daily_reach r
          where r.business_id = ${scope.businessId} and ${dayFilter}${filters("r", scope)}`
    : level === "campaign"
      ? sql`select r.scope_id::text as scope_id, r.campaign_id::text as campaign_id, r.day::text as day, r.sketch
            from scope_daily_reach r
            where r.business_id = ${scope.businessId} and r.campaign_id is not null and ${dayFilter}${filters("r", scope)}`
      : sql`select r.scope_id::text as scope_id, null as campaign_id, r.day::text as day, r.sketch
            from scope_daily_reach r
            where r.scope_id = ${scope.businessId} and ${dayFilter}`;
}

export async function sketchRowsOf(db: DbOrTx, query: SQL): Promise<ReachSketchRow[]> {
  const rows = await rowsOf(db, query);
  return rows.map((row) => ({
    scopeId: String(row.scope_id),
    campaignId: row.campaign_id == null ? null : String(row.campaign_id),
    day: String(row.day),
    sketch: row.sketch as Buffer,
  }));
}

/**
 * The version of each day of [from, to] that has reach sketches: it changes whenever a sketch of
 * that business and day is written, so a merge of that day's sketches keyed by it is never stale.
 */
export async function reachDayVersions(
  db: DbOrTx,
  businessId: string,
  from: string,
  to: string,
): Promise<Map<string, bigint>> {
  const rows = await rowsOf(
    db,
    sql`select v.day::text as day, v.version::text as version from ad_daily_reach_versions v
        where v.business_id = ${businessId} and v.day between ${from}::date and ${to}::date`,
  );
  return new Map(rows.map((row) => [String(row.day), BigInt(String(row.version))]));
}

export interface ReportCampaignInfo {
  id: string;
  name: string;
  objective: "reach" | "traffic" | "video_views" | "conversions";
}

export interface ReportAdInfo {
  id: string;
  name: string;
  campaignId: string;
  /** Of the version delivering now (else the current one): where the ad's clicks are counted as going. */
  destinationType: "web" | "whatsapp";
}

/** Names and objectives of all the business's campaigns (archived ones too: they have history). */
export async function reportCampaigns(
  db: DbOrTx,
  businessId: string,
): Promise<Map<string, ReportCampaignInfo>> {
  const rows = await rowsOf(
    db,
    sql`select c.id::text as id, c.name, c.objective from campaigns c where c.business_id = ${businessId}`,
  );
  return new Map(
    rows.map((row) => [
      String(row.id),
      {
        id: String(row.id),
        name: String(row.name),
        objective: String(row.objective) as ReportCampaignInfo["objective"],
      },
    ]),
  );
}

/** Names of the business's ads (of one campaign, when given), with their campaigns. */
export async function reportAds(
  db: DbOrTx,
  businessId: string,
  campaignId?: string,
): Promise<Map<string, ReportAdInfo>> {
  const rows = await rowsOf(
    db,
    sql`select a.id::text as id, a.name, a.campaign_id::text as campaign_id, v.destination_type from ads a
        join ad_versions v on v.ad_id = a.id and v.version = coalesce(a.approved_version, a.current_version)
        where a.business_id = ${businessId}${campaignId ? sql` and a.campaign_id = ${campaignId}` : sql``}`,
  );
  return new Map(
    rows.map((row) => [
      String(row.id),
      {
        id: String(row.id),
        name: String(row.name),
        campaignId: String(row.campaign_id),
        destinationType: row.destination_type === "whatsapp" ? "whatsapp" : "web",
      },
    ]),
  );
}
