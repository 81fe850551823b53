import type { ReportRow } from "@sorot/contracts";
import { formatRupiah, METRIC_DEFINITIONS, type MetricKey, percentChange } from "@sorot/core";
import type { Locale } from "../../../i18n/locale";

/** The metrics a report row carries, in the order tables show them. */
export type RowMetric = Exclude<MetricKey, "result"> | "result";

const INTL_LOCALES = { id: "id-ID", en: "en-GB" } as const satisfies Record<Locale, string>;

/** What the screen shows for a value that does not exist (a ratio with nothing to divide by). */
export const NO_VALUE = "-";

/** A metric's value as the row carries it: a string of digits (counts, money), a number (rates) or null. */
export function metricValue(row: ReportRow, metric: RowMetric): string | number | null {
  return row[metric];
}

/** `12.345`, `Rp 1.500.000`, `1,23%` or `1,85`; "-" when there is no value. */
export function formatMetric(metric: RowMetric, value: string | number | null, locale: Locale): string {
  if (value === null) return NO_VALUE;
  const kind = METRIC_DEFINITIONS[metric].valueKind;
  const intl = INTL_LOCALES[locale];
  if (kind === "micros") return formatRupiah(BigInt(value));
  if (kind === "count") return new Intl.NumberFormat(intl).format(BigInt(value));
  if (kind === "fraction") {
    return new Intl.NumberFormat(intl, {
      style: "percent",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(Number(value));
  }
  return new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    Number(value),
  );
}

/** For these a fall is good news: paying less for the same thing. */
const LOWER_IS_BETTER = new Set<RowMetric>([
  "cpcMicros",
  "cpmMicros",
  "costPerResultMicros",
  "invalidEvents",
]);

export interface Change {
  /** Percent, 2 decimals: 12.5 means +12.5%. */
  percent: number;
  direction: "up" | "down" | "same";
  /** Whether the change is good news for the owner; null when it is neither (no change, frequency). */
  good: boolean | null;
}

/** The change of a metric against the previous period, from core's percentChange; null without a baseline. */
export function changeOf(
  metric: RowMetric,
  current: ReportRow,
  previous: ReportRow | undefined,
): Change | null {
  if (!previous) return null;
  const now = current[metric];
  const before = previous[metric];
  if (now === null || before === null) return null;
  const percent =
    typeof now === "number" || typeof before === "number"
      ? percentChange(Number(now), Number(before))
      : percentChange(BigInt(now), BigInt(before));
  if (percent === null) return null;
  const direction = percent > 0 ? "up" : percent < 0 ? "down" : "same";
  if (direction === "same" || metric === "frequency") return { percent, direction, good: null };
  return { percent, direction, good: (direction === "up") !== LOWER_IS_BETTER.has(metric) };
}

export function formatPercent(percent: number, locale: Locale): string {
  return `${new Intl.NumberFormat(INTL_LOCALES[locale], { maximumFractionDigits: 2 }).format(Math.abs(percent))}%`;
}

/**
 * Compares two rows by a metric, nulls last whatever the direction, so "-" never heads a sorted
 * table. Counts and money compare as bigints: no float ever holds them.
 */
export function compareRows(metric: RowMetric | "label", direction: "asc" | "desc") {
  const sign = direction === "asc" ? 1 : -1;
  return (a: ReportRow, b: ReportRow): number => {
    if (metric === "label") return sign * a.label.localeCompare(b.label);
    const x = a[metric];
    const y = b[metric];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === "number" || typeof y === "number") return sign * (Number(x) - Number(y));
    const bx = BigInt(x);
    const by = BigInt(y);
    return bx === by ? 0 : sign * (bx < by ? -1 : 1);
  };
}

/** `value / max` as a share of a bar's length, 0..1, exact for bigints as far as a bar needs. */
export function barShare(value: string | number | null, max: string | number | null): number {
  if (value === null || max === null) return 0;
  const v = typeof value === "number" ? value : Number(BigInt(value));
  const m = typeof max === "number" ? max : Number(BigInt(max));
  return m > 0 ? Math.max(0, Math.min(1, v / m)) : 0;
}

/** A row with WhatsApp ads that were tapped; until one exists the two WhatsApp columns stay hidden. */
export function hasWhatsappTaps(row: ReportRow): boolean {
  return row.whatsappClicks !== null && row.whatsappClicks !== "0";
}
