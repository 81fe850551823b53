import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxMicros, rupiah } from "../money.js";
import { localDate } from "../time/local-time.js";
import { TIME_ZONES } from "../time-zones.js";
import {
  type BudgetSchedule,
  type CampaignBudget,
  dailyShareOfBudget,
  MIN_DAILY_BUDGET_MICROS,
  oneDayOfBudget,
  scheduledDayCount,
  validateBudget,
  worstCaseCharges,
} from "./budget.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const jakarta = "Asia/Jakarta";
/** 10:00 WIB on Tuesday 1 December 2026. */
const now = new Date("2026-12-01T10:00:00+07:00");
const at = (iso: string) => new Date(iso);
const daily = (whole: bigint): CampaignBudget => ({ type: "daily", amountMicros: rupiah(whole) });
const lifetime = (whole: bigint): CampaignBudget => ({ type: "lifetime", amountMicros: rupiah(whole) });

describe("local days", () => {
  it("counts partial first and last days, but not a day the end only opens", () => {
    const count = (startAt: string, endAt: string, zone = jakarta) =>
      scheduledDayCount({ startAt: at(startAt), endAt: at(endAt) }, zone, now);
    expect(count("2026-12-01T22:00:00+07:00", "2026-12-02T01:00:00+07:00")).toBe(2);
    expect(count("2026-12-02T00:00:00+07:00", "2026-12-09T00:00:00+07:00")).toBe(7);
    expect(count("2026-12-02T00:00:00+07:00", "2026-12-09T00:00:01+07:00")).toBe(8);
    // The same instants span two WIB days but three WIT days.
    expect(count("2026-12-01T21:30:00+07:00", "2026-12-02T22:30:00+07:00")).toBe(2);
    expect(count("2026-12-01T21:30:00+07:00", "2026-12-02T22:30:00+07:00", "Asia/Jayapura")).toBe(3);
  });

  it("counts from now when the start is omitted or past, and has no count without an end", () => {
    expect(scheduledDayCount({ startAt: null, endAt: at("2026-12-03T12:00:00+07:00") }, jakarta, now)).toBe(
      3,
    );
    expect(
      scheduledDayCount(
        { startAt: at("2026-11-01T00:00:00+07:00"), endAt: at("2026-12-01T12:00:00+07:00") },
        jakarta,
        now,
      ),
    ).toBe(1);
    expect(scheduledDayCount({ endAt: null }, jakarta, now)).toBeNull();
    expect(scheduledDayCount({ endAt: at("2026-12-01T09:00:00+07:00") }, jakarta, now)).toBe(0);
  });
});

describe("validateBudget", () => {
  const openEnded: BudgetSchedule = { startAt: null, endAt: null };
  const week: BudgetSchedule = {
    startAt: at("2026-12-02T00:00:00+07:00"),
    endAt: at("2026-12-09T00:00:00+07:00"),
  };

  it("accepts a daily budget of at least Rp 20.000", () => {
    expect(MIN_DAILY_BUDGET_MICROS).toBe(20_000_000_000n);
    expect(validateBudget({ budget: daily(20_000n), schedule: openEnded, timeZone: jakarta, now })).toEqual(
      [],
    );
    expect(
      validateBudget({
        budget: { type: "daily", amountMicros: rupiah(20_000n) - 1n },
        schedule: openEnded,
        timeZone: jakarta,
        now,
      }),
    ).toEqual([
      {
        path: "budget.amountMicros",
        code: "BUDGET_BELOW_MINIMUM",
        params: { minimumMicros: "20000000000" },
        message: "must be at least Rp 20.000 a day",
      },
    ]);
  });

  it("requires an end for a lifetime budget", () => {
    expect(
      validateBudget({ budget: lifetime(1_000_000n), schedule: openEnded, timeZone: jakarta, now }),
    ).toEqual([
      {
        path: "schedule.endAt",
        code: "LIFETIME_END_REQUIRED",
        params: {},
        message: "is required for a lifetime budget",
      },
    ]);
  });

  it("requires Rp 20.000 per scheduled day for a lifetime budget", () => {
    expect(validateBudget({ budget: lifetime(140_000n), schedule: week, timeZone: jakarta, now })).toEqual(
      [],
    );
    expect(validateBudget({ budget: lifetime(139_999n), schedule: week, timeZone: jakarta, now })).toEqual([
      {
        path: "budget.amountMicros",
        code: "LIFETIME_BUDGET_BELOW_MINIMUM",
        params: { minimumMicros: "140000000000", days: 7, dailyMinimumMicros: "20000000000" },
        message: "must be at least Rp 140.000 for 7 scheduled days (Rp 20.000 a day)",
      },
    ]);
  });

  it("wants the end after the start and still ahead", () => {
    const backwards = { startAt: at("2026-12-05T00:00:00+07:00"), endAt: at("2026-12-04T00:00:00+07:00") };
    expect(validateBudget({ budget: daily(50_000n), schedule: backwards, timeZone: jakarta, now })).toEqual([
      { path: "schedule.endAt", code: "END_BEFORE_START", params: {}, message: "must be after the start" },
    ]);
    const ended = { startAt: null, endAt: at("2026-11-30T00:00:00+07:00") };
    expect(validateBudget({ budget: daily(50_000n), schedule: ended, timeZone: jakarta, now })).toEqual([
      { path: "schedule.endAt", code: "END_PASSED", params: {}, message: "has already passed" },
    ]);
  });

  it("refuses an amount no bigint column can hold", () => {
    const problems = validateBudget({
      budget: { type: "daily", amountMicros: 2n ** 63n },
      schedule: openEnded,
      timeZone: jakarta,
      now,
    });
    expect(problems.map((problem) => problem.path)).toEqual(["budget.amountMicros"]);
  });
});

describe("worstCaseCharges", () => {
  it("charges a daily budget once per remaining local day", () => {
    const open = worstCaseCharges({ budget: daily(50_000n), schedule: {}, timeZone: jakarta, now });
    expect(open).toEqual({
      todayMicros: rupiah(50_000n),
      next7DaysMicros: rupiah(350_000n),
      totalMicros: null,
    });

    const threeDays = { endAt: at("2026-12-03T18:00:00+07:00") };
    expect(worstCaseCharges({ budget: daily(50_000n), schedule: threeDays, timeZone: jakarta, now })).toEqual(
      {
        todayMicros: rupiah(50_000n),
        next7DaysMicros: rupiah(150_000n),
        totalMicros: rupiah(150_000n),
      },
    );
  });

  it("takes today's spend off today only", () => {
    const charges = worstCaseCharges({
      budget: daily(50_000n),
      schedule: { endAt: at("2026-12-20T00:00:00+07:00") },
      timeZone: jakarta,
      now,
      spentTodayMicros: rupiah(20_000n),
    });
    expect(charges).toEqual({
      todayMicros: rupiah(30_000n),
      next7DaysMicros: rupiah(330_000n),
      totalMicros: rupiah(30_000n + 18n * 50_000n),
    });
  });

  it("charges nothing today for a campaign that starts on a later day", () => {
    const charges = worstCaseCharges({
      budget: daily(50_000n),
      schedule: { startAt: at("2026-12-04T08:00:00+07:00"), endAt: at("2026-12-31T00:00:00+07:00") },
      timeZone: jakarta,
      now,
    });
    expect(charges).toEqual({
      todayMicros: 0n,
      next7DaysMicros: rupiah(4n * 50_000n),
      totalMicros: rupiah(27n * 50_000n),
    });
  });

  it("counts a start later today as today", () => {
    const charges = worstCaseCharges({
      budget: daily(50_000n),
      schedule: { startAt: at("2026-12-01T23:00:00+07:00"), endAt: at("2026-12-02T01:00:00+07:00") },
      timeZone: jakarta,
      now,
    });
    expect(charges).toEqual({
      todayMicros: rupiah(50_000n),
      next7DaysMicros: rupiah(100_000n),
      totalMicros: rupiah(100_000n),
    });
  });

  it("lets a lifetime budget spend its whole remainder on any scheduled day", () => {
    const schedule = { endAt: at("2026-12-31T00:00:00+07:00") };
    const charges = worstCaseCharges({
      budget: lifetime(1_000_000n),
      schedule,
      timeZone: jakarta,
      now,
      spentTotalMicros: rupiah(400_000n),
    });
    expect(charges).toEqual({
      todayMicros: rupiah(600_000n),
      next7DaysMicros: rupiah(600_000n),
      totalMicros: rupiah(600_000n),
    });
    const later = worstCaseCharges({
      budget: lifetime(1_000_000n),
      schedule: { startAt: at("2026-12-20T00:00:00+07:00"), endAt: schedule.endAt },
      timeZone: jakarta,
      now,
    });
    expect(later).toEqual({ todayMicros: 0n, next7DaysMicros: 0n, totalMicros: rupiah(1_000_000n) });
  });

  it("charges nothing once the end has passed, and never below zero when overspent", () => {
    const ended = { endAt: at("2026-12-01T09:00:00+07:00") };
    expect(worstCaseCharges({ budget: daily(50_000n), schedule: ended, timeZone: jakarta, now })).toEqual({
      todayMicros: 0n,
      next7DaysMicros: 0n,
      totalMicros: 0n,
    });
    const overspent = worstCaseCharges({
      budget: lifetime(100_000n),
      schedule: { endAt: at("2026-12-10T00:00:00+07:00") },
      timeZone: jakarta,
      now,
      spentTotalMicros: rupiah(120_000n),
    });
    expect(overspent).toEqual({ todayMicros: 0n, next7DaysMicros: 0n, totalMicros: 0n });
  });

  it("refuses negative amounts", () => {
    expect(() =>
      worstCaseCharges({
        budget: daily(50_000n),
        schedule: {},
        timeZone: jakarta,
        now,
        spentTodayMicros: -1n,
      }),
    ).toThrow(RangeError);
  });

  /** Local days [start, end) touches, found by walking it an hour at a time: independent of the code. */
  function touchedDays(start: Date, end: Date, timeZone: string): number {
    const days = new Set<string>();
    for (let t = start.getTime(); t < end.getTime(); t += HOUR) days.add(localDate(new Date(t), timeZone));
    days.add(localDate(new Date(end.getTime() - 1), timeZone));
    return days.size;
  }

  const scenario = fc.record({
    type: fc.constantFrom("daily" as const, "lifetime" as const),
    amountMicros: fc.bigInt({ min: 0n, max: rupiah(1_000_000_000n) }),
    nowMs: fc.integer({ min: Date.parse("2025-01-01T00:00:00Z"), max: Date.parse("2028-12-31T00:00:00Z") }),
    startOffsetMs: fc.option(fc.integer({ min: -20 * DAY, max: 20 * DAY })),
    endOffsetMs: fc.option(fc.integer({ min: -5 * DAY, max: 60 * DAY })),
    spentTodayMicros: fc.bigInt({ min: 0n, max: rupiah(2_000_000n) }),
    spentTotalMicros: fc.bigInt({ min: 0n, max: rupiah(50_000_000n) }),
    timeZone: fc.constantFrom(...TIME_ZONES),
  });

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

  function run(s: Scenario) {
    const nowDate = new Date(s.nowMs);
    const startAt = s.startOffsetMs === null ? null : new Date(s.nowMs + s.startOffsetMs);
    const endAt = s.endOffsetMs === null ? null : new Date(s.nowMs + s.endOffsetMs);
    const schedule: BudgetSchedule = { startAt, endAt };
    const budget: CampaignBudget = { type: s.type, amountMicros: s.amountMicros };
    const charges = worstCaseCharges({
      budget,
      schedule,
      timeZone: s.timeZone,
      now: nowDate,
      spentTodayMicros: s.spentTodayMicros,
      spentTotalMicros: s.spentTotalMicros,
    });
    const start = startAt && startAt > nowDate ? startAt : nowDate;
    const remainingDays = endAt === null ? null : endAt <= start ? 0 : touchedDays(start, endAt, s.timeZone);
    return { charges, remainingDays, budget };
  }

  it("is never negative, and today ≤ week ≤ total", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { charges } = run(s);
        expect(charges.todayMicros).toBeGreaterThanOrEqual(0n);
        expect(charges.next7DaysMicros).toBeGreaterThanOrEqual(charges.todayMicros);
        if (charges.totalMicros !== null)
          expect(charges.totalMicros).toBeGreaterThanOrEqual(charges.next7DaysMicros);
      }),
    );
  });

  it("never exceeds the daily budget summed over the remaining days, or the lifetime budget", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { charges, remainingDays, budget } = run(s);
        if (budget.type === "lifetime") {
          expect(charges.totalMicros).not.toBeNull();
          expect(charges.totalMicros ?? 0n).toBeLessThanOrEqual(budget.amountMicros);
          return;
        }
        expect(charges.todayMicros).toBeLessThanOrEqual(budget.amountMicros);
        expect(charges.next7DaysMicros).toBeLessThanOrEqual(budget.amountMicros * 7n);
        if (remainingDays === null) {
          expect(charges.totalMicros).toBeNull();
        } else {
          expect(charges.totalMicros).not.toBeNull();
          expect(charges.totalMicros ?? 0n).toBeLessThanOrEqual(budget.amountMicros * BigInt(remainingDays));
        }
      }),
    );
  });

  it("charges a daily budget exactly once per remaining day when nothing is spent yet", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { charges, remainingDays, budget } = run({ ...s, type: "daily", spentTodayMicros: 0n });
        if (remainingDays !== null)
          expect(charges.totalMicros).toBe(budget.amountMicros * BigInt(remainingDays));
      }),
    );
  });
});

describe("dailyShareOfBudget", () => {
  it("splits a lifetime budget evenly over its scheduled local days, rounding down", () => {
    const share = dailyShareOfBudget({
      amountMicros: rupiah(100_000n),
      startAt: new Date("2026-12-01T00:00:00+07:00"),
      endAt: new Date("2026-12-04T00:00:00+07:00"),
      timeZone: "Asia/Jakarta",
      now: new Date("2026-11-30T12:00:00+07:00"),
    });
    expect(share).toBe(rupiah(100_000n) / 3n);
  });

  it("treats an open-ended schedule as one day", () => {
    const share = dailyShareOfBudget({
      amountMicros: rupiah(50_000n),
      startAt: null,
      endAt: null,
      timeZone: "Asia/Jakarta",
      now: new Date(),
    });
    expect(share).toBe(rupiah(50_000n));
  });
});

describe("one day of budget, the money a submit needs", () => {
  const oneDay = (budget: CampaignBudget, schedule: BudgetSchedule = {}) =>
    oneDayOfBudget({ budget, schedule, timeZone: jakarta, now });

  it("is the daily amount, or a lifetime budget's share per scheduled day", () => {
    expect(oneDay(daily(75_000n))).toBe(rupiah(75_000n));
    const week = { endAt: at("2026-12-08T10:00:00+07:00") };
    expect(oneDay(lifetime(800_000n), week)).toBe(rupiah(100_000n));
    // Without an end a lifetime budget could be spent in one day.
    expect(oneDay(lifetime(800_000n))).toBe(rupiah(800_000n));
  });

  it("is never below the daily minimum", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: rupiah(10_000_000n) }), fc.boolean(), (amount, isDaily) => {
        const budget: CampaignBudget = { type: isDaily ? "daily" : "lifetime", amountMicros: amount };
        const needed = oneDay(budget, { endAt: at("2026-12-31T00:00:00+07:00") });
        expect(needed >= MIN_DAILY_BUDGET_MICROS).toBe(true);
        expect(needed <= maxMicros(amount, MIN_DAILY_BUDGET_MICROS)).toBe(true);
      }),
    );
  });
});
