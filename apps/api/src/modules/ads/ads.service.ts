import { isDeepStrictEqual } from "node:util";
import {
  type Ad,
  type AdDestination,
  type AdReview,
  type AdVersion,
  type CreateAdBody,
  destinationOfBody,
  type UpdateAdBody,
} from "@sorot/contracts";
import {
  AD_FIELDS,
  badRequest,
  checkLandingUrl,
  fieldError,
  invalidState,
  isRejectionReasonCode,
  nextAdReviewStatus,
  notFound,
  type PrescreenFlagCode,
  REJECTION_REASONS,
} from "@sorot/core";
import {
  type AdVersionWithAsset,
  type AdWithVersions,
  type AppealRow,
  addAdVersion,
  appealsOfVersions,
  archiveAd,
  type BusinessWithRole,
  type CampaignRow,
  type Db,
  destinationColumns,
  destinationOfVersion,
  findAdOfCampaign,
  findAssetOfBusiness,
  findCampaignOfBusiness,
  insertAdWithFirstVersion,
  latestReviews,
  listAdsOfCampaigns,
  type ReviewRow,
  type Tx,
  updateAdName,
  updateDraftVersion,
} from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";
import type { DeliveryDeps } from "../../lib/deps.js";
import { assetUrl } from "../uploads/uploads.service.js";
import { enqueuePrescreen, type PrescreenDeps } from "./ads.prescreen.js";

/** Landing URL problems that make an ad unsubmittable; the rest (a shortener, say) are review flags. */
const REFUSED_URL_FLAGS: readonly PrescreenFlagCode[] = [
  "url_invalid",
  "url_not_https",
  "url_credentials",
  "url_ip_host",
  "url_private_host",
  "url_too_long",
];

/** A WhatsApp destination's number was judged by its schema; a web one's URL is judged here. */
function checkDestinationAllowed(destination: AdDestination, path: string) {
  if (destination.type !== "web") return;
  const refused = checkLandingUrl(destination.url).filter((flag) => REFUSED_URL_FLAGS.includes(flag.code));
  if (refused.length > 0) {
    throw badRequest(
      refused.map((flag) => flag.message.en).join(" "),
      refused.map((flag) => ({
        path,
        code: flag.code.toUpperCase(),
        params: {},
        message: flag.message.en,
      })),
    );
  }
}

export function toVersion(version: AdVersionWithAsset): AdVersion {
  return {
    version: version.version,
    headline: version.headline,
    text: version.text,
    callToAction: version.callToAction as AdVersion["callToAction"],
    destination: destinationOfVersion(version),
    landingUrl: version.landingUrl,
    creative: {
      assetId: version.asset.id,
      url: assetUrl(version.asset.id),
      kind: version.asset.kind,
      width: version.asset.width,
      height: version.asset.height,
      durationMs: version.asset.durationMs,
    },
    // A superseded version is never current, so the ad's status stays within the public four.
    reviewStatus: version.reviewStatus === "superseded" ? "draft" : version.reviewStatus,
    submittedAt: version.submittedAt?.toISOString() ?? null,
    decidedAt: version.decidedAt?.toISOString() ?? null,
  };
}

function toReview(review: ReviewRow, appeal: AppealRow | undefined, current: AdVersionWithAsset): AdReview {
  return {
    decision: review.decision,
    version: review.version,
    reasons: review.reasons.filter(isRejectionReasonCode).map((code) => ({
      code,
      title: REJECTION_REASONS[code].title,
      howToFix: REJECTION_REASONS[code].howToFix,
    })),
    note: review.note,
    decidedAt: review.createdAt.toISOString(),
    appeal: appeal ? { status: appeal.status, createdAt: appeal.createdAt.toISOString() } : null,
    // One appeal per rejected version, and only while that version is still the current one.
    canAppeal:
      review.decision === "reject" &&
      !appeal &&
      current.reviewStatus === "rejected" &&
      review.version === current.version,
  };
}

/** Ads as owners and reviewers see them: versions, the latest decision with how to fix it, time waiting. */
export async function presentAds(db: Db | Tx, rows: AdWithVersions[], now = new Date()): Promise<Ad[]> {
  const [decisions, appealsByVersion] = await Promise.all([
    latestReviews(
      db,
      rows.map((row) => row.ad.id),
    ),
    appealsOfVersions(
      db,
      rows.map((row) => row.current.id),
    ),
  ]);
  return rows.map(({ ad, current, delivering }) => {
    const currentVersion = toVersion(current);
    const review = decisions.get(ad.id);
    return {
      id: ad.id,
      campaignId: ad.campaignId,
      name: ad.name,
      reviewStatus: currentVersion.reviewStatus,
      current: currentVersion,
      delivering: delivering ? toVersion(delivering) : null,
      review: review ? toReview(review, appealsByVersion.get(current.id), current) : null,
      waitingSeconds:
        current.reviewStatus === "in_review" && current.submittedAt
          ? Math.max(0, Math.round((now.getTime() - current.submittedAt.getTime()) / 1000))
          : null,
      createdAt: ad.createdAt.toISOString(),
      updatedAt: ad.updatedAt.toISOString(),
    };
  });
}

async function editableCampaign(
  db: Db | Tx,
  business: BusinessWithRole,
  campaignId: string,
): Promise<CampaignRow> {
  const campaign = await findCampaignOfBusiness(db, business.id, campaignId, { lock: true });
  if (!campaign) throw notFound("Campaign");
  if (campaign.status === "completed" || campaign.status === "archived") {
    throw invalidState(`Ads of a ${campaign.status} campaign cannot change.`);
  }
  return campaign;
}

async function assertAssetOfBusiness(db: Db | Tx, businessId: string, assetId: string) {
  if (!(await findAssetOfBusiness(db, businessId, assetId)))
    throw fieldError("body.assetId", "is not a creative of this business", "UNKNOWN_ASSET");
}

/** Once the campaign was submitted, new content goes straight to review; before that it waits as a draft. */
function entryStatus(campaign: CampaignRow, now: Date) {
  return campaign.submittedAt
    ? { reviewStatus: "in_review" as const, submittedAt: now }
    : { reviewStatus: "draft" as const, submittedAt: null };
}

export async function createAd(
  deps: PrescreenDeps,
  business: BusinessWithRole,
  campaignId: string,
  body: CreateAdBody,
  actor: Actor,
) {
  const { db } = deps;
  const { destination: _given, landingUrl: _legacy, ...fields } = body;
  const destination = destinationOfBody(body);
  // CreateAdBody requires one of the two, so this only narrows the type.
  if (!destination) throw badRequest("destination is required");
  checkDestinationAllowed(destination, body.destination ? "body.destination.url" : "body.landingUrl");
  const now = new Date();
  const adId = await db.transaction(async (tx) => {
    const campaign = await editableCampaign(tx, business, campaignId);
    await assertAssetOfBusiness(tx, business.id, body.assetId);
    const ad = await insertAdWithFirstVersion(
      tx,
      { campaignId, businessId: business.id, name: body.name },
      {
        assetId: body.assetId,
        headline: body.headline,
        text: body.text,
        callToAction: body.callToAction,
        ...destinationColumns(destination),
        createdBy: actor.userId,
        ...entryStatus(campaign, now),
      },
    );
    await recordAudit(tx, actor, {
      action: "ad.create",
      entityType: "ad",
      entityId: ad.id,
      businessId: business.id,
      after: { campaignId, ...fields, destination },
    });
    return ad.id;
  });
  const { ad, toPrescreen } = await adAfterChange(db, campaignId, adId);
  await enqueuePrescreen(deps, toPrescreen);
  return ad;
}

export async function getAd(db: Db | Tx, campaignId: string, adId: string): Promise<Ad> {
  return (await adAfterChange(db, campaignId, adId)).ad;
}

/**
 * An ad as the API shows it, plus its current version's id when that version is in review and not
 * yet pre-screened, for `review.prescreen` once the change has committed.
 */
async function adAfterChange(
  db: Db | Tx,
  campaignId: string,
  adId: string,
): Promise<{ ad: Ad; toPrescreen: string[] }> {
  const found = await findAdOfCampaign(db, campaignId, adId);
  if (!found) throw notFound("Ad");
  const [ad] = await presentAds(db, [found]);
  if (!ad) throw notFound("Ad");
  const { current } = found;
  const waiting = current.reviewStatus === "in_review" && current.prescreenFlags === null;
  return { ad, toPrescreen: waiting ? [current.id] : [] };
}

export async function getAds(db: Db, business: BusinessWithRole, campaignId: string): Promise<Ad[]> {
  if (!(await findCampaignOfBusiness(db, business.id, campaignId))) throw notFound("Campaign");
  return presentAds(db, await listAdsOfCampaigns(db, [campaignId]));
}

/** One ad of one of the business's campaigns; another tenant's campaign answers 404. */
export async function getAdOfBusiness(
  db: Db,
  business: BusinessWithRole,
  campaignId: string,
  adId: string,
): Promise<Ad> {
  if (!(await findCampaignOfBusiness(db, business.id, campaignId))) throw notFound("Campaign");
  return getAd(db, campaignId, adId);
}

/**
 * Edits. A draft changes in place. Otherwise an edit of the creative, text or URL makes a new
 * version that goes (back) to review while the last approved version keeps delivering; a rename
 * never needs review.
 */
export async function changeAd(
  deps: PrescreenDeps,
  business: BusinessWithRole,
  campaignId: string,
  adId: string,
  body: UpdateAdBody,
  actor: Actor,
) {
  const { db } = deps;
  const destination = destinationOfBody(body);
  if (destination)
    checkDestinationAllowed(destination, body.destination ? "body.destination.url" : "body.landingUrl");
  const now = new Date();
  await db.transaction(async (tx) => {
    const campaign = await editableCampaign(tx, business, campaignId);
    const found = await findAdOfCampaign(tx, campaignId, adId, { lock: true });
    if (!found) throw notFound("Ad");
    if (body.assetId !== undefined) await assertAssetOfBusiness(tx, business.id, body.assetId);
    const { current } = found;
    const before = {
      name: found.ad.name,
      assetId: current.assetId,
      headline: current.headline,
      text: current.text,
      callToAction: current.callToAction,
      destination: destinationOfVersion(current),
    };
    const after = {
      name: body.name ?? before.name,
      assetId: body.assetId ?? before.assetId,
      headline: body.headline ?? before.headline,
      text: body.text ?? before.text,
      callToAction: body.callToAction ?? before.callToAction,
      destination: destination ?? before.destination,
    };
    const changed = AD_FIELDS.filter((field) => !isDeepStrictEqual(before[field], after[field]));
    if (changed.length === 0) return;
    if (changed.includes("name")) await updateAdName(tx, adId, after.name);

    const { name: _name, destination: nextDestination, ...words } = after;
    const content = { ...words, ...destinationColumns(nextDestination) };
    const status = current.reviewStatus === "superseded" ? "draft" : current.reviewStatus;
    const transition = nextAdReviewStatus(status, "edit", { changedFields: changed });
    if (!transition.ok) throw invalidState(transition.reason);
    const contentChanged = changed.some((field) => field !== "name");
    if (contentChanged) {
      if (status === "draft") await updateDraftVersion(tx, current.id, content);
      else
        await addAdVersion(tx, found.ad, {
          ...content,
          createdBy: actor.userId,
          ...entryStatus(campaign, now),
        });
    }
    await recordAudit(tx, actor, {
      action: contentChanged && status !== "draft" ? "ad.new_version" : "ad.update",
      entityType: "ad",
      entityId: adId,
      businessId: business.id,
      before: { ...before, version: current.version },
      after,
    });
  });
  const { ad, toPrescreen } = await adAfterChange(db, campaignId, adId);
  await enqueuePrescreen(deps, toPrescreen);
  return ad;
}

export async function removeAd(
  deps: DeliveryDeps,
  business: BusinessWithRole,
  campaignId: string,
  adId: string,
  actor: Actor,
) {
  const { db } = deps;
  await db.transaction(async (tx) => {
    await editableCampaign(tx, business, campaignId);
    const found = await findAdOfCampaign(tx, campaignId, adId, { lock: true });
    if (!found) throw notFound("Ad");
    await archiveAd(tx, adId);
    await recordAudit(tx, actor, {
      action: "ad.archive",
      entityType: "ad",
      entityId: adId,
      businessId: business.id,
    });
  });
  await deps.publishDeliveryChange({ campaignIds: [campaignId] });
}
