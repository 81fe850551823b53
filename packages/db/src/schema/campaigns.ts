import { CAMPAIGN_STATUSES, type Targeting } from "@sorot/core";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { businesses, users } from "./accounts.js";

const money = (name: string) => bigint(name, { mode: "bigint" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** An uploaded creative: checked from its bytes, stored through the storage interface. */
export const assets = pgTable(
  "assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["image", "video"] }).notNull(),
    mimeType: text("mime_type").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    durationMs: integer("duration_ms"),
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    /** The photo as uploaded, before the server cropped and re-encoded it: what a reviewer can trace. */
    originalSha256: text("original_sha256"),
    originalName: text("original_name"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("assets_business_idx").on(t.businessId, t.createdAt),
    check("assets_kind_valid", sql`${t.kind} in ('image', 'video')`),
    check("assets_video_has_duration", sql`(${t.kind} = 'video') = (${t.durationMs} is not null)`),
  ],
);

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    objective: text("objective", { enum: ["reach", "traffic", "video_views", "conversions"] }).notNull(),
    status: text("status", { enum: CAMPAIGN_STATUSES }).notNull().default("draft"),
    budgetType: text("budget_type", { enum: ["daily", "lifetime"] }).notNull(),
    budgetMicros: money("budget_micros").notNull(),
    startAt: timestamp("start_at", { withTimezone: true }),
    endAt: timestamp("end_at", { withTimezone: true }),
    /** `{ mon: [7, 8, ...], ... }` local hours, or null for all day. */
    dayparting: jsonb("dayparting").$type<Record<string, number[]> | null>(),
    closures: jsonb("closures").$type<{ from: string; to: string; reason: string }[]>().notNull().default([]),
    billingEvent: text("billing_event", { enum: ["cpm", "cpc"] }).notNull(),
    bidStrategy: text("bid_strategy", { enum: ["manual", "lowest_cost"] })
      .notNull()
      .default("manual"),
    /** Manual: the bid. Lowest cost: the optional cap (null = no cap). */
    bidMicros: money("bid_micros"),
    pacing: text("pacing", { enum: ["standard", "accelerated"] })
      .notNull()
      .default("standard"),
    targeting: jsonb("targeting").$type<Targeting>().notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("campaigns_business_idx").on(t.businessId, t.createdAt),
    index("campaigns_status_idx").on(t.status),
    check(
      "campaigns_status_valid",
      sql`${t.status} in ('draft', 'scheduled', 'active', 'paused', 'out_of_budget', 'out_of_funds', 'completed', 'archived')`,
    ),
    check("campaigns_budget_positive", sql`${t.budgetMicros} > 0`),
    check("campaigns_lifetime_has_end", sql`${t.budgetType} = 'daily' or ${t.endAt} is not null`),
    check(
      "campaigns_end_after_start",
      sql`${t.endAt} is null or ${t.startAt} is null or ${t.endAt} > ${t.startAt}`,
    ),
    check(
      "campaigns_manual_bid_set",
      sql`${t.bidStrategy} = 'lowest_cost' or (${t.bidMicros} is not null and ${t.bidMicros} > 0)`,
    ),
  ],
);

/** Maker-checker: an operator's budget raise waits here until an owner decides it. */
export const budgetChangeRequests = pgTable(
  "budget_change_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    fromMicros: money("from_micros").notNull(),
    toMicros: money("to_micros").notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected"] })
      .notNull()
      .default("pending"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("budget_change_requests_campaign_idx").on(t.campaignId, t.createdAt),
    uniqueIndex("budget_change_requests_one_pending").on(t.campaignId).where(sql`${t.status} = 'pending'`),
  ],
);

export const ads = pgTable(
  "ads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    /** The version being edited or reviewed; the one that delivers is the latest approved. */
    currentVersion: integer("current_version").notNull().default(1),
    approvedVersion: integer("approved_version"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("ads_campaign_idx").on(t.campaignId, t.createdAt),
    index("ads_business_idx").on(t.businessId),
  ],
);

/** What a reviewer decides: one immutable version of an ad's creative, text and URL. */
export const adVersions = pgTable(
  "ad_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    adId: uuid("ad_id")
      .notNull()
      .references(() => ads.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "restrict" }),
    headline: text("headline").notNull(),
    text: text("text").notNull(),
    callToAction: text("call_to_action").notNull(),
    /** Where a tap goes: the web destination's page, or the wa.me link of a WhatsApp one (the click target). */
    landingUrl: text("landing_url").notNull(),
    destinationType: text("destination_type", { enum: ["web", "whatsapp"] })
      .notNull()
      .default("web"),
    /** WhatsApp only: the number as wa.me wants it (6281234567890) and the message typed in the chat. */
    whatsappPhone: text("whatsapp_phone"),
    whatsappMessage: text("whatsapp_message"),
    /** `superseded`: replaced by a newer version before anyone decided it. */
    reviewStatus: text("review_status", {
      enum: ["draft", "in_review", "approved", "rejected", "superseded"],
    })
      .notNull()
      .default("draft"),
    /** Automated pre-screen flags, written by the worker when the version enters review. */
    prescreenFlags: jsonb("prescreen_flags"),
    /** Opening a version in the review console claims it for a few minutes; the claim lapses by itself. */
    claimedBy: uuid("claimed_by").references(() => users.id, { onDelete: "set null" }),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ad_versions_ad_version_key").on(t.adId, t.version),
    index("ad_versions_review_queue_idx").on(t.submittedAt).where(sql`${t.reviewStatus} = 'in_review'`),
    check(
      "ad_versions_review_status_valid",
      sql`${t.reviewStatus} in ('draft', 'in_review', 'approved', 'rejected', 'superseded')`,
    ),
    check(
      "ad_versions_destination_valid",
      sql`(${t.destinationType} = 'web' and ${t.whatsappPhone} is null and ${t.whatsappMessage} is null)
        or (${t.destinationType} = 'whatsapp' and ${t.whatsappPhone} is not null and ${t.whatsappMessage} is not null)`,
    ),
  ],
);
