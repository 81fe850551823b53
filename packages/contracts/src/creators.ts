import {
  AUDIENCE_BANDS,
  AUDIENCE_PLATFORMS,
  CREATOR_REQUEST_STATUSES,
  cityByCode,
  HANDLE_PATTERN,
  INTERESTS,
  isMicrosString,
  LANGUAGES,
  normalizeHandle,
  provinceByCode,
  REPORT_REASONS,
  REPORT_TARGETS,
} from "@sorot/core";
import { z } from "zod";
import { Email } from "./accounts.js";
import { LandingUrl } from "./ads.js";
import { CursorQuery, IsoDateTime, MicrosString, Uuid } from "./common.js";
import { CityCode } from "./regions.js";
import { freeText } from "./text.js";

/**
 * Creator connect: the directory, briefs and their threads. No payment, commission or escrow runs
 * through Sorot here; amounts are what each side states, in micro-rupiah like every amount.
 */

const unique = <T>(list: T[]) => new Set(list).size === list.length;
const noRepeats = { message: "lists a value twice" };

export const Whatsapp = z
  .string()
  .trim()
  .regex(/^\+?\d{9,15}$/, { message: "must be a phone number: 9 to 15 digits, optionally starting with +" });

export const ContactDetails = z
  .strictObject({ email: Email.optional(), whatsapp: Whatsapp.optional() })
  .refine((contact) => contact.email !== undefined || contact.whatsapp !== undefined, {
    message: "needs an email or a WhatsApp number",
  })
  .meta({ id: "ContactDetails" });
export type ContactDetails = z.infer<typeof ContactDetails>;

/** An amount people state (a rate, a budget): zero or more, never a charge. */
const StatedMicros = MicrosString.refine((micros) => !micros.startsWith("-"), {
  message: "must not be negative",
});

export const Handle = z
  .string()
  .max(40)
  .transform(normalizeHandle)
  .pipe(
    z.string().regex(HANDLE_PATTERN, {
      message: "must be 3-30 letters, digits, dots or underscores, not starting or ending with a dot",
    }),
  );

export const ProvinceCode = z.string().refine((code) => provinceByCode(code) !== undefined, {
  message: "must be a province code such as ID-JK",
});

export const DeclaredAudience = z.strictObject({
  platform: z.enum(AUDIENCE_PLATFORMS),
  band: z.enum(AUDIENCE_BANDS),
});

export const CreatorProfileBody = z
  .strictObject({
    displayName: freeText({ min: 1, max: 60 }),
    handle: Handle,
    bio: freeText({ max: 500 }).default(""),
    niches: z.array(z.enum(INTERESTS)).min(1).max(5).refine(unique, noRepeats),
    province: ProvinceCode,
    city: CityCode.nullable().default(null),
    languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length).refine(unique, noRepeats),
    audience: z
      .array(DeclaredAudience)
      .max(AUDIENCE_PLATFORMS.length)
      .default([])
      .refine((list) => unique(list.map(({ platform }) => platform)), { message: "lists a platform twice" })
      .describe("Followers per platform as the creator declares them (self-declared, not verified)"),
    startingRateMicros: StatedMicros.nullable().default(null),
    sampleLinks: z.array(LandingUrl).max(5).default([]).refine(unique, noRepeats),
    contact: ContactDetails.describe("Shown to a business only after you accept its request"),
    acceptsRequests: z.boolean().default(true),
  })
  .superRefine((body, context) => {
    if (body.city === null) return;
    const city = cityByCode(body.city);
    if (!city || city.provinceCode !== body.province) {
      context.addIssue({ code: "custom", path: ["city"], message: "must be a city of the chosen province" });
    }
  });
export type CreatorProfileBody = z.infer<typeof CreatorProfileBody>;

/** What businesses see in the directory and on a profile: never the creator's contact details. */
export const CreatorListing = z
  .object({
    id: Uuid,
    displayName: z.string(),
    handle: z.string(),
    bio: z.string(),
    niches: z.array(z.enum(INTERESTS)),
    province: z.string(),
    city: z.string().nullable(),
    languages: z.array(z.enum(LANGUAGES)),
    declaredAudience: z
      .array(DeclaredAudience)
      .describe("Self-declared by the creator; Sorot does not verify these numbers"),
    startingRateMicros: MicrosString.nullable(),
    sampleLinks: z.array(z.string()),
    acceptsRequests: z.boolean(),
  })
  .meta({ id: "CreatorListing" });
export type CreatorListing = z.infer<typeof CreatorListing>;

/** The creator's own profile: the listing plus contact details and whether an admin hid it. */
export const CreatorProfile = CreatorListing.extend({
  contact: ContactDetails,
  hidden: z.boolean().describe("An admin has hidden the profile from the directory"),
  updatedAt: IsoDateTime,
}).meta({ id: "CreatorProfile" });
export type CreatorProfile = z.infer<typeof CreatorProfile>;

export const CreatorDirectoryQuery = CursorQuery.extend({
  niche: z.enum(INTERESTS).optional(),
  province: ProvinceCode.optional(),
  city: CityCode.optional(),
  language: z.enum(LANGUAGES).optional(),
  minAudience: z
    .enum(AUDIENCE_BANDS)
    .optional()
    .describe("Creators who declared at least this band on some platform"),
  maxRateMicros: StatedMicros.optional().describe(
    "Creators whose declared starting rate is at most this; those who state none are left out",
  ),
  q: freeText({ max: 60 }).optional(),
});
export type CreatorDirectoryQuery = z.infer<typeof CreatorDirectoryQuery>;

export const CreatorParams = z.strictObject({ creatorId: Uuid });
export const BusinessCreatorParams = z.strictObject({ businessId: Uuid, creatorId: Uuid });
export const CreatorRequestParams = z.strictObject({ requestId: Uuid });
export const BusinessCreatorRequestParams = z.strictObject({ businessId: Uuid, requestId: Uuid });

export const CreatorRequestStatus = z.enum(CREATOR_REQUEST_STATUSES);
export type CreatorRequestStatus = z.infer<typeof CreatorRequestStatus>;

export const CreateCreatorRequestBody = z
  .strictObject({
    creatorId: Uuid,
    product: freeText({ min: 1, max: 120 }),
    wanted: freeText({ min: 1, max: 2000 }),
    timeline: freeText({ min: 1, max: 200 }),
    budgetMinMicros: StatedMicros,
    budgetMaxMicros: StatedMicros,
    link: LandingUrl.nullable().default(null),
    contact: ContactDetails.describe("Shown to the creator only once they accept"),
  })
  // Runs even when an amount failed its own check (that issue is continuable): compare only numbers.
  .refine(
    ({ budgetMinMicros: min, budgetMaxMicros: max }) =>
      !isMicrosString(min) || !isMicrosString(max) || BigInt(min) <= BigInt(max),
    {
      path: ["budgetMaxMicros"],
      message: "must not be below the minimum",
    },
  );
export type CreateCreatorRequestBody = z.infer<typeof CreateCreatorRequestBody>;

export const CreatorRequest = z
  .object({
    id: Uuid,
    status: CreatorRequestStatus,
    business: z.object({ id: Uuid, name: z.string() }),
    creator: z.object({ id: Uuid, displayName: z.string(), handle: z.string() }),
    product: z.string(),
    wanted: z.string(),
    timeline: z.string(),
    budgetMinMicros: MicrosString,
    budgetMaxMicros: MicrosString,
    link: z.string().nullable(),
    decisionNote: z.string().nullable(),
    contacts: z
      .object({ business: ContactDetails, creator: ContactDetails })
      .nullable()
      .describe("Both sides' contact details: null until the creator accepts"),
    createdAt: IsoDateTime,
    decidedAt: IsoDateTime.nullable(),
    closedAt: IsoDateTime.nullable(),
    closedBy: z.enum(["business", "creator"]).nullable(),
  })
  .meta({ id: "CreatorRequest" });
export type CreatorRequest = z.infer<typeof CreatorRequest>;

export const CreatorRequestListQuery = CursorQuery.extend({ status: CreatorRequestStatus.optional() });

export const RequestDecisionBody = z.strictObject({
  decision: z.enum(["accept", "decline"]),
  note: freeText({ max: 500 }).optional(),
  contact: ContactDetails.optional().describe(
    "What the business will see; your profile's contact if left out",
  ),
});
export type RequestDecisionBody = z.infer<typeof RequestDecisionBody>;

export const CreatorMessage = z
  .object({
    id: z.string(),
    senderSide: z.enum(["business", "creator"]),
    body: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: "CreatorMessage" });
export type CreatorMessage = z.infer<typeof CreatorMessage>;

export const SendMessageBody = z.strictObject({
  body: freeText({ min: 1, max: 2000 }),
});

export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;

export const CreateReportBody = z.strictObject({
  reason: ReportReason,
  details: freeText({ max: 1000 }).default(""),
  messageId: z
    .string()
    .regex(/^\d{1,19}$/, { message: "must be a message id" })
    .optional()
    .describe("Report one message of the thread rather than the request"),
});
export type CreateReportBody = z.infer<typeof CreateReportBody>;

export const ReportReceipt = z.object({ id: Uuid, status: z.literal("open") });

export const CreatorReport = z
  .object({
    id: Uuid,
    target: z.enum(REPORT_TARGETS),
    reason: ReportReason,
    details: z.string(),
    status: z.enum(["open", "actioned", "dismissed"]),
    reporter: z.object({ side: z.enum(["business", "creator"]), email: z.string().nullable() }),
    creator: z.object({
      id: Uuid,
      displayName: z.string(),
      handle: z.string(),
      hidden: z.boolean(),
      suspended: z.boolean(),
    }),
    business: z.object({ id: Uuid, name: z.string(), status: z.enum(["active", "suspended"]) }).nullable(),
    requestId: Uuid.nullable(),
    requestProduct: z.string().nullable(),
    messageBody: z.string().nullable(),
    resolutionNote: z.string().nullable(),
    createdAt: IsoDateTime,
    resolvedAt: IsoDateTime.nullable(),
  })
  .meta({ id: "CreatorReport" });
export type CreatorReport = z.infer<typeof CreatorReport>;

export const CreatorReportQuery = CursorQuery.extend({
  status: z.enum(["open", "resolved"]).default("open"),
});
export const CreatorReportParams = z.strictObject({ reportId: Uuid });

export const ResolveReportBody = z.strictObject({
  outcome: z.enum(["actioned", "dismissed"]),
  note: freeText({ max: 500 }).optional(),
});
export type ResolveReportBody = z.infer<typeof ResolveReportBody>;

export const AdminCreator = z
  .object({
    id: Uuid,
    displayName: z.string(),
    handle: z.string(),
    hidden: z.boolean(),
    hiddenReason: z.string().nullable(),
    suspended: z.boolean(),
    suspensionReason: z.string().nullable(),
  })
  .meta({ id: "AdminCreator" });
export type AdminCreator = z.infer<typeof AdminCreator>;
