import { isLocalDate, METRIC_DEFINITIONS, type MetricKey, rangeDayCount } from "@sorot/core";
import { z } from "zod";
import { CsvFormat, Uuid } from "./common.js";

/** Longest range a report covers, in days (a leap year). */
export const REPORT_MAX_DAYS = 366;
/** Hourly rows are for looking closely at a few days: at most this many days (744 rows). */
export const REPORT_MAX_HOURLY_DAYS = 31;

export const REPORT_GRANULARITIES = ["hour", "day", "week"] as const;
export const ReportGranularity = z.enum(REPORT_GRANULARITIES);
export type ReportGranularity = z.infer<typeof ReportGranularity>;

export const REPORT_GROUP_BYS = ["campaign", "ad", "age", "gender", "province", "device"] as const;
export const ReportGroupBy = z.enum(REPORT_GROUP_BYS);
export type ReportGroupBy = z.infer<typeof ReportGroupBy>;

export const ReportObjective = z.enum(["reach", "traffic", "video_views", "conversions"]);

const LocalDate = z
  .string()
  .refine(isLocalDate, { message: "must be a calendar date written YYYY-MM-DD" })
  .meta({ description: "A local calendar date in the business's time zone", example: "2026-12-01" });

const description = (key: MetricKey) =>
  `${METRIC_DEFINITIONS[key].label.en}: ${METRIC_DEFINITIONS[key].formula}`;
const count = (key: MetricKey) => z.string().regex(/^\d+$/).describe(description(key));
const optionalCount = (key: MetricKey) =>
  z
    .string()
    .regex(/^\d+$/)
    .nullable()
    .describe(`${description(key)}. Null where the rollup read does not record it`);
const micros = (key: MetricKey) =>
  z
    .string()
    .regex(/^-?\d+$/)
    .describe(`${description(key)} (micro-rupiah)`);
const optionalMicros = (key: MetricKey) =>
  z
    .string()
    .regex(/^-?\d+$/)
    .nullable()
    .describe(`${description(key)} (micro-rupiah); null when the denominator is 0`);
const share = (key: MetricKey) =>
  z
    .number()
    .nullable()
    .describe(`${description(key)}; null when the denominator is 0 or unknown`);

/**
 * One line of a report: a time bucket, a campaign, an ad or a value of a viewer dimension, or the
 * totals. Counters are strings of integers, money strings of integer micro-rupiah, rates numbers.
 * Every ratio is computed from the sums of the line (never averaged), and is null ("-" on screen)
 * when its denominator is 0.
 */
export const ReportRow = z
  .object({
    key: z
      .string()
      .describe(
        'The time bucket ("2026-12-01" for a day, the Monday starting a week, "2026-12-01T09:00:00+09:00" for an hour), the campaign or ad id, the dimension value, or "total"',
      ),
    label: z.string().describe("Campaign or ad name, dimension value, or the bucket again"),
    campaignId: Uuid.nullable().describe("The campaign of a campaign or ad row; null otherwise"),
    objective: ReportObjective.nullable().describe(
      "Whose result `result` counts: the campaign's objective, or the one objective all campaigns in the line share; null when they differ",
    ),
    impressions: count("impressions"),
    reach: z
      .string()
      .regex(/^\d+$/)
      .nullable()
      .describe(
        `${description("reach")}. Estimated from HyperLogLog sketches (about 1% error); null for hours and viewer dimensions, which have no sketches`,
      ),
    frequency: share("frequency"),
    clicks: count("clicks"),
    ctr: share("ctr"),
    spendMicros: micros("spendMicros"),
    cpcMicros: optionalMicros("cpcMicros"),
    cpmMicros: optionalMicros("cpmMicros"),
    videoStarts: optionalCount("videoStarts"),
    videoViews: optionalCount("videoViews"),
    videoQ25: optionalCount("videoQ25"),
    videoQ50: optionalCount("videoQ50"),
    videoQ75: optionalCount("videoQ75"),
    videoCompletes: count("videoCompletes"),
    completionRate: share("completionRate"),
    conversions: count("conversions"),
    conversionRate: share("conversionRate"),
    result: z
      .string()
      .regex(/^\d+$/)
      .nullable()
      .describe(`${description("result")}; null when the objective is mixed or its counter unknown`),
    costPerResultMicros: optionalMicros("costPerResultMicros"),
    whatsappClicks: optionalCount("whatsappClicks").describe(
      `${description("whatsappClicks")}. Null on rows not split by ad (time buckets, viewer dimensions)`,
    ),
    costPerWhatsappClickMicros: optionalMicros("costPerWhatsappClickMicros"),
    invalidEvents: optionalCount("invalidEvents"),
  })
  .meta({ id: "ReportRow" });
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportQuery = z
  .strictObject({
    from: LocalDate.describe("First local day of the report, inclusive (YYYY-MM-DD)"),
    to: LocalDate.describe("Last local day of the report, inclusive (YYYY-MM-DD)"),
    granularity: ReportGranularity.default("day").describe(
      "Time bucket of the rows when there is no groupBy: hour (ranges up to 31 days), day, or ISO week (Monday to Sunday)",
    ),
    groupBy: ReportGroupBy.optional().describe(
      "One row per campaign, ad, or value of a viewer dimension over the whole range, instead of time buckets",
    ),
    campaignId: Uuid.optional().describe("Only this campaign"),
    adId: Uuid.optional().describe("Only this ad"),
    compare: z
      .enum(["previous"])
      .optional()
      .describe("Add the totals of the previous period of equal length"),
    format: CsvFormat,
  })
  .superRefine((query, context) => {
    if (!isLocalDate(query.from) || !isLocalDate(query.to)) return;
    if (query.to < query.from) {
      context.addIssue({ code: "custom", path: ["to"], message: "must be on or after from" });
      return;
    }
    const days = rangeDayCount(query);
    if (days > REPORT_MAX_DAYS) {
      context.addIssue({
        code: "custom",
        path: ["to"],
        message: `must be at most ${REPORT_MAX_DAYS} days after from, counting both`,
      });
    } else if (!query.groupBy && query.granularity === "hour" && days > REPORT_MAX_HOURLY_DAYS) {
      context.addIssue({
        code: "custom",
        path: ["granularity"],
        message: `hour covers at most ${REPORT_MAX_HOURLY_DAYS} days; choose day or week for longer ranges`,
      });
    }
  });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const Report = z
  .object({
    timeZone: z
      .string()
      .describe("The business's time zone: every day and hour of the report is local to it"),
    from: z.string(),
    to: z.string(),
    granularity: ReportGranularity,
    groupBy: ReportGroupBy.nullable(),
    campaignId: Uuid.nullable(),
    adId: Uuid.nullable(),
    totals: ReportRow,
    rows: z.array(ReportRow),
    previous: z
      .object({ from: z.string(), to: z.string(), totals: ReportRow })
      .optional()
      .describe("With compare=previous: the period of equal length ending the day before `from`"),
  })
  .meta({ id: "Report" });
export type Report = z.infer<typeof Report>;
