import { and, desc, eq, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { businesses, paymentNotifications, topups } from "../schema/index.js";

export type TopupRow = typeof topups.$inferSelect;
export type TopupStatus = TopupRow["status"];

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

export async function listTopups(
  db: DbOrTx,
  businessId: string,
  options: { limit: number; after?: { createdAt: Date; id: string } },
): Promise<TopupRow[]> {
  const { after } = options;
  return db
    .select()
    .from(topups)
    .where(
      and(
        eq(topups.businessId, businessId),
        after
          ? or(
              lt(topups.createdAt, after.createdAt),
              and(eq(topups.createdAt, after.createdAt), lt(topups.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(topups.createdAt), desc(topups.id))
    .limit(options.limit);
}

/** Leaves `pending` once: the condition makes a duplicate notification a no-op. */
export async function settleTopup(db: DbOrTx, id: string, status: Exclude<TopupStatus, "pending">, at: Date) {
  const [row] = await db
    .update(topups)
    .set({
      status,
      paidAt: status === "paid" ? at : null,
      receiptNumber: status === "paid" ? sql`nextval('receipt_number_seq')` : null,
    })
    .where(and(eq(topups.id, id), eq(topups.status, "pending")))
    .returning();
  return row;
}

export async function pendingTopupsDueForExpiry(db: DbOrTx, now: Date, limit: number) {
  return db
    .select({ id: topups.id })
    .from(topups)
    .where(and(eq(topups.status, "pending"), lte(topups.expiresAt, now)))
    .limit(limit);
}

export async function insertPaymentNotification(
  db: DbOrTx,
  notification: typeof paymentNotifications.$inferInsert,
) {
  await db.insert(paymentNotifications).values(notification);
}
