import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { businesses, users } from "./accounts.js";

/**
 * Creator connect. Deals are made directly between a business and a creator, outside Sorot's
 * wallet: these tables reference accounts (users, businesses) only, never the ledger, top-ups,
 * campaigns or delivery, and amounts here are what people state, never a charge. A test reads
 * information_schema to keep it that way.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const statedMoney = (name: string) => bigint(name, { mode: "bigint" });

/** How to reach someone once a request is accepted: at least one of the two. */
export interface ContactDetails {
  email?: string;
  whatsapp?: string;
}

export interface DeclaredAudience {
  platform: string;
  band: string;
}

export const creatorProfiles = pgTable(
  "creator_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    handle: text("handle").notNull(),
    bio: text("bio").notNull().default(""),
    /** Codes of the targeting interest taxonomy (packages/core targeting). */
    niches: text("niches").array().notNull().default(sql`'{}'`),
    province: text("province").notNull(),
    city: text("city"),
    languages: text("languages").array().notNull().default(sql`'{}'`),
    /** Self-declared per platform; shown as declared, never verified. */
    audience: jsonb("audience").$type<DeclaredAudience[]>().notNull().default(sql`'[]'::jsonb`),
    startingRateMicros: statedMoney("starting_rate_micros"),
    sampleLinks: text("sample_links").array().notNull().default(sql`'{}'`),
    contact: jsonb("contact").$type<ContactDetails>().notNull(),
    acceptsRequests: boolean("accepts_requests").notNull().default(true),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    suspensionReason: text("suspension_reason"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("creator_profiles_handle_key").on(t.handle),
    index("creator_profiles_directory_idx").on(t.createdAt, t.userId),
    check("creator_profiles_rate_not_negative", sql`${t.startingRateMicros} >= 0`),
    check("creator_profiles_handle_lower", sql`${t.handle} = lower(${t.handle})`),
  ],
);

export const creatorRequests = pgTable(
  "creator_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    creatorUserId: uuid("creator_user_id")
      .notNull()
      .references(() => creatorProfiles.userId, { onDelete: "cascade" }),
    sentBy: uuid("sent_by").references(() => users.id, { onDelete: "set null" }),
    product: text("product").notNull(),
    wanted: text("wanted").notNull(),
    timeline: text("timeline").notNull(),
    budgetMinMicros: statedMoney("budget_min_micros").notNull(),
    budgetMaxMicros: statedMoney("budget_max_micros").notNull(),
    link: text("link"),
    status: text("status", { enum: ["pending", "accepted", "declined", "closed"] })
      .notNull()
      .default("pending"),
    /** Shown to the creator only after acceptance. */
    businessContact: jsonb("business_contact").$type<ContactDetails>().notNull(),
    /** The creator's contact as chosen when accepting; null until then. */
    creatorContact: jsonb("creator_contact").$type<ContactDetails>(),
    decisionNote: text("decision_note"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: text("closed_by", { enum: ["business", "creator"] }),
    createdAt: createdAt(),
  },
  (t) => [
    index("creator_requests_business_idx").on(t.businessId, t.createdAt),
    index("creator_requests_creator_idx").on(t.creatorUserId, t.createdAt),
    check("creator_requests_status_valid", sql`${t.status} in ('pending', 'accepted', 'declined', 'closed')`),
    check(
      "creator_requests_budget_range",
      sql`${t.budgetMinMicros} >= 0 and ${t.budgetMinMicros} <= ${t.budgetMaxMicros}`,
    ),
    check(
      "creator_requests_contact_after_acceptance",
      sql`(${t.acceptedAt} is null) = (${t.creatorContact} is null)`,
    ),
  ],
);

export const creatorMessages = pgTable(
  "creator_messages",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => creatorRequests.id, { onDelete: "cascade" }),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    senderSide: text("sender_side", { enum: ["business", "creator"] }).notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("creator_messages_request_idx").on(t.requestId, t.id)],
);

export const creatorReports = pgTable(
  "creator_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reporterUserId: uuid("reporter_user_id").references(() => users.id, { onDelete: "set null" }),
    reporterSide: text("reporter_side", { enum: ["business", "creator"] }).notNull(),
    target: text("target", { enum: ["profile", "request", "message"] }).notNull(),
    /** The creator involved, and the business when the report is about a request or its thread. */
    creatorUserId: uuid("creator_user_id")
      .notNull()
      .references(() => creatorProfiles.userId, { onDelete: "cascade" }),
    businessId: uuid("business_id").references(() => businesses.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").references(() => creatorRequests.id, { onDelete: "cascade" }),
    messageId: bigint("message_id", { mode: "bigint" }).references(() => creatorMessages.id, {
      onDelete: "cascade",
    }),
    reason: text("reason").notNull(),
    details: text("details").notNull().default(""),
    status: text("status", { enum: ["open", "actioned", "dismissed"] })
      .notNull()
      .default("open"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolutionNote: text("resolution_note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("creator_reports_status_idx").on(t.status, t.createdAt),
    check("creator_reports_status_valid", sql`${t.status} in ('open', 'actioned', 'dismissed')`),
  ],
);
