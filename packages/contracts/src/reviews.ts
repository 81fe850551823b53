import { PRESCREEN_FIELDS, PRESCREEN_FLAG_CODES, REJECTION_REASON_CODES } from "@sorot/core";
import { z } from "zod";
import { Ad, AdVersion, CallToAction, LandingUrl } from "./ads.js";
import { IsoDateTime, Uuid } from "./common.js";
import { freeText } from "./text.js";

export const ReasonCode = z.enum(REJECTION_REASON_CODES);
const Bilingual = z.object({ id: z.string(), en: z.string() });

export const PrescreenFlag = z.object({
  code: z.enum(PRESCREEN_FLAG_CODES),
  reason: ReasonCode.nullable(),
  severity: z.enum(["block_suggested", "warning"]),
  field: z.enum(PRESCREEN_FIELDS),
  match: z.string().optional(),
  message: Bilingual,
  howToFix: Bilingual,
});

export const ReviewQueueQuery = z.strictObject({
  status: z.literal("pending").default("pending"),
  flag: z.enum(PRESCREEN_FLAG_CODES).optional(),
  format: z.enum(["image", "video"]).optional(),
  minWaitMinutes: z.coerce.number().int().min(0).max(100_000).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ReviewQueueItem = z.object({
  adId: Uuid,
  adName: z.string(),
  version: z.number().int(),
  headline: z.string(),
  businessId: Uuid,
  businessName: z.string(),
  campaignId: Uuid,
  campaignName: z.string(),
  objective: z.string(),
  format: z.enum(["image", "video"]),
  submittedAt: IsoDateTime,
  waitingSeconds: z.number().int(),
  flags: z.array(z.enum(PRESCREEN_FLAG_CODES)),
  prescreened: z.boolean(),
  claimedBy: Uuid.nullable(),
  claimedUntil: IsoDateTime.nullable(),
  isAppeal: z.boolean(),
  /** The reader belongs to the ad's business, so another admin must decide it. */
  ownBusiness: z.boolean(),
});

/** Who is deciding an ad for the next few minutes; an ad is claimed explicitly, never by reading it. */
export const ReviewClaim = z.object({
  claimedBy: Uuid.nullable(),
  claimedUntil: IsoDateTime.nullable(),
  mine: z.boolean(),
});
export type ReviewClaim = z.infer<typeof ReviewClaim>;

export const ReviewDecisionRecord = z.object({
  version: z.number().int(),
  decision: z.enum(["approve", "reject"]),
  reasons: z.array(ReasonCode),
  note: z.string().nullable(),
  reviewerId: Uuid.nullable(),
  /** Who decided, as admins know them; null once that account is gone. */
  reviewerName: z.string().nullable(),
  onAppeal: z.boolean(),
  createdAt: IsoDateTime,
});

export const ReviewItem = z
  .object({
    ad: Ad,
    business: z.object({ id: Uuid, name: z.string(), status: z.enum(["active", "suspended"]) }),
    campaign: z.object({ id: Uuid, name: z.string(), objective: z.string() }),
    version: z.number().int(),
    flags: z.array(PrescreenFlag),
    prescreened: z.boolean(),
    claim: ReviewClaim,
    appeal: z.object({ id: Uuid, reason: z.string(), rejectedBy: Uuid.nullable() }).nullable(),
    history: z.object({ versions: z.array(AdVersion), decisions: z.array(ReviewDecisionRecord) }),
    waitingSeconds: z.number().int(),
  })
  .meta({ id: "ReviewItem" });
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewDecisionBody = z
  .strictObject({
    decision: z.enum(["approve", "reject"]),
    version: z
      .number()
      .int()
      .positive()
      .describe("the version you looked at; a newer one makes the decision stale (409)"),
    reasons: z.array(ReasonCode).max(12).default([]),
    note: freeText({ max: 1_000 }).optional(),
  })
  .refine((body) => body.decision === "approve" || body.reasons.length > 0, {
    message: "a rejection needs at least one reason",
    path: ["reasons"],
  });
export type ReviewDecisionBody = z.infer<typeof ReviewDecisionBody>;

export const ReviewMetrics = z.object({
  queueLength: z.number().int(),
  last7Days: z.object({
    decisions: z.number().int(),
    approvals: z.number().int(),
    rejections: z.number().int(),
    medianSeconds: z.number().int().nullable(),
    p95Seconds: z.number().int().nullable(),
    byReason: z.record(z.string(), z.number().int()),
  }),
});

export const AppealBody = z.strictObject({ reason: freeText({ min: 10, max: 2_000 }) });

export const PreflightBody = z.strictObject({
  headline: freeText({ max: 200 }),
  text: freeText({ max: 500 }),
  callToAction: CallToAction.optional(),
  landingUrl: LandingUrl.or(freeText({ max: 2_048 })).optional(),
  /** A WhatsApp destination is checked as typed: a wrong number is a flag here, not a refusal. */
  whatsapp: z.strictObject({ phone: freeText({ max: 32 }), message: freeText({ max: 500 }) }).optional(),
  assetId: Uuid.optional(),
});

export const SuspendBody = z.strictObject({ reason: freeText({ min: 3, max: 500 }) });
