import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { idempotencyRecords } from "../schema/index.js";

export type IdempotencyRecord = typeof idempotencyRecords.$inferSelect;

/**
 * Claims a key inside the caller's transaction. A concurrent claim of the same key waits for this
 * transaction to finish (PostgreSQL blocks the conflicting insert), then sees the stored response.
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  claim: { businessId: string; key: string; requestHash: string },
): Promise<boolean> {
  const rows = await db
    .insert(idempotencyRecords)
    .values({ ...claim, responseStatus: 0, responseBody: null })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecords.key });
  return rows.length === 1;
}

export async function findIdempotencyRecord(db: DbOrTx, businessId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.businessId, businessId), eq(idempotencyRecords.key, key)));
  return row;
}

export async function storeIdempotentResponse(
  db: DbOrTx,
  businessId: string,
  key: string,
  response: { status: number; body: unknown },
) {
  await db
    .update(idempotencyRecords)
    .set({ responseStatus: response.status, responseBody: response.body })
    .where(and(eq(idempotencyRecords.businessId, businessId), eq(idempotencyRecords.key, key)));
}
