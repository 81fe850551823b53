import type { Report, ReportQuery, ReportRow } from "@sorot/contracts";
import {
  addLocalDays,
  type CampaignObjective,
  type CsvColumn,
  type CsvForm,
  csvLines,
  datesInRange,
  deriveMetrics,
  isoInZone,
  localDate,
  METRIC_DEFINITIONS,
  type MetricKey,
  type MetricTotals,
  notFound,
  previousPeriod,
  provinceByCode,
  startOfLocalDate,
  weekStart,
  whatsappMetrics,
} from "@sorot/core";
import {
  type BusinessWithRole,
  type Db,
  type DimensionCounterRow,
  dimensionRows,
  groupRows,
  hourlyRows,
  type ReportAdInfo,
  type ReportCampaignInfo,
  type ReportCounterRow,
  type ReportCounters,
  type ReportScope,
  reportAds,
  reportCampaigns,
  timeAndCampaignRows,
} from "@sorot/db";
import type { Redis } from "ioredis";
import { type ReachResult, reportReach } from "./reach.js";

const MS_PER_HOUR = 3_600_000;
const TOTAL_KEY = "total";

function scopeOf(
  business: BusinessWithRole,
  range: { from: string; to: string },
  filter: { campaignId?: string; adId?: string },
): ReportScope {
  return {
    businessId: business.id,
    timeZone: business.timeZone,
    from: range.from,
    to: range.to,
    startAt: startOfLocalDate(range.from, business.timeZone),
    endAt: startOfLocalDate(addLocalDays(range.to, 1), business.timeZone),
    ...filter,
  };
}

const zeroCounters = (): ReportCounters => ({
  impressions: 0n,
  clicks: 0n,
  videoStarts: 0n,
  videoQ25: 0n,
  videoQ50: 0n,
  videoQ75: 0n,
  videoCompletes: 0n,
  conversions: 0n,
  invalidEvents: 0n,
  spendMicros: 0n,
});

function sumCounters(rows: readonly ReportCounters[]): ReportCounters {
  const total = zeroCounters();
  for (const row of rows) {
    for (const key of Object.keys(total) as (keyof ReportCounters)[]) total[key] += row[key];
  }
  return total;
}

/** Counters the daily dimension rollup does not record: null on dimension rows. */
const NOT_IN_DIMENSIONS = ["videoStarts", "videoQ25", "videoQ50", "videoQ75", "invalidEvents"] as const;

function dimensionCounters(row: DimensionCounterRow): ReportCounters {
  return { ...zeroCounters(), ...row };
}

interface RowInput {
  key: string;
  label: string;
  campaignId: string | null;
  counters: ReportCounters;
  /** Null: not available for this row (hours, dimension values) or the merge failed. */
  reach: bigint | null;
  objective: CampaignObjective | null;
  /** A dimension row: the counters that rollup lacks are unknown, not 0. */
  partial?: boolean;
  /** Clicks and spend of the row's WhatsApp ads; null where rows are not split by ad. */
  whatsapp: WhatsappCounters | null;
}

type WhatsappCounters = { clicks: bigint; spendMicros: bigint };

const text = (value: bigint | null) => (value === null ? null : value.toString());

/** One report line from its summed counters; every derived metric comes from core's definitions. */
export function toReportRow(input: RowInput): ReportRow {
  const { counters, partial } = input;
  // Distinct viewers can never outnumber impressions; a sketch's estimate can, by a hair.
  let reach = input.reach;
  if (reach !== null && reach > counters.impressions) reach = counters.impressions;
  const totals: MetricTotals = { ...counters, reach, videoViews: null };
  const derived = deriveMetrics(totals, input.objective ?? "traffic");
  const resultKnown =
    input.objective !== null &&
    derived.result !== null &&
    !(partial && (NOT_IN_DIMENSIONS as readonly string[]).includes(derived.resultCounter));
  const unknown = (value: bigint) => (partial ? null : value.toString());
  return {
    key: input.key,
    label: input.label,
    campaignId: input.campaignId,
    objective: input.objective,
    impressions: counters.impressions.toString(),
    reach: text(reach),
    frequency: derived.frequency,
    clicks: counters.clicks.toString(),
    ctr: derived.ctr,
    spendMicros: counters.spendMicros.toString(),
    cpcMicros: text(derived.cpcMicros),
    cpmMicros: text(derived.cpmMicros),
    videoStarts: unknown(counters.videoStarts),
    // No 2-second view counter is recorded yet: a video view is a start (METRIC_DEFINITIONS.videoViews).
    videoViews: unknown(counters.videoStarts),
    videoQ25: unknown(counters.videoQ25),
    videoQ50: unknown(counters.videoQ50),
    videoQ75: unknown(counters.videoQ75),
    videoCompletes: counters.videoCompletes.toString(),
    completionRate: partial ? null : derived.completionRate,
    conversions: counters.conversions.toString(),
    conversionRate: derived.conversionRate,
    result: resultKnown ? text(derived.result) : null,
    costPerResultMicros: resultKnown ? text(derived.costPerResultMicros) : null,
    ...whatsappCells(input.whatsapp),
    invalidEvents: unknown(counters.invalidEvents),
  };
}

function whatsappCells(whatsapp: WhatsappCounters | null) {
  if (!whatsapp) return { whatsappClicks: null, costPerWhatsappClickMicros: null };
  const metrics = whatsappMetrics(whatsapp);
  return {
    whatsappClicks: metrics.whatsappClicks.toString(),
    costPerWhatsappClickMicros: text(metrics.costPerWhatsappClickMicros),
  };
}

/** The WhatsApp part of one ad's row: all of it for a WhatsApp ad, nothing for a web one. */
function whatsappOfAd(row: ReportCounters, ad: ReportAdInfo | undefined): WhatsappCounters {
  return ad?.destinationType === "whatsapp"
    ? { clicks: row.clicks, spendMicros: row.spendMicros }
    : { clicks: 0n, spendMicros: 0n };
}

function addWhatsapp(a: WhatsappCounters, b: WhatsappCounters): WhatsappCounters {
  return { clicks: a.clicks + b.clicks, spendMicros: a.spendMicros + b.spendMicros };
}

/** The one objective every campaign with activity shares, else null (results of mixed kinds do not add up). */
function sharedObjective(
  campaignRows: readonly ReportCounterRow[],
  campaigns: Map<string, ReportCampaignInfo>,
  fallback: CampaignObjective | null,
): CampaignObjective | null {
  const objectives = new Set<CampaignObjective>();
  for (const row of campaignRows) {
    const objective = row.campaignId ? campaigns.get(row.campaignId)?.objective : undefined;
    if (objective) objectives.add(objective);
  }
  if (objectives.size === 0) return fallback;
  return objectives.size === 1 ? ([...objectives][0] as CampaignObjective) : null;
}

function dimensionLabel(dimension: string, value: string): string {
  if (dimension === "province") return provinceByCode(value)?.name ?? value;
  return value;
}

/** Reach of a row: 0 when nothing was shown, unknown when impressions have no sketch to count. */
function reachFor(count: bigint | null | undefined, impressions: bigint): bigint | null {
  if (count !== undefined) return count;
  return impressions === 0n ? 0n : null;
}

function byActivity(a: RowInput, b: RowInput): number {
  if (a.counters.spendMicros !== b.counters.spendMicros)
    return a.counters.spendMicros > b.counters.spendMicros ? -1 : 1;
  if (a.counters.impressions !== b.counters.impressions)
    return a.counters.impressions > b.counters.impressions ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Every bucket of the range, so a chart shows quiet days as zero instead of skipping them. */
function bucketKeys(scope: ReportScope, granularity: ReportQuery["granularity"]): string[] {
  if (granularity === "day") return datesInRange(scope);
  if (granularity === "week") return [...new Set(datesInRange(scope).map(weekStart))];
  const keys: string[] = [];
  for (let at = scope.startAt.getTime(); at < scope.endAt.getTime(); at += MS_PER_HOUR) {
    keys.push(new Date(at).toISOString().replace(".000Z", "Z"));
  }
  return keys;
}

async function previousTotals(
  db: Db,
  redis: Redis,
  business: BusinessWithRole,
  scope: ReportScope,
  campaigns: Map<string, ReportCampaignInfo>,
  fallbackObjective: CampaignObjective | null,
): Promise<NonNullable<Report["previous"]>> {
  const range = previousPeriod(scope);
  const previous = scopeOf(business, range, { campaignId: scope.campaignId, adId: scope.adId });
  const [campaignRows, reach] = await Promise.all([
    groupRows(db, previous, "campaign"),
    reportReach(db, redis, previous, null, localDate(new Date(), business.timeZone)),
  ]);
  const counters = sumCounters(campaignRows);
  return {
    from: range.from,
    to: range.to,
    totals: toReportRow({
      key: TOTAL_KEY,
      label: "Total",
      campaignId: scope.campaignId ?? null,
      counters,
      reach: reachFor(reach.total, counters.impressions),
      objective: sharedObjective(campaignRows, campaigns, fallbackObjective),
      whatsapp: null,
    }),
  };
}

/** The rows of one report and what its totals add up from. */
interface ReportBody {
  /** Per campaign: their objectives decide what the totals' result is. */
  campaignRows: ReportCounterRow[];
  rows: RowInput[];
  totals: ReportCounters;
  reach: ReachResult;
  /** The totals' WhatsApp part, known when the rows are campaigns or ads. */
  whatsapp: WhatsappCounters | null;
}

type Names = {
  campaigns: Map<string, ReportCampaignInfo>;
  ads: Awaited<ReturnType<typeof reportAds>> | null;
};

/** Rows by time bucket, every bucket of the range present (zeros where nothing happened). */
async function timeBody(
  db: Db,
  redis: Redis,
  business: BusinessWithRole,
  scope: ReportScope,
  granularity: ReportQuery["granularity"],
  today: string,
): Promise<ReportBody> {
  const [result, reach] = await Promise.all([
    granularity === "hour" ? hourlyRows(db, scope) : timeAndCampaignRows(db, scope, granularity),
    reportReach(db, redis, scope, granularity === "hour" ? null : granularity, today),
  ]);
  const byKey = new Map(result.buckets.map((row) => [row.key, row]));
  const rows = bucketKeys(scope, granularity).map((key) => {
    const counters = byKey.get(key) ?? zeroCounters();
    const label = granularity === "hour" ? isoInZone(new Date(key), business.timeZone) : key;
    return {
      key: label,
      label,
      campaignId: null,
      counters,
      reach: granularity === "hour" ? null : reachFor(reach.rows.get(key), counters.impressions),
      objective: null,
      whatsapp: null,
    };
  });
  return {
    campaignRows: result.campaigns,
    rows,
    totals: sumCounters(result.campaigns),
    reach,
    whatsapp: null,
  };
}

/**
 * Per campaign, the clicks and spend of its WhatsApp ads, from the ad rows; read only when the
 * business has a WhatsApp ad at all, so a report of web ads costs no extra query.
 */
async function whatsappByCampaign(
  db: Db,
  scope: ReportScope,
  ads: ReportAdInfo[],
): Promise<Map<string, WhatsappCounters>> {
  const byCampaign = new Map<string, WhatsappCounters>();
  if (!ads.some((ad) => ad.destinationType === "whatsapp")) return byCampaign;
  const byId = new Map(ads.map((ad) => [ad.id, ad]));
  for (const row of await groupRows(db, scope, "ad")) {
    const ad = byId.get(row.key);
    if (!ad) continue;
    const before = byCampaign.get(ad.campaignId) ?? { clicks: 0n, spendMicros: 0n };
    byCampaign.set(ad.campaignId, addWhatsapp(before, whatsappOfAd(row, ad)));
  }
  return byCampaign;
}

/** One row per campaign or per ad over the whole range. */
async function groupBody(
  db: Db,
  redis: Redis,
  scope: ReportScope,
  groupBy: "campaign" | "ad",
  names: Names,
  today: string,
): Promise<ReportBody> {
  const ads = names.ads ?? new Map<string, ReportAdInfo>();
  const [groups, reach, campaignWhatsapp] = await Promise.all([
    groupRows(db, scope, groupBy),
    reportReach(db, redis, scope, groupBy, today),
    groupBy === "campaign" ? whatsappByCampaign(db, scope, [...ads.values()]) : new Map(),
  ]);
  if (groupBy === "ad") for (const row of groups) row.campaignId = ads.get(row.key)?.campaignId ?? null;
  const perCampaign = new Map<string, ReportCounterRow>();
  for (const row of groups) {
    if (!row.campaignId) continue;
    const entry = perCampaign.get(row.campaignId);
    if (entry) Object.assign(entry, sumCounters([entry, row]));
    else perCampaign.set(row.campaignId, { ...row, key: row.campaignId });
  }
  const none = { clicks: 0n, spendMicros: 0n };
  const rows = groups.map((row) => ({
    key: row.key,
    label: (groupBy === "ad" ? ads.get(row.key)?.name : names.campaigns.get(row.key)?.name) ?? row.key,
    campaignId: row.campaignId,
    counters: row,
    reach: reachFor(reach.rows.get(row.key), row.impressions),
    objective: null,
    whatsapp:
      groupBy === "ad" ? whatsappOfAd(row, ads.get(row.key)) : (campaignWhatsapp.get(row.key) ?? none),
  }));
  const whatsapp = rows.reduce((total, row) => addWhatsapp(total, row.whatsapp), none);
  return { campaignRows: [...perCampaign.values()], rows, totals: sumCounters(groups), reach, whatsapp };
}

/** One row per value of a viewer dimension, from the daily dimension rollup (partial counters). */
async function dimensionBody(
  db: Db,
  redis: Redis,
  scope: ReportScope,
  dimension: Exclude<NonNullable<ReportQuery["groupBy"]>, "campaign" | "ad">,
  today: string,
): Promise<ReportBody> {
  const [dimensions, campaignRows, reach] = await Promise.all([
    dimensionRows(db, scope, dimension),
    groupRows(db, scope, "campaign"),
    reportReach(db, redis, scope, null, today),
  ]);
  const rows = dimensions.map((row) => ({
    key: row.key,
    label: dimensionLabel(dimension, row.key),
    campaignId: null,
    counters: dimensionCounters(row),
    reach: null,
    objective: null,
    partial: true,
    whatsapp: null,
  }));
  return { campaignRows, rows, totals: sumCounters(campaignRows), reach, whatsapp: null };
}

/** The objective of the campaign or ad filtered on, checking it belongs to the business (404 otherwise). */
function filterObjectiveOf(query: ReportQuery, names: Names): CampaignObjective | null {
  let objective: CampaignObjective | null = null;
  if (query.campaignId) {
    const campaign = names.campaigns.get(query.campaignId);
    if (!campaign) throw notFound("Campaign");
    objective = campaign.objective;
  }
  if (query.adId) {
    const ad = names.ads?.get(query.adId);
    if (!ad) throw notFound("Ad");
    objective = names.campaigns.get(ad.campaignId)?.objective ?? null;
  }
  return objective;
}

/**
 * A report of the business over whole local days: totals, rows by time bucket or by group, and
 * with `compare=previous` the totals of the period of equal length just before.
 */
export async function buildReport(
  db: Db,
  redis: Redis,
  business: BusinessWithRole,
  query: ReportQuery,
): Promise<Report> {
  const groupBy = query.groupBy ?? null;
  // Names and objectives first (two small reads, in parallel): they also check that the campaign
  // and ad filters belong to this business, which must answer 404 otherwise.
  const [campaigns, ads] = await Promise.all([
    reportCampaigns(db, business.id),
    groupBy === "ad" || groupBy === "campaign" || query.adId
      ? reportAds(db, business.id, query.campaignId)
      : null,
  ]);
  const names: Names = { campaigns, ads };
  const filterObjective = filterObjectiveOf(query, names);
  const scope = scopeOf(business, query, { campaignId: query.campaignId, adId: query.adId });

  const previousPromise =
    query.compare === "previous"
      ? previousTotals(db, redis, business, scope, campaigns, filterObjective)
      : undefined;
  const today = localDate(new Date(), business.timeZone);
  const body =
    groupBy === null
      ? await timeBody(db, redis, business, scope, query.granularity, today)
      : groupBy === "campaign" || groupBy === "ad"
        ? await groupBody(db, redis, scope, groupBy, names, today)
        : await dimensionBody(db, redis, scope, groupBy, today);
  const { rows, totals, reach } = body;

  const objective = sharedObjective(body.campaignRows, campaigns, filterObjective);
  for (const row of rows) {
    if (groupBy === "campaign") {
      row.objective = campaigns.get(row.key)?.objective ?? null;
    } else if (groupBy === "ad") {
      row.objective = (row.campaignId && campaigns.get(row.campaignId)?.objective) || null;
    } else {
      row.objective = objective;
    }
  }
  if (groupBy !== null) rows.sort(byActivity);

  const report: Report = {
    timeZone: business.timeZone,
    from: query.from,
    to: query.to,
    granularity: query.granularity,
    groupBy,
    campaignId: query.campaignId ?? null,
    adId: query.adId ?? null,
    totals: toReportRow({
      key: TOTAL_KEY,
      label: "Total",
      campaignId: query.campaignId ?? null,
      counters: totals,
      reach: reachFor(reach.total, totals.impressions),
      objective,
      whatsapp: body.whatsapp,
    }),
    rows: rows.map(toReportRow),
  };
  if (previousPromise) report.previous = await previousPromise;
  return report;
}

/** Each metric's cell follows its kind in the one list of metrics: money in rupiah, a share, or a count. */
function metricColumn(name: string, key: MetricKey): CsvColumn<ReportRow> {
  const { valueKind, label } = METRIC_DEFINITIONS[key];
  return {
    name,
    label: valueKind === "micros" ? `${label.id} (Rp)` : label.id,
    cell: (row) => {
      const value: string | number | null = row[key];
      if (value === null) return null;
      if (typeof value === "number") return { share: value };
      return valueKind === "micros" ? { micros: BigInt(value) } : value;
    },
  };
}

/** The metric columns of the CSV, in the order of the API's fields. */
const METRIC_COLUMNS: CsvColumn<ReportRow>[] = [
  metricColumn("impressions", "impressions"),
  metricColumn("reach", "reach"),
  metricColumn("frequency", "frequency"),
  metricColumn("clicks", "clicks"),
  metricColumn("ctr", "ctr"),
  metricColumn("spend_idr", "spendMicros"),
  metricColumn("cpc_idr", "cpcMicros"),
  metricColumn("cpm_idr", "cpmMicros"),
  metricColumn("video_starts", "videoStarts"),
  metricColumn("video_views", "videoViews"),
  metricColumn("video_q25", "videoQ25"),
  metricColumn("video_q50", "videoQ50"),
  metricColumn("video_q75", "videoQ75"),
  metricColumn("video_completes", "videoCompletes"),
  metricColumn("completion_rate", "completionRate"),
  metricColumn("conversions", "conversions"),
  metricColumn("conversion_rate", "conversionRate"),
  { name: "objective", label: "Tujuan", cell: (row) => row.objective },
  metricColumn("result", "result"),
  metricColumn("cost_per_result_idr", "costPerResultMicros"),
  metricColumn("whatsapp_clicks", "whatsappClicks"),
  metricColumn("cost_per_whatsapp_click_idr", "costPerWhatsappClickMicros"),
  metricColumn("invalid_events", "invalidEvents"),
];

function leadingColumns(report: Report): CsvColumn<ReportRow>[] {
  const key = (name: string, label: string): CsvColumn<ReportRow> => ({
    name,
    label,
    cell: (row) => row.key,
  });
  const labelOf = (name: string, label: string): CsvColumn<ReportRow> => ({
    name,
    label,
    cell: (row) => row.label,
  });
  switch (report.groupBy) {
    case null:
      if (report.granularity === "hour") return [key("hour", "Jam")];
      return [report.granularity === "week" ? key("week_start", "Awal minggu") : key("date", "Tanggal")];
    case "campaign":
      return [key("campaign_id", "ID kampanye"), labelOf("campaign", "Kampanye")];
    case "ad":
      return [
        key("ad_id", "ID iklan"),
        labelOf("ad", "Iklan"),
        { name: "campaign_id", label: "ID kampanye", cell: (row) => row.campaignId },
      ];
    case "province":
      return [key("province", "Kode provinsi"), labelOf("province_name", "Provinsi")];
    case "age":
      return [key("age_band", "Kelompok usia")];
    case "gender":
      return [key("gender", "Jenis kelamin")];
    case "device":
      return [key("device", "Perangkat")];
  }
}

/**
 * The report's rows as CSV in either form (core's csv.ts): ISO dates, money in exact rupiah, empty
 * cells where the JSON has null; 500 rows a chunk so the stream never holds one huge string.
 */
export function reportCsv(report: Report, form: CsvForm): AsyncGenerator<string> {
  const chunks: ReportRow[][] = [];
  for (let start = 0; start < report.rows.length; start += 500)
    chunks.push(report.rows.slice(start, start + 500));
  return csvLines([...leadingColumns(report), ...METRIC_COLUMNS], form, chunks);
}

export function reportFilename(businessId: string, report: Report): string {
  const what = report.groupBy ?? report.granularity;
  return `sorot-report-${businessId.slice(0, 8)}-${report.from}-${report.to}-${what}.csv`;
}
