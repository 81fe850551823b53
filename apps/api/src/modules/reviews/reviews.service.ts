import type { ReviewClaim, ReviewDecisionBody, ReviewItem } from "@sorot/contracts";
import {
  AppError,
  conflict,
  forbidden,
  invalidState,
  nextCampaignStatus,
  notFound,
  type PrescreenFlag,
  prescreenAd,
} from "@sorot/core";
import {
  type BusinessWithRole,
  claimVersion,
  type Db,
  type DbOrTx,
  findAdOfCampaign,
  findAppeal,
  findAssetOfBusiness,
  findCampaignOfBusiness,
  findReviewItem,
  insertAppeal,
  insertReview,
  isMember,
  listBusinessesOfUser,
  type QueueRow,
  queueLength,
  reopenVersion,
  resolveAppeal,
  reviewMetrics,
  reviewQueue,
  setApprovedVersion,
  setVersionDecision,
  type Tx,
  transitionCampaign,
  versionHistory,
} from "@sorot/db";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import type { DeliveryDeps } from "../../lib/deps.js";
import { getAd, presentAds, toVersion } from "../ads/ads.service.js";

export const CLAIM_MINUTES = 5;
type ReviewItemRow = NonNullable<Awaited<ReturnType<typeof findReviewItem>>>;
const QueueCursor = z.object({ submittedAt: z.iso.datetime(), versionId: z.uuid() });

function secondsSince(at: Date | null, now: Date): number {
  return at ? Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000)) : 0;
}

function flagsOf(row: { prescreenFlags: unknown }): PrescreenFlag[] {
  return Array.isArray(row.prescreenFlags) ? (row.prescreenFlags as PrescreenFlag[]) : [];
}

function toQueueItem(row: QueueRow, now: Date, ownBusinesses: ReadonlySet<string>) {
  return {
    adId: row.adId,
    adName: row.adName,
    version: row.version,
    headline: row.headline,
    businessId: row.businessId,
    businessName: row.businessName,
    campaignId: row.campaignId,
    campaignName: row.campaignName,
    objective: row.objective,
    format: row.format,
    submittedAt: (row.submittedAt ?? now).toISOString(),
    waitingSeconds: secondsSince(row.submittedAt, now),
    flags: flagsOf(row).map((flag) => flag.code),
    prescreened: row.prescreenFlags !== null,
    claimedBy: row.claimedUntil && row.claimedUntil > now ? row.claimedBy : null,
    claimedUntil: row.claimedUntil && row.claimedUntil > now ? row.claimedUntil.toISOString() : null,
    isAppeal: row.appealId !== null,
    ownBusiness: ownBusinesses.has(row.businessId),
  };
}

/** The queue as one admin reads it: ads of businesses they belong to are marked, for "next" to skip. */
export async function getQueue(
  db: Db,
  adminId: string,
  query: {
    flag?: string;
    format?: "image" | "video";
    minWaitMinutes?: number;
    cursor?: string;
    limit: number;
  },
  now = new Date(),
) {
  const after = decodeCursor(QueueCursor, query.cursor);
  const [rows, memberships] = await Promise.all([
    reviewQueue(db, {
      limit: query.limit + 1,
      flag: query.flag,
      format: query.format,
      submittedBefore:
        query.minWaitMinutes === undefined
          ? undefined
          : new Date(now.getTime() - query.minWaitMinutes * 60_000),
      after: after && { submittedAt: new Date(after.submittedAt), versionId: after.versionId },
    }),
    listBusinessesOfUser(db, adminId),
  ]);
  const ownBusinesses = new Set(memberships.map((business) => business.id));
  return pageOf(
    rows,
    query.limit,
    (row) => toQueueItem(row, now, ownBusinesses),
    (row) => ({ submittedAt: (row.submittedAt ?? now).toISOString(), versionId: row.versionId }),
  );
}

/** The ad under review as an admin sees it. Reading claims nothing: a decider claims it explicitly. */
export async function openReviewItem(
  db: Db,
  adId: string,
  adminId: string,
  now = new Date(),
): Promise<ReviewItem> {
  const row = await findReviewItem(db, adId);
  if (!row) throw notFound("Ad");
  const [history, appeal] = await Promise.all([
    versionHistory(db, adId),
    row.appealId ? findAppeal(db, row.appealId) : undefined,
  ]);
  const found = await findAdOfCampaign(db, row.campaignId, adId);
  if (!found) throw notFound("Ad");
  const [ad] = await presentAds(db, [found], now);
  if (!ad) throw notFound("Ad");
  return {
    ad,
    business: { id: row.businessId, name: row.businessName, status: row.businessStatus },
    campaign: { id: row.campaignId, name: row.campaignName, objective: row.objective },
    version: row.version,
    flags: flagsOf(row),
    prescreened: row.prescreenFlags !== null,
    claim: claimOf(row, adminId, now),
    appeal: appeal ? { id: appeal.id, reason: appeal.reason, rejectedBy: appeal.rejectedBy } : null,
    history: {
      versions: history.versions.filter((version) => version.version !== row.version).map(toVersion),
      decisions: history.decisions.map((decision) => ({
        version: decision.version,
        decision: decision.decision,
        reasons: decision.reasons as ReviewItem["history"]["decisions"][number]["reasons"],
        note: decision.note,
        reviewerId: decision.reviewerId,
        reviewerName: decision.reviewerName,
        onAppeal: decision.onAppeal,
        createdAt: decision.createdAt.toISOString(),
      })),
    },
    waitingSeconds: secondsSince(row.submittedAt, now),
  };
}

function claimOf(row: ReviewItemRow, adminId: string, now: Date): ReviewClaim {
  const running = row.claimedBy !== null && row.claimedUntil !== null && row.claimedUntil > now;
  return {
    claimedBy: running ? row.claimedBy : null,
    claimedUntil: running ? (row.claimedUntil?.toISOString() ?? null) : null,
    mine: running && row.claimedBy === adminId,
  };
}

/**
 * Claims an ad in review for CLAIM_MINUTES, or renews one's own claim. Only an admin who may decide
 * it can: not a member of its business, not the rejecter of the version under appeal. 409 while
 * another admin's claim runs.
 */
export async function claimReview(
  db: Db,
  adId: string,
  adminId: string,
  now = new Date(),
): Promise<ReviewClaim> {
  const row = await findReviewItem(db, adId);
  if (!row) throw notFound("Ad");
  if (row.reviewStatus !== "in_review") throw notInReview(row);
  await assertDecider(db, row, adminId);
  const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
  if (!(await claimVersion(db, row.versionId, adminId, until, now))) throw claimedByOther();
  return { claimedBy: adminId, claimedUntil: until.toISOString(), mine: true };
}

const notInReview = (row: ReviewItemRow) =>
  invalidState(`This ad is ${row.reviewStatus}, not waiting for review.`);
const claimedByOther = () => conflict("Another admin is reviewing this ad right now.", "CLAIMED_BY_OTHER");

/** Who may decide (and so claim) an ad; the appeal being decided, if any, when the admin may. */
async function assertDecider(db: DbOrTx, row: ReviewItemRow, adminId: string) {
  if (await isMember(db, adminId, row.businessId)) {
    throw forbidden(
      "You are a member of this ad's business, so another admin must review it.",
      "SELF_REVIEW",
    );
  }
  const appeal = row.appealId ? await findAppeal(db, row.appealId) : undefined;
  if (appeal?.rejectedBy === adminId) {
    throw forbidden("An appeal goes to a different admin than the one who rejected the ad.", "OWN_APPEAL");
  }
  return appeal;
}

interface DecisionEffects {
  businessId: string;
  campaignId: string;
  adName: string;
  campaignName: string;
  campaignStarted: boolean;
  reviewId: string;
}

/** What a decision touches besides the database: every instance's delivery index and the owner's inbox. */
export type DecisionDeps = DeliveryDeps & Pick<FastifyInstance, "enqueue">;

/**
 * Decides the version the admin looked at, then refreshes delivery and notifies the owner once it
 * has committed. Refused (4xx, nothing changed) when the ad is not in review, the version is stale,
 * another admin holds the claim, the admin belongs to the business, or the admin is deciding an
 * appeal of their own rejection.
 */
export async function decide(
  deps: DecisionDeps,
  adId: string,
  body: ReviewDecisionBody,
  actor: Actor,
  now = new Date(),
) {
  const effects = await recordDecision(deps.db, adId, body, actor, now);
  await deps.publishDeliveryChange({ campaignIds: [effects.campaignId] });
  await notifyDecision(deps.enqueue, adId, body, effects);
  return { reviewId: effects.reviewId, decision: body.decision };
}

/** Every reason a decision is refused; the appeal being decided, if any, when none holds. */
async function assertMayDecide(
  tx: Tx,
  row: ReviewItemRow,
  body: ReviewDecisionBody,
  adminId: string,
  now: Date,
) {
  if (row.reviewStatus !== "in_review") throw notInReview(row);
  if (body.version !== row.version) {
    throw conflict(
      `You looked at version ${body.version}, but version ${row.version} is now waiting. Reopen the ad and decide again.`,
      "STALE_VERSION",
    );
  }
  const appeal = await assertDecider(tx, row, adminId);
  const claim = claimOf(row, adminId, now);
  if (claim.claimedBy !== null && !claim.mine) throw claimedByOther();
  return appeal;
}

/** An approval starts (or schedules) the campaign if it was still a draft; true when it went active. */
async function startApprovedCampaign(tx: Tx, row: ReviewItemRow, actor: Actor, now: Date): Promise<boolean> {
  const campaign = await findCampaignOfBusiness(tx, row.businessId, row.campaignId, { lock: true });
  if (campaign?.status !== "draft") return false;
  const transition = nextCampaignStatus("draft", "approve", {
    now,
    startAt: campaign.startAt,
    endAt: campaign.endAt,
  });
  if (!transition.ok) return false;
  const moved = await transitionCampaign(tx, campaign.id, ["draft"], transition.status);
  await recordAudit(tx, actor, {
    action: "campaign.approve",
    entityType: "campaign",
    entityId: campaign.id,
    businessId: row.businessId,
    before: { status: "draft" },
    after: { status: transition.status },
  });
  return moved?.status === "active";
}

async function recordDecision(
  db: Db,
  adId: string,
  body: ReviewDecisionBody,
  actor: Actor,
  now: Date,
): Promise<DecisionEffects> {
  const adminId = actor.userId;
  if (!adminId) throw forbidden("Sign in as an admin.");
  return db.transaction(async (tx) => {
    const row = await findReviewItem(tx, adId, { lock: true });
    if (!row) throw notFound("Ad");
    const appeal = await assertMayDecide(tx, row, body, adminId, now);

    const status = body.decision === "approve" ? "approved" : "rejected";
    const decided = await setVersionDecision(tx, row.versionId, status, now);
    if (!decided) throw invalidState("This ad was decided meanwhile.");
    const review = await insertReview(tx, {
      adVersionId: row.versionId,
      adId,
      version: row.version,
      businessId: row.businessId,
      decision: body.decision,
      reasons: body.decision === "reject" ? body.reasons : [],
      note: body.note ?? null,
      reviewerId: adminId,
      waitedSeconds: secondsSince(row.submittedAt, now),
      onAppeal: appeal !== undefined,
    });
    if (appeal) await resolveAppeal(tx, appeal.id, body.decision === "approve" ? "overturned" : "upheld");

    let campaignStarted = false;
    if (body.decision === "approve") {
      await setApprovedVersion(tx, adId, row.version);
      campaignStarted = await startApprovedCampaign(tx, row, actor, now);
    }
    await recordAudit(tx, actor, {
      action: `review.${body.decision}`,
      entityType: "ad",
      entityId: adId,
      businessId: row.businessId,
      before: { reviewStatus: "in_review", version: row.version },
      after: {
        reviewStatus: status,
        version: row.version,
        reasons: review.reasons,
        note: review.note,
        appeal: appeal?.id ?? null,
      },
    });
    return {
      businessId: row.businessId,
      campaignId: row.campaignId,
      adName: row.adName,
      campaignName: row.campaignName,
      campaignStarted,
      reviewId: review.id,
    };
  });
}

/** Keyed by the review's id, so a retried enqueue of the same decision adds no second job. */
async function notifyDecision(
  enqueue: DecisionDeps["enqueue"],
  adId: string,
  body: ReviewDecisionBody,
  effects: DecisionEffects,
) {
  const payload = {
    adId,
    adName: effects.adName,
    campaignName: effects.campaignName,
    // Reason codes, not sentences: core's catalogue words them in each reader's language.
    ...(body.decision === "reject" ? { reasons: body.reasons, note: body.note ?? null } : {}),
  };
  await enqueue(
    "notifications.send",
    {
      businessId: effects.businessId,
      kind: body.decision === "approve" ? "ad_approved" : "ad_rejected",
      payload,
      dedupeKey: `review-${effects.reviewId}`,
    },
    effects.reviewId,
  );
  if (effects.campaignStarted) {
    await enqueue(
      "notifications.send",
      {
        businessId: effects.businessId,
        kind: "campaign_started",
        payload: { campaignName: effects.campaignName },
        dedupeKey: `campaign-started-${effects.reviewId}`,
      },
      `started-${effects.reviewId}`,
    );
  }
}

/** One appeal per rejected version, with a reason; it goes back to the queue for another admin. */
export async function appeal(
  db: Db,
  business: BusinessWithRole,
  campaignId: string,
  adId: string,
  reason: string,
  actor: Actor,
  now = new Date(),
) {
  await db.transaction(async (tx) => {
    const found = await findAdOfCampaign(tx, campaignId, adId, { lock: true });
    if (!found || found.ad.businessId !== business.id) throw notFound("Ad");
    const { current } = found;
    if (current.reviewStatus !== "rejected") throw invalidState("Only a rejected ad can be appealed.");
    const [ad] = await presentAds(tx, [found], now);
    if (!ad?.review || ad.review.version !== current.version)
      throw invalidState("This version has no rejection to appeal.");
    const history = await versionHistory(tx, adId);
    const rejection = history.decisions.find(
      (decision) => decision.version === current.version && decision.decision === "reject",
    );
    const created = await insertAppeal(tx, {
      adVersionId: current.id,
      reason,
      createdBy: actor.userId,
      rejectedBy: rejection?.reviewerId ?? null,
    });
    if (!created)
      throw conflict(
        "This version was already appealed once. Edit the ad to submit a new version.",
        "ALREADY_APPEALED",
      );
    await reopenVersion(tx, current.id, now);
    await recordAudit(tx, actor, {
      action: "ad.appeal",
      entityType: "ad",
      entityId: adId,
      businessId: business.id,
      after: { version: current.version, reason },
    });
  });
  return getAd(db, campaignId, adId);
}

/** The same automated checks the reviewer sees, on demand in the builder before submitting. */
export async function preflight(
  db: Db,
  businessId: string,
  body: {
    headline: string;
    text: string;
    callToAction?: string | undefined;
    landingUrl?: string | undefined;
    whatsapp?: { phone: string; message: string } | undefined;
    assetId?: string | undefined;
  },
) {
  const asset = body.assetId ? await findAssetOfBusiness(db, businessId, body.assetId) : undefined;
  if (body.assetId && !asset)
    throw new AppError(
      400,
      "VALIDATION_FAILED",
      "Invalid field",
      "assetId is not a creative of this business.",
      [
        {
          path: "body.assetId",
          code: "UNKNOWN_ASSET",
          params: {},
          message: "is not a creative of this business",
        },
      ],
    );
  return prescreenAd({
    headline: body.headline,
    text: body.text,
    ...(body.callToAction ? { callToAction: body.callToAction } : {}),
    landingUrl: body.landingUrl ?? "",
    ...(body.whatsapp ? { whatsapp: body.whatsapp } : {}),
    ...(asset
      ? {
          creative: {
            kind: asset.kind,
            width: asset.width,
            height: asset.height,
            bytes: asset.bytes,
            mimeType: asset.mimeType,
            ...(asset.durationMs === null ? {} : { durationMs: asset.durationMs }),
          },
        }
      : {}),
  });
}

export async function getMetrics(db: Db, now = new Date()) {
  const [length, lastWeek] = await Promise.all([
    queueLength(db),
    reviewMetrics(db, new Date(now.getTime() - 7 * 86_400_000)),
  ]);
  return { queueLength: length, last7Days: lastWeek };
}
