import { and, asc, desc, eq, gt, ilike, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { businesses, memberships, users } from "../schema/index.js";

export type BusinessRow = typeof businesses.$inferSelect;
export type NewBusiness = typeof businesses.$inferInsert;
export type MembershipRow = typeof memberships.$inferSelect;
export type MemberRole = MembershipRow["role"];
export type BusinessWithRole = BusinessRow & { role: MemberRole };

export async function insertBusiness(db: DbOrTx, business: NewBusiness): Promise<BusinessRow> {
  const [row] = await db.insert(businesses).values(business).returning();
  if (!row) throw new Error("insert into businesses returned no row");
  return row;
}

export async function updateBusiness(
  db: DbOrTx,
  id: string,
  changes: Partial<Pick<BusinessRow, "name" | "timeZone" | "status" | "taxId" | "suspensionReason">>,
): Promise<BusinessRow | undefined> {
  const [row] = await db.update(businesses).set(changes).where(eq(businesses.id, id)).returning();
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

const memberColumns = {
  userId: memberships.userId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  joinedAt: Date;
}

export async function listMembers(
  db: DbOrTx,
  businessId: string,
  options: { limit: number; after?: { joinedAt: Date; userId: string } },
): Promise<MemberRow[]> {
  const { after } = options;
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.businessId, businessId),
        after
          ? or(
              gt(memberships.createdAt, after.joinedAt),
              and(eq(memberships.createdAt, after.joinedAt), gt(memberships.userId, after.userId)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(memberships.createdAt), asc(memberships.userId))
    .limit(options.limit);
}

export async function findMember(
  db: DbOrTx,
  businessId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)));
  return row;
}

/** The business's first owner: who a payment provider names as the payer. */
export async function findFirstOwner(db: DbOrTx, businessId: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.businessId, businessId), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId))
    .limit(1);
  return row;
}

/** Locks the business's membership rows so "is this the last owner?" cannot race with another change. */
export async function lockMemberships(db: DbOrTx, businessId: string): Promise<MembershipRow[]> {
  return db.select().from(memberships).where(eq(memberships.businessId, businessId)).for("update");
}

export async function updateMembershipRole(
  db: DbOrTx,
  businessId: string,
  userId: string,
  role: MemberRole,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
    .returning();
  return row;
}

export async function deleteMembership(db: DbOrTx, businessId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(memberships)
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length === 1;
}

/** For admins: businesses by name (or id), newest first, with their owners' emails. */
export async function searchBusinesses(
  db: DbOrTx,
  options: { q?: string; limit: number; after?: { createdAt: Date; id: string } },
) {
  const { after } = options;
  const term = options.q?.replace(/[\\%_]/g, "\\$&");
  return db
    .select({
      business: businesses,
      ownerEmails: sql<
        string[]
      >`coalesce(array_agg(${users.email}) filter (where ${memberships.role} = 'owner'), '{}')`,
    })
    .from(businesses)
    .leftJoin(memberships, eq(memberships.businessId, businesses.id))
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        term
          ? or(ilike(businesses.name, `%${term}%`), sql`${businesses.id}::text = ${options.q}`)
          : undefined,
        after
          ? or(
              lt(businesses.createdAt, after.createdAt),
              and(eq(businesses.createdAt, after.createdAt), lt(businesses.id, after.id)),
            )
          : undefined,
      ),
    )
    .groupBy(businesses.id)
    .orderBy(desc(businesses.createdAt), desc(businesses.id))
    .limit(options.limit);
}

export async function findBusiness(db: DbOrTx, id: string): Promise<BusinessRow | undefined> {
  const [row] = await db.select().from(businesses).where(eq(businesses.id, id));
  return row;
}

export async function lockBusiness(db: DbOrTx, id: string): Promise<BusinessRow | undefined> {
  const [row] = await db.select().from(businesses).where(eq(businesses.id, id)).for("update");
  return row;
}
