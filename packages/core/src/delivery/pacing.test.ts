import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Micros, rupiah } from "../money.js";
import { startOfLocalDay } from "../time/local-time.js";
import { TIME_ZONES } from "../time-zones.js";
import {
  DEFAULT_TRAFFIC_CURVE,
  dailyBudgetForLifetime,
  learnTrafficCurve,
  MIN_WIN_RATE,
  maskTrafficCurve,
  nextWinRate,
  pacingAllowance,
  pacingCeiling,
  participationRate,
  TRAFFIC_CURVE_PRIOR_REQUESTS,
  type TrafficCurve,
} from "./pacing.js";
import { costOfEvent } from "./ranking.js";
import { deliverableHours } from "./schedule.js";

const jakarta = "Asia/Jakarta";
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const at = (iso: string) => new Date(iso);

describe("DEFAULT_TRAFFIC_CURVE", () => {
  it("has 24 positive shares summing to 1", () => {
    expect(DEFAULT_TRAFFIC_CURVE).toHaveLength(24);
    expect(Math.abs(sum(DEFAULT_TRAFFIC_CURVE) - 1)).toBeLessThan(1e-9);
    for (const share of DEFAULT_TRAFFIC_CURVE) expect(share).toBeGreaterThan(0);
  });

  it("peaks in the evening and bottoms out before dawn", () => {
    const peak = DEFAULT_TRAFFIC_CURVE.indexOf(Math.max(...DEFAULT_TRAFFIC_CURVE));
    const trough = DEFAULT_TRAFFIC_CURVE.indexOf(Math.min(...DEFAULT_TRAFFIC_CURVE));
    expect(peak).toBeGreaterThanOrEqual(19);
    expect(peak).toBeLessThanOrEqual(22);
    expect(trough).toBeGreaterThanOrEqual(1);
    expect(trough).toBeLessThanOrEqual(5);
  });
});

describe("learnTrafficCurve", () => {
  const flatDay = (requests: number) => new Array<number>(24).fill(requests);

  it("returns the default with no data", () => {
    const learned = learnTrafficCurve([]);
    for (const [hour, share] of learned.entries()) {
      expect(share).toBeCloseTo(DEFAULT_TRAFFIC_CURVE[hour] ?? Number.NaN, 12);
    }
  });

  it("leans on the default when data is thin and on the data when it is plentiful", () => {
    const distance = (curve: TrafficCurve) => Math.max(...curve.map((share) => Math.abs(share - 1 / 24)));
    const defaultDistance = distance(DEFAULT_TRAFFIC_CURVE);
    // 240 requests a day of flat traffic: 5% of the prior's weight, so the curve barely flattens.
    expect(distance(learnTrafficCurve([flatDay(10)]))).toBeGreaterThan(0.9 * defaultDistance);
    // A week of 7,000 requests an hour outweighs the prior 245 to 1.
    expect(distance(learnTrafficCurve(new Array(7).fill(flatDay(7_000))))).toBeLessThan(
      0.01 * defaultDistance,
    );
    // Equal weight at exactly the prior's strength: halfway.
    const halfway = learnTrafficCurve([flatDay(TRAFFIC_CURVE_PRIOR_REQUESTS / 24)]);
    for (const [hour, share] of halfway.entries()) {
      expect(share).toBeCloseTo(((DEFAULT_TRAFFIC_CURVE[hour] ?? 0) + 1 / 24) / 2, 12);
    }
  });

  it("keeps only the last 7 days", () => {
    const old = flatDay(0).map((_, hour) => (hour === 3 ? 1_000_000 : 0));
    expect(learnTrafficCurve([old, ...new Array(7).fill(flatDay(100))])).toEqual(
      learnTrafficCurve(new Array(7).fill(flatDay(100))),
    );
  });

  it("refuses malformed counts", () => {
    expect(() => learnTrafficCurve([[1, 2, 3]])).toThrow(RangeError);
    expect(() => learnTrafficCurve([flatDay(-1)])).toThrow(RangeError);
    expect(() => learnTrafficCurve([flatDay(Number.NaN)])).toThrow(RangeError);
  });

  it("always gives 24 positive shares summing to 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 100_000 }), { minLength: 24, maxLength: 24 }), { maxLength: 10 }),
        (days) => {
          const curve = learnTrafficCurve(days);
          expect(curve).toHaveLength(24);
          expect(Math.abs(sum(curve) - 1)).toBeLessThan(1e-9);
          for (const share of curve) expect(share).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe("pacingAllowance", () => {
  const daily = rupiah(100_000n);
  const base = {
    dailyBudgetMicros: daily,
    spentTodayMicros: 0n,
    timeZone: jakarta,
    curve: DEFAULT_TRAFFIC_CURVE,
  };
  const flat: TrafficCurve = new Array(24).fill(1 / 24);

  it("allows the current hour's share of what remains", () => {
    // Flat curve at 00:00: 1/24 of the day; at 12:00 with half spent: 1/12 of the rest.
    expect(pacingAllowance({ ...base, curve: flat, now: at("2026-12-01T00:00:00+07:00") })).toBe(
      4_166_666_666n,
    );
    expect(
      pacingAllowance({
        ...base,
        curve: flat,
        spentTodayMicros: rupiah(50_000n),
        now: at("2026-12-01T12:00:00+07:00"),
      }),
    ).toBe(4_166_666_666n);
  });

  it("prorates the current hour by the part still to come", () => {
    // At 23:30 on a flat curve the rest of the day is the rest of this hour: all of it.
    expect(pacingAllowance({ ...base, curve: flat, now: at("2026-12-01T23:30:00+07:00") })).toBe(daily);
    // At 22:30: half an hour of 1.5 hours left.
    expect(pacingAllowance({ ...base, curve: flat, now: at("2026-12-01T22:30:00+07:00") })).toBe(
      33_333_333_333n,
    );
  });

  it("follows the curve: the 21:00 hour gets more than the 03:00 hour", () => {
    const evening = pacingAllowance({ ...base, now: at("2026-12-01T21:00:00+07:00") });
    const dawn = pacingAllowance({ ...base, now: at("2026-12-01T03:00:00+07:00") });
    expect(evening).toBeGreaterThan(dawn * 2n);
  });

  it("reads the hour in the business's zone", () => {
    const now = at("2026-12-01T23:00:00+07:00"); // 01:00 in Jayapura
    expect(pacingAllowance({ ...base, now })).toBe(daily);
    expect(pacingAllowance({ ...base, now, timeZone: "Asia/Jayapura" })).toBeLessThan(daily / 10n);
  });

  it("spreads a dayparted campaign over its open hours only", () => {
    const curve = maskTrafficCurve(DEFAULT_TRAFFIC_CURVE, deliverableHours({ tue: [9, 10, 11, 12] }, "tue"));
    const at9 = pacingAllowance({ ...base, curve, now: at("2026-12-01T09:00:00+07:00") });
    const shareOf9 = (DEFAULT_TRAFFIC_CURVE[9] ?? 0) / sum(DEFAULT_TRAFFIC_CURVE.slice(9, 13));
    const expected = (daily * BigInt(Math.round(shareOf9 * 1e12))) / 1_000_000_000_000n;
    expect(at9 > expected ? at9 - expected : expected - at9).toBeLessThan(1_000n);
    expect(pacingAllowance({ ...base, curve, now: at("2026-12-01T06:00:00+07:00") })).toBe(0n);
    expect(pacingAllowance({ ...base, curve, now: at("2026-12-01T12:00:00+07:00") })).toBe(daily);
    // After the last open hour nothing is left to spread over: pacing defers to the schedule.
    expect(pacingAllowance({ ...base, curve, now: at("2026-12-01T15:00:00+07:00") })).toBe(daily);
  });

  it("is zero once the budget is spent or overspent", () => {
    const now = at("2026-12-01T12:00:00+07:00");
    expect(pacingAllowance({ ...base, spentTodayMicros: daily, now })).toBe(0n);
    expect(pacingAllowance({ ...base, spentTodayMicros: daily + 1n, now })).toBe(0n);
  });

  it("stays within [0, remaining], whatever the time, zone, spend and curve", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: rupiah(1_000_000_000n) }),
        fc.bigInt({ min: 0n, max: rupiah(1_000_000_000n) }),
        fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2030-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...TIME_ZONES),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }),
        (dailyBudgetMicros, spentTodayMicros, now, timeZone, curve) => {
          const allowance = pacingAllowance({ dailyBudgetMicros, spentTodayMicros, now, timeZone, curve });
          const remaining = dailyBudgetMicros > spentTodayMicros ? dailyBudgetMicros - spentTodayMicros : 0n;
          expect(allowance).toBeGreaterThanOrEqual(0n);
          expect(allowance).toBeLessThanOrEqual(remaining);
        },
      ),
    );
  });

  it("offers the whole budget over a day when each hour spends exactly its allowance", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: rupiah(1_000_000_000n) }),
        fc.constantFrom(...TIME_ZONES),
        (budget, zone) => {
          let spent = 0n;
          const start = startOfLocalDay(at("2026-12-01T12:00:00Z"), zone);
          for (let hour = 0; hour < 24; hour++) {
            spent += pacingAllowance({
              dailyBudgetMicros: budget,
              spentTodayMicros: spent,
              now: new Date(start.getTime() + hour * 3_600_000),
              timeZone: zone,
              curve: DEFAULT_TRAFFIC_CURVE,
            });
          }
          expect(spent).toBe(budget);
        },
      ),
    );
  });
});

describe("participationRate", () => {
  const cost = rupiah(20n);

  it("asks for the share of remaining requests the remaining target needs", () => {
    // Rp 2.000 to spend at Rp 20 per impression is 100 impressions out of 400 requests.
    expect(
      participationRate({
        targetSpendThisIntervalMicros: rupiah(2_000n),
        spentThisIntervalMicros: 0n,
        expectedEligibleRequests: 400,
        costPerRequestMicros: cost,
      }),
    ).toBe(0.25);
  });

  it("corrects under- and over-delivery within the interval", () => {
    const input = {
      targetSpendThisIntervalMicros: rupiah(2_000n),
      expectedEligibleRequests: 200,
      costPerRequestMicros: cost,
    };
    // Half the requests gone but only a quarter of the target spent: ask for more of the rest.
    expect(participationRate({ ...input, spentThisIntervalMicros: rupiah(500n) })).toBe(0.375);
    // Ahead of plan: ask for less.
    expect(participationRate({ ...input, spentThisIntervalMicros: rupiah(1_500n) })).toBe(0.125);
    expect(participationRate({ ...input, spentThisIntervalMicros: rupiah(2_000n) })).toBe(0);
    expect(participationRate({ ...input, spentThisIntervalMicros: rupiah(2_500n) })).toBe(0);
  });

  it("clamps to 1 when traffic cannot meet the target, and takes every request when none is expected", () => {
    const input = {
      targetSpendThisIntervalMicros: rupiah(2_000n),
      spentThisIntervalMicros: 0n,
      costPerRequestMicros: cost,
    };
    expect(participationRate({ ...input, expectedEligibleRequests: 50 })).toBe(1);
    expect(participationRate({ ...input, expectedEligibleRequests: 0 })).toBe(1);
    expect(participationRate({ ...input, expectedEligibleRequests: 100, costPerRequestMicros: 0n })).toBe(1);
  });

  it("runs accelerated campaigns at 1 while budget remains", () => {
    expect(participationRate({ pacing: "accelerated", remainingBudgetMicros: 1n })).toBe(1);
    expect(participationRate({ pacing: "accelerated", remainingBudgetMicros: 0n })).toBe(0);
    expect(participationRate({ pacing: "accelerated", remainingBudgetMicros: -5n })).toBe(0);
  });

  it("is always a probability", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -rupiah(1_000_000n), max: rupiah(1_000_000n) }),
        fc.bigInt({ min: 0n, max: rupiah(1_000_000n) }),
        fc.double({ min: -10, max: 1e7, noNaN: true }),
        fc.bigInt({ min: 0n, max: rupiah(10_000n) }),
        (target, spent, requests, costPerRequestMicros) => {
          const rate = participationRate({
            targetSpendThisIntervalMicros: target,
            spentThisIntervalMicros: spent,
            expectedEligibleRequests: requests,
            costPerRequestMicros,
          });
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
          if (target <= spent) expect(rate).toBe(0);
        },
      ),
    );
  });
});

describe("dailyBudgetForLifetime", () => {
  it("splits evenly, rounding down, and gives the last day the remainder", () => {
    expect(
      dailyBudgetForLifetime({ lifetimeRemainingMicros: rupiah(700_000n), remainingScheduledDays: 7 }),
    ).toBe(rupiah(100_000n));
    expect(dailyBudgetForLifetime({ lifetimeRemainingMicros: 100n, remainingScheduledDays: 3 })).toBe(33n);
    expect(dailyBudgetForLifetime({ lifetimeRemainingMicros: 34n, remainingScheduledDays: 1 })).toBe(34n);
    expect(dailyBudgetForLifetime({ lifetimeRemainingMicros: 0n, remainingScheduledDays: 3 })).toBe(0n);
    expect(dailyBudgetForLifetime({ lifetimeRemainingMicros: 100n, remainingScheduledDays: 0 })).toBe(0n);
    expect(() =>
      dailyBudgetForLifetime({ lifetimeRemainingMicros: 100n, remainingScheduledDays: 1.5 }),
    ).toThrow(RangeError);
  });

  it("spends exactly the lifetime budget over its days when each day spends its share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: rupiah(10_000_000_000n) }),
        fc.integer({ min: 1, max: 60 }),
        (budget, days) => {
          let remaining = budget;
          const shares: Micros[] = [];
          for (let left = days; left >= 1; left--) {
            const today = dailyBudgetForLifetime({
              lifetimeRemainingMicros: remaining,
              remainingScheduledDays: left,
            });
            shares.push(today);
            remaining -= today;
          }
          expect(remaining).toBe(0n);
          const first = shares[0] ?? 0n;
          for (let day = 1; day < shares.length; day++) {
            expect(shares[day]).toBeGreaterThanOrEqual(shares[day - 1] ?? 0n);
            expect((shares[day] ?? 0n) - first).toBeLessThanOrEqual(1n);
          }
        },
      ),
    );
  });
});

/**
 * A compressed day of delivery for one campaign alone in its audience (it wins every auction it
 * enters). Traffic arrives per 5-minute slot; at the start of each local hour the worker sets the
 * hour's target with pacingAllowance, and each slot recomputes participationRate from what the hour
 * has spent and the requests it still expects. Every impression is bought only if the budget still
 * covers it, as the Redis reservation guarantees.
 */
interface SimulatedDay {
  hourlySpend: Micros[];
  /** The plan at the start of the day: budget × curve[hour]. */
  hourlyPlan: Micros[];
  spent: Micros;
  /** Local hour of the first request the budget could no longer pay for, or null. */
  exhaustedInHour: number | null;
  /** Auctions the campaign entered but the budget cap (the reservation) refused. */
  refusedByBudget: number;
}

/** mulberry32: a tiny seeded PRNG, so the simulation gives the same figures on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SLOTS_PER_HOUR = 12;

function simulateDay(options: {
  pacing: "standard" | "accelerated";
  dailyBudgetMicros: Micros;
  costMicros: Micros;
  requestsPerDay: number;
  seed: number;
  /** Actual traffic of each hour as a multiple of the forecast; 1 = traffic exactly as the curve says. */
  trafficNoise?: number;
}): SimulatedDay {
  const random = seededRandom(options.seed);
  const curve = DEFAULT_TRAFFIC_CURVE;
  const dayStart = at("2026-12-01T00:00:00+07:00");
  const hourlySpend: Micros[] = [];
  const hourlyPlan: Micros[] = [];
  let spent = 0n;
  let exhaustedInHour: number | null = null;
  let refusedByBudget = 0;
  for (let hour = 0; hour < 24; hour++) {
    const forecast = options.requestsPerDay * (curve[hour] ?? 0);
    const noise = options.trafficNoise ?? 0;
    const actual = Math.round(forecast * (1 + noise * (2 * random() - 1)));
    hourlyPlan.push(
      (options.dailyBudgetMicros * BigInt(Math.round((curve[hour] ?? 0) * 1e9))) / 1_000_000_000n,
    );
    const hourStart = new Date(dayStart.getTime() + hour * 3_600_000);
    const target = pacingAllowance({
      dailyBudgetMicros: options.dailyBudgetMicros,
      spentTodayMicros: spent,
      now: hourStart,
      timeZone: jakarta,
      curve,
    });
    let spentThisHour = 0n;
    for (let slot = 0; slot < SLOTS_PER_HOUR; slot++) {
      const rate =
        options.pacing === "accelerated"
          ? participationRate({
              pacing: "accelerated",
              remainingBudgetMicros: options.dailyBudgetMicros - spent,
            })
          : participationRate({
              targetSpendThisIntervalMicros: target,
              spentThisIntervalMicros: spentThisHour,
              expectedEligibleRequests: (forecast * (SLOTS_PER_HOUR - slot)) / SLOTS_PER_HOUR,
              costPerRequestMicros: options.costMicros,
            });
      const requests =
        Math.floor((actual * (slot + 1)) / SLOTS_PER_HOUR) - Math.floor((actual * slot) / SLOTS_PER_HOUR);
      for (let request = 0; request < requests; request++) {
        if (random() >= rate) continue;
        if (spent + options.costMicros > options.dailyBudgetMicros) {
          exhaustedInHour ??= hour;
          refusedByBudget++;
          continue;
        }
        spent += options.costMicros;
        spentThisHour += options.costMicros;
      }
    }
    hourlySpend.push(spentThisHour);
  }
  return { hourlySpend, hourlyPlan, spent, exhaustedInHour, refusedByBudget };
}

/** Hourly error against the plan, relative; an hour planned under Rp 200 (10 impressions) is judged in absolute terms. */
function worstHourlyError(day: SimulatedDay, costMicros: Micros): { relative: number; hour: number } {
  let worst = { relative: 0, hour: -1 };
  day.hourlySpend.forEach((spend, hour) => {
    const plan = day.hourlyPlan[hour] ?? 0n;
    const gap = spend > plan ? spend - plan : plan - spend;
    const relative = Number((gap * 1_000_000n) / (plan > 0n ? plan : 1n)) / 1_000_000;
    if (plan >= 10n * costMicros && relative > worst.relative) worst = { relative, hour };
  });
  return worst;
}

describe("simulated day of delivery", () => {
  // Rp 100.000 a day at a Rp 20.000 CPM: 5,000 impressions out of 24,000 requests (1,000 an hour on
  // average, shaped by the curve), so traffic is ample and pacing, not supply, decides the spend.
  const dailyBudgetMicros = rupiah(100_000n);
  const costMicros = costOfEvent({ billingEvent: "cpm", bidMicros: rupiah(20_000n) });
  const common = { dailyBudgetMicros, costMicros, requestsPerDay: 24_000 };

  it("standard pacing spends 95-100% of the budget, each hour within 25% of the curve's plan", () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const day = simulateDay({ ...common, pacing: "standard", seed });
      expect(day.spent).toBeLessThanOrEqual(dailyBudgetMicros);
      expect(day.spent * 100n).toBeGreaterThanOrEqual(dailyBudgetMicros * 95n);
      const worst = worstHourlyError(day, costMicros);
      expect(worst.relative, `seed ${seed}, hour ${worst.hour}`).toBeLessThanOrEqual(0.25);
      // Pacing, not the cap, keeps the day under budget: the reservation has nothing to refuse.
      expect(day.refusedByBudget).toBe(0);
    }
  });

  it("standard pacing stays on plan when each hour's traffic is off its forecast by up to ±20%", () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const day = simulateDay({ ...common, pacing: "standard", seed, trafficNoise: 0.2 });
      expect(day.spent).toBeLessThanOrEqual(dailyBudgetMicros);
      expect(day.spent * 100n).toBeGreaterThanOrEqual(dailyBudgetMicros * 95n);
      const worst = worstHourlyError(day, costMicros);
      expect(worst.relative, `seed ${seed}, hour ${worst.hour}`).toBeLessThanOrEqual(0.25);
      // At most the last few impressions of the day meet the cap.
      expect(day.refusedByBudget).toBeLessThanOrEqual(5);
    }
  });

  it("accelerated pacing exhausts the budget in the first hours and never overspends", () => {
    const day = simulateDay({ ...common, pacing: "accelerated", seed: 7 });
    expect(day.spent).toBe(dailyBudgetMicros);
    expect(day.exhaustedInHour).not.toBeNull();
    expect(day.exhaustedInHour ?? 24).toBeLessThan(12);
    expect(day.hourlySpend.slice(12).every((spend) => spend === 0n)).toBe(true);
  });
});

describe("nextWinRate", () => {
  const cost = rupiah(20n);
  it("starts at 1 and moves halfway to what the last interval showed", () => {
    expect(
      nextWinRate(undefined, {
        spentMicros: rupiah(500n),
        plannedMicros: rupiah(1_000n),
        costPerRequestMicros: cost,
      }),
    ).toBe(0.75);
    expect(
      nextWinRate(0.75, {
        spentMicros: rupiah(500n),
        plannedMicros: rupiah(1_000n),
        costPerRequestMicros: cost,
      }),
    ).toBe(0.625);
  });

  it("learns nothing from an interval too small to tell, or across a day's reset", () => {
    expect(
      nextWinRate(0.5, { spentMicros: 0n, plannedMicros: rupiah(80n), costPerRequestMicros: cost }),
    ).toBe(0.5);
    expect(
      nextWinRate(0.5, {
        spentMicros: -rupiah(100n),
        plannedMicros: rupiah(1_000n),
        costPerRequestMicros: cost,
      }),
    ).toBe(0.5);
  });

  it("stays within [MIN_WIN_RATE, 1] whatever it observes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (spent, planned, before) => {
          const next = nextWinRate(before, {
            spentMicros: spent,
            plannedMicros: planned,
            costPerRequestMicros: 1n,
          });
          expect(next).toBeGreaterThanOrEqual(Math.min(before, MIN_WIN_RATE));
          expect(next).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("pacingCeiling", () => {
  const budget = rupiah(100_000n);
  const minute = 60_000;

  it("lets a campaign's first minute spend one minute's share of the hour's target, not half a day", () => {
    const now = at("2026-12-01T05:00:00Z"); // 12:00 in Jakarta
    const input = { dailyBudgetMicros: budget, spentTodayMicros: 0n, now, timeZone: jakarta };
    const hourTarget = pacingAllowance({ ...input, curve: DEFAULT_TRAFFIC_CURVE });
    const ceiling = pacingCeiling({ ...input, curve: DEFAULT_TRAFFIC_CURVE, windowMs: minute });
    expect(hourTarget / 60n - ceiling).toBeLessThanOrEqual(1n);
    expect(ceiling).toBeLessThanOrEqual(hourTarget / 60n);
    expect(ceiling).toBeLessThan(budget / 100n);
  });

  it("gives the whole rest of the hour's target when the hour ends within the window", () => {
    const now = at("2026-12-01T05:59:30Z");
    const input = { dailyBudgetMicros: budget, spentTodayMicros: rupiah(40_000n), now, timeZone: jakarta };
    const rest = pacingAllowance({ ...input, curve: DEFAULT_TRAFFIC_CURVE });
    expect(pacingCeiling({ ...input, curve: DEFAULT_TRAFFIC_CURVE, windowMs: minute })).toBe(
      rupiah(40_000n) + rest,
    );
  });

  it("never passes the daily budget, and over a window spends at most its share of the hour's target", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: rupiah(10_000_000n) }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        fc.integer({ min: 0, max: 86_400_000 - 1 }),
        fc.integer({ min: 1_000, max: 15 * minute }),
        fc.constantFrom(...TIME_ZONES),
        (dailyBudgetMicros, spentShare, msOfDay, windowMs, timeZone) => {
          const spentTodayMicros = (dailyBudgetMicros * BigInt(Math.round(spentShare * 1_000))) / 1_000n;
          const now = new Date(Date.UTC(2026, 11, 1) + msOfDay);
          const input = { dailyBudgetMicros, spentTodayMicros, now, timeZone, curve: DEFAULT_TRAFFIC_CURVE };
          const ceiling = pacingCeiling({ ...input, windowMs });
          const hourTarget = pacingAllowance(input);
          expect(ceiling >= spentTodayMicros).toBe(true);
          expect(ceiling - spentTodayMicros <= hourTarget).toBe(true);
          if (spentTodayMicros <= dailyBudgetMicros) expect(ceiling <= dailyBudgetMicros).toBe(true);
          // The window's share of what is left of the hour, to a micro.
          const msLeftInHour = 3_600_000 - (now.getTime() % 3_600_000);
          if (windowMs < msLeftInHour) {
            const share = (hourTarget * BigInt(windowMs)) / BigInt(msLeftInHour);
            expect(ceiling - spentTodayMicros <= share + 1n).toBe(true);
          }
        },
      ),
    );
  });
});
