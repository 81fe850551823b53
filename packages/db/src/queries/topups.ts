import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { businesses, paymentNotifications, topups } from "../schema/index.js";
import { billingSnapshotOf, issueReceiptNumber, receiptYearOf } from "./receipt-documents.js";

export type TopupRow = typeof topups.$inferSelect;
export type TopupStatus = TopupRow["status"];
/** A top-up the payer may still pay: the provider's word on it is awaited. */
export const OPEN_TOPUP_STATUSES = ["charge_pending", "pending"] as const satisfies TopupStatus[];
export type ClosedTopupStatus = Exclude<TopupStatus, (typeof OPEN_TOPUP_STATUSES)[number]>;

export function isOpenTopupStatus(status: TopupStatus): boolean {
  return (OPEN_TOPUP_STATUSES as readonly TopupStatus[]).includes(status);
}

export async function insertTopup(db: DbOrTx, topup: typeof topups.$inferInsert): Promise<TopupRow> {
  const [row] = await db.insert(topups).values(topup).returning();
  if (!row) throw new Error("insert into topups returned no row");
  return row;
}

export async function findTopup(db: DbOrTx, id: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(topups).where(eq(topups.id, id));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

export async function findTopupOfBusiness(db: DbOrTx, businessId: string, id: string) {
  const [row] = await db
    .select()
    .from(topups)
    .where(and(eq(topups.id, id), eq(topups.businessId, businessId)));
  return row;
}

export async function findTopupWithBusiness(db: DbOrTx, businessId: string, id: string) {
  const [row] = await db
    .select({ topup: topups, business: businesses })
    .from(topups)
    .innerJoin(businesses, eq(businesses.id, topups.businessId))
    .where(and(eq(topups.id, id), eq(topups.businessId, businessId)));
  return row;
}

/** Newest-first pages: the rows after the cursor's (createdAt, id). */
function olderThan(after: { createdAt: Date; id: string }) {
  return or(
    lt(topups.createdAt, after.createdAt),
    and(eq(topups.createdAt, after.createdAt), lt(topups.id, after.id)),
  );
}

export async function listTopups(
  db: DbOrTx,
  businessId: string,
  options: { limit: number; after?: { createdAt: Date; id: string } },
): Promise<TopupRow[]> {
  const { after } = options;
  return db
    .select()
    .from(topups)
    .where(and(eq(topups.businessId, businessId), after ? olderThan(after) : undefined))
    .orderBy(desc(topups.createdAt), desc(topups.id))
    .limit(options.limit);
}

/** The provider's answer to the charge, stored once: the payer now has the instructions. */
export async function storeTopupCharge(db: DbOrTx, id: string, instructions: unknown) {
  const [row] = await db
    .update(topups)
    .set({ status: "pending", paymentInstructions: instructions })
    .where(and(eq(topups.id, id), eq(topups.status, "charge_pending")))
    .returning();
  return row;
}

/**
 * Leaves an open status once (or, for an admin's decision on a flagged top-up, one of `from`): the
 * condition makes a duplicate notification a no-op. A paid top-up
 * takes the next receipt number of its year under the counter row's lock, in the caller's (the
 * crediting) transaction, so a rollback gives the number back, and keeps the business's billing
 * profile as it is now, so a later edit never rewrites the receipt.
 */
export async function settleTopup(
  db: DbOrTx,
  id: string,
  status: ClosedTopupStatus,
  at: Date,
  from: readonly TopupStatus[] = OPEN_TOPUP_STATUSES,
) {
  const [open] = await db
    .select({ id: topups.id })
    .from(topups)
    .where(and(eq(topups.id, id), inArray(topups.status, from)))
    .for("update");
  if (!open) return undefined;
  const receipt = status === "paid" ? await issueReceiptNumber(db, "SRT", receiptYearOf(at)) : null;
  const [row] = await db
    .update(topups)
    .set({
      status,
      paidAt: receipt ? at : null,
      receiptYear: receipt?.year ?? null,
      receiptNumber: receipt?.number ?? null,
      receiptBilling: receipt ? billingSnapshotOf(topups.businessId) : null,
    })
    .where(eq(topups.id, id))
    .returning();
  return row;
}

/** A payment reported for a closed top-up: flagged once for an admin, nothing credited. */
export async function flagTopup(db: DbOrTx, id: string, flag: NonNullable<TopupRow["reviewFlag"]>) {
  const [row] = await db
    .update(topups)
    .set({ reviewFlag: flag })
    .where(and(eq(topups.id, id), isNull(topups.reviewFlag)))
    .returning();
  return row;
}

export type TopupReviewDecision = NonNullable<TopupRow["reviewDecision"]>;

/** An admin's decision on a flagged top-up, taken once: the condition refuses a second one. */
export async function decideFlaggedTopup(
  db: DbOrTx,
  id: string,
  decision: { decision: TopupReviewDecision; by: string | null; note: string | null; at: Date },
) {
  const [row] = await db
    .update(topups)
    .set({
      reviewDecision: decision.decision,
      reviewDecidedBy: decision.by,
      reviewNote: decision.note,
      reviewDecidedAt: decision.at,
    })
    .where(and(eq(topups.id, id), isNotNull(topups.reviewFlag), isNull(topups.reviewDecision)))
    .returning();
  return row;
}

/**
 * Flagged top-ups for the admin's list, newest first: `open` ones await a decision; a business (or
 * top-up) filter narrows it to one.
 */
export async function listFlaggedTopups(
  db: DbOrTx,
  options: {
    flag: NonNullable<TopupRow["reviewFlag"]>;
    decision: "open" | TopupReviewDecision | "all";
    businessId?: string;
    topupId?: string;
    limit: number;
    after?: { createdAt: Date; id: string };
  },
) {
  const { after, decision } = options;
  return db
    .select({ topup: topups, businessName: businesses.name })
    .from(topups)
    .innerJoin(businesses, eq(businesses.id, topups.businessId))
    .where(
      and(
        eq(topups.reviewFlag, options.flag),
        decision === "all"
          ? undefined
          : decision === "open"
            ? isNull(topups.reviewDecision)
            : eq(topups.reviewDecision, decision),
        options.businessId ? eq(topups.businessId, options.businessId) : undefined,
        options.topupId ? eq(topups.id, options.topupId) : undefined,
        after ? olderThan(after) : undefined,
      ),
    )
    .orderBy(desc(topups.createdAt), desc(topups.id))
    .limit(options.limit);
}

/**
 * Open top-ups created (or last asked about) before `askedBefore`, oldest first, each marked as
 * asked now in the same statement, so two workers never ask about the same one in one round.
 */
export async function claimTopupsForStatusCheck(db: DbOrTx, askedBefore: Date, now: Date, limit: number) {
  const due = db
    .select({ id: topups.id })
    .from(topups)
    .where(
      and(
        inArray(topups.status, OPEN_TOPUP_STATUSES),
        lte(sql`coalesce(${topups.statusCheckedAt}, ${topups.createdAt})`, askedBefore),
      ),
    )
    .orderBy(sql`coalesce(${topups.statusCheckedAt}, ${topups.createdAt})`)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(topups)
    .set({ statusCheckedAt: now })
    .where(inArray(topups.id, due))
    .returning({ id: topups.id });
}

export async function pendingTopupsDueForExpiry(db: DbOrTx, now: Date, limit: number) {
  return db
    .select({ id: topups.id })
    .from(topups)
    .where(and(inArray(topups.status, OPEN_TOPUP_STATUSES), lte(topups.expiresAt, now)))
    .limit(limit);
}

export async function insertPaymentNotification(
  db: DbOrTx,
  notification: typeof paymentNotifications.$inferInsert,
) {
  await db.insert(paymentNotifications).values(notification);
}
