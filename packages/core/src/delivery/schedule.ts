import { localClock, type Weekday } from "../time/local-time.js";

/**
 * Delivery schedules: start, end, closures and dayparting, all read on the business's wall clock
 * (time/local-time.ts turns instants into it).
 */

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
