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

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or null when `value` is not a real calendar date in "YYYY-MM-DD" form. */
function tryDayNumber(value: string): number | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Rolled over (e.g. 2026-02-30 became 2026-03-02): not a real date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.getTime() / MS_PER_DAY;
}

function dayNumber(value: string): number {
  const days = tryDayNumber(value);
  if (days === null) throw new RangeError(`not a calendar date in YYYY-MM-DD form: ${value}`);
  return days;
}

function dateOfDayNumber(days: number): string {
  const date = new Date(days * MS_PER_DAY);
  const year = date.getUTCFullYear();
  // Years outside 0000–9999 would need a sign or a fifth digit, which "YYYY-MM-DD" has no room for.
  if (!(year >= 0 && year <= 9999)) throw new RangeError("date outside the years 0000–9999");
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** True when `value` is a real calendar date written "YYYY-MM-DD". */
export function isLocalDate(value: string): boolean {
  return tryDayNumber(value) !== null;
}

/** The date `days` days after `date` (before, when negative). */
export function addLocalDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return dateOfDayNumber(dayNumber(date) + days);
}

function rangeDayNumbers(range: LocalDateRange): { first: number; last: number } {
  const first = dayNumber(range.from);
  const last = dayNumber(range.to);
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
  return { from: dateOfDayNumber(first - length), to: dateOfDayNumber(first - 1) };
}

/** Every date of the inclusive range, in order. */
export function datesInRange(range: LocalDateRange): string[] {
  const { first, last } = rangeDayNumbers(range);
  const dates: string[] = [];
  for (let days = first; days <= last; days++) dates.push(dateOfDayNumber(days));
  return dates;
}

/** The Monday that starts the ISO week holding `date` (ISO weeks run Monday to Sunday). */
export function weekStart(date: string): string {
  const days = dayNumber(date);
  // 1970-01-01 was a Thursday; getUTCDay numbers Sunday 0, so (weekday + 6) % 7 is days since Monday.
  const weekday = new Date(days * MS_PER_DAY).getUTCDay();
  return dateOfDayNumber(days - ((weekday + 6) % 7));
}

/** The first day of the month holding `date`. */
export function monthStart(date: string): string {
  dayNumber(date); // validates: slicing a malformed string would return a malformed date
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
  const todayNumber = dayNumber(today);
  const day = (offset: number) => dateOfDayNumber(todayNumber + offset);
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
