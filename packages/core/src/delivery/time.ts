import { localDayNumber } from "../campaigns/budget.js";

/**
 * Local time for delivery decisions. Schedules, dayparts and daily budgets are all counted in the
 * business's time zone, and every offset here comes from Intl's zone data: Indonesia keeps no DST
 * today, but a hard-coded +7/+8/+9 table would be wrong for past instants (WIB was +07:30 before
 * 1964) and for any zone added later.
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
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

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

/** Days since 1970-01-01 of the wall clock's calendar date. */
function wallDayNumber(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day) / MS_PER_DAY;
}

/** 1970-01-01 was a Thursday, index 3 of WEEKDAYS. */
function weekdayOfDayNumber(dayNumber: number): Weekday {
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7] as Weekday;
}

function isoDateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The last clock read per zone. A decision asks for the local time of every candidate's zone, and
 * formatToParts dominated its profile; Intl resolves whole seconds, so within one UTC second a
 * zone's wall clock cannot change and the cached reading is exact.
 */
const lastClocks = new Map<string, { second: number; clock: Readonly<LocalClock> }>();

export function localClock(instant: Date, timeZone: string): Readonly<LocalClock> {
  const second = Math.floor(instant.getTime() / MS_PER_SECOND);
  const last = lastClocks.get(timeZone);
  if (last?.second === second) return last.clock;
  const wall = wallClock(instant, timeZone);
  const dayNumber = wallDayNumber(wall);
  const clock = Object.freeze({
    date: isoDateOfDayNumber(dayNumber),
    weekday: weekdayOfDayNumber(dayNumber),
    hour: wall.hour,
    minuteOfDay: wall.hour * 60 + wall.minute,
  });
  lastClocks.set(timeZone, { second, clock });
  return clock;
}

/** Local wall time minus UTC at `epochMs`, in ms, to the second (Intl shows no milliseconds). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = wallClock(new Date(epochMs), timeZone);
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallMs - Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND;
}

/**
 * The first instant of local day `dayNumber`. Local midnight minus the offset in force there; the
 * offset is re-read at the candidate until it settles, which takes one step in a zone without DST.
 * Where midnight does not exist (a DST jump at 00:00, e.g. America/Havana) no fixed point is the
 * day's start, so a binary search finds the first instant whose local date is the day.
 */
function startOfLocalDayNumber(dayNumber: number, timeZone: string, hintMs: number): Date {
  const localMidnight = dayNumber * MS_PER_DAY;
  let candidate = localMidnight - offsetAt(hintMs, timeZone);
  for (let step = 0; step < 3; step++) {
    const next = localMidnight - offsetAt(candidate, timeZone);
    if (next === candidate) break;
    candidate = next;
  }
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

/** Local hours (0..23) per weekday in which delivery may happen. */
export type Dayparting = Partial<Record<Weekday, readonly number[]>>;

/** ISO-8601 strings as stored and sent in JSON, or Dates as the worker may already hold them. */
export type InstantInput = Date | string;

export interface DeliverySchedule {
  /** Inclusive. Null or omitted: no start restriction (the campaign's status says whether it runs). */
  startAt?: InstantInput | null;
  /** Exclusive. Null or omitted: runs until stopped. */
  endAt?: InstantInput | null;
  /** Null or omitted: every hour of every day. An object: only the listed hours of the listed days. */
  dayparting?: Dayparting | null;
  /** Each closure stops delivery for [from, to): a holiday, a stock-out, Lebaran. */
  closures?: readonly { from: InstantInput; to: InstantInput }[];
}

/** Why a schedule keeps a campaign from delivering at an instant. */
export type ScheduleBlock = "not_started" | "ended" | "closed" | "outside_daypart" | "invalid_schedule";

function epochMs(value: InstantInput): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/**
 * Null when the schedule lets the campaign deliver at `instant`, otherwise the first reason it does
 * not. An unparseable date fails closed ("invalid_schedule"): contracts validate them, and if one
 * slipped through, not spending is the mistake an advertiser forgives.
 */
export function scheduleBlock(
  schedule: DeliverySchedule,
  instant: Date,
  timeZone: string,
): ScheduleBlock | null {
  const now = instant.getTime();
  if (schedule.startAt != null) {
    const start = epochMs(schedule.startAt);
    if (Number.isNaN(start)) return "invalid_schedule";
    if (now < start) return "not_started";
  }
  if (schedule.endAt != null) {
    const end = epochMs(schedule.endAt);
    if (Number.isNaN(end)) return "invalid_schedule";
    if (now >= end) return "ended";
  }
  for (const closure of schedule.closures ?? []) {
    const from = epochMs(closure.from);
    const to = epochMs(closure.to);
    if (Number.isNaN(from) || Number.isNaN(to)) return "invalid_schedule";
    if (from <= now && now < to) return "closed";
  }
  if (schedule.dayparting != null) {
    const clock = localClock(instant, timeZone);
    const hours = schedule.dayparting[clock.weekday];
    if (!hours?.includes(clock.hour)) return "outside_daypart";
  }
  return null;
}

export function isWithinSchedule(schedule: DeliverySchedule, instant: Date, timeZone: string): boolean {
  return scheduleBlock(schedule, instant, timeZone) === null;
}

/**
 * The local hours of `weekday` in which the dayparting allows delivery, sorted; all 24 without
 * dayparting. Pacing spreads a day's budget over these hours only.
 */
export function deliverableHours(dayparting: Dayparting | null | undefined, weekday: Weekday): number[] {
  if (dayparting == null) return Array.from({ length: 24 }, (_, hour) => hour);
  const hours = dayparting[weekday] ?? [];
  return [...new Set(hours)]
    .filter((hour) => Number.isInteger(hour) && hour >= 0 && hour < 24)
    .sort((a, b) => a - b);
}
