import { prescreenAd } from "@sorot/core";
import { type Db, findVersionById, setPrescreenFlags } from "@sorot/db";
import { defineJob } from "../job.js";

/** Runs the automated checks on one version and stores the flags the reviewer (and owner) see. */
export async function prescreenVersion(db: Db, adVersionId: string): Promise<number | undefined> {
  const found = await findVersionById(db, adVersionId);
  if (!found) return undefined;
  const { version, asset } = found;
  const flags = prescreenAd({
    headline: version.headline,
    text: version.text,
    callToAction: version.callToAction,
    landingUrl: version.landingUrl,
    ...(version.destinationType === "whatsapp"
      ? { whatsapp: { phone: version.whatsappPhone ?? "", message: version.whatsappMessage ?? "" } }
      : {}),
    creative: {
      kind: asset.kind,
      width: asset.width,
      height: asset.height,
      bytes: asset.bytes,
      mimeType: asset.mimeType,
      ...(asset.durationMs === null ? {} : { durationMs: asset.durationMs }),
    },
  });
  await setPrescreenFlags(db, adVersionId, flags);
  return flags.length;
}

/**
 * Idempotent: versions are immutable, so the flags computed for one are always the same and
 * writing them again changes nothing.
 */
export const prescreen = defineJob({
  name: "review.prescreen",
  async handle({ adVersionId }, { db }) {
    return { flags: await prescreenVersion(db, adVersionId) };
  },
});
