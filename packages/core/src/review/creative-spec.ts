/**
 * What an ad's image or video must be for every placement to show it well. Exported so that the
 * upload code enforces the same limits the pre-screen reports.
 */
import type { PrescreenFlag, PrescreenFlagCode } from "./flags.js";
import type { BilingualText } from "./reasons.js";

export type CreativeKind = "image" | "video";

export interface CreativeSpec {
  kind: CreativeKind;
  width: number;
  height: number;
  durationMs?: number;
  bytes: number;
  mimeType: string;
}

export interface AspectRatio {
  name: AspectRatioName;
  width: number;
  height: number;
}

export const ASPECT_RATIO_NAMES = ["9:16", "4:5", "1:1", "16:9"] as const;
export type AspectRatioName = (typeof ASPECT_RATIO_NAMES)[number];

/**
 * Portrait for feeds between videos, 4:5 for feeds that show a post's full width, square for
 * everywhere, landscape for players and pages.
 */
export const ACCEPTED_ASPECT_RATIOS: readonly AspectRatio[] = [
  { name: "9:16", width: 9, height: 16 },
  { name: "4:5", width: 4, height: 5 },
  { name: "1:1", width: 1, height: 1 },
  { name: "16:9", width: 16, height: 9 },
];

/** HEIC/HEIF, an iPhone's default: neither Chromium nor the server's image library can decode it. */
export const UNDECODABLE_PHOTO_TYPES = ["image/heic", "image/heif"] as const;

const MEBIBYTE = 1024 * 1024;

export const CREATIVE_LIMITS = {
  image: {
    mimeTypes: ["image/jpeg", "image/png", "image/webp"],
    /** The stored creative, after the server re-encodes it. */
    maxBytes: 5 * MEBIBYTE,
    /** The photo as the phone took it: a 50 MP camera's JPEG is 10-20 MB before it is cropped and re-encoded. */
    maxSourceBytes: 25 * MEBIBYTE,
    /** Below this an image is refused: text and products in it cannot be made out on a phone. */
    minShortSidePx: 320,
    /** Larger images are scaled down to this on the short side: a phone screen shows no more. */
    maxShortSidePx: 1080,
  },
  video: {
    mimeTypes: ["video/mp4"],
    maxBytes: 50 * MEBIBYTE,
    minDurationMs: 5_000,
    maxDurationMs: 60_000,
  },
  /**
   * Below this a creative looks blurry on a phone held upright: a video is refused, an image (down
   * to its floor, `image.minShortSidePx`) only warned about, since a small phone photo still sells.
   */
  minShortSidePx: 600,
  /** 1080x1350 is not 1:1; 1080x1078 (a crop off by a pixel or two) is. */
  aspectRatioTolerance: 0.01,
} as const;

/** The accepted ratio the size is within tolerance of, or null. */
export function matchAspectRatio(width: number, height: number): AspectRatio | null {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) return null;
  const actual = width / height;
  return (
    ACCEPTED_ASPECT_RATIOS.find(
      (ratio) => Math.abs(actual / (ratio.width / ratio.height) - 1) <= CREATIVE_LIMITS.aspectRatioTolerance,
    ) ?? null
  );
}

function flag(
  code: PrescreenFlagCode,
  message: BilingualText,
  howToFix: BilingualText,
  match?: string,
  params: Record<string, number> = {},
  severity: PrescreenFlag["severity"] = "block_suggested",
): PrescreenFlag {
  return {
    code,
    reason: null,
    severity,
    field: "creative",
    ...(match === undefined ? {} : { match }),
    message,
    howToFix,
    params,
  };
}

function megabytes(bytes: number): { id: string; en: string } {
  const en = (bytes / MEBIBYTE).toFixed(1);
  return { id: en.replace(".", ","), en };
}

function seconds(ms: number): { id: string; en: string } {
  const en = String(Math.round(ms / 100) / 10);
  return { id: en.replace(".", ","), en };
}

export function checkCreative(creative: CreativeSpec): PrescreenFlag[] {
  const flags: PrescreenFlag[] = [];
  const isVideo = creative.kind === "video";
  const limits = isVideo ? CREATIVE_LIMITS.video : CREATIVE_LIMITS.image;
  const kindName = isVideo ? { id: "video", en: "video" } : { id: "gambar", en: "image" };
  // "video/mp4; codecs=avc1" is still MP4.
  const mimeType = String(creative.mimeType).split(";")[0]?.trim().toLowerCase() ?? "";

  if (!(limits.mimeTypes as readonly string[]).includes(mimeType)) {
    flags.push(
      flag(
        "creative_format",
        {
          id: `Format ${mimeType || "(tidak diketahui)"} tidak didukung untuk ${kindName.id}.`,
          en: `The ${mimeType || "(unknown)"} format is not supported for ${kindName.en}s.`,
        },
        {
          id: "Unggah gambar JPEG, PNG, atau WebP, atau video MP4. Aplikasi edit foto dan video di HP biasanya bisa menyimpan dalam format ini.",
          en: "Upload a JPEG, PNG or WebP image, or an MP4 video. Phone photo and video editors can usually save in these formats.",
        },
        mimeType,
      ),
    );
  }

  if (!(creative.bytes <= limits.maxBytes)) {
    const size = megabytes(creative.bytes);
    const limit = limits.maxBytes / MEBIBYTE;
    flags.push(
      flag(
        "creative_too_large",
        {
          id: `Ukuran file ${size.id} MB melebihi batas ${limit} MB untuk ${kindName.id}.`,
          en: `The file is ${size.en} MB, over the ${limit} MB limit for ${kindName.en}s.`,
        },
        {
          id: "Kecilkan ukuran file, misalnya simpan ulang dengan kualitas sedikit lebih rendah atau resolusi 1080 piksel.",
          en: "Make the file smaller, for example save it again at slightly lower quality or at 1080 pixels.",
        },
        undefined,
        { limitMb: limit },
      ),
    );
  }

  if (isVideo) {
    const { minDurationMs, maxDurationMs } = CREATIVE_LIMITS.video;
    const duration = creative.durationMs;
    if (duration === undefined || !(duration >= minDurationMs && duration <= maxDurationMs)) {
      const known = duration !== undefined && Number.isFinite(duration);
      const length = known ? seconds(duration) : null;
      flags.push(
        flag(
          "creative_duration",
          {
            id: length
              ? `Durasi video ${length.id} detik; harus antara 5 dan 60 detik.`
              : "Durasi video tidak terbaca; harus antara 5 dan 60 detik.",
            en: length
              ? `The video is ${length.en} seconds long; it must be between 5 and 60 seconds.`
              : "The video's length could not be read; it must be between 5 and 60 seconds.",
          },
          {
            id: "Potong video menjadi 5 sampai 60 detik. Pesan utama sebaiknya muncul di 3 detik pertama.",
            en: "Trim the video to between 5 and 60 seconds. Put the main message in the first 3 seconds.",
          },
        ),
      );
    }
  }

  const validSize =
    creative.width > 0 &&
    creative.height > 0 &&
    Number.isFinite(creative.width) &&
    Number.isFinite(creative.height);
  if (validSize && matchAspectRatio(creative.width, creative.height) === null) {
    flags.push(
      flag(
        "creative_aspect_ratio",
        {
          id: `Ukuran ${creative.width}×${creative.height} piksel tidak berbentuk 9:16, 4:5, 1:1, atau 16:9.`,
          en: `The size ${creative.width}×${creative.height} pixels is not shaped 9:16, 4:5, 1:1 or 16:9.`,
        },
        {
          id: "Potong menjadi 9:16 (tegak), 4:5 (agak tegak), 1:1 (persegi), atau 16:9 (mendatar), misalnya 1080×1920, 1080×1350, 1080×1080, atau 1920×1080 piksel.",
          en: "Crop it to 9:16 (upright), 4:5 (slightly upright), 1:1 (square) or 16:9 (wide), for example 1080×1920, 1080×1350, 1080×1080 or 1920×1080 pixels.",
        },
        `${creative.width}x${creative.height}`,
        { width: creative.width, height: creative.height },
      ),
    );
  }

  const shortSide = Math.min(creative.width, creative.height);
  const floor = isVideo ? CREATIVE_LIMITS.minShortSidePx : CREATIVE_LIMITS.image.minShortSidePx;
  if (!(shortSide >= floor)) {
    flags.push(
      flag(
        "creative_too_small",
        validSize
          ? {
              id: `Sisi terpendek hanya ${shortSide} piksel; minimal ${floor} piksel.`,
              en: `The short side is only ${shortSide} pixels; the minimum is ${floor}.`,
            }
          : {
              id: `Ukuran ${kindName.id} tidak terbaca; sisi terpendek minimal ${floor} piksel.`,
              en: `The ${kindName.en}'s size could not be read; the short side must be at least ${floor} pixels.`,
            },
        {
          id: "Unggah versi yang lebih besar, sebaiknya 1080 piksel di sisi terpendek. Jangan memperbesar gambar kecil karena hasilnya buram.",
          en: "Upload a larger version, ideally 1080 pixels on the short side. Don't enlarge a small picture: it turns blurry.",
        },
        undefined,
        { minShortSidePx: floor },
      ),
    );
  } else if (shortSide < CREATIVE_LIMITS.minShortSidePx) {
    const sharpShortSidePx = CREATIVE_LIMITS.minShortSidePx;
    flags.push(
      flag(
        "creative_low_resolution",
        {
          id: `Sisi terpendek ${shortSide} piksel; di bawah ${sharpShortSidePx} piksel gambar bisa tampak buram di HP.`,
          en: `The short side is ${shortSide} pixels; below ${sharpShortSidePx} the image may look blurry on a phone.`,
        },
        {
          id: "Jika ada, pakai foto aslinya yang lebih besar, atau pilih area potong yang lebih luas.",
          en: "If you have it, use the larger original photo, or choose a wider crop area.",
        },
        undefined,
        { shortSidePx: shortSide, sharpShortSidePx },
        "warning",
      ),
    );
  }
  return flags;
}

/** A rectangle in the pixels of the upright photo (after its EXIF rotation). */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type ImagePlan =
  | { ok: true; extract: PixelRect; output: { width: number; height: number } }
  | { ok: false; problem: "crop_outside_image" };

function shapeInside(rect: PixelRect, ratio: AspectRatio): PixelRect {
  // The largest rectangle of the shape that fits the asked one, centred in it: a cropper's rounding
  // (or a hand-written request) never stretches the picture.
  const width = Math.min(rect.width, Math.floor((rect.height * ratio.width) / ratio.height));
  const height = Math.min(rect.height, Math.floor((width * ratio.height) / ratio.width));
  return {
    left: rect.left + Math.floor((rect.width - width) / 2),
    top: rect.top + Math.floor((rect.height - height) / 2),
    width,
    height,
  };
}

/**
 * What the server cuts out of an uploaded photo and the size it stores. With a crop, the area is
 * brought to the exact shape; without one, the whole photo is kept (its shape is checked after).
 * Never enlarged: a small photo stays small and is warned about by `checkCreative`.
 */
export function planImage(
  source: { width: number; height: number },
  crop?: { shape: AspectRatioName; rect: PixelRect },
): ImagePlan {
  let extract: PixelRect = { left: 0, top: 0, width: source.width, height: source.height };
  if (crop) {
    const { rect } = crop;
    const inside =
      [rect.left, rect.top, rect.width, rect.height].every(Number.isSafeInteger) &&
      rect.left >= 0 &&
      rect.top >= 0 &&
      rect.width > 0 &&
      rect.height > 0 &&
      rect.left + rect.width <= source.width &&
      rect.top + rect.height <= source.height;
    if (!inside) return { ok: false, problem: "crop_outside_image" };
    const ratio = ACCEPTED_ASPECT_RATIOS.find((candidate) => candidate.name === crop.shape);
    if (!ratio) throw new Error(`unknown shape ${crop.shape}`);
    extract = shapeInside(rect, ratio);
  }
  const shortSide = Math.min(extract.width, extract.height);
  const scale = Math.min(1, CREATIVE_LIMITS.image.maxShortSidePx / Math.max(shortSide, 1));
  return {
    ok: true,
    extract,
    output: {
      width: Math.max(1, Math.round(extract.width * scale)),
      height: Math.max(1, Math.round(extract.height * scale)),
    },
  };
}
