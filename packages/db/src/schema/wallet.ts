import { LEDGER_TRANSACTION_KINDS, TOPUP_METHODS } from "@sorot/core";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { businesses, users } from "./accounts.js";

const money = (name: string) => bigint(name, { mode: "bigint" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * Double-entry accounts. Business accounts (cash, promo, withdrawal_hold) belong to one business;
 * platform accounts (business_id null) are the other side of every movement. The cached balance is
 * kept in the same transaction as the entries, and business balances can never go below zero:
 * the database refuses it, whatever the application does.
 */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id").references(() => businesses.id, { onDelete: "restrict" }),
    kind: text("kind", {
      enum: [
        "cash",
        "promo",
        "withdrawal_hold",
        "payment_clearing",
        "promo_grants",
        "ad_revenue",
        "promo_expired",
        "payouts",
      ],
    }).notNull(),
    balanceMicros: money("balance_micros").notNull().default(sql`0`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_accounts_business_kind_key")
      .on(t.businessId, t.kind)
      .where(sql`${t.businessId} is not null`),
    uniqueIndex("ledger_accounts_platform_kind_key").on(t.kind).where(sql`${t.businessId} is null`),
    check("ledger_accounts_business_non_negative", sql`${t.businessId} is null or ${t.balanceMicros} >= 0`),
    check(
      "ledger_accounts_kind_owner",
      sql`(${t.businessId} is not null) = (${t.kind} in ('cash', 'promo', 'withdrawal_hold'))`,
    ),
  ],
);

export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id").references(() => businesses.id, { onDelete: "restrict" }),
    kind: text("kind", {
      enum: LEDGER_TRANSACTION_KINDS,
    }).notNull(),
    /** Says why a replay changes nothing: the same cause always produces the same key. */
    idempotencyKey: text("idempotency_key").notNull(),
    causeType: text("cause_type").notNull(),
    causeId: text("cause_id").notNull(),
    description: text("description").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_transactions_idempotency_key").on(t.idempotencyKey),
    index("ledger_transactions_business_idx").on(t.businessId, t.createdAt),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    transactionId: uuid("transaction_id")
      .notNull()
      .references(() => ledgerTransactions.id, { onDelete: "restrict" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => ledgerAccounts.id, { onDelete: "restrict" }),
    amountMicros: money("amount_micros").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("ledger_entries_transaction_idx").on(t.transactionId),
    index("ledger_entries_account_idx").on(t.accountId, t.id),
    check("ledger_entries_non_zero", sql`${t.amountMicros} <> 0`),
  ],
);

/** Promo credit comes in lots with an expiry; spend draws the lot that expires first. */
export const promoLots = pgTable(
  "promo_lots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    grantedMicros: money("granted_micros").notNull(),
    remainingMicros: money("remaining_micros").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    reason: text("reason").notNull(),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    expiredAt: timestamp("expired_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("promo_lots_business_idx").on(t.businessId, t.expiresAt),
    check(
      "promo_lots_remaining_in_range",
      sql`${t.remainingMicros} >= 0 and ${t.remainingMicros} <= ${t.grantedMicros}`,
    ),
    check("promo_lots_granted_positive", sql`${t.grantedMicros} > 0`),
  ],
);

/**
 * The series a receipt document is numbered in: `SRT` for top-up receipts (and their corrections),
 * `RKP` for monthly receipts (and theirs). Each runs gapless per calendar year of issue.
 */
export const RECEIPT_SERIES = ["SRT", "RKP"] as const;

/**
 * The last number issued per series and calendar year (Asia/Jakarta). The issuing transaction takes
 * the next one under this row's lock, so a rolled-back issue gives its number back: no gaps.
 */
export const receiptCounters = pgTable(
  "receipt_counters",
  {
    series: text("series", { enum: RECEIPT_SERIES }).notNull().default("SRT"),
    year: integer("year").notNull(),
    lastNumber: bigint("last_number", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);

export const topups = pgTable(
  "topups",
  {
    /** Also the payment gateway's order_id, derived from the business and its Idempotency-Key. */
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    amountMicros: money("amount_micros").notNull(),
    method: text("method", { enum: TOPUP_METHODS }).notNull(),
    /**
     * `charge_pending`: the row is committed but the provider's answer to the charge is not stored
     * yet (in flight, timed out, or a 5xx); a retry with the same Idempotency-Key asks the provider
     * about the order before charging again. `pending`: the payer has the instructions.
     */
    status: text("status", { enum: ["charge_pending", "pending", "paid", "failed", "expired"] })
      .notNull()
      .default("charge_pending"),
    provider: text("provider").notNull(),
    /** What the payer needs: a VA number, a bill key, a QRIS payload or an e-wallet deeplink. */
    paymentInstructions: jsonb("payment_instructions").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    receiptNumber: bigint("receipt_number", { mode: "bigint" }),
    receiptYear: integer("receipt_year"),
    /** The business's billing profile as it was when the receipt was issued: later edits leave it. */
    receiptBilling: jsonb("receipt_billing"),
    /** When the worker last asked the provider's status API about this open top-up. */
    statusCheckedAt: timestamp("status_checked_at", { withTimezone: true }),
    /**
     * Set when the provider reports a payment for a top-up already closed (a settlement after its
     * expiry): nothing was credited, and an admin must settle it with the payer by hand.
     */
    reviewFlag: text("review_flag", { enum: ["paid_after_close"] }),
    /** An admin's decision on a flagged top-up: credited after all, or refunded outside Sorot. */
    reviewDecision: text("review_decision", { enum: ["credited", "refunded_outside"] }),
    reviewDecidedAt: timestamp("review_decided_at", { withTimezone: true }),
    reviewDecidedBy: uuid("review_decided_by").references(() => users.id, { onDelete: "set null" }),
    reviewNote: text("review_note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("topups_business_idx").on(t.businessId, t.createdAt),
    index("topups_review_flag_idx").on(t.createdAt).where(sql`${t.reviewFlag} is not null`),
    index("topups_open_expiry_idx").on(t.expiresAt).where(sql`${t.status} in ('charge_pending', 'pending')`),
    uniqueIndex("topups_receipt_number_key").on(t.receiptYear, t.receiptNumber),
    check("topups_amount_positive", sql`${t.amountMicros} > 0`),
    check(
      "topups_status_valid",
      sql`${t.status} in ('charge_pending', 'pending', 'paid', 'failed', 'expired')`,
    ),
    check("topups_paid_has_receipt", sql`(${t.status} = 'paid') = (${t.receiptNumber} is not null)`),
    check("topups_decision_needs_flag", sql`${t.reviewDecision} is null or ${t.reviewFlag} is not null`),
  ],
);

/**
 * Receipt documents issued after the fact: a business's monthly receipt of one calendar month
 * (Asia/Jakarta), and corrections. Everything printed is stored at issue (issuer, billing profile,
 * lines), so a document reads the same forever; a correction is a new document that names the one
 * it corrects (a top-up's receipt or another document), which stays as it was.
 */
export const receiptDocuments = pgTable(
  "receipt_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["monthly", "correction"] }).notNull(),
    series: text("series", { enum: RECEIPT_SERIES }).notNull(),
    year: integer("year").notNull(),
    number: bigint("number", { mode: "bigint" }).notNull(),
    /** `YYYY-MM`: the month a monthly receipt (or a correction of one) covers. */
    period: text("period"),
    correctsTopupId: uuid("corrects_topup_id").references(() => topups.id, { onDelete: "restrict" }),
    correctsDocumentId: uuid("corrects_document_id").references((): AnyPgColumn => receiptDocuments.id, {
      onDelete: "restrict",
    }),
    /** Why a correction was issued: `billing_profile_changed` (the owner) or `admin_correction`. */
    reason: text("reason", { enum: ["billing_profile_changed", "admin_correction"] }),
    note: text("note"),
    issuer: jsonb("issuer").notNull(),
    billing: jsonb("billing").notNull(),
    /** The paid top-ups it lists, amounts as decimal micro-rupiah strings. */
    lines: jsonb("lines").notNull(),
    issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("receipt_documents_number_key").on(t.series, t.year, t.number),
    uniqueIndex("receipt_documents_monthly_key").on(t.businessId, t.period).where(sql`${t.kind} = 'monthly'`),
    // A document is corrected at most once: the next correction corrects the correction.
    uniqueIndex("receipt_documents_corrects_topup_key").on(t.correctsTopupId),
    uniqueIndex("receipt_documents_corrects_document_key").on(t.correctsDocumentId),
    index("receipt_documents_business_idx").on(t.businessId, t.issuedAt),
    check(
      "receipt_documents_kind_shape",
      sql`(${t.kind} = 'monthly' and ${t.period} is not null and ${t.reason} is null and ${t.correctsTopupId} is null and ${t.correctsDocumentId} is null) or (${t.kind} = 'correction' and ${t.reason} is not null and num_nonnulls(${t.correctsTopupId}, ${t.correctsDocumentId}) = 1)`,
    ),
  ],
);

/** Every notification the gateway sent, verified or not, for support and reconciliation. */
export const paymentNotifications = pgTable(
  "payment_notifications",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    topupId: uuid("topup_id"),
    transactionStatus: text("transaction_status"),
    signatureValid: text("signature_valid", { enum: ["yes", "no"] }).notNull(),
    outcome: text("outcome").notNull(),
    body: jsonb("body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("payment_notifications_topup_idx").on(t.topupId)],
);

export const withdrawals = pgTable(
  "withdrawals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    amountMicros: money("amount_micros").notNull(),
    bankCode: text("bank_code").notNull(),
    accountNumber: text("account_number").notNull(),
    accountName: text("account_name").notNull(),
    status: text("status", { enum: ["requested", "paid", "rejected"] })
      .notNull()
      .default("requested"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decisionNote: text("decision_note"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("withdrawals_business_idx").on(t.businessId, t.createdAt),
    index("withdrawals_requested_idx").on(t.createdAt).where(sql`${t.status} = 'requested'`),
    check("withdrawals_amount_positive", sql`${t.amountMicros} > 0`),
    check("withdrawals_status_valid", sql`${t.status} in ('requested', 'paid', 'rejected')`),
  ],
);

/**
 * Replays of money-moving requests: the first response is stored under (business, key) with a hash
 * of the request, so a replay returns it and the same key with another body is refused.
 */
export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: bigint("response_status", { mode: "number" }).notNull(),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("idempotency_records_key").on(t.businessId, t.key)],
);

/**
 * The outbox of delivery's Redis copy of the available balance: every committed wallet change that
 * moves what delivery may spend writes a row in its own transaction. The api applies it to Redis
 * right after the commit and deletes it; the worker's sweep applies whatever a crash left behind.
 * Applying is keyed by the row id in Redis, so the api and the sweep never both add it.
 */
export const balanceChanges = pgTable(
  "balance_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "restrict" }),
    deltaMicros: money("delta_micros").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("balance_changes_created_idx").on(t.createdAt)],
);
