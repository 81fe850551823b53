import {
  localDateDayNumber,
  localDateOfDayNumber,
  WEEKDAYS,
  weekdayOfLocalDate,
} from "../time/local-time.js";

/**
 * Report periods are ranges of local calendar dates ("YYYY-MM-DD", in the business's time zone),
 * inclusive at both ends. The arithmetic below treats a date as a day number in UTC, where every
 * day is exactly 24 hours long, so no time zone or daylight-saving rule can shift a date.
 */

/** Inclusive range of local calendar dates, both "YYYY-MM-DD". */
export interface LocalDateRange {
  from: string;
  to: string;
}

function rangeDayNumbers(range: LocalDateRange): { first: number; last: number } {
  const first = localDateDayNumber(range.from);
  const last = localDateDayNumber(range.to);
  if (last < first) throw new RangeError(`range ends before it starts: ${range.from} to ${range.to}`);
  return { first, last };
}

/** How many dates the inclusive range holds (1 when `from` equals `to`). */
export function rangeDayCount(range: LocalDateRange): number {
  const { first, last } = rangeDayNumbers(range);
  return last - first + 1;
}

/**
 * The period to compare `range` with: the same number of days, ending the day before `from`.
 * 2026-12-01..2026-12-07 → 2026-11-24..2026-11-30.
 */
export function previousPeriod(range: LocalDateRange): LocalDateRange {
  const { first, last } = rangeDayNumbers(range);
  const length = last - first + 1;
  return { from: localDateOfDayNumber(first - length), to: localDateOfDayNumber(first - 1) };
}

/** Every date of the inclusive range, in order. */
export function datesInRange(range: LocalDateRange): string[] {
  const { first, last } = rangeDayNumbers(range);
  const dates: string[] = [];
  for (let days = first; days <= last; days++) dates.push(localDateOfDayNumber(days));
  return dates;
}

/** The Monday that starts the ISO week holding `date` (ISO weeks run Monday to Sunday). */
export function weekStart(date: string): string {
  return localDateOfDayNumber(localDateDayNumber(date) - WEEKDAYS.indexOf(weekdayOfLocalDate(date)));
}

/** The first day of the month holding `date`. */
export function monthStart(date: string): string {
  localDateDayNumber(date); // validates: slicing a malformed string would return a malformed date
  return `${date.slice(0, 8)}01`;
}

export const RANGE_PRESETS = ["today", "yesterday", "last_7_days", "last_30_days", "this_month"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/**
 * The range a preset names, seen from `today` (the business's local date).
 * - today, yesterday: that single day.
 * - last_7_days, last_30_days: the 7 or 30 complete days ending yesterday, as Meta and Google Ads
 *   count them. Leaving out the unfinished today keeps "change vs previous period" like for like:
 *   a half-day would read as a drop.
 * - this_month: the first of the month to today, today included (that is what "this month" means
 *   to an owner; its previous period is the same number of days before the 1st).
 */
export function rangePreset(preset: RangePreset, today: string): LocalDateRange {
  const todayNumber = localDateDayNumber(today);
  const day = (offset: number) => localDateOfDayNumber(todayNumber + offset);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: day(-1), to: day(-1) };
    case "last_7_days":
      return { from: day(-7), to: day(-1) };
    case "last_30_days":
      return { from: day(-30), to: day(-1) };
    case "this_month":
      return { from: monthStart(today), to: today };
  }
}
