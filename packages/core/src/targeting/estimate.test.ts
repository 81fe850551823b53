import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money.js";
import { CITIES, cityByCode } from "./cities.js";
import {
  affordableDailyImpressions,
  DEFAULT_CPM_MICROS,
  ESTIMATE_SPREAD,
  estimateAudience,
  ONLINE_REACHABLE_SHARE,
  TYPICAL_DAILY_FREQUENCY,
  validateTargeting,
} from "./estimate.js";
import { INDONESIA_POPULATION, PROVINCES, provinceByCode } from "./regions.js";
import type { Targeting } from "./targeting.js";
import { ADULT_SHARE_OF_POPULATION, AGE_BANDS, DEVICES, GENDERS, INTERESTS, LANGUAGES } from "./taxonomy.js";

const everyone: Targeting = {
  provinces: [],
  cities: [],
  ageBands: [],
  genders: [],
  interests: [],
  devices: [],
  languages: [],
};
const noBudget = { dailyBudgetMicros: 0n };

function midpoint(targeting: Targeting): number {
  const estimate = estimateAudience(targeting, noBudget);
  if (estimate.availability !== "estimated") throw new Error("no estimate");
  return (estimate.populationLow + estimate.populationHigh) / 2;
}

function population(code: string): number {
  return provinceByCode(code)?.population ?? cityByCode(code)?.population ?? Number.NaN;
}

/** Cities with a census figure: the ones an estimate can count. */
function counted(): string[] {
  return CITIES.filter((city) => city.population !== null).map((city) => city.code);
}

describe("estimateAudience", () => {
  it("treats empty lists as everyone: reachable adults of all Indonesia, ±25%", () => {
    const point = INDONESIA_POPULATION * ADULT_SHARE_OF_POPULATION * ONLINE_REACHABLE_SHARE;
    const estimate = estimateAudience(everyone, noBudget);
    expect(estimate.populationLow).toBe(Math.round(point * (1 - ESTIMATE_SPREAD)));
    expect(estimate.populationHigh).toBe(Math.round(point * (1 + ESTIMATE_SPREAD)));
    expect(estimate.populationLow).toBeGreaterThan(100_000_000);
  });

  it("scales with the population of the selected provinces", () => {
    const ratio = midpoint({ ...everyone, provinces: ["ID-JK", "ID-BA"] }) / midpoint(everyone);
    expect(ratio).toBeCloseTo((population("ID-JK") + population("ID-BA")) / INDONESIA_POPULATION, 5);
  });

  it("narrows a province to its selected cities and keeps other provinces whole", () => {
    const all = midpoint(everyone);
    const share = (people: number) => people / INDONESIA_POPULATION;
    expect(midpoint({ ...everyone, provinces: ["ID-JK"], cities: ["31.74"] }) / all).toBeCloseTo(
      share(population("31.74")),
      5,
    );
    expect(
      midpoint({ ...everyone, provinces: ["ID-JK", "ID-JB"], cities: ["31.74", "31.73"] }) / all,
    ).toBeCloseTo(share(population("31.74") + population("31.73") + population("ID-JB")), 5);
    expect(midpoint({ ...everyone, cities: ["35.78", "73.71"] }) / all).toBeCloseTo(
      share(population("35.78") + population("73.71")),
      5,
    );
  });

  it("adds nobody for a city outside a non-empty province list, or for unknown codes", () => {
    expect(midpoint({ ...everyone, provinces: ["ID-JK"], cities: ["32.73"] })).toBe(
      midpoint({ ...everyone, provinces: ["ID-JK"] }),
    );
    expect(midpoint({ ...everyone, provinces: ["ID-XX"] })).toBe(0);
    expect(midpoint({ ...everyone, interests: ["knitting"] })).toBe(0);
  });

  it("multiplies the shares of age bands, gender, device and language", () => {
    const narrowed = midpoint({
      ...everyone,
      ageBands: ["18-24", "25-34"],
      genders: ["female"],
      devices: ["android"],
      languages: ["id"],
    });
    expect(narrowed / midpoint(everyone)).toBeCloseTo((0.16 + 0.23) * 0.494 * 0.85 * 0.88, 3);
  });

  it("takes the union of interests: 1 - Π(1 - share)", () => {
    const ratio = midpoint({ ...everyone, interests: ["food_drink", "music"] }) / midpoint(everyone);
    expect(ratio).toBeCloseTo(1 - (1 - 0.45) * (1 - 0.35), 3);
  });

  it("counts a repeated code once", () => {
    expect(midpoint({ ...everyone, provinces: ["ID-JK", "ID-JK"], interests: ["pets", "pets"] })).toBe(
      midpoint({ ...everyone, provinces: ["ID-JK"], interests: ["pets"] }),
    );
  });

  it("turns the daily budget into people at the default CPM and a frequency of 1.5", () => {
    // Rp 150.000 at Rp 15.000 per 1,000 buys 10,000 impressions: about 6,667 people.
    const estimate = estimateAudience(everyone, { dailyBudgetMicros: rupiah(150_000n) });
    const reach = 10_000 / TYPICAL_DAILY_FREQUENCY;
    expect(estimate.dailyReachLow).toBe(Math.round(reach * 0.75));
    expect(estimate.dailyReachHigh).toBe(Math.round(reach * 1.25));
  });

  it("prices impressions at the CPM bid, but not at a CPC bid", () => {
    const daily = rupiah(150_000n);
    expect(affordableDailyImpressions({ dailyBudgetMicros: daily })).toBe(10_000);
    expect(
      affordableDailyImpressions({
        dailyBudgetMicros: daily,
        bidding: { billingEvent: "cpm", bidMicros: rupiah(30_000n) },
      }),
    ).toBe(5_000);
    expect(
      affordableDailyImpressions({
        dailyBudgetMicros: daily,
        bidding: { billingEvent: "cpc", bidMicros: 1n },
      }),
    ).toBe(10_000);
    expect(DEFAULT_CPM_MICROS).toBe(15_000_000_000n);
    expect(affordableDailyImpressions({ dailyBudgetMicros: -1n })).toBe(0);
  });

  it("never reaches more people than the audience holds", () => {
    const tiny: Targeting = { ...everyone, cities: ["31.01"], interests: ["property"] };
    const estimate = estimateAudience(tiny, { dailyBudgetMicros: rupiah(100_000_000n) });
    expect(estimate.dailyReachHigh).toBe(estimate.populationHigh);
    expect(estimate.dailyReachLow).toBe(estimate.populationLow);
  });

  it("says not available, with no figure at all, when a listed regency has no census count", () => {
    const noFigure = CITIES.find((city) => city.population === null && city.provinceCode === "ID-JB");
    if (!noFigure) throw new Error("every Jawa Barat regency has a figure");
    const estimate = estimateAudience(
      { ...everyone, provinces: ["ID-JB"], cities: ["32.73", noFigure.code] },
      { dailyBudgetMicros: rupiah(100_000n) },
    );
    expect(estimate).toEqual({
      availability: "not_available",
      populationLow: null,
      populationHigh: null,
      dailyReachLow: null,
      dailyReachHigh: null,
      citiesWithoutFigure: [noFigure.code],
    });
    // Left out by the province list, it adds nobody, so the others are still counted.
    const outside = estimateAudience(
      { ...everyone, provinces: ["ID-JK"], cities: [noFigure.code] },
      noBudget,
    );
    expect(outside.availability).toBe("estimated");
  });

  it("gives a figure for every whole province, whatever its regencies' figures", () => {
    for (const province of PROVINCES) {
      const estimate = estimateAudience({ ...everyone, provinces: [province.code] }, noBudget);
      expect(estimate.availability, province.code).toBe("estimated");
    }
  });

  const subsetOf = (values: readonly string[]) => fc.subarray([...values]);
  const targetingArbitrary = fc.record({
    provinces: subsetOf(PROVINCES.map((p) => p.code)),
    cities: subsetOf(counted()),
    ageBands: subsetOf(AGE_BANDS),
    genders: subsetOf(GENDERS),
    interests: subsetOf(INTERESTS),
    devices: subsetOf(DEVICES),
    languages: subsetOf(LANGUAGES),
  });

  it("gives ordered, non-negative integer ranges for any targeting and budget", () => {
    fc.assert(
      fc.property(
        targetingArbitrary,
        fc.bigInt({ min: 0n, max: rupiah(1_000_000_000n) }),
        (targeting, daily) => {
          const e = estimateAudience(targeting, { dailyBudgetMicros: daily });
          if (e.availability !== "estimated") throw new Error("counted cities only");
          for (const value of [e.populationLow, e.populationHigh, e.dailyReachLow, e.dailyReachHigh]) {
            expect(Number.isInteger(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          }
          expect(e.populationLow).toBeLessThanOrEqual(e.populationHigh);
          expect(e.dailyReachLow).toBeLessThanOrEqual(e.dailyReachHigh);
          expect(e.dailyReachHigh).toBeLessThanOrEqual(e.populationHigh);
          expect(e.populationHigh).toBeLessThanOrEqual(INDONESIA_POPULATION);
        },
      ),
    );
  });

  it("never grows when a demographic list is narrowed, nor shrinks when an interest is added", () => {
    fc.assert(
      fc.property(
        targetingArbitrary,
        fc.constantFrom("ageBands", "genders", "devices", "languages"),
        (targeting, list) => {
          const values = (targeting as Record<string, string[]>)[list] ?? [];
          if (values.length < 2) return;
          const narrower = { ...targeting, [list]: values.slice(1) };
          expect(midpoint(narrower)).toBeLessThanOrEqual(midpoint(targeting));
        },
      ),
    );
    fc.assert(
      fc.property(targetingArbitrary, fc.constantFrom(...INTERESTS), (targeting, interest) => {
        if (targeting.interests.length === 0) return;
        const wider = { ...targeting, interests: [...targeting.interests, interest] };
        expect(midpoint(wider)).toBeGreaterThanOrEqual(midpoint(targeting));
      }),
    );
  });
});

describe("validateTargeting", () => {
  it("accepts the design's example and the empty targeting", () => {
    const example: Targeting = {
      provinces: ["ID-JK"],
      cities: [],
      ageBands: ["18-24", "25-34"],
      genders: ["female", "male"],
      interests: ["food_drink"],
      devices: ["android", "ios"],
      languages: ["id"],
    };
    expect(validateTargeting(example)).toEqual([]);
    expect(validateTargeting(everyone)).toEqual([]);
    expect(validateTargeting({ ...everyone, provinces: ["ID-JK"], cities: ["31.74"] })).toEqual([]);
    expect(validateTargeting({ ...everyone, cities: ["32.73", "35.78"] })).toEqual([]);
  });

  it("names each unknown code by its path", () => {
    const problems = validateTargeting({
      provinces: ["ID-JK", "ID-XX"],
      cities: ["atlantis"],
      ageBands: ["13-17"],
      genders: ["other"],
      interests: ["food_drink", "knitting"],
      devices: ["blackberry"],
      languages: ["fr"],
    });
    expect(problems.map((problem) => problem.path)).toEqual([
      "targeting.provinces.1",
      "targeting.ageBands.0",
      "targeting.genders.0",
      "targeting.interests.1",
      "targeting.devices.0",
      "targeting.languages.0",
      "targeting.cities.0",
    ]);
    expect(problems[0]?.message).toContain("ID-XX");
    expect(problems[0]).toMatchObject({
      code: "TARGETING_UNKNOWN",
      params: { list: "provinces", value: "ID-XX" },
    });
  });

  it("reports a city whose province the province list leaves out", () => {
    expect(validateTargeting({ ...everyone, provinces: ["ID-JK"], cities: ["31.72", "32.73"] })).toEqual([
      {
        path: "targeting.cities.1",
        code: "CITY_OUTSIDE_PROVINCES",
        params: { provinceCode: "ID-JB" },
        message: "is in ID-JB, which the province list leaves out",
      },
    ]);
  });

  it("reports repeats at the repeated position, under a custom base path", () => {
    const problems = validateTargeting(
      { ...everyone, genders: ["male", "male"], cities: ["12.71", "12.71"] },
      "body",
    );
    expect(problems).toEqual([
      {
        path: "body.genders.1",
        code: "TARGETING_REPEATED",
        params: { value: "male" },
        message: "repeats male",
      },
      {
        path: "body.cities.1",
        code: "TARGETING_REPEATED",
        params: { value: "12.71" },
        message: "repeats 12.71",
      },
    ]);
  });
});
