import { createHash, randomUUID } from "node:crypto";
import type { Asset, ProductCreativeFields, ProductCreatives, UploadQuery } from "@sorot/contracts";
import {
  AppError,
  type AspectRatioName,
  CREATIVE_LIMITS,
  checkCreative,
  fieldError,
  formatRupiah,
  notFound,
  type PixelRect,
  planImage,
} from "@sorot/core";
import { type AssetRow, type Db, findAsset, insertAsset } from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { type ProbedMedia, probeMedia } from "./media-probe.js";
import { PHOTO_OUTPUT, renderPhoto } from "./photo.js";
import { renderProductCreatives } from "./product-creative.js";
import type { AssetStorage } from "./storage.js";

export function assetUrl(assetId: string): string {
  return `/media/${assetId}`;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The crop a request asks for, when it asks for one (the schema makes it all fields or none). */
export function cropOf(query: UploadQuery): { shape: AspectRatioName; rect: PixelRect } | undefined {
  const { shape, left, top, width, height } = query;
  if (shape === undefined || left === undefined || top === undefined) return undefined;
  if (width === undefined || height === undefined) return undefined;
  return { shape, rect: { left, top, width, height } };
}

/** A JPEG, PNG or WebP photo of any kind, or an MP4; HEIC gets its own words (pick a JPEG). */
export async function probeUpload(bytes: Buffer): Promise<ProbedMedia> {
  const media = await probeMedia(bytes);
  if (media === "undecodable_photo") {
    throw new AppError(
      415,
      "HEIC_NOT_SUPPORTED",
      "HEIC photos are not supported",
      "HEIC/HEIF photos cannot be read here: pick a JPEG photo (on an iPhone: Settings › Camera › Formats › Most Compatible).",
      [
        {
          path: "file",
          code: "HEIC_NOT_SUPPORTED",
          params: {},
          message: "is a HEIC/HEIF photo: pick a JPEG",
        },
      ],
    );
  }
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
  return media;
}

function refuseCreative(problems: ReturnType<typeof checkCreative>): never {
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

/** A photo's original may be a phone camera's, larger than a creative: up to the source limit. */
function refuseOversizePhoto(bytes: Buffer): void {
  const { maxSourceBytes } = CREATIVE_LIMITS.image;
  if (bytes.length > maxSourceBytes) {
    const limitMb = maxSourceBytes / (1024 * 1024);
    throw new AppError(413, "BODY_TOO_LARGE", "File too large", `Photos are at most ${limitMb} MB.`);
  }
}

/**
 * A photo made into a creative: rotated, cropped to the asked shape, scaled, stripped of its
 * metadata and re-encoded; its original's size limit is a phone camera's, not a creative's.
 */
export async function photoCreative(
  bytes: Buffer,
  media: ProbedMedia,
  crop?: { shape: AspectRatioName; rect: PixelRect },
): Promise<{ bytes: Buffer; width: number; height: number }> {
  refuseOversizePhoto(bytes);
  const plan = planImage(media, crop);
  if (!plan.ok)
    throw fieldError("querystring.left", "the crop area must lie inside the photo", "CROP_OUTSIDE_IMAGE");
  return { bytes: await renderPhoto(bytes, plan), ...plan.output };
}

/**
 * Accepts a creative only for what its bytes are: type sniffed from the content, a photo made
 * into a creative (see photoCreative), size, aspect ratio and duration checked against the
 * creative spec; the file name is never trusted. A small photo is stored with a warning.
 */
export async function storeUpload(
  db: Db,
  storage: AssetStorage,
  businessId: string,
  file: { bytes: Buffer; filename: string; crop?: { shape: AspectRatioName; rect: PixelRect } },
  actor: Actor,
): Promise<Asset> {
  const media = await probeUpload(file.bytes);
  if (media.kind === "video" && file.crop)
    throw fieldError(
      "querystring.shape",
      "videos cannot be cropped here; upload one of the accepted shapes",
      "INVALID",
    );
  const stored =
    media.kind === "image"
      ? { ...PHOTO_OUTPUT, ...(await photoCreative(file.bytes, media, file.crop)) }
      : { ...media, bytes: file.bytes };
  return storeCreative(db, storage, businessId, actor, {
    kind: media.kind,
    ...stored,
    ...(media.durationMs === undefined ? {} : { durationMs: media.durationMs }),
    originalSha256: media.kind === "image" ? sha256(file.bytes) : null,
    originalName: file.filename,
  });
}

/** Checks a creative's final bytes against the spec and stores it: the one way an asset is made. */
export async function storeCreative(
  db: Db,
  storage: AssetStorage,
  businessId: string,
  actor: Actor,
  creative: {
    kind: "image" | "video";
    mimeType: string;
    extension: string;
    bytes: Buffer;
    width: number;
    height: number;
    durationMs?: number;
    originalSha256: string | null;
    originalName: string;
  },
): Promise<Asset> {
  const flags = checkCreative({ ...creative, bytes: creative.bytes.length });
  const problems = flags.filter((flag) => flag.severity === "block_suggested");
  if (problems.length > 0) {
    refuseCreative(problems);
  }
  const id = randomUUID();
  const storageKey = `${businessId}/${id}.${creative.extension}`;
  await storage.put(storageKey, creative.bytes);
  const row = await db.transaction(async (tx) => {
    const asset = await insertAsset(tx, {
      id,
      businessId,
      kind: creative.kind,
      mimeType: creative.mimeType,
      bytes: creative.bytes.length,
      width: creative.width,
      height: creative.height,
      durationMs: creative.durationMs ?? null,
      storageKey,
      sha256: sha256(creative.bytes),
      originalSha256: creative.originalSha256,
      originalName: creative.originalName.slice(0, 200),
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
        originalSha256: asset.originalSha256,
      },
    });
    return asset;
  });
  return assetOf(row, warningsOf(flags));
}

function warningsOf(flags: ReturnType<typeof checkCreative>): Asset["warnings"] {
  return flags
    .filter((flag) => flag.code === "creative_low_resolution")
    .map((flag) => ({
      code: "CREATIVE_LOW_RESOLUTION" as const,
      params: flag.params ?? {},
      message: flag.message.en,
    }));
}

function assetOf(row: AssetRow, warnings: Asset["warnings"]): Asset {
  return {
    assetId: row.id,
    kind: row.kind,
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    ...(row.durationMs === null ? {} : { durationMs: row.durationMs }),
    url: assetUrl(row.id),
    originalSha256: row.originalSha256,
    warnings,
  };
}

/**
 * "Buat iklan dari foto produk": one photo and its words made into a ready creative per product
 * canvas (9:16, 1:1, 4:5), each stored like an upload and reviewed like any ad's creative. A photo
 * too small for a sharp result keeps its warning on every image made from it.
 */
export async function storeProductCreatives(
  db: Db,
  storage: AssetStorage,
  businessId: string,
  photo: { bytes: Buffer; filename: string },
  fields: ProductCreativeFields,
  actor: Actor,
): Promise<ProductCreatives> {
  const media = await probeUpload(photo.bytes);
  if (media.kind !== "image")
    throw fieldError("file", "must be a JPEG, PNG or WebP photo", "CREATIVE_FORMAT");
  refuseOversizePhoto(photo.bytes);
  const sizeFlags = checkCreative({ ...media, bytes: 0 }).filter(
    (flag) => flag.code === "creative_too_small" || flag.code === "creative_low_resolution",
  );
  const tooSmall = sizeFlags.filter((flag) => flag.severity === "block_suggested");
  if (tooSmall.length > 0) refuseCreative(tooSmall);
  const rendered = await renderProductCreatives(photo.bytes, fields.template, {
    productName: fields.productName,
    price: formatRupiah(BigInt(fields.priceMicros)),
    callToAction: fields.callToAction,
  });
  const photoWarnings = warningsOf(sizeFlags);
  const originalSha256 = sha256(photo.bytes);
  const creatives: ProductCreatives["creatives"] = [];
  for (const image of rendered) {
    const asset = await storeCreative(db, storage, businessId, actor, {
      kind: "image",
      ...PHOTO_OUTPUT,
      bytes: image.bytes,
      width: image.width,
      height: image.height,
      originalSha256,
      originalName: photo.filename,
    });
    creatives.push({
      shape: image.shape,
      asset: { ...asset, warnings: [...asset.warnings, ...photoWarnings] },
    });
  }
  return { template: fields.template, creatives };
}

/** A stored creative and its bytes, for anyone who has its (unguessable) id. */
export async function readCreative(db: Db, storage: AssetStorage, assetId: string) {
  const asset = await findAsset(db, assetId);
  if (!asset) throw notFound("Creative");
  return { mimeType: asset.mimeType, bytes: asset.bytes, body: storage.read(asset.storageKey) };
}
