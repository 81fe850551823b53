import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import {
  ads,
  adVersions,
  appeals,
  assets,
  businesses,
  campaigns,
  memberships,
  notifications,
  reviews,
  users,
} from "../schema/index.js";

export type ReviewRow = typeof reviews.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;

const queueColumns = {
  adId: ads.id,
  adName: ads.name,
  versionId: adVersions.id,
  version: adVersions.version,
  headline: adVersions.headline,
  submittedAt: adVersions.submittedAt,
  prescreenFlags: adVersions.prescreenFlags,
  claimedBy: adVersions.claimedBy,
  claimedUntil: adVersions.claimedUntil,
  businessId: businesses.id,
  businessName: businesses.name,
  businessStatus: businesses.status,
  campaignId: campaigns.id,
  campaignName: campaigns.name,
  objective: campaigns.objective,
  format: assets.kind,
  appealId: appeals.id,
};

export type QueueRow = {
  adId: string;
  adName: string;
  versionId: string;
  version: number;
  headline: string;
  submittedAt: Date | null;
  prescreenFlags: unknown;
  claimedBy: string | null;
  claimedUntil: Date | null;
  businessId: string;
  businessName: string;
  businessStatus: "active" | "suspended";
  campaignId: string;
  campaignName: string;
  objective: string;
  format: "image" | "video";
  appealId: string | null;
};

/** Versions waiting for a decision: the current version of a live ad, oldest submission first. */
export async function reviewQueue(
  db: DbOrTx,
  options: {
    limit: number;
    format?: "image" | "video";
    flag?: string;
    submittedBefore?: Date;
    after?: { submittedAt: Date; versionId: string };
  },
): Promise<QueueRow[]> {
  const { after } = options;
  return db
    .select(queueColumns)
    .from(adVersions)
    .innerJoin(ads, and(eq(ads.id, adVersions.adId), eq(ads.currentVersion, adVersions.version)))
    .innerJoin(campaigns, eq(campaigns.id, ads.campaignId))
    .innerJoin(businesses, eq(businesses.id, ads.businessId))
    .innerJoin(assets, eq(assets.id, adVersions.assetId))
    .leftJoin(appeals, and(eq(appeals.adVersionId, adVersions.id), eq(appeals.status, "pending")))
    .where(
      and(
        eq(adVersions.reviewStatus, "in_review"),
        isNull(ads.archivedAt),
        options.format ? eq(assets.kind, options.format) : undefined,
        options.flag
          ? sql`exists (select 1 from jsonb_array_elements(coalesce(${adVersions.prescreenFlags}, '[]'::jsonb)) f where f->>'code' = ${options.flag})`
          : undefined,
        options.submittedBefore ? lt(adVersions.submittedAt, options.submittedBefore) : undefined,
        after
          ? or(
              gt(adVersions.submittedAt, after.submittedAt),
              and(eq(adVersions.submittedAt, after.submittedAt), gt(adVersions.id, after.versionId)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(adVersions.submittedAt), asc(adVersions.id))
    .limit(options.limit);
}

export async function queueLength(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(adVersions)
    .innerJoin(ads, and(eq(ads.id, adVersions.adId), eq(ads.currentVersion, adVersions.version)))
    .where(and(eq(adVersions.reviewStatus, "in_review"), isNull(ads.archivedAt)));
  return row?.n ?? 0;
}

/** The ad's current version with everything a reviewer needs, or undefined. */
export async function findReviewItem(db: DbOrTx, adId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({ ...queueColumns, reviewStatus: adVersions.reviewStatus })
    .from(adVersions)
    .innerJoin(ads, and(eq(ads.id, adVersions.adId), eq(ads.currentVersion, adVersions.version)))
    .innerJoin(campaigns, eq(campaigns.id, ads.campaignId))
    .innerJoin(businesses, eq(businesses.id, ads.businessId))
    .innerJoin(assets, eq(assets.id, adVersions.assetId))
    .leftJoin(appeals, and(eq(appeals.adVersionId, adVersions.id), eq(appeals.status, "pending")))
    .where(and(eq(ads.id, adId), isNull(ads.archivedAt)));
  const [row] = options.lock ? await query.for("update", { of: adVersions }) : await query;
  return row;
}

/** Claims a version for `adminId` unless another admin's claim is still running. */
export async function claimVersion(db: DbOrTx, versionId: string, adminId: string, until: Date, now: Date) {
  const rows = await db
    .update(adVersions)
    .set({ claimedBy: adminId, claimedUntil: until })
    .where(
      and(
        eq(adVersions.id, versionId),
        or(
          isNull(adVersions.claimedUntil),
          lt(adVersions.claimedUntil, now),
          eq(adVersions.claimedBy, adminId),
        ),
      ),
    )
    .returning({ id: adVersions.id });
  return rows.length === 1;
}

export async function versionHistory(db: DbOrTx, adId: string) {
  const rows = await db
    .select({ version: adVersions, asset: assets })
    .from(adVersions)
    .innerJoin(assets, eq(assets.id, adVersions.assetId))
    .where(eq(adVersions.adId, adId))
    .orderBy(desc(adVersions.version));
  const versions = rows.map(({ version, asset }) => ({ ...version, asset }));
  // Admins read who decided by name; a deleted reviewer's decisions keep a null name.
  const decisions = await db
    .select({ ...getTableColumns(reviews), reviewerName: users.name })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.reviewerId))
    .where(eq(reviews.adId, adId))
    .orderBy(desc(reviews.createdAt));
  const appealRows = versions.length
    ? await db
        .select()
        .from(appeals)
        .where(
          inArray(
            appeals.adVersionId,
            versions.map((v) => v.id),
          ),
        )
    : [];
  return { versions, decisions, appeals: appealRows };
}

export async function insertReview(db: DbOrTx, review: typeof reviews.$inferInsert): Promise<ReviewRow> {
  const [row] = await db.insert(reviews).values(review).returning();
  if (!row) throw new Error("insert into reviews returned no row");
  return row;
}

/** Leaves `in_review` once; the condition turns a second decision into a detectable no-op. */
export async function setVersionDecision(
  db: DbOrTx,
  versionId: string,
  status: "approved" | "rejected",
  at: Date,
) {
  const [row] = await db
    .update(adVersions)
    .set({ reviewStatus: status, decidedAt: at, claimedBy: null, claimedUntil: null })
    .where(and(eq(adVersions.id, versionId), eq(adVersions.reviewStatus, "in_review")))
    .returning();
  return row;
}

export async function setApprovedVersion(db: DbOrTx, adId: string, version: number) {
  await db.update(ads).set({ approvedVersion: version, updatedAt: new Date() }).where(eq(ads.id, adId));
}

export async function isMember(db: DbOrTx, userId: string, businessId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.businessId, businessId)));
  return rows.length > 0;
}

export async function insertAppeal(
  db: DbOrTx,
  appeal: typeof appeals.$inferInsert,
): Promise<AppealRow | undefined> {
  const [row] = await db.insert(appeals).values(appeal).onConflictDoNothing().returning();
  return row;
}

export async function resolveAppeal(db: DbOrTx, id: string, status: "upheld" | "overturned") {
  await db
    .update(appeals)
    .set({ status })
    .where(and(eq(appeals.id, id), eq(appeals.status, "pending")));
}

export async function findAppeal(db: DbOrTx, id: string): Promise<AppealRow | undefined> {
  const [row] = await db.select().from(appeals).where(eq(appeals.id, id));
  return row;
}

/** Back into the queue for the appeal: the same version, reviewed again. */
export async function reopenVersion(db: DbOrTx, versionId: string, at: Date) {
  await db
    .update(adVersions)
    .set({ reviewStatus: "in_review", submittedAt: at, decidedAt: null })
    .where(and(eq(adVersions.id, versionId), eq(adVersions.reviewStatus, "rejected")));
}

export async function setPrescreenFlags(db: DbOrTx, versionId: string, flags: unknown) {
  await db.update(adVersions).set({ prescreenFlags: flags }).where(eq(adVersions.id, versionId));
}

export async function findVersionById(db: DbOrTx, versionId: string) {
  const [row] = await db
    .select({ version: adVersions, asset: assets })
    .from(adVersions)
    .innerJoin(assets, eq(assets.id, adVersions.assetId))
    .where(eq(adVersions.id, versionId));
  return row;
}

export interface ReviewMetrics {
  decisions: number;
  approvals: number;
  rejections: number;
  medianSeconds: number | null;
  p95Seconds: number | null;
  byReason: Record<string, number>;
}

/** Decision times and outcomes since `since`; percentiles of the wait each decided version had. */
export async function reviewMetrics(db: DbOrTx, since: Date): Promise<ReviewMetrics> {
  const [totals] = await db
    .select({
      decisions: sql<number>`count(*)::int`,
      approvals: sql<number>`(count(*) filter (where ${reviews.decision} = 'approve'))::int`,
      rejections: sql<number>`(count(*) filter (where ${reviews.decision} = 'reject'))::int`,
      median: sql<number | null>`percentile_cont(0.5) within group (order by ${reviews.waitedSeconds})`,
      p95: sql<number | null>`percentile_cont(0.95) within group (order by ${reviews.waitedSeconds})`,
    })
    .from(reviews)
    .where(gte(reviews.createdAt, since));
  const reasons = await db
    .select({ reason: sql<string>`r`, n: sql<number>`count(*)::int` })
    .from(sql`${reviews}, unnest(${reviews.reasons}) as r`)
    .where(gte(reviews.createdAt, since))
    .groupBy(sql`r`);
  return {
    decisions: totals?.decisions ?? 0,
    approvals: totals?.approvals ?? 0,
    rejections: totals?.rejections ?? 0,
    medianSeconds:
      totals?.median === null || totals?.median === undefined ? null : Math.round(Number(totals.median)),
    p95Seconds: totals?.p95 === null || totals?.p95 === undefined ? null : Math.round(Number(totals.p95)),
    byReason: Object.fromEntries(reasons.map((row) => [row.reason, row.n])),
  };
}

/** The latest decision per ad, for owners' ad views. */
export async function latestReviews(db: DbOrTx, adIds: string[]): Promise<Map<string, ReviewRow>> {
  const latest = new Map<string, ReviewRow>();
  if (adIds.length === 0) return latest;
  const rows = await db
    .selectDistinctOn([reviews.adId])
    .from(reviews)
    .where(inArray(reviews.adId, adIds))
    .orderBy(reviews.adId, desc(reviews.createdAt));
  for (const row of rows) latest.set(row.adId, row);
  return latest;
}

export async function appealsOfVersions(db: DbOrTx, versionIds: string[]): Promise<Map<string, AppealRow>> {
  const found = new Map<string, AppealRow>();
  if (versionIds.length === 0) return found;
  const rows = await db.select().from(appeals).where(inArray(appeals.adVersionId, versionIds));
  for (const row of rows) found.set(row.adVersionId, row);
  return found;
}

export async function listNotifications(
  db: DbOrTx,
  businessId: string,
  options: { limit: number; before?: { createdAt: Date; id: string } },
) {
  const { before } = options;
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.businessId, businessId),
        before
          ? or(
              lt(notifications.createdAt, before.createdAt),
              and(eq(notifications.createdAt, before.createdAt), lt(notifications.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit);
}

export async function unreadNotificationCount(db: DbOrTx, businessId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.businessId, businessId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markNotificationsRead(db: DbOrTx, businessId: string, ids?: string[]) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.businessId, businessId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    );
}

export async function adVersionsAwaitingPrescreen(db: DbOrTx, limit: number) {
  return db
    .select({ id: adVersions.id })
    .from(adVersions)
    .where(and(eq(adVersions.reviewStatus, "in_review"), isNull(adVersions.prescreenFlags)))
    .limit(limit);
}

/** Who a business's notifications are mailed to, each with the language they read. */
export async function ownerRecipients(db: DbOrTx, businessId: string) {
  return db
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.businessId, businessId), eq(memberships.role, "owner")));
}
