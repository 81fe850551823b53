import {
  AGE_BANDS,
  BUDGET_TYPES,
  CAMPAIGN_STATUSES,
  DEVICES,
  everyone,
  GENDERS,
  INTERESTS,
  LANGUAGES,
} from "@sorot/core";
import { z } from "zod";
import { FieldIssue, IsoDateTime, MicrosString, Uuid, withSomeChange } from "./common.js";
import { CityCode, ProvinceCodeShape } from "./regions.js";
import { freeText } from "./text.js";

export const OBJECTIVES = ["reach", "traffic", "video_views", "conversions"] as const;
export const Objective = z.enum(OBJECTIVES);
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const LocalHours = z
  .array(z.number().int().min(0).max(23))
  .max(24)
  .refine((hours) => new Set(hours).size === hours.length, { message: "lists an hour twice" });

export const Dayparting = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, LocalHours.optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<typeof LocalHours>
    >,
  )
  .describe(
    "Local hours (0-23) per weekday when the campaign may deliver; a missing day delivers not at all",
  );

export const Closure = z.strictObject({
  from: IsoDateTime,
  to: IsoDateTime,
  reason: freeText({ min: 1, max: 100 }),
});

const codes = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .max(values.length)
    .default([])
    .refine((list) => new Set(list).size === list.length, { message: "lists a value twice" });

export const TargetingBody = z
  .strictObject({
    provinces: z.array(ProvinceCodeShape).max(38).default([]),
    cities: z
      .array(CityCode)
      .max(514)
      .default([])
      .describe("Kemendagri codes (31.74); an old city slug (jakarta-selatan) is taken as its code"),
    ageBands: codes(AGE_BANDS),
    genders: codes(GENDERS),
    interests: codes(INTERESTS),
    devices: codes(DEVICES),
    languages: codes(LANGUAGES),
  })
  .describe("Who sees the ads; an empty list means everyone");
export type TargetingBody = z.infer<typeof TargetingBody>;

export const BudgetBody = z.strictObject({ type: z.enum(BUDGET_TYPES), amountMicros: MicrosString });

export const ScheduleBody = z.strictObject({
  startAt: IsoDateTime.nullable().optional(),
  endAt: IsoDateTime.nullable().optional(),
  dayparting: Dayparting.nullable().optional(),
  closures: z.array(Closure).max(20).default([]),
});

export const BiddingBody = z.strictObject({
  strategy: z.enum(["manual", "lowest_cost"]).default("manual"),
  billingEvent: z.enum(["cpm", "cpc"]),
  bidMicros: MicrosString.nullable()
    .optional()
    .describe("manual: the bid (CPM per 1,000 impressions, CPC per click); lowest cost: an optional cap"),
});

export const CampaignName = freeText({ min: 1, max: 100 });

export const CreateCampaignBody = z.strictObject({
  name: CampaignName,
  objective: Objective,
  budget: BudgetBody,
  schedule: ScheduleBody.default({ closures: [] }),
  bidding: BiddingBody,
  pacing: z.enum(["standard", "accelerated"]).default("standard"),
  targeting: TargetingBody.default(everyone),
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

/** Only what may change after creation; objective and billing stay as built. */
export const UpdateCampaignBody = withSomeChange(
  z.strictObject({
    name: CampaignName.optional(),
    budget: BudgetBody.optional(),
    schedule: ScheduleBody.partial().optional(),
    bidding: BiddingBody.optional(),
    pacing: z.enum(["standard", "accelerated"]).optional(),
    targeting: TargetingBody.optional(),
  }),
);
export type UpdateCampaignBody = z.infer<typeof UpdateCampaignBody>;

export const WorstCase = z.object({
  todayMicros: MicrosString,
  next7DaysMicros: MicrosString,
  totalMicros: MicrosString.nullable().describe("null: a daily budget without an end date has no total cap"),
});

export const BudgetRequest = z.object({
  id: Uuid,
  fromMicros: MicrosString,
  toMicros: MicrosString,
  status: z.enum(["pending", "approved", "rejected"]),
  requestedBy: Uuid.nullable(),
  createdAt: IsoDateTime,
});

export const Campaign = z
  .object({
    id: Uuid,
    businessId: Uuid,
    name: z.string(),
    objective: Objective,
    status: CampaignStatus,
    budget: z.object({ type: z.enum(BUDGET_TYPES), amountMicros: MicrosString }),
    schedule: z.object({
      startAt: IsoDateTime.nullable(),
      endAt: IsoDateTime.nullable(),
      dayparting: z.record(z.string(), z.array(z.number())).nullable(),
      closures: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })),
    }),
    bidding: z.object({
      strategy: z.enum(["manual", "lowest_cost"]),
      billingEvent: z.enum(["cpm", "cpc"]),
      bidMicros: MicrosString.nullable(),
    }),
    pacing: z.enum(["standard", "accelerated"]),
    targeting: z.object({
      provinces: z.array(z.string()),
      cities: z.array(z.string()),
      ageBands: z.array(z.string()),
      genders: z.array(z.string()),
      interests: z.array(z.string()),
      devices: z.array(z.string()),
      languages: z.array(z.string()),
    }),
    spendTodayMicros: MicrosString,
    spendTotalMicros: MicrosString,
    worstCase: WorstCase,
    adCounts: z.object({
      total: z.number().int(),
      inReview: z.number().int(),
      approved: z.number().int(),
      rejected: z.number().int(),
    }),
    pendingBudgetRequest: BudgetRequest.nullable(),
    submittedAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: "Campaign" });
export type Campaign = z.infer<typeof Campaign>;

export const CampaignParams = z.strictObject({ businessId: Uuid, campaignId: Uuid });

export const CampaignListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  status: CampaignStatus.optional(),
  q: freeText({ max: 100 }).optional(),
});

export const EstimateBody = z.strictObject({
  targeting: TargetingBody,
  budget: BudgetBody,
  schedule: ScheduleBody.default({ closures: [] }),
  bidding: BiddingBody.optional(),
});
export type EstimateBody = z.infer<typeof EstimateBody>;

const Count = z.number().int();
const estimateCommon = { worstCase: WorstCase, problems: z.array(FieldIssue) };

/** `not_available` when a listed regency has no census figure: every figure is null, never a guess. */
export const Estimate = z.discriminatedUnion("availability", [
  z.object({
    availability: z.literal("estimated"),
    populationLow: Count,
    populationHigh: Count,
    dailyReachLow: Count,
    dailyReachHigh: Count,
    citiesWithoutFigure: z.array(z.string()).max(0),
    ...estimateCommon,
  }),
  z.object({
    availability: z.literal("not_available"),
    populationLow: z.null(),
    populationHigh: z.null(),
    dailyReachLow: z.null(),
    dailyReachHigh: z.null(),
    citiesWithoutFigure: z
      .array(z.string())
      .min(1)
      .describe("Kemendagri codes of listed cities without a figure"),
    ...estimateCommon,
  }),
]);
export type Estimate = z.infer<typeof Estimate>;

export const BudgetRequestDecisionBody = z.strictObject({ decision: z.enum(["approve", "reject"]) });
