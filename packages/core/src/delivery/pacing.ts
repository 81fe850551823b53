import type { Micros } from "../money.js";
import { localClock } from "../time/local-time.js";

/**
 * Budget pacing after Revive Adserver (STYLE.md): each interval may spend
 *   remaining budget × forecast(rest of this interval) / forecast(rest of the day),
 * corrected by how far the interval has under- or over-delivered so far. Unlike Revive, budgets here
 * are hard caps enforced by the Redis reservation; pacing only decides how eagerly to take part in
 * auctions, so nothing in this file can make spend exceed a budget.
 */

export type PacingMode = "standard" | "accelerated";

/** 24 shares of a day's ad requests, one per local hour (index 0 = 00:00-00:59), summing to 1. */
export type TrafficCurve = readonly number[];

/**
 * Relative traffic per local hour of an Indonesian mobile feed: a trough at 03:00, a small lift
 * around sahur and Subuh (04:00-05:00), a climb through the morning commute, a lunch peak at 12:00,
 * a flat afternoon, and the day's peak after Isya (20:00-22:00) when people scroll at home. Shaped
 * on the published daily rhythm of Indonesian social-app use (evening-heavy, late-night tail); a
 * starting point that learnTrafficCurve replaces with a placement's own counts as they accrue.
 */
const INDONESIAN_MOBILE_HOURLY_WEIGHTS = [
  3.2, 1.9, 1.2, 0.9, 1.2, 2.0, 2.8, 3.5, 3.9, 4.1, 4.3, 4.6, 5.1, 4.9, 4.4, 4.3, 4.5, 4.8, 5.0, 5.9, 6.7,
  7.0, 6.0, 4.6,
];

function normalised(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

export const DEFAULT_TRAFFIC_CURVE: TrafficCurve = Object.freeze(
  normalised(INDONESIAN_MOBILE_HOURLY_WEIGHTS),
);

/**
 * Strength of the default curve when learning, in imagined requests: observed counts are blended as
 * (count_h + PRIOR × default_h) / (total + PRIOR). Below a few thousand requests a week the hourly
 * counts are mostly noise (an hour with 20 requests is ±22% by chance alone), so the default
 * dominates; at 48,000 (about 7 days of a small placement) the data carries 90% of the weight.
 */
export const TRAFFIC_CURVE_PRIOR_REQUESTS = 4_800;

const HOURS_PER_DAY = 24;
const DAYS_LEARNED = 7;

/**
 * A traffic curve from observed requests per local hour: up to the last 7 days (oldest first; more
 * are ignored), each 24 counts. Thin data leans on DEFAULT_TRAFFIC_CURVE, so every hour keeps a
 * positive share and an hour that happened to be quiet last week is not starved today.
 */
export function learnTrafficCurve(hourlyCounts: readonly (readonly number[])[]): TrafficCurve {
  const days = hourlyCounts.slice(-DAYS_LEARNED);
  const totals = new Array<number>(HOURS_PER_DAY).fill(0);
  for (const day of days) {
    if (day.length !== HOURS_PER_DAY)
      throw new RangeError(`a day of traffic has 24 hourly counts, not ${day.length}`);
    day.forEach((requests, hour) => {
      if (!Number.isFinite(requests) || requests < 0)
        throw new RangeError(`not a request count: ${requests}`);
      totals[hour] = (totals[hour] ?? 0) + requests;
    });
  }
  const observed = totals.reduce((sum, requests) => sum + requests, 0);
  const blended = totals.map(
    (requests, hour) =>
      (requests + TRAFFIC_CURVE_PRIOR_REQUESTS * (DEFAULT_TRAFFIC_CURVE[hour] ?? 0)) /
      (observed + TRAFFIC_CURVE_PRIOR_REQUESTS),
  );
  return Object.freeze(normalised(blended));
}

/**
 * The curve restricted to the hours a campaign may deliver (delivery/schedule.ts deliverableHours), so a campaign
 * dayparted to 09:00-17:00 spreads its budget over those hours instead of saving most of it for an
 * evening it never sees. Not renormalised: pacing only uses ratios of the curve.
 */
export function maskTrafficCurve(curve: TrafficCurve, hours: readonly number[]): TrafficCurve {
  const open = new Set(hours);
  return curve.map((share, hour) => (open.has(hour) ? share : 0));
}

/**
 * Shares are computed in floating point, then applied to money as an integer count of 2^-52ths: a
 * double's own precision, so the share loses nothing more on its way to the integer.
 */
const SHARE_BITS = 2 ** 52;
const SHARE_BITS_BIG = 2n ** 52n;

/** floor(amount × share) for a share in [0, 1]; a share of exactly 1 returns the amount itself. */
function applyShare(amount: Micros, share: number): Micros {
  if (!(share > 0)) return 0n;
  if (share >= 1) return amount;
  return (amount * BigInt(Math.floor(share * SHARE_BITS))) / SHARE_BITS_BIG;
}

/** Probabilities are returned to a billionth. */
const RATE_SCALE = 1_000_000_000;
const RATE_SCALE_BIG = 1_000_000_000n;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

export interface PacingAllowanceInput {
  dailyBudgetMicros: Micros;
  spentTodayMicros: Micros;
  now: Date;
  /** The business's zone: its local hours index the curve. */
  timeZone: string;
  curve: TrafficCurve;
}

/**
 * How much of today's remaining budget standard pacing may spend from `now` to the end of the
 * current local hour:
 *   remaining × share(rest of this hour) / share(rest of the day),
 * where the current hour's share is prorated by the part of it still to come. Rounded down, so the
 * allowance never exceeds the remaining budget; in the last hour with traffic it is the whole
 * remainder, so the day's budget is offered in full. Spend above or below plan in earlier hours
 * changes `remaining`, which spreads the surplus or shortfall over the rest of the day.
 *
 * When the curve gives the rest of the day no traffic at all (a learned curve never does; a masked
 * one does after the last dayparted hour), nothing remains to spread over, and the whole remainder
 * is allowed: the schedule check, not pacing, is what stops delivery outside dayparts.
 */
export function pacingAllowance(input: PacingAllowanceInput): Micros {
  const remaining = input.dailyBudgetMicros - input.spentTodayMicros;
  if (remaining <= 0n) return 0n;
  const clock = localClock(input.now, input.timeZone);
  const msIntoHour = msIntoLocalHour(input.now, clock.minuteOfDay);
  const restOfThisHour = (input.curve[clock.hour] ?? 0) * (1 - msIntoHour / MS_PER_HOUR);
  let restOfDay = restOfThisHour;
  for (let hour = clock.hour + 1; hour < HOURS_PER_DAY; hour++) restOfDay += input.curve[hour] ?? 0;
  if (!(restOfDay > 0)) return remaining;
  return applyShare(remaining, restOfThisHour / restOfDay);
}

function msIntoLocalHour(now: Date, minuteOfDay: number): number {
  // Offsets are whole minutes in every zone, so the seconds within the local minute are UTC's.
  const msIntoMinute = ((now.getTime() % MS_PER_MINUTE) + MS_PER_MINUTE) % MS_PER_MINUTE;
  return (minuteOfDay % 60) * MS_PER_MINUTE + msIntoMinute;
}

export interface PacingCeilingInput extends PacingAllowanceInput {
  /** How far ahead the ceiling holds: until pacing looks again (a minute; a first decision's own minute). */
  windowMs: number;
}

/**
 * The most a standard campaign's day counter may reach within the next `windowMs`: what it has
 * used plus that window's share of pacingAllowance (the window over what is left of the local
 * hour; all of it when the hour ends sooner). The reservation script enforces it, so no burst of
 * traffic, a forecast that has not seen any yet, or a participation rate not yet computed (a
 * campaign's first minute) can spend more than the window's share of the hour's target: before,
 * a new campaign entered every auction until the first pacing run and spent half a day's budget
 * in its first minute. Never above the daily budget.
 */
export function pacingCeiling(input: PacingCeilingInput): Micros {
  const allowance = pacingAllowance(input);
  const msLeftInHour =
    MS_PER_HOUR - msIntoLocalHour(input.now, localClock(input.now, input.timeZone).minuteOfDay);
  return input.spentTodayMicros + applyShare(allowance, Math.max(0, input.windowMs) / msLeftInHour);
}

export interface StandardParticipationInput {
  pacing?: "standard";
  /** What the interval should spend (e.g. pacingAllowance at its start). */
  targetSpendThisIntervalMicros: Micros;
  /** What the interval has spent so far. */
  spentThisIntervalMicros: Micros;
  /** Requests the campaign is eligible for (targeting, schedule) expected in the REST of the interval. */
  expectedEligibleRequests: number;
  /**
   * Expected spend when the campaign takes part in one request: the cost of an impression (or, for
   * CPC, bid × predicted CTR) times the chance of winning the auction. Campaigns alone in their
   * audience win every auction they enter.
   */
  costPerRequestMicros: Micros;
}

export interface AcceleratedParticipationInput {
  pacing: "accelerated";
  /** Today's budget left (daily budget less spend and open reservations). */
  remainingBudgetMicros: Micros;
}

/** Expected request counts are forecasts, so they may be fractional; thousandths are precision enough. */
const REQUEST_SCALE = 1_000;
const REQUEST_SCALE_BIG = 1_000n;

/**
 * The probability (a share in [0, 1], not money) with which the campaign enters the auction for an
 * eligible request. Standard: the spend still needed this interval over the spend its expected
 * requests would bring at full participation,
 *   (target - spent) / (expected requests × cost per request),
 * clamped to [0, 1]. Recomputed every few minutes, this is the under/over-delivery correction: an
 * interval that fell behind asks for more of each remaining request, one that ran ahead stops.
 * Accelerated: 1 while any budget remains; the reservation stops it at the cap.
 */
export function participationRate(input: StandardParticipationInput | AcceleratedParticipationInput): number {
  if (input.pacing === "accelerated") return input.remainingBudgetMicros > 0n ? 1 : 0;
  const stillNeeded = input.targetSpendThisIntervalMicros - input.spentThisIntervalMicros;
  if (stillNeeded <= 0n) return 0;
  const requestsScaled = BigInt(Math.ceil(Math.max(0, input.expectedEligibleRequests) * REQUEST_SCALE));
  const fullParticipationScaled = requestsScaled * input.costPerRequestMicros;
  // No traffic expected, or free requests: take whatever comes, the reservation still caps spend.
  if (fullParticipationScaled <= 0n) return 1;
  const neededScaled = stillNeeded * REQUEST_SCALE_BIG;
  if (neededScaled >= fullParticipationScaled) return 1;
  // A ratio of two amounts is a dimensionless share; only it, never an amount, becomes a number.
  const rateInBillionths = (neededScaled * RATE_SCALE_BIG) / fullParticipationScaled;
  return Number(rateInBillionths) / RATE_SCALE;
}

/** The least win rate pacing assumes, so one unlucky interval cannot make a campaign bid on everything. */
export const MIN_WIN_RATE = 0.05;

export interface WinRateObservation {
  /** What the campaign spent since the last pacing run. */
  spentMicros: Micros;
  /** What it would have spent had it won every request it took part in: rate × eligible × cost. */
  plannedMicros: Micros;
  /** One request's expected cost; intervals planned at under 5 of them are too small to learn from. */
  costPerRequestMicros: Micros;
}

/**
 * The share of the auctions a campaign enters that it wins, learnt from the last interval and
 * smoothed (half old, half new). A campaign loses the auctions a higher-ranked one also enters, so
 * participation computed as if it won them all leaves it behind plan all day, and the last hour
 * cannot catch up when every campaign catches up at once. Pacing divides its participation by this.
 * Starts at 1; stays in [MIN_WIN_RATE, 1].
 */
export function nextWinRate(previous: number | undefined, observation: WinRateObservation): number {
  const before = previous === undefined || !Number.isFinite(previous) ? 1 : previous;
  if (observation.plannedMicros < observation.costPerRequestMicros * 5n || observation.spentMicros < 0n)
    return before;
  const observedInBillionths = (observation.spentMicros * RATE_SCALE_BIG) / observation.plannedMicros;
  const observed = Math.min(1, Number(observedInBillionths) / RATE_SCALE);
  return Math.min(1, Math.max(MIN_WIN_RATE, (before + observed) / 2));
}

export interface LifetimeSplitInput {
  /** Lifetime budget less everything spent before today. */
  lifetimeRemainingMicros: Micros;
  /** Scheduled local days left, today included (campaigns/budget.ts scheduledDayCount counts them). */
  remainingScheduledDays: number;
}

/**
 * Today's share of a lifetime budget: an even split of what is left over the days left, rounded down
 * to a whole micro; on the last day the split is the whole remainder, so no micro is stranded.
 * Recomputed each local day from what is then left, so a day that underspends raises the days after
 * it, and with full spend the days differ by at most one micro, the later ones taking the extra.
 */
export function dailyBudgetForLifetime(input: LifetimeSplitInput): Micros {
  if (input.lifetimeRemainingMicros <= 0n || input.remainingScheduledDays < 1) return 0n;
  if (!Number.isInteger(input.remainingScheduledDays)) {
    throw new RangeError(`a count of days is whole, not ${input.remainingScheduledDays}`);
  }
  return input.lifetimeRemainingMicros / BigInt(input.remainingScheduledDays);
}
