/**
 * Local calendar days and wall-clock times in a business's time zone (WIB, WITA, WIT), the one
 * home for turning instants into local dates and back. Every offset comes from Intl's zone data:
 * Indonesia keeps no DST today, but a hard-coded +7/+8/+9 table would be wrong for past instants
 * (WIB was +07:30 before 1964) and for any zone added later.
 *
 * A local date is written "YYYY-MM-DD". Date arithmetic works on day numbers (days since
 * 1970-01-01 in UTC, where every day is exactly 24 hours long), so no zone rule can shift a date.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalClock {
  /** `YYYY-MM-DD` of the local calendar day. */
  date: string;
  weekday: Weekday;
  /** 0..23 */
  hour: number;
  /** 0..1439: minutes since local midnight. */
  minuteOfDay: number;
}

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Building a DateTimeFormat costs far more than using one; the decision path asks per request. */
function clockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      // h23, not hour12: false, which some ICU versions render as "24" at midnight.
      hourCycle: "h23",
    });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of clockFormatter(timeZone).formatToParts(instant)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number.parseInt(part.value, 10);
  }
  return wall;
}

function wallDayNumber(wall: WallClock): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  return date.getTime() / MS_PER_DAY;
}

/** 1970-01-01 was a Thursday, index 3 of WEEKDAYS. */
function weekdayOfDayNumber(dayNumber: number): Weekday {
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7] as Weekday;
}

/** Days since 1970-01-01, or null when `value` is not a real calendar date in "YYYY-MM-DD" form. */
function tryDayNumber(value: string): number | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = wallDayNumber({ year, month, day, hour: 0, minute: 0, second: 0 });
  const date = new Date(dayNumber * MS_PER_DAY);
  // Rolled over (e.g. 2026-02-30 became 2026-03-02): not a real date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return dayNumber;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date; a RangeError for anything else ("2026-02-30"). */
export function localDateDayNumber(date: string): number {
  const days = tryDayNumber(date);
  if (days === null) throw new RangeError(`not a calendar date in YYYY-MM-DD form: ${date}`);
  return days;
}

/** The "YYYY-MM-DD" date of a day number. */
export function localDateOfDayNumber(dayNumber: number): string {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = date.getUTCFullYear();
  // Years outside 0000–9999 would need a sign or a fifth digit, which "YYYY-MM-DD" has no room for.
  if (!(year >= 0 && year <= 9999)) throw new RangeError("date outside the years 0000–9999");
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** True when `value` is a real calendar date written "YYYY-MM-DD" ("2026-02-30" is not). */
export function isLocalDate(value: string): boolean {
  return tryDayNumber(value) !== null;
}

/** The date `days` days after `date` (before, when negative): plain calendar arithmetic. */
export function addLocalDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return localDateOfDayNumber(localDateDayNumber(date) + days);
}

/** The weekday of a "YYYY-MM-DD" date. */
export function weekdayOfLocalDate(date: string): Weekday {
  return weekdayOfDayNumber(localDateDayNumber(date));
}

/** The calendar day `instant` falls on in `timeZone`, as a day number: exact day arithmetic. */
export function localDayNumber(instant: Date, timeZone: string): number {
  return wallDayNumber(wallClock(instant, timeZone));
}

/**
 * The last clock read per zone. A decision asks for the local time of every candidate's zone, and
 * formatToParts dominated its profile; Intl resolves whole seconds, so within one UTC second a
 * zone's wall clock cannot change and the cached reading is exact.
 */
const lastClocks = new Map<string, { second: number; clock: Readonly<LocalClock> }>();

/** Date, weekday, hour and minute of `instant` on the wall clock of `timeZone`: its hour of the week. */
export function localClock(instant: Date, timeZone: string): Readonly<LocalClock> {
  const second = Math.floor(instant.getTime() / MS_PER_SECOND);
  const last = lastClocks.get(timeZone);
  if (last?.second === second) return last.clock;
  const wall = wallClock(instant, timeZone);
  const dayNumber = wallDayNumber(wall);
  const clock = Object.freeze({
    date: localDateOfDayNumber(dayNumber),
    weekday: weekdayOfDayNumber(dayNumber),
    hour: wall.hour,
    minuteOfDay: wall.hour * 60 + wall.minute,
  });
  lastClocks.set(timeZone, { second, clock });
  return clock;
}

/** `YYYY-MM-DD` of the local day `instant` falls on in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return localClock(instant, timeZone).date;
}

/** Local wall time minus UTC at `epochMs`, in ms, to the second (Intl shows no milliseconds). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = wallClock(new Date(epochMs), timeZone);
  const wallMs =
    wallDayNumber(wall) * MS_PER_DAY + (wall.hour * 3600 + wall.minute * 60 + wall.second) * 1000;
  return wallMs - Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND;
}

/**
 * The instant the wall clock shows `wallMs` (local time as if it were UTC): the wall time minus
 * the offset in force there, re-read at the candidate until it settles, which takes one step in a
 * zone without DST.
 */
function instantOfWallTime(wallMs: number, timeZone: string, hintMs: number): number {
  let candidate = wallMs - offsetAt(hintMs, timeZone);
  for (let step = 0; step < 3; step++) {
    const next = wallMs - offsetAt(candidate, timeZone);
    if (next === candidate) break;
    candidate = next;
  }
  return candidate;
}

/**
 * The first instant of local day `dayNumber`. Where midnight does not exist (a DST jump at 00:00,
 * e.g. America/Havana) no wall-time fixed point is the day's start, so a binary search finds the
 * first instant whose local date is the day.
 */
function startOfLocalDayNumber(dayNumber: number, timeZone: string, hintMs: number): Date {
  const localMidnight = dayNumber * MS_PER_DAY;
  const candidate = instantOfWallTime(localMidnight, timeZone, hintMs);
  const isStart = (ms: number) =>
    localDayNumber(new Date(ms), timeZone) === dayNumber &&
    localDayNumber(new Date(ms - 1), timeZone) < dayNumber;
  if (isStart(candidate)) return new Date(candidate);

  // UTC offsets lie within -12h..+14h, so 36 hours either side brackets the day's start.
  let before = localMidnight - 36 * MS_PER_HOUR;
  let atOrAfter = localMidnight + 36 * MS_PER_HOUR;
  while (atOrAfter - before > 1) {
    const middle = before + Math.floor((atOrAfter - before) / 2);
    if (localDayNumber(new Date(middle), timeZone) >= dayNumber) atOrAfter = middle;
    else before = middle;
  }
  return new Date(atOrAfter);
}

/** The UTC instant at which the local day containing `instant` began in `timeZone`. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return startOfLocalDayNumber(localDayNumber(instant, timeZone), timeZone, instant.getTime());
}

/** The UTC instant at which the local day after the one containing `instant` begins: daily budgets reset then. */
export function startOfNextLocalDay(instant: Date, timeZone: string): Date {
  return startOfLocalDayNumber(localDayNumber(instant, timeZone) + 1, timeZone, instant.getTime());
}

/** The UTC instant of local midnight at the start of the "YYYY-MM-DD" `date` in `timeZone`. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const dayNumber = localDateDayNumber(date);
  return startOfLocalDayNumber(dayNumber, timeZone, dayNumber * MS_PER_DAY);
}

/**
 * The UTC instant at which the wall clock of `timeZone` shows `minuteOfDay` (0..1439) on `date`:
 * what an owner means by a time typed into a form. A wall time a DST jump skips resolves to the
 * instant with the offset in force just after it.
 */
export function localTimeToInstant(date: string, minuteOfDay: number, timeZone: string): Date {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= 24 * 60) {
    throw new RangeError(`not a minute of the day: ${minuteOfDay}`);
  }
  if (minuteOfDay === 0) return startOfLocalDate(date, timeZone);
  const wallMs = localDateDayNumber(date) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  return new Date(instantOfWallTime(wallMs, timeZone, wallMs));
}

/**
 * `2026-12-01T09:00:00+09:00`: `instant` written in the offset `timeZone` keeps there, to the
 * second. ISO offsets stop at minutes, so a local mean time of the past (+07:57:36) is rounded.
 */
export function isoInZone(instant: Date, timeZone: string): string {
  const seconds = Math.floor(instant.getTime() / MS_PER_SECOND) * MS_PER_SECOND;
  const offsetMinutes = Math.round(offsetAt(seconds, timeZone) / MS_PER_MINUTE);
  const wall = new Date(seconds + offsetMinutes * MS_PER_MINUTE).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const magnitude = Math.abs(offsetMinutes);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${wall}${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

const LOCAL_MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `value` is a calendar month written "YYYY-MM". */
export function isLocalMonth(value: string): boolean {
  return LOCAL_MONTH_PATTERN.test(value);
}

/** `YYYY-MM` of the local calendar month `instant` falls in, in `timeZone`. */
export function localMonth(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}

/** The month after a "YYYY-MM" month. */
export function nextLocalMonth(month: string): string {
  const match = LOCAL_MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a calendar month in YYYY-MM form: ${month}`);
  const index = Number(match[1]) * 12 + Number(match[2]);
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The instants a local month spans in `timeZone`: from its first local midnight to the next month's. */
export function localMonthRange(month: string, timeZone: string): { start: Date; end: Date } {
  if (!isLocalMonth(month)) throw new RangeError(`not a calendar month in YYYY-MM form: ${month}`);
  return {
    start: startOfLocalDate(`${month}-01`, timeZone),
    end: startOfLocalDate(`${nextLocalMonth(month)}-01`, timeZone),
  };
}
