import { and, desc, eq, ilike, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import {
  adHourlyStats,
  ads,
  adVersions,
  budgetChangeRequests,
  businesses,
  campaigns,
} from "../schema/index.js";

export type CampaignRow = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
export type CampaignStatusValue = CampaignRow["status"];
export type BudgetChangeRequestRow = typeof budgetChangeRequests.$inferSelect;

export async function insertCampaign(db: DbOrTx, campaign: NewCampaign): Promise<CampaignRow> {
  const [row] = await db.insert(campaigns).values(campaign).returning();
  if (!row) throw new Error("insert into campaigns returned no row");
  return row;
}

export async function findCampaignOfBusiness(
  db: DbOrTx,
  businessId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<CampaignRow | undefined> {
  const query = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.businessId, businessId)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

export async function listCampaigns(
  db: DbOrTx,
  businessId: string,
  options: {
    limit: number;
    status?: CampaignStatusValue;
    q?: string;
    after?: { createdAt: Date; id: string };
  },
): Promise<CampaignRow[]> {
  const { after } = options;
  return db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.businessId, businessId),
        options.status ? eq(campaigns.status, options.status) : undefined,
        options.q ? ilike(campaigns.name, `%${options.q.replace(/[\\%_]/g, "\\$&")}%`) : undefined,
        after
          ? or(
              lt(campaigns.createdAt, after.createdAt),
              and(eq(campaigns.createdAt, after.createdAt), lt(campaigns.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(options.limit);
}

export async function updateCampaign(
  db: DbOrTx,
  id: string,
  changes: Partial<Omit<NewCampaign, "id" | "businessId" | "createdAt">>,
): Promise<CampaignRow | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(campaigns.id, id))
    .returning();
  return row;
}

/**
 * Moves a campaign between statuses only if it is still in one of `from`: the database re-checks
 * what the state machine allowed, so two racing requests cannot both win.
 */
export async function transitionCampaign(
  db: DbOrTx,
  id: string,
  from: readonly CampaignStatusValue[],
  to: CampaignStatusValue,
  extra: Partial<Pick<NewCampaign, "submittedAt">> = {},
): Promise<CampaignRow | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ status: to, updatedAt: new Date(), ...extra })
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, [...from])))
    .returning();
  return row;
}

export interface CampaignSpend {
  todayMicros: bigint;
  totalMicros: bigint;
}

/** Spend from the hourly rollups the tally writes; `since` is the start of the business's local day. */
export async function campaignSpend(
  db: DbOrTx,
  campaignIds: string[],
  since: Date,
): Promise<Map<string, CampaignSpend>> {
  const spend = new Map<string, CampaignSpend>();
  if (campaignIds.length === 0) return spend;
  const rows = await db
    .select({
      campaignId: adHourlyStats.campaignId,
      total: sql<string>`sum(${adHourlyStats.spendMicros})`,
      today: sql<string>`coalesce(sum(${adHourlyStats.spendMicros}) filter (where ${adHourlyStats.hour} >= ${since}), 0)`,
    })
    .from(adHourlyStats)
    .where(inArray(adHourlyStats.campaignId, campaignIds))
    .groupBy(adHourlyStats.campaignId);
  for (const row of rows)
    spend.set(row.campaignId, { todayMicros: BigInt(row.today), totalMicros: BigInt(row.total) });
  return spend;
}

export interface AdCounts {
  total: number;
  inReview: number;
  approved: number;
  rejected: number;
}

/** Counts by the review status of each live ad's current version. */
export async function adCountsOfCampaigns(db: DbOrTx, campaignIds: string[]): Promise<Map<string, AdCounts>> {
  const counts = new Map<string, AdCounts>();
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .select({
      campaignId: ads.campaignId,
      total: sql<number>`count(*)::int`,
      inReview: sql<number>`(count(*) filter (where ${adVersions.reviewStatus} = 'in_review'))::int`,
      approved: sql<number>`(count(*) filter (where ${ads.approvedVersion} is not null))::int`,
      rejected: sql<number>`(count(*) filter (where ${adVersions.reviewStatus} = 'rejected'))::int`,
    })
    .from(ads)
    .innerJoin(adVersions, and(eq(adVersions.adId, ads.id), eq(adVersions.version, ads.currentVersion)))
    .where(and(inArray(ads.campaignId, campaignIds), isNull(ads.archivedAt)))
    .groupBy(ads.campaignId);
  for (const row of rows) counts.set(row.campaignId, row);
  return counts;
}

export async function insertBudgetChangeRequest(
  db: DbOrTx,
  request: typeof budgetChangeRequests.$inferInsert,
) {
  const [row] = await db
    .insert(budgetChangeRequests)
    .values(request)
    .onConflictDoUpdate({
      // One pending request per campaign: a newer raise replaces the older one.
      target: budgetChangeRequests.campaignId,
      targetWhere: sql`${budgetChangeRequests.status} = 'pending'`,
      set: { toMicros: request.toMicros, requestedBy: request.requestedBy, createdAt: new Date() },
    })
    .returning();
  if (!row) throw new Error("insert into budget_change_requests returned no row");
  return row;
}

export async function pendingBudgetRequests(
  db: DbOrTx,
  campaignIds: string[],
): Promise<Map<string, BudgetChangeRequestRow>> {
  const pending = new Map<string, BudgetChangeRequestRow>();
  if (campaignIds.length === 0) return pending;
  const rows = await db
    .select()
    .from(budgetChangeRequests)
    .where(
      and(inArray(budgetChangeRequests.campaignId, campaignIds), eq(budgetChangeRequests.status, "pending")),
    );
  for (const row of rows) pending.set(row.campaignId, row);
  return pending;
}

export async function decideBudgetChangeRequest(
  db: DbOrTx,
  id: string,
  campaignId: string,
  decision: { status: "approved" | "rejected"; decidedBy: string },
): Promise<BudgetChangeRequestRow | undefined> {
  const [row] = await db
    .update(budgetChangeRequests)
    .set({ status: decision.status, decidedBy: decision.decidedBy, decidedAt: new Date() })
    .where(
      and(
        eq(budgetChangeRequests.id, id),
        eq(budgetChangeRequests.campaignId, campaignId),
        eq(budgetChangeRequests.status, "pending"),
      ),
    )
    .returning();
  return row;
}

/** Campaigns the lifecycle and pacing jobs look after, with their business's zone and standing. */
export async function campaignsInFlight(db: DbOrTx) {
  return db
    .select({ campaign: campaigns, timeZone: businesses.timeZone, businessStatus: businesses.status })
    .from(campaigns)
    .innerJoin(businesses, eq(businesses.id, campaigns.businessId))
    .where(inArray(campaigns.status, ["scheduled", "active", "paused", "out_of_budget", "out_of_funds"]));
}

/** Impressions and clicks so far per campaign, from the hourly rollups: CPC pacing's click-through rate. */
export async function campaignDeliveryCounts(
  db: DbOrTx,
  campaignIds: string[],
): Promise<Map<string, { impressions: bigint; clicks: bigint }>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .select({
      campaignId: adHourlyStats.campaignId,
      impressions: sql<string>`sum(${adHourlyStats.impressions})`,
      clicks: sql<string>`sum(${adHourlyStats.clicks})`,
    })
    .from(adHourlyStats)
    .where(inArray(adHourlyStats.campaignId, campaignIds))
    .groupBy(adHourlyStats.campaignId);
  return new Map(
    rows.map((row) => [row.campaignId, { impressions: BigInt(row.impressions), clicks: BigInt(row.clicks) }]),
  );
}
