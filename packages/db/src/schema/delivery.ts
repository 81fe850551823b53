import { sql } from "drizzle-orm";
import { bigint, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { businesses } from "./accounts.js";
import { ads, campaigns } from "./campaigns.js";

const count = (name: string) => bigint(name, { mode: "bigint" }).notNull().default(sql`0`);

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
  },
  (t) => [
    primaryKey({ columns: [t.adId, t.hour] }),
    index("ad_hourly_stats_campaign_idx").on(t.campaignId, t.hour),
    index("ad_hourly_stats_business_idx").on(t.businessId, t.hour),
  ],
);
