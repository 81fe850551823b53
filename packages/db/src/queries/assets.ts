import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { assets } from "../schema/index.js";

export type AssetRow = typeof assets.$inferSelect;

export async function insertAsset(db: DbOrTx, asset: typeof assets.$inferInsert): Promise<AssetRow> {
  const [row] = await db.insert(assets).values(asset).returning();
  if (!row) throw new Error("insert into assets returned no row");
  return row;
}

export async function findAsset(db: DbOrTx, id: string): Promise<AssetRow | undefined> {
  const [row] = await db.select().from(assets).where(eq(assets.id, id));
  return row;
}

export async function findAssetOfBusiness(
  db: DbOrTx,
  businessId: string,
  id: string,
): Promise<AssetRow | undefined> {
  const [row] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), eq(assets.businessId, businessId)));
  return row;
}
