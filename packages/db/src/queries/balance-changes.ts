import { asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { balanceChanges } from "../schema/wallet.js";

export type BalanceChangeRow = typeof balanceChanges.$inferSelect;

/** Call inside the transaction that moves the money, so the change and its outbox row stand or fall together. */
export async function insertBalanceChange(
  db: DbOrTx,
  change: { businessId: string; deltaMicros: bigint },
): Promise<BalanceChangeRow> {
  const [row] = await db.insert(balanceChanges).values(change).returning();
  if (!row) throw new Error("insert into balance_changes returned no row");
  return row;
}

export function findBalanceChanges(db: DbOrTx, ids: string[]): Promise<BalanceChangeRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(balanceChanges).where(inArray(balanceChanges.id, ids));
}

export async function deleteBalanceChanges(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(balanceChanges).where(inArray(balanceChanges.id, ids));
}

/** Changes still waiting after `before`: the api that committed them died before applying them. */
export function staleBalanceChanges(db: DbOrTx, before: Date, limit: number): Promise<BalanceChangeRow[]> {
  return db
    .select()
    .from(balanceChanges)
    .where(lt(balanceChanges.createdAt, before))
    .orderBy(asc(balanceChanges.createdAt))
    .limit(limit);
}

/** Per business, the committed changes Redis may not have yet (the drift check counts them). */
export async function unappliedBalanceChanges(db: DbOrTx, businessId?: string): Promise<Map<string, bigint>> {
  const rows = await db
    .select({
      businessId: balanceChanges.businessId,
      deltaMicros: sql<string>`sum(${balanceChanges.deltaMicros})::text`,
    })
    .from(balanceChanges)
    .where(businessId ? eq(balanceChanges.businessId, businessId) : undefined)
    .groupBy(balanceChanges.businessId);
  return new Map(rows.map((row) => [row.businessId, BigInt(row.deltaMicros)]));
}
