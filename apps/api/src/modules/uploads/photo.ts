import type { ImagePlan } from "@sorot/core";
import sharp from "sharp";
import { MAX_INPUT_PIXELS } from "./media-probe.js";

export const PHOTO_OUTPUT = { mimeType: "image/jpeg", extension: "jpg" } as const;

/**
 * A creative as it is stored: turned upright by its EXIF orientation, cut and scaled as planned,
 * flattened on white (a transparent PNG would show black in some players) and encoded anew as JPEG.
 * Nothing of the camera's metadata survives: no EXIF (GPS, device, time), no XMP, no ICC profile
 * beyond the sRGB the pixels are converted to.
 */
export async function renderPhoto(bytes: Buffer, plan: Extract<ImagePlan, { ok: true }>): Promise<Buffer> {
  return sharp(bytes, { autoOrient: true, limitInputPixels: MAX_INPUT_PIXELS })
    .extract(plan.extract)
    .resize(plan.output.width, plan.output.height, { fit: "fill" })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer();
}
