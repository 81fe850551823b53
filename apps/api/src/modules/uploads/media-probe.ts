import { CREATIVE_LIMITS, UNDECODABLE_PHOTO_TYPES } from "@sorot/core";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";

export interface ProbedMedia {
  kind: "image" | "video";
  mimeType: string;
  extension: string;
  /** For an image: upright, as a browser shows it after the EXIF orientation. */
  width: number;
  height: number;
  durationMs?: number;
}

/** A 50 MP camera photo is 50 M pixels; far more is a decompression bomb, not a photo. */
export const MAX_INPUT_PIXELS = 80_000_000;

const VIDEO_TYPES = new Set(["video/mp4"]);

/**
 * What the bytes really are, whatever the file is called: undefined for anything we do not take,
 * "undecodable_photo" for a HEIC/HEIF photo, which deserves its own words.
 */
export async function probeMedia(bytes: Buffer): Promise<ProbedMedia | "undecodable_photo" | undefined> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type) return undefined;
  if ((UNDECODABLE_PHOTO_TYPES as readonly string[]).includes(type.mime)) return "undecodable_photo";
  if ((CREATIVE_LIMITS.image.mimeTypes as readonly string[]).includes(type.mime)) {
    try {
      const { autoOrient } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
      if (!autoOrient.width || !autoOrient.height) return undefined;
      return { kind: "image", mimeType: type.mime, extension: type.ext, ...autoOrient };
    } catch {
      return undefined;
    }
  }
  if (VIDEO_TYPES.has(type.mime)) {
    const movie = readMp4Header(bytes);
    if (!movie) return undefined;
    return { kind: "video", mimeType: type.mime, extension: "mp4", ...movie };
  }
  return undefined;
}

interface Box {
  type: string;
  start: number;
  end: number;
  body: number;
}

function* boxes(bytes: Buffer, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > end) return;
      size = Number(bytes.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) return;
    yield { type, start: offset, end: offset + size, body: offset + header };
    offset += size;
  }
}

function child(bytes: Buffer, parent: Box, type: string): Box | undefined {
  for (const box of boxes(bytes, parent.body, parent.end)) if (box.type === type) return box;
  return undefined;
}

/**
 * Duration from the movie header (mvhd) and the picture size from the first track header (tkhd)
 * that has one: enough to check a video creative without decoding it or needing ffprobe.
 */
export function readMp4Header(
  bytes: Buffer,
): { width: number; height: number; durationMs: number } | undefined {
  let moov: Box | undefined;
  for (const box of boxes(bytes, 0, bytes.length)) if (box.type === "moov") moov = box;
  if (!moov) return undefined;
  const mvhd = child(bytes, moov, "mvhd");
  if (!mvhd || mvhd.body + 32 > mvhd.end) return undefined;
  const version = bytes.readUInt8(mvhd.body);
  const timescale = bytes.readUInt32BE(mvhd.body + (version === 1 ? 20 : 12));
  const duration =
    version === 1 ? Number(bytes.readBigUInt64BE(mvhd.body + 24)) : bytes.readUInt32BE(mvhd.body + 16);
  if (timescale === 0) return undefined;

  for (const trak of boxes(bytes, moov.body, moov.end)) {
    if (trak.type !== "trak") continue;
    const tkhd = child(bytes, trak, "tkhd");
    if (!tkhd) continue;
    const tkhdVersion = bytes.readUInt8(tkhd.body);
    const sizeOffset = tkhd.body + (tkhdVersion === 1 ? 88 : 76);
    if (sizeOffset + 8 > tkhd.end) continue;
    // 16.16 fixed point.
    const width = bytes.readUInt32BE(sizeOffset) >>> 16;
    const height = bytes.readUInt32BE(sizeOffset + 4) >>> 16;
    if (width > 0 && height > 0)
      return { width, height, durationMs: Math.round((duration * 1000) / timescale) };
  }
  return undefined;
}
