import type { Micros } from "../money.js";
import type { LocalizedLabel } from "../targeting/taxonomy.js";

/**
 * Report metrics, defined once. Every derived metric is a ratio of sums over the rows being
 * reported (never an average of per-row ratios), so a campaign's CTR is the same whether it is
 * computed from hours, days or ads. A ratio whose denominator is zero is null ("no data"), not 0.
 *
 * Shares (rates and frequency) are plain JS numbers: they are not money. Money-valued ratios are
 * bigint micro-rupiah, computed in bigint arithmetic end to end.
 */

export const CAMPAIGN_OBJECTIVES = ["reach", "traffic", "video_views", "conversions"] as const;
export type CampaignObjective = (typeof CAMPAIGN_OBJECTIVES)[number];

/**
 * Summed counters for any set of report rows (hours, days, ads, campaigns). Counts are bigint
 * because they are sums of bigint rollup columns.
 */
export interface MetricTotals {
  /** Ads shown (accepted impression beacons). */
  impressions: bigint;
  /**
   * Distinct viewers, or null when unknown. Distinct counts do not add up across sets (one person
   * can be in both), so this must come from a distinct count over the whole set being reported.
   */
  reach: bigint | null;
  clicks: bigint;
  videoStarts: bigint;
  /**
   * Video views of at least 2 seconds, or null when that counter is not recorded (the hourly
   * rollups do not carry it yet); a "video view" then falls back to {@link videoStarts}.
   */
  videoViews: bigint | null;
  videoQ25: bigint;
  videoQ50: bigint;
  videoQ75: bigint;
  videoCompletes: bigint;
  conversions: bigint;
  /** Beacons refused (bad signature, replay, expired): not billed, not in any other counter. */
  invalidEvents: bigint;
  spendMicros: Micros;
}

/** The totals of no rows: the identity of {@link addTotals}. */
export function emptyTotals(): MetricTotals {
  return {
    impressions: 0n,
    reach: 0n,
    clicks: 0n,
    videoStarts: 0n,
    videoViews: 0n,
    videoQ25: 0n,
    videoQ50: 0n,
    videoQ75: 0n,
    videoCompletes: 0n,
    conversions: 0n,
    invalidEvents: 0n,
    spendMicros: 0n,
  };
}

/**
 * Distinct viewers of the union of two sets. Without knowing who is in both, the union is known
 * only when one side reached nobody; otherwise the sum would over-count people, so it is null and
 * the caller supplies the distinct count of the whole set from its own source.
 */
function unionReach(a: bigint | null, b: bigint | null): bigint | null {
  if (a === 0n) return b;
  if (b === 0n) return a;
  return null;
}

/**
 * A 2-second view count is only meaningful for the whole set when every part recorded it: mixing
 * 2-second views with starts would change what "video view" means halfway through a report.
 */
function sumKnown(a: bigint | null, b: bigint | null): bigint | null {
  return a === null || b === null ? null : a + b;
}

/**
 * Totals of the union of two disjoint sets of rows. Associative and commutative, with
 * {@link emptyTotals} as identity. Reach follows {@link unionReach}: null unless one side is 0.
 */
export function addTotals(a: MetricTotals, b: MetricTotals): MetricTotals {
  return {
    impressions: a.impressions + b.impressions,
    reach: unionReach(a.reach, b.reach),
    clicks: a.clicks + b.clicks,
    videoStarts: a.videoStarts + b.videoStarts,
    videoViews: sumKnown(a.videoViews, b.videoViews),
    videoQ25: a.videoQ25 + b.videoQ25,
    videoQ50: a.videoQ50 + b.videoQ50,
    videoQ75: a.videoQ75 + b.videoQ75,
    videoCompletes: a.videoCompletes + b.videoCompletes,
    conversions: a.conversions + b.conversions,
    invalidEvents: a.invalidEvents + b.invalidEvents,
    spendMicros: a.spendMicros + b.spendMicros,
  };
}

/** Rates (CTR, completion rate, conversion rate) are fractions with 4 decimals: 0.0123 is 1.23%. */
export const RATE_DECIMALS = 4;
/** Frequency (impressions per person) keeps 2 decimals: 1.85 views per person. */
export const FREQUENCY_DECIMALS = 2;
/** {@link percentChange} answers in percent with 2 decimals: 12.34 means +12.34%. */
export const PERCENT_CHANGE_DECIMALS = 2;

/**
 * `numerator / denominator` rounded half up (ties away from zero, the rule `toWholeRupiah` uses;
 * for the non-negative amounts of a report the two are the same). `denominator` must be positive.
 */
function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

/**
 * `numerator / denominator` as a number with `decimals` decimals, rounded half up in exact bigint
 * arithmetic first, so huge counts lose nothing before the final (share-only) conversion. Null when
 * the denominator is zero (or, for corrupt data, negative): there is nothing to divide by.
 */
function shareOf(numerator: bigint, denominator: bigint | null, decimals: number): number | null {
  if (denominator === null || denominator <= 0n) return null;
  const scale = 10n ** BigInt(decimals);
  const scaled = divideRoundingHalfUp(numerator * scale, denominator);
  return Number(scaled) / 10 ** decimals;
}

/** Money per unit, in whole micro-rupiah rounded half up; null when there are no units. */
function costPer(spend: Micros, units: bigint | null, unitsPerPrice = 1n): Micros | null {
  if (units === null || units <= 0n) return null;
  return divideRoundingHalfUp(spend * unitsPerPrice, units);
}

/** Which counter of {@link MetricTotals} an objective's result was read from. */
export type ResultCounter = "reach" | "clicks" | "videoViews" | "videoStarts" | "conversions";

export interface ObjectiveResult {
  /** How many results; null when the counter is unknown (reach not supplied). */
  result: bigint | null;
  resultCounter: ResultCounter;
}

/**
 * What an objective counts as one result:
 * - reach: a person reached (`reach`);
 * - traffic: a click (`clicks`);
 * - video_views: a video view, meaning a view of at least 2 seconds (`videoViews`) when that
 *   counter is recorded for the whole set, else a video start (`videoStarts`). Starts rather than
 *   the 25% quartile because a quartile depends on the video's length, a start does not;
 * - conversions: a conversion (`conversions`).
 */
export function objectiveResult(totals: MetricTotals, objective: CampaignObjective): ObjectiveResult {
  switch (objective) {
    case "reach":
      return { result: totals.reach, resultCounter: "reach" };
    case "traffic":
      return { result: totals.clicks, resultCounter: "clicks" };
    case "video_views":
      return totals.videoViews === null
        ? { result: totals.videoStarts, resultCounter: "videoStarts" }
        : { result: totals.videoViews, resultCounter: "videoViews" };
    case "conversions":
      return { result: totals.conversions, resultCounter: "conversions" };
  }
}

export interface DerivedMetrics extends ObjectiveResult {
  /** impressions ÷ reach, 2 decimals. */
  frequency: number | null;
  /** clicks ÷ impressions, a fraction with 4 decimals. */
  ctr: number | null;
  /** spend ÷ clicks, micros rounded half up. */
  cpcMicros: Micros | null;
  /** spend × 1,000 ÷ impressions, micros rounded half up. */
  cpmMicros: Micros | null;
  /** videoCompletes ÷ videoStarts, a fraction with 4 decimals. */
  completionRate: number | null;
  /** conversions ÷ clicks, a fraction with 4 decimals. */
  conversionRate: number | null;
  /** spend ÷ result, micros rounded half up. */
  costPerResultMicros: Micros | null;
}

/**
 * The derived metrics of a set of rows, from its summed counters. Each is a ratio of sums; each is
 * null when its denominator is zero or unknown.
 *
 * - frequency = impressions ÷ reach (number, 2 decimals, half up)
 * - ctr = clicks ÷ impressions (fraction, 4 decimals, half up)
 * - cpcMicros = spendMicros ÷ clicks (bigint micros, half up)
 * - cpmMicros = spendMicros × 1000 ÷ impressions (bigint micros, half up)
 * - completionRate = videoCompletes ÷ videoStarts (fraction, 4 decimals, half up)
 * - conversionRate = conversions ÷ clicks (fraction, 4 decimals, half up)
 * - result = the objective's counter (see {@link objectiveResult})
 * - costPerResultMicros = spendMicros ÷ result (bigint micros, half up)
 */
export function deriveMetrics(totals: MetricTotals, objective: CampaignObjective): DerivedMetrics {
  const { result, resultCounter } = objectiveResult(totals, objective);
  return {
    frequency: shareOf(totals.impressions, totals.reach, FREQUENCY_DECIMALS),
    ctr: shareOf(totals.clicks, totals.impressions, RATE_DECIMALS),
    cpcMicros: costPer(totals.spendMicros, totals.clicks),
    cpmMicros: costPer(totals.spendMicros, totals.impressions, 1000n),
    completionRate: shareOf(totals.videoCompletes, totals.videoStarts, RATE_DECIMALS),
    conversionRate: shareOf(totals.conversions, totals.clicks, RATE_DECIMALS),
    result,
    resultCounter,
    costPerResultMicros: costPer(totals.spendMicros, result),
  };
}

/**
 * Taps that opened WhatsApp and what each cost, from the clicks and spend of the WhatsApp ads in a
 * set of rows (its other ads' clicks opened web pages and count elsewhere).
 */
export function whatsappMetrics(whatsapp: { clicks: bigint; spendMicros: Micros }): {
  whatsappClicks: bigint;
  costPerWhatsappClickMicros: Micros | null;
} {
  return {
    whatsappClicks: whatsapp.clicks,
    costPerWhatsappClickMicros: costPer(whatsapp.spendMicros, whatsapp.clicks),
  };
}

function roundHalfAwayFromZero(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * scale) / scale;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/**
 * Change of `current` against `previous` in percent, 2 decimals, rounded half up (ties away from
 * zero): 12.5 means +12.5%. Null when either side is missing or `previous` is 0 (no baseline).
 * Bigints (counts, money) are compared exactly: (current − previous) × 10,000 ÷ |previous| in
 * bigint, then ÷ 100 as a number, which is a share and no longer money. Numbers (rates, frequency)
 * give the relative change of the rate, not the difference in percentage points.
 */
export function percentChange(current: bigint | null, previous: bigint | null): number | null;
export function percentChange(current: number | null, previous: number | null): number | null;
export function percentChange(
  current: bigint | number | null,
  previous: bigint | number | null,
): number | null {
  if (current === null || previous === null) return null;
  if (typeof current === "bigint" && typeof previous === "bigint") {
    if (previous === 0n) return null;
    const baseline = previous < 0n ? -previous : previous;
    const hundredthsOfPercent = divideRoundingHalfUp((current - previous) * 10_000n, baseline);
    return Number(hundredthsOfPercent) / 100;
  }
  if (typeof current === "number" && typeof previous === "number") {
    if (previous === 0 || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
    return roundHalfAwayFromZero(((current - previous) / Math.abs(previous)) * 100, PERCENT_CHANGE_DECIMALS);
  }
  throw new TypeError("percentChange compares two bigints or two numbers, not one of each");
}

/** Every metric a report can show: the counters of {@link MetricTotals} and {@link DerivedMetrics}. */
export type MetricKey =
  | "impressions"
  | "reach"
  | "frequency"
  | "clicks"
  | "ctr"
  | "spendMicros"
  | "cpcMicros"
  | "cpmMicros"
  | "videoStarts"
  | "videoViews"
  | "videoQ25"
  | "videoQ50"
  | "videoQ75"
  | "videoCompletes"
  | "completionRate"
  | "conversions"
  | "conversionRate"
  | "result"
  | "costPerResultMicros"
  | "whatsappClicks"
  | "costPerWhatsappClickMicros"
  | "invalidEvents";

/**
 * How a value is carried, so the web formats it without guessing: `count` and `micros` are
 * bigint (micros shown as whole rupiah), `fraction` is a number shown as a percent, `decimal` is a
 * plain number.
 */
export type MetricValueKind = "count" | "micros" | "fraction" | "decimal";

export interface MetricDefinition {
  /** Stable: the field name in report JSON and CSV, and the key the web and API docs use. */
  key: MetricKey;
  valueKind: MetricValueKind;
  /** How it is computed, in terms of the counters; quoted by the API reference. */
  formula: string;
  /** Short column heading. */
  label: LocalizedLabel;
  /** One or two sentences for someone who is not a marketer. */
  tooltip: LocalizedLabel;
}

export const METRIC_DEFINITIONS: Readonly<Record<MetricKey, MetricDefinition>> = {
  impressions: {
    key: "impressions",
    valueKind: "count",
    formula: "count of accepted impression beacons",
    label: { id: "Tayangan", en: "Impressions" },
    tooltip: {
      id: "Berapa kali iklan Anda muncul di layar orang. Satu orang bisa melihatnya lebih dari sekali.",
      en: "How many times your ad appeared on someone's screen. One person can see it more than once.",
    },
  },
  reach: {
    key: "reach",
    valueKind: "count",
    formula: "count of distinct viewers who had at least one impression",
    label: { id: "Jangkauan", en: "Reach" },
    tooltip: {
      id: "Berapa banyak orang berbeda yang melihat iklan Anda, paling tidak sekali.",
      en: "How many different people saw your ad at least once.",
    },
  },
  frequency: {
    key: "frequency",
    valueKind: "decimal",
    formula: "impressions ÷ reach (2 decimals, rounded half up); empty when reach is 0 or unknown",
    label: { id: "Frekuensi", en: "Frequency" },
    tooltip: {
      id: "Rata-rata berapa kali setiap orang melihat iklan Anda.",
      en: "On average, how many times each person saw your ad.",
    },
  },
  clicks: {
    key: "clicks",
    valueKind: "count",
    formula: "count of accepted clicks",
    label: { id: "Klik", en: "Clicks" },
    tooltip: {
      id: "Berapa kali orang mengetuk atau mengklik iklan Anda untuk membuka tautannya.",
      en: "How many times people tapped or clicked your ad to open its link.",
    },
  },
  ctr: {
    key: "ctr",
    valueKind: "fraction",
    formula: "clicks ÷ impressions (fraction, 4 decimals, rounded half up); empty when impressions is 0",
    label: { id: "Rasio klik (CTR)", en: "Click-through rate (CTR)" },
    tooltip: {
      id: "Dari setiap 100 kali iklan dilihat orang, berapa kali iklan itu diklik. Makin tinggi, makin menarik iklan Anda.",
      en: "Out of every 100 times people saw your ad, how many times they clicked it. Higher means your ad draws more interest.",
    },
  },
  spendMicros: {
    key: "spendMicros",
    valueKind: "micros",
    formula: "sum of spend, in micro-rupiah",
    label: { id: "Biaya terpakai", en: "Amount spent" },
    tooltip: {
      id: "Uang dari saldo Anda yang terpakai untuk iklan ini pada periode yang dipilih.",
      en: "Money from your balance spent on this advertising in the chosen period.",
    },
  },
  cpcMicros: {
    key: "cpcMicros",
    valueKind: "micros",
    formula: "spendMicros ÷ clicks (micro-rupiah, rounded half up); empty when clicks is 0",
    label: { id: "Biaya per klik (CPC)", en: "Cost per click (CPC)" },
    tooltip: {
      id: "Rata-rata uang yang Anda bayar untuk setiap klik pada iklan.",
      en: "The average amount you paid for each click on your ad.",
    },
  },
  cpmMicros: {
    key: "cpmMicros",
    valueKind: "micros",
    formula: "spendMicros × 1000 ÷ impressions (micro-rupiah, rounded half up); empty when impressions is 0",
    label: { id: "Biaya per 1.000 tayangan (CPM)", en: "Cost per 1,000 impressions (CPM)" },
    tooltip: {
      id: "Rata-rata biaya agar iklan Anda muncul 1.000 kali di layar orang.",
      en: "The average cost of showing your ad 1,000 times.",
    },
  },
  videoStarts: {
    key: "videoStarts",
    valueKind: "count",
    formula: "count of video starts",
    label: { id: "Video diputar", en: "Video plays" },
    tooltip: {
      id: "Berapa kali video iklan Anda mulai diputar.",
      en: "How many times your video ad started playing.",
    },
  },
  videoViews: {
    key: "videoViews",
    valueKind: "count",
    formula: "count of views of at least 2 seconds; videoStarts when the 2-second counter is not recorded",
    label: { id: "Tayangan video", en: "Video views" },
    tooltip: {
      id: "Berapa kali video iklan Anda ditonton paling tidak 2 detik. Jika hitungan 2 detik belum ada, dipakai jumlah video mulai diputar.",
      en: "How many times your video ad was watched for at least 2 seconds. Where that is not counted, the number of plays is used.",
    },
  },
  videoQ25: {
    key: "videoQ25",
    valueKind: "count",
    formula: "count of plays that reached 25% of the video",
    label: { id: "Ditonton 25%", en: "Watched to 25%" },
    tooltip: {
      id: "Berapa kali video ditonton sampai seperempat panjangnya.",
      en: "How many times the video was watched to a quarter of its length.",
    },
  },
  videoQ50: {
    key: "videoQ50",
    valueKind: "count",
    formula: "count of plays that reached 50% of the video",
    label: { id: "Ditonton 50%", en: "Watched to 50%" },
    tooltip: {
      id: "Berapa kali video ditonton sampai separuh panjangnya.",
      en: "How many times the video was watched to half of its length.",
    },
  },
  videoQ75: {
    key: "videoQ75",
    valueKind: "count",
    formula: "count of plays that reached 75% of the video",
    label: { id: "Ditonton 75%", en: "Watched to 75%" },
    tooltip: {
      id: "Berapa kali video ditonton sampai tiga perempat panjangnya.",
      en: "How many times the video was watched to three quarters of its length.",
    },
  },
  videoCompletes: {
    key: "videoCompletes",
    valueKind: "count",
    formula: "count of plays that reached the end of the video",
    label: { id: "Ditonton sampai habis", en: "Watched to the end" },
    tooltip: {
      id: "Berapa kali video ditonton sampai selesai.",
      en: "How many times the video was watched all the way to the end.",
    },
  },
  completionRate: {
    key: "completionRate",
    valueKind: "fraction",
    formula:
      "videoCompletes ÷ videoStarts (fraction, 4 decimals, rounded half up); empty when videoStarts is 0",
    label: { id: "Rasio ditonton sampai habis", en: "Completion rate" },
    tooltip: {
      id: "Dari setiap 100 kali video mulai diputar, berapa kali ditonton sampai selesai.",
      en: "Out of every 100 times the video started playing, how many times it was watched to the end.",
    },
  },
  conversions: {
    key: "conversions",
    valueKind: "count",
    formula: "count of reported conversions",
    label: { id: "Konversi", en: "Conversions" },
    tooltip: {
      id: "Berapa kali orang melakukan hal yang Anda harapkan setelah melihat iklan, misalnya membeli atau mendaftar.",
      en: "How many times people did what you hoped for after seeing your ad, such as buying or signing up.",
    },
  },
  conversionRate: {
    key: "conversionRate",
    valueKind: "fraction",
    formula: "conversions ÷ clicks (fraction, 4 decimals, rounded half up); empty when clicks is 0",
    label: { id: "Rasio konversi", en: "Conversion rate" },
    tooltip: {
      id: "Dari setiap 100 klik, berapa yang berakhir dengan hal yang Anda harapkan, misalnya pembelian.",
      en: "Out of every 100 clicks, how many ended in what you hoped for, such as a purchase.",
    },
  },
  result: {
    key: "result",
    valueKind: "count",
    formula:
      "by objective: reach → reach; traffic → clicks; video_views → videoViews (2-second views), or videoStarts when the 2-second counter is not recorded; conversions → conversions",
    label: { id: "Hasil", en: "Results" },
    tooltip: {
      id: "Hal yang dicari kampanye Anda sesuai tujuannya: orang yang dijangkau, klik, tayangan video, atau konversi.",
      en: "What your campaign is aiming for, by its goal: people reached, clicks, video views or conversions.",
    },
  },
  costPerResultMicros: {
    key: "costPerResultMicros",
    valueKind: "micros",
    formula: "spendMicros ÷ result (micro-rupiah, rounded half up); empty when result is 0 or unknown",
    label: { id: "Biaya per hasil", en: "Cost per result" },
    tooltip: {
      id: "Rata-rata uang yang Anda bayar untuk mendapatkan satu hasil sesuai tujuan kampanye.",
      en: "The average amount you paid for one result of the kind your campaign aims for.",
    },
  },
  whatsappClicks: {
    key: "whatsappClicks",
    valueKind: "count",
    formula:
      "clicks of ads whose destination is WhatsApp: taps that opened the chat; what happens in the chat is not seen",
    label: { id: "Klik ke WhatsApp", en: "Taps to WhatsApp" },
    tooltip: {
      id: "Berapa kali orang mengetuk iklan WhatsApp Anda dan membuka chat dengan Anda. Isi chat tidak terlihat oleh Sorot, jadi ini bukan jumlah percakapan.",
      en: "How many times people tapped your WhatsApp ad and opened a chat with you. Sorot cannot see inside the chat, so this is not a count of conversations.",
    },
  },
  costPerWhatsappClickMicros: {
    key: "costPerWhatsappClickMicros",
    valueKind: "micros",
    formula:
      "spendMicros of ads whose destination is WhatsApp ÷ whatsappClicks (micro-rupiah, rounded half up); empty when whatsappClicks is 0",
    label: { id: "Biaya per klik ke WhatsApp", en: "Cost per tap to WhatsApp" },
    tooltip: {
      id: "Rata-rata uang yang Anda bayar setiap kali orang membuka chat WhatsApp dari iklan Anda.",
      en: "The average amount you paid each time someone opened a WhatsApp chat from your ad.",
    },
  },
  invalidEvents: {
    key: "invalidEvents",
    valueKind: "count",
    formula: "count of refused beacons (bad signature, replay or expired); in no other counter",
    label: { id: "Aktivitas tidak sah", en: "Invalid activity" },
    tooltip: {
      id: "Tayangan atau klik yang kami tolak karena tidak asli, misalnya terhitung dua kali atau dipalsukan. Anda tidak dikenai biaya untuk ini.",
      en: "Views or clicks we rejected as not genuine, for example counted twice or forged. You are not charged for them.",
    },
  },
};
