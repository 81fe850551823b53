import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { withdrawals } from "../schema/index.js";

export type WithdrawalRow = typeof withdrawals.$inferSelect;

export async function insertWithdrawal(db: DbOrTx, withdrawal: typeof withdrawals.$inferInsert) {
  const [row] = await db.insert(withdrawals).values(withdrawal).returning();
  if (!row) throw new Error("insert into withdrawals returned no row");
  return row;
}

export async function findWithdrawal(db: DbOrTx, id: string) {
  const [row] = await db.select().from(withdrawals).where(eq(withdrawals.id, id));
  return row;
}

/** A business's withdrawals, newest first. */
export async function listWithdrawalsOfBusiness(
  db: DbOrTx,
  businessId: string,
  options: { limit: number; after?: { createdAt: Date; id: string } },
) {
  const { after } = options;
  return db
    .select()
    .from(withdrawals)
    .where(
      and(
        eq(withdrawals.businessId, businessId),
        after
          ? or(
              lt(withdrawals.createdAt, after.createdAt),
              and(eq(withdrawals.createdAt, after.createdAt), lt(withdrawals.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(withdrawals.createdAt), desc(withdrawals.id))
    .limit(options.limit);
}

/** The admins' queue: requests waiting for a decision, oldest first. */
export async function listRequestedWithdrawals(db: DbOrTx, limit: number) {
  return db
    .select()
    .from(withdrawals)
    .where(eq(withdrawals.status, "requested"))
    .orderBy(asc(withdrawals.createdAt), asc(withdrawals.id))
    .limit(limit);
}

/** Decided once: the condition turns a second decision into a no-op the caller can detect. */
export async function decideWithdrawal(
  db: DbOrTx,
  id: string,
  decision: { status: "paid" | "rejected"; decidedBy: string; note: string | null },
) {
  const [row] = await db
    .update(withdrawals)
    .set({
      status: decision.status,
      decidedBy: decision.decidedBy,
      decisionNote: decision.note,
      decidedAt: new Date(),
    })
    .where(and(eq(withdrawals.id, id), eq(withdrawals.status, "requested")))
    .returning();
  return row;
}
