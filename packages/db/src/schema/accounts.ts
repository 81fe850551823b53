import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** owner: the business side (may create and join businesses); creator: a creator-connect profile. */
    role: text("role", { enum: ["owner", "admin", "creator"] })
      .notNull()
      .default("owner"),
    locale: text("locale", { enum: ["id", "en"] })
      .notNull()
      .default("id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The application normalises emails; the database refuses any that slipped through un-normalised.
    uniqueIndex("users_email_key").on(t.email),
    check("users_email_normalised", sql`${t.email} = lower(btrim(${t.email}))`),
    check("users_role_valid", sql`${t.role} in ('owner', 'admin', 'creator')`),
    check("users_locale_valid", sql`${t.locale} in ('id', 'en')`),
  ],
);

export const businesses = pgTable(
  "businesses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    timeZone: text("time_zone", { enum: ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] })
      .notNull()
      .default("Asia/Jakarta"),
    status: text("status", { enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    suspensionReason: text("suspension_reason"),
    /** NPWP, printed on receipts when given. */
    taxId: text("tax_id"),
    /** The billing profile receipts print (with taxId); the business name stands in for no legal name. */
    legalName: text("legal_name"),
    billingAddress: text("billing_address"),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "businesses_time_zone_valid",
      sql`${t.timeZone} in ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')`,
    ),
    check("businesses_status_valid", sql`${t.status} in ('active', 'suspended')`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "operator", "analyst"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.businessId] }),
    index("memberships_business_idx").on(t.businessId),
    check("memberships_role_valid", sql`${t.role} in ('owner', 'operator', 'analyst')`),
  ],
);

/**
 * Refresh tokens are stored as SHA-256 hashes. Each sign-in starts a family; rotation adds a member
 * and marks the old one rotated, so presenting a rotated token again reveals a theft and revokes the family.
 */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refresh_tokens_hash_key").on(t.tokenHash),
    index("refresh_tokens_family_idx").on(t.familyId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "operator", "analyst"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_business_idx").on(t.businessId, t.createdAt),
    check("invitations_role_valid", sql`${t.role} in ('owner', 'operator', 'analyst')`),
    check("invitations_email_normalised", sql`${t.email} = lower(btrim(${t.email}))`),
  ],
);
