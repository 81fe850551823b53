import type {
  CreatorDirectoryQuery,
  CreatorListing,
  CreatorProfile,
  CreatorProfileBody,
} from "@sorot/contracts";
import { bandsAtLeast, conflict, type Interest, type Language, notFound, parseMicros } from "@sorot/core";
import {
  type CreatorProfileRow,
  type Db,
  findCreatorProfile,
  findListedCreator,
  handleTakenByOther,
  searchCreators,
  upsertCreatorProfile,
} from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, ListCursor, pageOf } from "../../lib/cursor.js";

const handleTaken = () =>
  conflict("Another creator already uses this handle. Choose another.", "HANDLE_TAKEN", [
    { path: "body.handle", code: "HANDLE_TAKEN", params: {}, message: "is already taken" },
  ]);

/** What businesses see: never the contact details, which cross over only on an accepted request. */
export function toListing(row: CreatorProfileRow): CreatorListing {
  return {
    id: row.userId,
    displayName: row.displayName,
    handle: row.handle,
    bio: row.bio,
    niches: row.niches as Interest[],
    province: row.province,
    city: row.city,
    languages: row.languages as Language[],
    declaredAudience: row.audience as CreatorListing["declaredAudience"],
    startingRateMicros: row.startingRateMicros?.toString() ?? null,
    sampleLinks: row.sampleLinks,
    acceptsRequests: row.acceptsRequests,
  };
}

export function toOwnProfile(row: CreatorProfileRow): CreatorProfile {
  return {
    ...toListing(row),
    contact: row.contact,
    hidden: row.hiddenAt !== null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getOwnProfile(db: Db, userId: string): Promise<CreatorProfile> {
  const row = await findCreatorProfile(db, userId);
  if (!row) throw notFound("Creator profile");
  return toOwnProfile(row);
}

/** Creates the profile on first save and replaces it after; an admin's hide or suspension stays. */
export async function saveProfile(
  db: Db,
  userId: string,
  body: CreatorProfileBody,
  actor: Actor,
): Promise<CreatorProfile> {
  return db.transaction(async (tx) => {
    if (await handleTakenByOther(tx, body.handle, userId)) throw handleTaken();
    const before = await findCreatorProfile(tx, userId);
    const saved = await upsertCreatorProfile(tx, userId, {
      ...body,
      startingRateMicros: body.startingRateMicros === null ? null : parseMicros(body.startingRateMicros),
    });
    if (!saved) throw handleTaken();
    await recordAudit(tx, actor, {
      action: before ? "creator.profile.update" : "creator.profile.create",
      entityType: "creator_profile",
      entityId: userId,
      before: before && toListing(before),
      after: toListing(saved),
    });
    return toOwnProfile(saved);
  });
}

export async function searchDirectory(db: Db, query: CreatorDirectoryQuery) {
  const rows = await searchCreators(
    db,
    {
      niche: query.niche,
      province: query.province,
      city: query.city,
      language: query.language,
      bands: query.minAudience && bandsAtLeast(query.minAudience),
      maxRateMicros: query.maxRateMicros === undefined ? undefined : parseMicros(query.maxRateMicros),
      q: query.q || undefined,
    },
    { limit: query.limit + 1, after: decodeCursor(ListCursor, query.cursor) },
  );
  return pageOf(
    rows,
    query.limit,
    ({ profile }) => toListing(profile),
    ({ profile, position }) => ({ at: position, id: profile.userId }),
  );
}

/** Hidden, suspended and paused profiles are not found: the directory never lists them either. */
export async function getListing(db: Db, creatorId: string): Promise<CreatorListing> {
  const row = await findListedCreator(db, creatorId);
  if (!row) throw notFound("Creator");
  return toListing(row);
}
