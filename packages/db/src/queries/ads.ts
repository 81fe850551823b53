import { type AdDestinationValue, destinationLink } from "@sorot/core";
import { and, asc, eq, inArray, isNull, max } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { ads, adVersions, assets } from "../schema/index.js";

export type AdRow = typeof ads.$inferSelect;
export type AdVersionRow = typeof adVersions.$inferSelect;
export type AssetSummary = Pick<
  typeof assets.$inferSelect,
  "id" | "kind" | "width" | "height" | "durationMs" | "mimeType" | "bytes"
>;
export type AdVersionWithAsset = AdVersionRow & { asset: AssetSummary };
/** A version's content; without the destination columns it is a web destination at landingUrl. */
export type VersionContent = Pick<
  AdVersionRow,
  "assetId" | "headline" | "text" | "callToAction" | "landingUrl"
> &
  Partial<Pick<AdVersionRow, "destinationType" | "whatsappPhone" | "whatsappMessage">>;

type DestinationColumns = Pick<
  AdVersionRow,
  "landingUrl" | "destinationType" | "whatsappPhone" | "whatsappMessage"
>;

/** A destination as a version stores it; landing_url is the link a tap opens, which delivery redirects to. */
export function destinationColumns(destination: AdDestinationValue): DestinationColumns {
  return destination.type === "web"
    ? { destinationType: "web", landingUrl: destination.url, whatsappPhone: null, whatsappMessage: null }
    : {
        destinationType: "whatsapp",
        landingUrl: destinationLink(destination),
        whatsappPhone: destination.phone,
        whatsappMessage: destination.message,
      };
}

/** A version's destination; the table's check keeps a WhatsApp row's number and message present. */
export function destinationOfVersion(version: DestinationColumns): AdDestinationValue {
  return version.destinationType === "whatsapp"
    ? { type: "whatsapp", phone: version.whatsappPhone ?? "", message: version.whatsappMessage ?? "" }
    : { type: "web", url: version.landingUrl };
}

export interface AdWithVersions {
  ad: AdRow;
  current: AdVersionWithAsset;
  delivering: AdVersionWithAsset | null;
}

const assetColumns = {
  id: assets.id,
  kind: assets.kind,
  width: assets.width,
  height: assets.height,
  durationMs: assets.durationMs,
  mimeType: assets.mimeType,
  bytes: assets.bytes,
};

export async function insertAdWithFirstVersion(
  db: DbOrTx,
  ad: typeof ads.$inferInsert,
  content: VersionContent & Pick<AdVersionRow, "reviewStatus" | "submittedAt" | "createdBy">,
): Promise<AdRow> {
  const [row] = await db.insert(ads).values(ad).returning();
  if (!row) throw new Error("insert into ads returned no row");
  await db.insert(adVersions).values({ ...content, adId: row.id, version: 1 });
  return row;
}

/** The campaign's live ads with their current and delivering (last approved) versions. */
export async function listAdsOfCampaigns(db: DbOrTx, campaignIds: string[]): Promise<AdWithVersions[]> {
  if (campaignIds.length === 0) return [];
  const adRows = await db
    .select()
    .from(ads)
    .where(and(inArray(ads.campaignId, campaignIds), isNull(ads.archivedAt)))
    .orderBy(asc(ads.createdAt), asc(ads.id));
  return attachVersions(db, adRows);
}

export async function findAdOfCampaign(
  db: DbOrTx,
  campaignId: string,
  adId: string,
  options: { lock?: boolean } = {},
): Promise<AdWithVersions | undefined> {
  const query = db
    .select()
    .from(ads)
    .where(and(eq(ads.id, adId), eq(ads.campaignId, campaignId), isNull(ads.archivedAt)));
  const rows = options.lock ? await query.for("update") : await query;
  const [found] = await attachVersions(db, rows);
  return found;
}

async function attachVersions(db: DbOrTx, adRows: AdRow[]): Promise<AdWithVersions[]> {
  if (adRows.length === 0) return [];
  const versions = await db
    .select({ version: adVersions, asset: assetColumns })
    .from(adVersions)
    .innerJoin(assets, eq(assets.id, adVersions.assetId))
    .where(
      inArray(
        adVersions.adId,
        adRows.map((ad) => ad.id),
      ),
    );
  const byKey = new Map(
    versions.map(({ version, asset }) => [`${version.adId}:${version.version}`, { ...version, asset }]),
  );
  return adRows.map((ad) => {
    const current = byKey.get(`${ad.id}:${ad.currentVersion}`);
    if (!current) throw new Error(`ad ${ad.id} has no version ${ad.currentVersion}`);
    const delivering =
      ad.approvedVersion === null ? null : (byKey.get(`${ad.id}:${ad.approvedVersion}`) ?? null);
    return { ad, current, delivering };
  });
}

export async function updateAdName(db: DbOrTx, adId: string, name: string): Promise<void> {
  await db.update(ads).set({ name, updatedAt: new Date() }).where(eq(ads.id, adId));
}

export async function updateDraftVersion(
  db: DbOrTx,
  versionId: string,
  content: Partial<VersionContent>,
): Promise<void> {
  await db
    .update(adVersions)
    .set(content)
    .where(and(eq(adVersions.id, versionId), eq(adVersions.reviewStatus, "draft")));
}

/**
 * Starts a new version from an edit. A version still waiting in review is superseded (its
 * reviewer's decision would be about content that no longer exists); an approved one keeps
 * delivering until the new one is decided.
 */
export async function addAdVersion(
  db: DbOrTx,
  ad: AdRow,
  content: VersionContent & Pick<AdVersionRow, "reviewStatus" | "submittedAt" | "createdBy">,
): Promise<number> {
  const [latest] = await db
    .select({ version: max(adVersions.version) })
    .from(adVersions)
    .where(eq(adVersions.adId, ad.id));
  const version = (latest?.version ?? 0) + 1;
  await db
    .update(adVersions)
    .set({ reviewStatus: "superseded" })
    .where(and(eq(adVersions.adId, ad.id), inArray(adVersions.reviewStatus, ["draft", "in_review"])));
  await db.insert(adVersions).values({ ...content, adId: ad.id, version });
  await db.update(ads).set({ currentVersion: version, updatedAt: new Date() }).where(eq(ads.id, ad.id));
  return version;
}

/** Sends every draft version of the campaign's live ads to review; returns the versions sent. */
export async function submitDraftVersions(db: DbOrTx, campaignId: string, at: Date): Promise<AdVersionRow[]> {
  const liveAds = db
    .select({ id: ads.id })
    .from(ads)
    .where(and(eq(ads.campaignId, campaignId), isNull(ads.archivedAt)));
  return db
    .update(adVersions)
    .set({ reviewStatus: "in_review", submittedAt: at })
    .where(and(inArray(adVersions.adId, liveAds), eq(adVersions.reviewStatus, "draft")))
    .returning();
}

export async function archiveAd(db: DbOrTx, adId: string): Promise<void> {
  await db.update(ads).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(ads.id, adId));
}
