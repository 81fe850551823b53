import { MAX_MICROS, type Micros, maxMicros, rupiah } from "../money.js";
import { localDayNumber } from "../time/local-time.js";
import { type FieldProblem, fieldProblem } from "./problems.js";

export const BUDGET_TYPES = ["daily", "lifetime"] as const;
export type BudgetType = (typeof BUDGET_TYPES)[number];

export interface CampaignBudget {
  type: BudgetType;
  /** Daily: the most spent on any one local day. Lifetime: the most spent over the whole schedule. */
  amountMicros: Micros;
}

export interface BudgetSchedule {
  /** Omitted, null or past: the campaign runs from now (from approval). */
  startAt?: Date | null;
  /** Exclusive; null means the campaign runs until stopped. */
  endAt?: Date | null;
}

/** Below Rp 20.000 a day delivery is too thin to learn anything from. */
export const MIN_DAILY_BUDGET_MICROS: Micros = rupiah(20_000n);

/** Start of delivery: the scheduled start, or now when it is omitted or already past. */
function effectiveStart(schedule: BudgetSchedule, now: Date): Date {
  const startAt = schedule.startAt;
  return startAt && startAt.getTime() > now.getTime() ? startAt : now;
}

/**
 * Local calendar days the campaign can deliver on between its effective start and its end: a day
 * counts if any moment of [start, end) falls in it, so partial first and last days count in full
 * (an end at exactly local midnight does not add the day it opens). Null when there is no end;
 * 0 when the end is not after the start.
 */
export function scheduledDayCount(schedule: BudgetSchedule, timeZone: string, now: Date): number | null {
  if (!schedule.endAt) return null;
  const start = effectiveStart(schedule, now);
  if (schedule.endAt.getTime() <= start.getTime()) return 0;
  const lastDay = localDayNumber(new Date(schedule.endAt.getTime() - 1), timeZone);
  return lastDay - localDayNumber(start, timeZone) + 1;
}

export interface BudgetInput {
  budget: CampaignBudget;
  schedule: BudgetSchedule;
  /** The business's time zone: its days are the ones budgets are counted in. */
  timeZone: string;
  now: Date;
}

/**
 * Budget rules: a daily budget is at least Rp 20.000; a lifetime budget needs an end and at least
 * Rp 20.000 for every scheduled local day (see scheduledDayCount); the end lies after the start.
 */
export function validateBudget({ budget, schedule, timeZone, now }: BudgetInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const amountPath = "budget.amountMicros";
  const dailyMinimumMicros = MIN_DAILY_BUDGET_MICROS.toString();

  if (budget.amountMicros > MAX_MICROS) {
    problems.push(fieldProblem(amountPath, "AMOUNT_TOO_LARGE", { maximumMicros: MAX_MICROS.toString() }));
  }

  const endAt = schedule.endAt;
  if (endAt) {
    if (endAt.getTime() <= now.getTime()) {
      problems.push(fieldProblem("schedule.endAt", "END_PASSED", {}));
    } else if (endAt.getTime() <= effectiveStart(schedule, now).getTime()) {
      problems.push(fieldProblem("schedule.endAt", "END_BEFORE_START", {}));
    }
  }

  if (budget.type === "daily") {
    if (budget.amountMicros < MIN_DAILY_BUDGET_MICROS) {
      problems.push(fieldProblem(amountPath, "BUDGET_BELOW_MINIMUM", { minimumMicros: dailyMinimumMicros }));
    }
    return problems;
  }

  if (!endAt) {
    problems.push(fieldProblem("schedule.endAt", "LIFETIME_END_REQUIRED", {}));
    if (budget.amountMicros < MIN_DAILY_BUDGET_MICROS) {
      problems.push(fieldProblem(amountPath, "AMOUNT_BELOW_MINIMUM", { minimumMicros: dailyMinimumMicros }));
    }
    return problems;
  }

  const days = Math.max(1, scheduledDayCount(schedule, timeZone, now) ?? 1);
  const minimum = MIN_DAILY_BUDGET_MICROS * BigInt(days);
  if (budget.amountMicros < minimum) {
    problems.push(
      fieldProblem(amountPath, "LIFETIME_BUDGET_BELOW_MINIMUM", {
        minimumMicros: minimum.toString(),
        days,
        dailyMinimumMicros,
      }),
    );
  }
  return problems;
}

export interface WorstCaseInput extends BudgetInput {
  /** Already spent on the current local day; a daily budget's today shrinks by it. Default 0. */
  spentTodayMicros?: Micros;
  /** Already spent over the campaign's life; a lifetime budget's remainder shrinks by it. Default 0. */
  spentTotalMicros?: Micros;
}

export interface WorstCaseCharges {
  /** The most the campaign can still charge on the current local day. */
  todayMicros: Micros;
  /** The most over the current local day and the six after it. */
  next7DaysMicros: Micros;
  /** The most over the rest of its life; null when a daily budget has no end (unbounded). */
  totalMicros: Micros | null;
}

function atLeastZero(micros: Micros): Micros {
  return micros > 0n ? micros : 0n;
}

/**
 * The most a campaign can charge from now on. Budgets are hard caps (DESIGN.md "Money"), so this is
 * exact arithmetic, not a forecast; pacing only spreads spend and never lifts a cap.
 *
 * - Daily budget: each remaining local day on which the campaign can deliver may be charged up to
 *   the daily amount, today less what today already spent. Week = those of the next 7 local days
 *   (today included) that fall in the schedule; total = all remaining scheduled days, or null
 *   without an end date.
 * - Lifetime budget: no per-day cap exists, so accelerated delivery could spend the whole remainder
 *   (lifetime - spent) on any single scheduled day. Today, week and total are each that remainder,
 *   or 0 when no scheduled day falls in the window.
 *
 * Days are local days in `timeZone`; a day the schedule touches at all counts (scheduledDayCount).
 */
export function worstCaseCharges(input: WorstCaseInput): WorstCaseCharges {
  const { budget, schedule, timeZone, now } = input;
  const spentToday = input.spentTodayMicros ?? 0n;
  const spentTotal = input.spentTotalMicros ?? 0n;
  if (budget.amountMicros < 0n || spentToday < 0n || spentTotal < 0n) {
    throw new RangeError("budget amounts and spend are never negative");
  }

  const start = effectiveStart(schedule, now);
  const endAt = schedule.endAt ?? null;
  if (endAt && endAt.getTime() <= start.getTime()) {
    return { todayMicros: 0n, next7DaysMicros: 0n, totalMicros: 0n };
  }

  const today = localDayNumber(now, timeZone);
  const firstDay = localDayNumber(start, timeZone);
  const lastDay = endAt ? localDayNumber(new Date(endAt.getTime() - 1), timeZone) : Number.POSITIVE_INFINITY;
  const runsToday = firstDay === today;
  const daysInWeek = Math.max(0, Math.min(lastDay, today + 6) - firstDay + 1);

  if (budget.type === "lifetime") {
    const remaining = atLeastZero(budget.amountMicros - spentTotal);
    return {
      todayMicros: runsToday ? remaining : 0n,
      next7DaysMicros: daysInWeek > 0 ? remaining : 0n,
      totalMicros: remaining,
    };
  }

  const daily = budget.amountMicros;
  const todayCap = runsToday ? atLeastZero(daily - spentToday) : 0n;
  const laterDays = (days: number) => daily * BigInt(runsToday ? days - 1 : days);
  return {
    todayMicros: todayCap,
    next7DaysMicros: todayCap + laterDays(daysInWeek),
    totalMicros: endAt ? todayCap + laterDays(lastDay - firstDay + 1) : null,
  };
}

/**
 * A lifetime budget's even share per scheduled local day, rounded down: what "one day of budget"
 * means for it (the submit check, the audience estimate).
 */
export function dailyShareOfBudget(input: {
  amountMicros: Micros;
  startAt: Date | null;
  endAt: Date | null;
  timeZone: string;
  now: Date;
}): Micros {
  const days = scheduledDayCount({ startAt: input.startAt, endAt: input.endAt }, input.timeZone, input.now);
  return days && days > 0 ? input.amountMicros / BigInt(days) : input.amountMicros;
}

/**
 * What the wallet must hold for the campaign to be submitted: one day of its budget (a lifetime
 * budget's even share), never less than the daily minimum. The submit check and the builder's
 * budget step both ask this, so the owner is told before submitting, with the same figure.
 */
export function oneDayOfBudget(input: {
  budget: CampaignBudget;
  schedule: BudgetSchedule;
  timeZone: string;
  now: Date;
}): Micros {
  const { budget, schedule, timeZone, now } = input;
  const day =
    budget.type === "daily"
      ? budget.amountMicros
      : dailyShareOfBudget({
          amountMicros: budget.amountMicros,
          startAt: schedule.startAt ?? null,
          endAt: schedule.endAt ?? null,
          timeZone,
          now,
        });
  return maxMicros(day, MIN_DAILY_BUDGET_MICROS);
}
