import {
  addLocalDays,
  isLocalDate,
  isoInZone,
  localDate,
  localTimeToInstant,
  startOfLocalDate,
  type TimeZone,
  WEEKDAYS,
  type Weekday,
} from "@sorot/core";

/**
 * Schedules as an owner types them: wall-clock times in the business's zone (datetime-local and
 * date inputs carry no zone), turned into ISO-8601 with that zone's offset for the API, and back.
 * Offsets come from core's time module (Intl's zone data), as the API reads them.
 */

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A datetime-local value (`2026-12-01T08:00`) read as wall time in the business's zone:
 * `2026-12-01T08:00:00+07:00`. Null when the text is no real date and time (`2026-02-30T08:00`).
 */
export function localInputToIso(value: string, timeZone: TimeZone): string | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [, date = "", hour, minute, second = "00"] = match;
  if (!isLocalDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const instant = localTimeToInstant(date, Number(hour) * 60 + Number(minute), timeZone);
  return isoInZone(new Date(instant.getTime() + Number(second) * 1_000), timeZone);
}

/** An instant as the business's wall clock shows it, in the datetime-local format: `2026-12-01T08:00`. */
export function isoToLocalInput(iso: string, timeZone: TimeZone): string {
  return isoInZone(new Date(iso), timeZone).slice(0, 16);
}

/** The current minute on the business's wall clock, for a start that defaults to now. */
export function nowLocalInput(timeZone: TimeZone, now = new Date()): string {
  return isoToLocalInput(now.toISOString(), timeZone);
}

const DAY_MS = 86_400_000;

/** A datetime-local as wall-clock milliseconds (no zone: Indonesia keeps no daylight saving). */
function wallClockMs(value: string): number | null {
  const [, date, hour, minute] = LOCAL_INPUT.exec(value.trim()) ?? [];
  const ms = date ? Date.parse(`${date}T${hour}:${minute}:00Z`) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** The end `days` days after a start, both datetime-local: what a duration chip sets. */
export function endAfterDays(start: string, days: number): string {
  const from = wallClockMs(start);
  return from === null ? "" : new Date(from + days * DAY_MS).toISOString().slice(0, 16);
}

/** The whole number of days from start to end, or null when they are not that (or either is missing). */
export function durationDays(start: string, end: string): number | null {
  const from = wallClockMs(start);
  const to = wallClockMs(end);
  if (from === null || to === null || to <= from || (to - from) % DAY_MS !== 0) return null;
  return (to - from) / DAY_MS;
}

/** Local midnight at the start of a calendar date, as ISO with the zone's offset; null for no real date. */
export function startOfLocalDateIso(date: string, timeZone: TimeZone): string | null {
  return isLocalDate(date) ? isoInZone(startOfLocalDate(date, timeZone), timeZone) : null;
}

export interface ClosureDays {
  /** First closed day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last closed day, inclusive: owners think "closed 30 March to 1 April". */
  to: string;
  reason: string;
}

/**
 * Closed days, inclusive at both ends, as the API's closure: from local midnight of the first day
 * to local midnight after the last (the API's `to` is exclusive). Null when a date is missing.
 */
export function closureToApi(
  closure: ClosureDays,
  timeZone: TimeZone,
): { from: string; to: string; reason: string } | null {
  const from = startOfLocalDateIso(closure.from, timeZone);
  const to =
    closure.to && isLocalDate(closure.to) ? startOfLocalDateIso(addLocalDays(closure.to, 1), timeZone) : null;
  if (!from || !to) return null;
  return { from, to, reason: closure.reason.trim() };
}

/** The API's closure back as inclusive local days (the last day is the one before `to`). */
export function closureFromApi(
  closure: { from: string; to: string; reason: string },
  timeZone: TimeZone,
): ClosureDays {
  const from = localDate(new Date(closure.from), timeZone);
  // `to` is exclusive: a closure ending at midnight ends with the day before; one ending mid-day includes that day.
  const endsAtMidnight = isoToLocalInput(closure.to, timeZone).endsWith("T00:00");
  const lastDay = localDate(new Date(closure.to), timeZone);
  return { from, to: endsAtMidnight ? addLocalDays(lastDay, -1) : lastDay, reason: closure.reason };
}

/**
 * Hours (0-23, local) per weekday when ads may run. Null: all day, every day. A day left out, or
 * with no hours, runs not at all (as the API reads it).
 */
export type Dayparting = Partial<Record<Weekday, number[]>> | null;

export const ALL_HOURS: readonly number[] = Array.from({ length: 24 }, (_, hour) => hour);

/** "Business hours" as most warung and shops keep them: 08.00 to 21.00 (the last hour starts at 20.00). */
export const BUSINESS_HOURS = { from: 8, to: 21 } as const;

export function businessHoursDayparting(): Record<Weekday, number[]> {
  const hours = ALL_HOURS.filter((hour) => hour >= BUSINESS_HOURS.from && hour < BUSINESS_HOURS.to);
  return Object.fromEntries(WEEKDAYS.map((day) => [day, [...hours]])) as Record<Weekday, number[]>;
}

export type DaypartingPreset = "all_day" | "business_hours" | "custom";

function sameHours(a: readonly number[] | undefined, b: readonly number[]): boolean {
  const left = [...new Set(a ?? [])].sort((x, y) => x - y);
  return left.length === b.length && left.every((hour, index) => hour === b[index]);
}

/** Which preset a dayparting equals, so the choice shown matches what will be sent. */
export function daypartingPreset(dayparting: Dayparting): DaypartingPreset {
  if (dayparting === null || WEEKDAYS.every((day) => sameHours(dayparting[day], ALL_HOURS))) return "all_day";
  const business = businessHoursDayparting();
  if (WEEKDAYS.every((day) => sameHours(dayparting[day], business[day]))) return "business_hours";
  return "custom";
}

export function isHourOn(dayparting: Dayparting, day: Weekday, hour: number): boolean {
  return dayparting === null || (dayparting[day]?.includes(hour) ?? false);
}

/** Every day listed with its hours sorted; all hours everywhere is `null` (the API's "all day"). */
export function normalizeDayparting(dayparting: Dayparting): Dayparting {
  if (dayparting === null) return null;
  const full = Object.fromEntries(
    WEEKDAYS.map((day) => [day, [...new Set(dayparting[day] ?? [])].sort((a, b) => a - b)]),
  ) as Record<Weekday, number[]>;
  return WEEKDAYS.every((day) => full[day].length === 24) ? null : full;
}

/** Turns one hour of one day on or off. From "all day", that means every hour but this one. */
export function toggleHour(dayparting: Dayparting, day: Weekday, hour: number): Dayparting {
  const base: Partial<Record<Weekday, number[]>> =
    dayparting ?? Object.fromEntries(WEEKDAYS.map((each) => [each, [...ALL_HOURS]]));
  const hours = base[day] ?? [];
  const next = hours.includes(hour) ? hours.filter((each) => each !== hour) : [...hours, hour];
  return normalizeDayparting({ ...base, [day]: next });
}

/** Turns one whole day on (every hour) or off. */
export function setDay(dayparting: Dayparting, day: Weekday, on: boolean): Dayparting {
  const base: Partial<Record<Weekday, number[]>> =
    dayparting ?? Object.fromEntries(WEEKDAYS.map((each) => [each, [...ALL_HOURS]]));
  return normalizeDayparting({ ...base, [day]: on ? [...ALL_HOURS] : [] });
}

/** Hours in a week when ads may run: 168 for all day. */
export function weeklyHours(dayparting: Dayparting): number {
  if (dayparting === null) return 7 * 24;
  return WEEKDAYS.reduce((sum, day) => sum + new Set(dayparting[day] ?? []).size, 0);
}

/**
 * Each day's hours as ranges for a summary: `[8, 9, 10, 14]` -> `[[8, 11], [14, 15]]`, end
 * exclusive, so a day reads "08.00–11.00, 14.00–15.00".
 */
export function hourRanges(hours: readonly number[]): [number, number][] {
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const hour of sorted) {
    const last = ranges.at(-1);
    if (last && last[1] === hour) last[1] = hour + 1;
    else ranges.push([hour, hour + 1]);
  }
  return ranges;
}

/** `8` -> `08.00`: Indonesian clock notation, which English pages here keep too for consistency. */
export function clockLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}.00`;
}
