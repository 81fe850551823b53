import {
  AD_REVIEW_STATUSES,
  ASPECT_RATIO_NAMES,
  isMicrosString,
  normaliseWhatsappNumber,
  PRODUCT_TEMPLATES,
} from "@sorot/core";
import { z } from "zod";
import { IsoDateTime, MicrosString, Uuid, withSomeChange } from "./common.js";
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

/**
 * A WhatsApp number as Indonesians write it (0812…, +62 812…, 62812…, with spaces or dashes),
 * stored as wa.me wants it: `6281234567890`. A wrong one is refused with core's code for why.
 */
export const WhatsappPhone = freeText({ max: 32 })
  .superRefine((value, context) => {
    const result = normaliseWhatsappNumber(value);
    if (!result.ok)
      context.addIssue({
        code: "custom",
        message: result.problem.message,
        params: { code: result.problem.code, ...result.problem.params },
      });
  })
  .overwrite((value) => {
    const result = normaliseWhatsappNumber(value);
    return result.ok ? result.phone : value;
  })
  .meta({
    description: "An Indonesian mobile number; answered normalised (6281234567890)",
    example: "0812-3456-7890",
  });

/** The text already typed in the chat a tap opens; the owner can leave it empty. */
export const WhatsappMessage = freeText({ max: 500 });

export const WebDestination = z.strictObject({ type: z.literal("web"), url: LandingUrl });
export const WhatsappDestination = z.strictObject({
  type: z.literal("whatsapp"),
  phone: WhatsappPhone,
  message: WhatsappMessage,
});
/** Where a tap on the ad goes: a web page, or a WhatsApp chat with the business. */
export const AdDestination = z
  .discriminatedUnion("type", [WebDestination, WhatsappDestination])
  .meta({ id: "AdDestination" });
export type AdDestination = z.infer<typeof AdDestination>;

const onlyOneDestination = {
  message: "give either destination or landingUrl, not both",
  path: ["landingUrl"],
};

const AdFieldsBody = z.strictObject({
  name: freeText({ min: 1, max: 100 }),
  assetId: Uuid,
  headline: Headline,
  text: AdText,
  callToAction: CallToAction,
  destination: AdDestination.optional(),
  landingUrl: LandingUrl.optional().describe(
    'The older way to give a web destination: the same as `destination: { type: "web", url }`',
  ),
});

export const CreateAdBody = AdFieldsBody.refine(
  (body) => !(body.destination && body.landingUrl),
  onlyOneDestination,
).refine((body) => body.destination !== undefined || body.landingUrl !== undefined, {
  message: "is required",
  path: ["destination"],
});
export type CreateAdBody = z.infer<typeof CreateAdBody>;

export const UpdateAdBody = withSomeChange(AdFieldsBody.partial()).refine(
  (body) => !(body.destination && body.landingUrl),
  onlyOneDestination,
);
export type UpdateAdBody = z.infer<typeof UpdateAdBody>;

/** The destination a body gives, a bare `landingUrl` read as a web destination; none when it gives neither. */
export function destinationOfBody(body: {
  destination?: AdDestination | undefined;
  landingUrl?: string | undefined;
}): AdDestination | undefined {
  if (body.destination) return body.destination;
  return body.landingUrl === undefined ? undefined : { type: "web", url: body.landingUrl };
}

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
  destination: z.discriminatedUnion("type", [
    z.object({ type: z.literal("web"), url: z.string() }),
    z.object({ type: z.literal("whatsapp"), phone: z.string(), message: z.string() }),
  ]),
  landingUrl: z
    .string()
    .describe("Where a tap goes: the web destination's URL, or the wa.me link of a WhatsApp one"),
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

export const AspectRatioName = z.enum(ASPECT_RATIO_NAMES);

/** Something about a stored creative worth a second look that does not stop it (a small photo). */
export const AssetWarning = z.object({
  code: z.enum(["CREATIVE_LOW_RESOLUTION"]),
  params: z.record(z.string(), z.number()),
  message: z.string(),
});

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
    /** The photo as uploaded, before the server cropped and re-encoded it; null for videos. */
    originalSha256: z.string().nullable(),
    warnings: z.array(AssetWarning),
  })
  .meta({ id: "Asset" });
export type Asset = z.infer<typeof Asset>;

const CROP_KEYS = ["shape", "left", "top", "width", "height"] as const;
const pixel = (min: number) => z.coerce.number().int().min(min).max(100_000).optional();

/**
 * Where to crop a photo: the shape and the area in pixels of the upright photo (after its EXIF
 * rotation, as a browser shows it). All five or none; without them the whole photo is kept.
 */
export const UploadQuery = z
  .strictObject({
    shape: AspectRatioName.optional(),
    left: pixel(0),
    top: pixel(0),
    width: pixel(1),
    height: pixel(1),
  })
  .superRefine((query, context) => {
    const given = CROP_KEYS.filter((key) => query[key] !== undefined);
    if (given.length === 0 || given.length === CROP_KEYS.length) return;
    for (const key of CROP_KEYS.filter((key) => query[key] === undefined))
      context.addIssue({ code: "custom", path: [key], message: "is required with the other crop fields" });
  });
export type UploadQuery = z.infer<typeof UploadQuery>;

export const ProductTemplate = z.enum(PRODUCT_TEMPLATES);

/**
 * The words of an ad made from a product photo (multipart fields beside the photo in `file`).
 * The price is integer micro-rupiah like every amount; the image shows it as `Rp 25.000`.
 */
export const ProductCreativeFields = z.strictObject({
  productName: freeText({ min: 1, max: 40 }),
  // MicrosString's own check does not stop the chain: a non-number never reaches BigInt.
  priceMicros: MicrosString.refine(
    (value) => isMicrosString(value) && BigInt(value) >= 1_000_000n && BigInt(value) < 10n ** 18n,
    { message: "must be at least Rp 1 and under Rp 1.000.000.000.000" },
  ),
  callToAction: freeText({ min: 1, max: 24 }),
  template: ProductTemplate,
});
export type ProductCreativeFields = z.infer<typeof ProductCreativeFields>;

export const ProductCreatives = z
  .object({
    template: ProductTemplate,
    /** One image per shape, 9:16, 1:1 and 4:5, each stored as a creative for an ad. */
    creatives: z.array(z.object({ shape: AspectRatioName, asset: Asset })),
  })
  .meta({ id: "ProductCreatives" });
export type ProductCreatives = z.infer<typeof ProductCreatives>;
