import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { businesses, memberships } from "../schema/index.js";

export type BusinessRow = typeof businesses.$inferSelect;
export type NewBusiness = typeof businesses.$inferInsert;
export type MembershipRow = typeof memberships.$inferSelect;
export type BusinessWithRole = BusinessRow & { role: MembershipRow["role"] };

export async function insertBusiness(db: DbOrTx, business: NewBusiness): Promise<BusinessRow> {
  const [row] = await db.insert(businesses).values(business).returning();
  if (!row) throw new Error("insert into businesses returned no row");
  return row;
}

export async function insertMembership(
  db: DbOrTx,
  membership: typeof memberships.$inferInsert,
): Promise<MembershipRow | undefined> {
  const [row] = await db.insert(memberships).values(membership).onConflictDoNothing().returning();
  return row;
}

export async function listBusinessesOfUser(db: DbOrTx, userId: string): Promise<BusinessWithRole[]> {
  const rows = await db
    .select({ business: businesses, role: memberships.role })
    .from(memberships)
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(businesses.createdAt), asc(businesses.id));
  return rows.map(({ business, role }) => ({ ...business, role }));
}

/** The one query tenant scoping rests on: no row means the caller must not learn the business exists. */
export async function findBusinessForMember(
  db: DbOrTx,
  businessId: string,
  userId: string,
): Promise<BusinessWithRole | undefined> {
  const [row] = await db
    .select({ business: businesses, role: memberships.role })
    .from(memberships)
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)));
  return row && { ...row.business, role: row.role };
}
