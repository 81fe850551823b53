import { AD_REVIEW_STATUSES } from "@sorot/core";
import { z } from "zod";
import { IsoDateTime, Uuid, withSomeChange } from "./common.js";
import { freeText } from "./text.js";

export const CALLS_TO_ACTION = [
  "shop_now",
  "learn_more",
  "sign_up",
  "contact_us",
  "order_now",
  "download",
  "book_now",
] as const;
export const CallToAction = z.enum(CALLS_TO_ACTION);

export const Headline = freeText({ min: 1, max: 40 });
export const AdText = freeText({ min: 1, max: 100 });
/**
 * An address typed as a host and path ("wa.me/628…", "kopisenja.id/menu") is meant as https; one
 * with any scheme, or that names no host, is left as typed for the https check to judge.
 */
export function withHttps(url: string): string {
  return /^[\w-]+(\.[\w-]+)+(?:[/:?#]|$)/.test(url) ? `https://${url}` : url;
}

export const LandingUrl = freeText({ max: 2048 })
  .overwrite(withHttps)
  .regex(/^https:\/\//i, { message: "must start with https://" });

export const CreateAdBody = z.strictObject({
  name: freeText({ min: 1, max: 100 }),
  assetId: Uuid,
  headline: Headline,
  text: AdText,
  callToAction: CallToAction,
  landingUrl: LandingUrl,
});
export type CreateAdBody = z.infer<typeof CreateAdBody>;

export const UpdateAdBody = withSomeChange(CreateAdBody.partial());
export type UpdateAdBody = z.infer<typeof UpdateAdBody>;

export const Creative = z.object({
  assetId: Uuid,
  url: z.string(),
  kind: z.enum(["image", "video"]),
  width: z.number().int(),
  height: z.number().int(),
  durationMs: z.number().int().nullable(),
});

export const AdVersion = z.object({
  version: z.number().int(),
  headline: z.string(),
  text: z.string(),
  callToAction: CallToAction,
  landingUrl: z.string(),
  creative: Creative,
  reviewStatus: z.enum(AD_REVIEW_STATUSES),
  submittedAt: IsoDateTime.nullable(),
  decidedAt: IsoDateTime.nullable(),
});
export type AdVersion = z.infer<typeof AdVersion>;

const ReasonWithFix = z.object({
  code: z.string(),
  title: z.object({ id: z.string(), en: z.string() }),
  howToFix: z.object({ id: z.string(), en: z.string() }),
});

export const AdReview = z.object({
  decision: z.enum(["approve", "reject"]),
  version: z.number().int(),
  reasons: z.array(ReasonWithFix),
  note: z.string().nullable(),
  decidedAt: IsoDateTime,
  appeal: z
    .object({ status: z.enum(["pending", "upheld", "overturned"]), createdAt: IsoDateTime })
    .nullable(),
  canAppeal: z.boolean(),
});
export type AdReview = z.infer<typeof AdReview>;

export const Ad = z
  .object({
    id: Uuid,
    campaignId: Uuid,
    name: z.string(),
    reviewStatus: z.enum(AD_REVIEW_STATUSES).describe("the status of the current version"),
    current: AdVersion,
    delivering: AdVersion.nullable().describe(
      "the last approved version, which keeps serving while a newer one is reviewed",
    ),
    review: AdReview.nullable().describe("the latest decision on this ad, with how to fix each reason"),
    waitingSeconds: z
      .number()
      .int()
      .nullable()
      .describe("how long the current version has waited for review"),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: "Ad" });
export type Ad = z.infer<typeof Ad>;

export const AdParams = z.strictObject({ businessId: Uuid, campaignId: Uuid, adId: Uuid });

export const Asset = z
  .object({
    assetId: Uuid,
    kind: z.enum(["image", "video"]),
    mimeType: z.string(),
    bytes: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    durationMs: z.number().int().optional(),
    url: z.string(),
  })
  .meta({ id: "Asset" });
export type Asset = z.infer<typeof Asset>;
