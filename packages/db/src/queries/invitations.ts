import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { businesses, invitations } from "../schema/index.js";

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(
  db: DbOrTx,
  invitation: typeof invitations.$inferInsert,
): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(invitation).returning();
  if (!row) throw new Error("insert into invitations returned no row");
  return row;
}

/** Pending: neither accepted, revoked nor expired. Newest first, keyed by (createdAt, id) for paging. */
export async function listPendingInvitations(
  db: DbOrTx,
  businessId: string,
  options: { limit: number; after?: { createdAt: Date; id: string } },
): Promise<InvitationRow[]> {
  const { after } = options;
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.businessId, businessId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
        after
          ? or(
              lt(invitations.createdAt, after.createdAt),
              and(eq(invitations.createdAt, after.createdAt), lt(invitations.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(options.limit);
}

export async function findInvitationByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<(InvitationRow & { businessName: string }) | undefined> {
  const [row] = await db
    .select({ invitation: invitations, businessName: businesses.name })
    .from(invitations)
    .innerJoin(businesses, eq(businesses.id, invitations.businessId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row && { ...row.invitation, businessName: row.businessName };
}

/** Compare-and-set, so a link clicked twice at once is accepted once. */
export async function markInvitationAccepted(db: DbOrTx, id: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedBy: userId })
    .where(
      and(
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}

export async function revokeInvitation(
  db: DbOrTx,
  businessId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.id, id),
        eq(invitations.businessId, businessId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning();
  return row;
}
