import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import {
  businesses,
  type RECEIPT_SERIES,
  receiptCounters,
  receiptDocuments,
  topups,
} from "../schema/index.js";

export type ReceiptDocumentRow = typeof receiptDocuments.$inferSelect;
export type ReceiptSeriesName = (typeof RECEIPT_SERIES)[number];

/** The calendar year receipts are numbered in: Sorot issues them from Jakarta. */
export function receiptYearOf(at: Date): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Jakarta", year: "numeric" }).format(at));
}

/**
 * The next number of a series' year, under its counter row's lock, in the caller's (the issuing)
 * transaction: a rollback gives the number back, so the series has no gaps.
 */
export async function issueReceiptNumber(
  db: DbOrTx,
  series: ReceiptSeriesName,
  year: number,
): Promise<{ series: ReceiptSeriesName; year: number; number: bigint }> {
  const [counter] = await db
    .insert(receiptCounters)
    .values({ series, year, lastNumber: 1n })
    .onConflictDoUpdate({
      target: [receiptCounters.series, receiptCounters.year],
      set: { lastNumber: sql`${receiptCounters.lastNumber} + 1` },
    })
    .returning({ number: receiptCounters.lastNumber });
  if (!counter) throw new Error("receipt counter returned no row");
  return { series, year, number: counter.number };
}

/** The business's billing profile as a receipt prints it now, as one jsonb value to keep at issue. */
export function billingSnapshotOf(businessId: unknown) {
  return sql`(select jsonb_build_object('name', coalesce(${businesses.legalName}, ${businesses.name}), 'address', ${businesses.billingAddress}, 'npwp', ${businesses.taxId}) from ${businesses} where ${businesses.id} = ${businessId})`;
}

/**
 * Serialises the issue of one business's documents until the transaction ends, so two requests
 * for the same month (or the same correction) see each other's document instead of both taking a
 * number. A transaction-scoped advisory lock: no row has to exist yet to be locked.
 */
export async function lockReceiptIssue(tx: DbOrTx, businessId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`receipts:${businessId}`}, 0))`);
}

export async function insertReceiptDocument(
  tx: DbOrTx,
  document: Omit<typeof receiptDocuments.$inferInsert, "billing">,
): Promise<ReceiptDocumentRow> {
  const [row] = await tx
    .insert(receiptDocuments)
    .values({ ...document, billing: billingSnapshotOf(document.businessId) })
    .returning();
  if (!row) throw new Error("insert into receipt_documents returned no row");
  return row;
}

export async function findMonthlyReceipt(db: DbOrTx, businessId: string, period: string) {
  const [row] = await db
    .select()
    .from(receiptDocuments)
    .where(
      and(
        eq(receiptDocuments.businessId, businessId),
        eq(receiptDocuments.kind, "monthly"),
        eq(receiptDocuments.period, period),
      ),
    );
  return row;
}

export async function findReceiptDocument(db: DbOrTx, businessId: string, id: string) {
  const [row] = await db
    .select()
    .from(receiptDocuments)
    .where(and(eq(receiptDocuments.businessId, businessId), eq(receiptDocuments.id, id)));
  return row;
}

export async function findReceiptDocumentByNumber(
  db: DbOrTx,
  businessId: string,
  number: { series: ReceiptSeriesName; year: number; number: bigint },
) {
  const [row] = await db
    .select()
    .from(receiptDocuments)
    .where(
      and(
        eq(receiptDocuments.businessId, businessId),
        eq(receiptDocuments.series, number.series),
        eq(receiptDocuments.year, number.year),
        eq(receiptDocuments.number, number.number),
      ),
    );
  return row;
}

/** The paid top-up whose own receipt carries this SRT number. */
export async function findTopupByReceiptNumber(db: DbOrTx, businessId: string, year: number, number: bigint) {
  const [row] = await db
    .select()
    .from(topups)
    .where(
      and(eq(topups.businessId, businessId), eq(topups.receiptYear, year), eq(topups.receiptNumber, number)),
    );
  return row;
}

/** The correction issued for a top-up's receipt or for a document, if any (at most one each). */
export async function findCorrectionOf(db: DbOrTx, target: { topupId: string } | { documentId: string }) {
  const [row] = await db
    .select()
    .from(receiptDocuments)
    .where(
      "topupId" in target
        ? eq(receiptDocuments.correctsTopupId, target.topupId)
        : eq(receiptDocuments.correctsDocumentId, target.documentId),
    );
  return row;
}

/** Paid top-ups of a business paid in [start, end), in the order they were paid. */
export async function paidTopupsBetween(db: DbOrTx, businessId: string, start: Date, end: Date) {
  return db
    .select()
    .from(topups)
    .where(
      and(
        eq(topups.businessId, businessId),
        eq(topups.status, "paid"),
        gte(topups.paidAt, start),
        lt(topups.paidAt, end),
      ),
    )
    .orderBy(asc(topups.paidAt), asc(topups.id));
}

/** Per calendar month (Asia/Jakarta) with a paid top-up: how many, their sum, and its monthly receipt if issued. */
export async function paidMonthsOf(db: DbOrTx, businessId: string) {
  const month = sql<string>`to_char(${topups.paidAt} at time zone 'Asia/Jakarta', 'YYYY-MM')`;
  const paid = db
    .select({
      month: month.as("month"),
      topupCount: sql<number>`count(*)::int`.as("topup_count"),
      totalMicros: sql<bigint>`sum(${topups.amountMicros})`.mapWith(BigInt).as("total_micros"),
    })
    .from(topups)
    .where(and(eq(topups.businessId, businessId), eq(topups.status, "paid")))
    .groupBy(month)
    .as("paid");
  return db
    .select({
      month: paid.month,
      topupCount: paid.topupCount,
      totalMicros: paid.totalMicros,
      document: receiptDocuments,
    })
    .from(paid)
    .leftJoin(
      receiptDocuments,
      and(
        eq(receiptDocuments.businessId, businessId),
        eq(receiptDocuments.kind, "monthly"),
        eq(receiptDocuments.period, paid.month),
      ),
    )
    .orderBy(desc(paid.month));
}

/** A business's monthly receipts and corrections, newest first. */
export async function listReceiptDocuments(db: DbOrTx, businessId: string) {
  return db
    .select()
    .from(receiptDocuments)
    .where(eq(receiptDocuments.businessId, businessId))
    .orderBy(desc(receiptDocuments.issuedAt), desc(receiptDocuments.id));
}
