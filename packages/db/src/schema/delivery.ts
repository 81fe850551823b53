import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { businesses } from "./accounts.js";
import { ads, campaigns } from "./campaigns.js";

const count = (name: string) => bigint(name, { mode: "bigint" }).notNull().default(sql`0`);

/**
 * Redis's HyperLogLog encoding as bytes (bytea, migration 0024; pg reads it as a Buffer), not base64
 * text, which took a third more room and was decoded by every reader.
 */
const hllSketch = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** The counters every delivery rollup keeps (fresh column builders for each table). */
const eventCounters = () => ({
  impressions: count("impressions"),
  clicks: count("clicks"),
  videoStarts: count("video_starts"),
  videoQ25: count("video_q25"),
  videoQ50: count("video_q50"),
  videoQ75: count("video_q75"),
  videoCompletes: count("video_completes"),
  conversions: count("conversions"),
  invalidEvents: count("invalid_events"),
  spendMicros: count("spend_micros"),
});

/**
 * Hourly totals per ad, written by the tally in the same transaction as the ledger spend they
 * explain. Reports and campaign spend read these, never raw events.
 */
export const adHourlyStats = pgTable(
  "ad_hourly_stats",
  {
    adId: uuid("ad_id")
      .notNull()
      .references(() => ads.id, { onDelete: "restrict" }),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "restrict" }),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    ...eventCounters(),
  },
  (t) => [
    primaryKey({ columns: [t.adId, t.hour] }),
    index("ad_hourly_stats_campaign_idx").on(t.campaignId, t.hour),
    index("ad_hourly_stats_business_idx").on(t.businessId, t.hour),
  ],
);

/**
 * Every accepted delivery event, once: the primary key is the event's own id (from its signed
 * token), so a tally batch replayed after a crash inserts nothing twice. Partitioned by day in the
 * migration, so old days can be detached or dropped cheaply.
 */
export const deliveryEvents = pgTable(
  "delivery_events",
  {
    eventId: text("event_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    type: text("type", {
      enum: ["impression", "click", "video_start", "q25", "q50", "q75", "complete", "conversion"],
    }).notNull(),
    businessId: uuid("business_id").notNull(),
    campaignId: uuid("campaign_id").notNull(),
    adId: uuid("ad_id").notNull(),
    adVersion: integer("ad_version").notNull(),
    viewerId: text("viewer_id").notNull(),
    placementId: text("placement_id").notNull(),
    province: text("province"),
    city: text("city"),
    ageBand: text("age_band"),
    gender: text("gender"),
    device: text("device"),
    language: text("language"),
    /** Null when billable; otherwise why it was counted but not charged (bot, no_budget, ...). */
    invalidReason: text("invalid_reason"),
    costMicros: bigint("cost_micros", { mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.occurredAt] }),
    index("delivery_events_ad_idx").on(t.adId, t.occurredAt),
  ],
);

/** Daily totals per ad by one viewer dimension (age, gender, province, device), in the business's local day. */
export const adDailyDimensionStats = pgTable(
  "ad_daily_dimension_stats",
  {
    adId: uuid("ad_id").notNull(),
    day: date("day").notNull(),
    dimension: text("dimension", { enum: ["age", "gender", "province", "device"] }).notNull(),
    value: text("value").notNull(),
    campaignId: uuid("campaign_id").notNull(),
    businessId: uuid("business_id").notNull(),
    impressions: count("impressions"),
    clicks: count("clicks"),
    conversions: count("conversions"),
    videoCompletes: count("video_completes"),
    spendMicros: count("spend_micros"),
  },
  (t) => [primaryKey({ columns: [t.adId, t.day, t.dimension, t.value] })],
);

/** One HyperLogLog sketch of distinct viewers per ad per local day (Redis's own encoding, as bytes), merged for reach. */
export const adDailyReach = pgTable(
  "ad_daily_reach",
  {
    adId: uuid("ad_id").notNull(),
    day: date("day").notNull(),
    campaignId: uuid("campaign_id").notNull(),
    businessId: uuid("business_id").notNull(),
    sketch: hllSketch("sketch").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.adId, t.day] }),
    index("ad_daily_reach_business_idx").on(t.businessId, t.day),
  ],
);

/**
 * The same day sketches one level up: per campaign (`campaignId` set, `scopeId` the campaign) and
 * per business (`campaignId` null, `scopeId` the business), kept by the tally beside the per-ad
 * ones, so reach over a business's or a campaign's days merges one sketch per day instead of one
 * per ad per day. Rows from before these were kept are merged from the per-ad sketches by the
 * worker at start-up (backfillScopeReach).
 */
export const scopeDailyReach = pgTable(
  "scope_daily_reach",
  {
    scopeId: uuid("scope_id").notNull(),
    day: date("day").notNull(),
    campaignId: uuid("campaign_id"),
    businessId: uuid("business_id").notNull(),
    sketch: hllSketch("sketch").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scopeId, t.day] }),
    index("scope_daily_reach_business_idx").on(t.businessId, t.day),
  ],
);

/**
 * Day sketches merged over blocks of `spanDays` days (4, 8, 16, 32 or 64), each block aligned on
 * days since 1970-01-01, per ad and per campaign (`scopeLevel`): a 90-day range is covered by about
 * seven such pieces instead of 90 days, so a cold report by campaign or by ad loads a few sketches
 * per row. Derived data, built by the worker's reach-blocks job from the day sketches; a block is
 * used only while {@link reachBlocks} says its days are unchanged since it was built.
 */
export const reachBlockSketches = pgTable(
  "reach_block_sketches",
  {
    scopeId: uuid("scope_id").notNull(),
    start: date("start").notNull(),
    spanDays: integer("span_days").notNull(),
    scopeLevel: text("scope_level", { enum: ["ad", "campaign"] }).notNull(),
    campaignId: uuid("campaign_id").notNull(),
    businessId: uuid("business_id").notNull(),
    sketch: hllSketch("sketch").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scopeId, t.start, t.spanDays] }),
    index("reach_block_sketches_business_idx").on(t.businessId, t.start, t.spanDays),
  ],
);

/**
 * One row per built block of a business: `dayVersions` is the sum of its days'
 * {@link adDailyReachVersions} when its sketches were merged. Versions only rise, so the block is
 * current exactly while the sum of its days' versions still equals it.
 */
export const reachBlocks = pgTable(
  "reach_blocks",
  {
    businessId: uuid("business_id").notNull(),
    start: date("start").notNull(),
    spanDays: integer("span_days").notNull(),
    dayVersions: bigint("day_versions", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.start, t.spanDays] })],
);

/**
 * Daily totals per ad in the business's local day: {@link adHourlyStats} summed by day. Reports over
 * weeks and months read these (one row per ad per day, not 24). Kept by triggers from the 0007
 * migration: every insert, update or delete of an hourly row adds its difference here in the same
 * transaction, and a change of the business's time zone rebuilds its days from the hourly rows.
 * The migration also adds `ad_daily_stats_report_idx`, (business_id, day) INCLUDE the group keys and
 * counters, which drizzle cannot declare: reports read it with index-only scans.
 */
export const adDailyStats = pgTable(
  "ad_daily_stats",
  {
    adId: uuid("ad_id").notNull(),
    day: date("day").notNull(),
    campaignId: uuid("campaign_id").notNull(),
    businessId: uuid("business_id").notNull(),
    ...eventCounters(),
  },
  (t) => [primaryKey({ columns: [t.adId, t.day] })],
);

/**
 * {@link adDailyStats} summed per campaign: reports by day, week or campaign read one row per
 * campaign per day instead of one per ad. Kept by the same triggers (0007 migration), with
 * `campaign_daily_stats_report_idx` (business_id, day) INCLUDE the counters for index-only scans.
 */
export const campaignDailyStats = pgTable(
  "campaign_daily_stats",
  {
    campaignId: uuid("campaign_id").notNull(),
    day: date("day").notNull(),
    businessId: uuid("business_id").notNull(),
    ...eventCounters(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day] })],
);

/**
 * A version per business and local day of {@link adDailyReach}, raised by a trigger (0007 migration)
 * in every statement that writes that day's sketches. Reports key the merged sketches they keep in
 * Redis by it, so a merge is reused until a sketch of its days changes, and never after.
 */
export const adDailyReachVersions = pgTable(
  "ad_daily_reach_versions",
  {
    businessId: uuid("business_id").notNull(),
    day: date("day").notNull(),
    version: bigint("version", { mode: "bigint" }).notNull().default(sql`1`),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.day] })],
);
