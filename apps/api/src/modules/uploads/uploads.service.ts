import { createHash, randomUUID } from "node:crypto";
import type { Asset } from "@sorot/contracts";
import { AppError, checkCreative, notFound } from "@sorot/core";
import { type Db, findAsset, insertAsset } from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { probeMedia } from "./media-probe.js";
import type { AssetStorage } from "./storage.js";

export function assetUrl(assetId: string): string {
  return `/media/${assetId}`;
}

/**
 * Accepts a creative only for what its bytes are: type sniffed from the content, size, aspect
 * ratio and duration checked against the creative spec; the file name is never trusted.
 */
export async function storeUpload(
  db: Db,
  storage: AssetStorage,
  businessId: string,
  file: { bytes: Buffer; filename: string },
  actor: Actor,
): Promise<Asset> {
  const media = await probeMedia(file.bytes);
  if (!media) {
    throw new AppError(
      415,
      "UNSUPPORTED_MEDIA",
      "Unsupported file",
      "Upload a JPEG, PNG or WebP image, or an MP4 video.",
      [
        {
          path: "file",
          code: "UNSUPPORTED_MEDIA",
          params: {},
          message: "is not a JPEG, PNG, WebP or MP4 file",
        },
      ],
    );
  }
  const problems = checkCreative({ ...media, bytes: file.bytes.length });
  if (problems.length > 0) {
    throw new AppError(
      422,
      "CREATIVE_REJECTED",
      "The creative does not meet the spec",
      problems.map((problem) => problem.message.en).join(" "),
      problems.map((problem) => ({
        path: "file",
        code: problem.code.toUpperCase(),
        params: problem.params ?? {},
        message: problem.message.en,
      })),
    );
  }
  const id = randomUUID();
  const storageKey = `${businessId}/${id}.${media.extension}`;
  await storage.put(storageKey, file.bytes);
  const row = await db.transaction(async (tx) => {
    const asset = await insertAsset(tx, {
      id,
      businessId,
      kind: media.kind,
      mimeType: media.mimeType,
      bytes: file.bytes.length,
      width: media.width,
      height: media.height,
      durationMs: media.durationMs ?? null,
      storageKey,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      originalName: file.filename.slice(0, 200),
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: "asset.upload",
      entityType: "asset",
      entityId: asset.id,
      businessId,
      after: {
        kind: asset.kind,
        mimeType: asset.mimeType,
        bytes: asset.bytes,
        width: asset.width,
        height: asset.height,
      },
    });
    return asset;
  });
  return {
    assetId: row.id,
    kind: row.kind,
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    ...(row.durationMs === null ? {} : { durationMs: row.durationMs }),
    url: assetUrl(row.id),
  };
}

/** A stored creative and its bytes, for anyone who has its (unguessable) id. */
export async function readCreative(db: Db, storage: AssetStorage, assetId: string) {
  const asset = await findAsset(db, assetId);
  if (!asset) throw notFound("Creative");
  return { mimeType: asset.mimeType, bytes: asset.bytes, body: storage.read(asset.storageKey) };
}
