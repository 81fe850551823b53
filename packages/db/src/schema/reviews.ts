import { NOTIFICATION_KINDS } from "@sorot/core";
import { sql } from "drizzle-orm";
import {
  boolean,
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
import { ads, adVersions } from "./campaigns.js";

/** One admin decision about one ad version; versions are immutable, so a decision never goes stale. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    adVersionId: uuid("ad_version_id")
      .notNull()
      .references(() => adVersions.id, { onDelete: "cascade" }),
    adId: uuid("ad_id")
      .notNull()
      .references(() => ads.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    decision: text("decision", { enum: ["approve", "reject"] }).notNull(),
    reasons: text("reasons").array().notNull().default(sql`'{}'`),
    note: text("note"),
    reviewerId: uuid("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    /** Seconds the version waited in the queue before this decision, for the queue's promise. */
    waitedSeconds: integer("waited_seconds").notNull(),
    onAppeal: boolean("on_appeal").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("reviews_ad_idx").on(t.adId, t.createdAt),
    index("reviews_created_idx").on(t.createdAt),
    check("reviews_reject_has_reason", sql`${t.decision} = 'approve' or cardinality(${t.reasons}) > 0`),
  ],
);

/** A rejected version's one appeal; a different admin decides it. */
export const appeals = pgTable(
  "appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    adVersionId: uuid("ad_version_id")
      .notNull()
      .references(() => adVersions.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The admin whose rejection is appealed: the one admin who may not decide the appeal. */
    rejectedBy: uuid("rejected_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: ["pending", "upheld", "overturned"] })
      .notNull()
      .default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("appeals_one_per_version").on(t.adVersionId)],
);

/**
 * The owner's in-app inbox; the dedupe key makes a retried job write a notification once. A row a
 * money movement wrote in its own transaction is also its mail's outbox: `mailedAt` stays null until
 * the owners were mailed after the commit, and the sweep mails what a crash left unmailed.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    payload: jsonb("payload").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    mailedAt: timestamp("mailed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    index("notifications_business_idx").on(t.businessId, t.createdAt),
    index("notifications_unmailed_idx").on(t.createdAt).where(sql`${t.mailedAt} is null`),
  ],
);
