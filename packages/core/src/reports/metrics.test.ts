import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money.js";
import {
  addTotals,
  CAMPAIGN_OBJECTIVES,
  deriveMetrics,
  emptyTotals,
  METRIC_DEFINITIONS,
  type MetricTotals,
  percentChange,
  whatsappMetrics,
} from "./metrics.js";

function totals(overrides: Partial<MetricTotals>): MetricTotals {
  return { ...emptyTotals(), ...overrides };
}

const count = fc.bigInt({ min: 0n, max: 10n ** 15n });
const arbitraryTotals: fc.Arbitrary<MetricTotals> = fc.record({
  impressions: count,
  reach: fc.oneof(fc.constant(null), fc.constant(0n), count),
  clicks: count,
  videoStarts: count,
  videoViews: fc.option(count, { nil: null }),
  videoQ25: count,
  videoQ50: count,
  videoQ75: count,
  videoCompletes: count,
  conversions: count,
  invalidEvents: count,
  spendMicros: fc.bigInt({ min: 0n, max: 10n ** 18n }),
});

describe("deriveMetrics", () => {
  it("answers null for every ratio of an empty set instead of dividing by zero", () => {
    for (const objective of CAMPAIGN_OBJECTIVES) {
      const metrics = deriveMetrics(totals({ spendMicros: rupiah(5_000n) }), objective);
      expect(metrics).toMatchObject({
        frequency: null,
        ctr: null,
        cpcMicros: null,
        cpmMicros: null,
        completionRate: null,
        conversionRate: null,
        costPerResultMicros: null,
      });
    }
  });

  it("answers null frequency and reach results when reach is unknown", () => {
    const metrics = deriveMetrics(totals({ impressions: 100n, reach: null }), "reach");
    expect(metrics.frequency).toBeNull();
    expect(metrics.result).toBeNull();
    expect(metrics.resultCounter).toBe("reach");
    expect(metrics.costPerResultMicros).toBeNull();
  });

  it("computes the ratio of sums, not the average of the rows' ratios", () => {
    const busyHour = totals({ impressions: 1_000n, clicks: 1n, spendMicros: rupiah(10_000n) });
    const quietHour = totals({ impressions: 10n, clicks: 1n, spendMicros: rupiah(1_000n) });
    const averageOfRatios = (1 / 1_000 + 1 / 10) / 2;
    const metrics = deriveMetrics(addTotals(busyHour, quietHour), "traffic");
    // 2 clicks over 1,010 impressions = 0.00198..., rounded to 4 decimals.
    expect(metrics.ctr).toBe(0.002);
    expect(metrics.ctr).not.toBeCloseTo(averageOfRatios, 3);
    // Rp 11.000 over 2 clicks.
    expect(metrics.cpcMicros).toBe(rupiah(5_500n));
    // CPM: Rp 11.000 × 1000 / 1010 = Rp 10.891,089108..., while the rows' CPMs average Rp 55.000.
    expect(metrics.cpmMicros).toBe(10_891_089_109n);
  });

  it("charges exactly Rp 20.000 CPM for Rp 20.000 over 1,000 impressions", () => {
    const metrics = deriveMetrics(totals({ impressions: 1_000n, spendMicros: rupiah(20_000n) }), "reach");
    expect(metrics.cpmMicros).toBe(rupiah(20_000n));
  });

  it("rounds money ratios half up to whole micros", () => {
    expect(deriveMetrics(totals({ clicks: 2n, spendMicros: 5n }), "traffic").cpcMicros).toBe(3n);
    expect(deriveMetrics(totals({ clicks: 3n, spendMicros: 1n }), "traffic").cpcMicros).toBe(0n);
    expect(deriveMetrics(totals({ clicks: 3n, spendMicros: 2n }), "traffic").cpcMicros).toBe(1n);
    expect(deriveMetrics(totals({ impressions: 3n, spendMicros: 1n }), "reach").cpmMicros).toBe(333n);
    expect(deriveMetrics(totals({ impressions: 2_000n, spendMicros: 1n }), "reach").cpmMicros).toBe(1n);
  });

  it("rounds rates to 4 decimals and frequency to 2, half up", () => {
    expect(deriveMetrics(totals({ impressions: 3n, clicks: 1n }), "traffic").ctr).toBe(0.3333);
    expect(deriveMetrics(totals({ impressions: 3n, clicks: 2n }), "traffic").ctr).toBe(0.6667);
    expect(deriveMetrics(totals({ impressions: 20_000n, clicks: 1n }), "traffic").ctr).toBe(0.0001);
    expect(deriveMetrics(totals({ impressions: 185n, reach: 100n }), "reach").frequency).toBe(1.85);
    expect(deriveMetrics(totals({ impressions: 2n, reach: 3n }), "reach").frequency).toBe(0.67);
    expect(deriveMetrics(totals({ videoStarts: 8n, videoCompletes: 1n }), "video_views").completionRate).toBe(
      0.125,
    );
    expect(deriveMetrics(totals({ clicks: 40n, conversions: 3n }), "conversions").conversionRate).toBe(0.075);
  });

  it("keeps rates exact for counts beyond Number.MAX_SAFE_INTEGER", () => {
    const metrics = deriveMetrics(totals({ impressions: 10n ** 20n + 1n, clicks: 10n ** 18n }), "traffic");
    expect(metrics.ctr).toBe(0.01);
  });

  it("counts the result each objective asks for", () => {
    const sample = totals({
      impressions: 1_000n,
      reach: 400n,
      clicks: 50n,
      videoStarts: 200n,
      videoViews: 120n,
      videoQ25: 90n,
      conversions: 5n,
      spendMicros: rupiah(100_000n),
    });
    expect(deriveMetrics(sample, "reach")).toMatchObject({
      result: 400n,
      resultCounter: "reach",
      costPerResultMicros: rupiah(250n),
    });
    expect(deriveMetrics(sample, "traffic")).toMatchObject({
      result: 50n,
      resultCounter: "clicks",
      costPerResultMicros: rupiah(2_000n),
    });
    expect(deriveMetrics(sample, "video_views")).toMatchObject({
      result: 120n,
      resultCounter: "videoViews",
      costPerResultMicros: 833_333_333n,
    });
    expect(deriveMetrics(sample, "conversions")).toMatchObject({
      result: 5n,
      resultCounter: "conversions",
      costPerResultMicros: rupiah(20_000n),
    });
  });

  it("counts video starts as video views when the 2-second counter is not recorded", () => {
    const metrics = deriveMetrics(
      totals({ videoStarts: 200n, videoViews: null, spendMicros: rupiah(1_000n) }),
      "video_views",
    );
    expect(metrics).toMatchObject({
      result: 200n,
      resultCounter: "videoStarts",
      costPerResultMicros: 5_000_000n,
    });
  });

  it("never derives negative money from non-negative counters", () => {
    fc.assert(
      fc.property(arbitraryTotals, fc.constantFrom(...CAMPAIGN_OBJECTIVES), (sample, objective) => {
        const metrics = deriveMetrics(sample, objective);
        for (const money of [metrics.cpcMicros, metrics.cpmMicros, metrics.costPerResultMicros]) {
          expect(money === null || money >= 0n).toBe(true);
        }
      }),
    );
  });

  it("rounds CPM to within half a micro of the exact value", () => {
    fc.assert(
      fc.property(arbitraryTotals, (sample) => {
        const { cpmMicros } = deriveMetrics(sample, "reach");
        if (sample.impressions === 0n) {
          expect(cpmMicros).toBeNull();
          return;
        }
        if (cpmMicros === null) throw new Error("CPM missing despite impressions");
        const errorTimesImpressions = cpmMicros * sample.impressions - sample.spendMicros * 1000n;
        // |cpm − exact| ≤ ½, multiplied through by impressions; ties go up, so the error is > −½.
        expect(2n * errorTimesImpressions <= sample.impressions).toBe(true);
        expect(2n * errorTimesImpressions > -sample.impressions).toBe(true);
      }),
    );
  });
});

describe("addTotals", () => {
  it("sums counters and keeps reach only while it cannot double-count a person", () => {
    const a = totals({ impressions: 10n, reach: 5n, clicks: 1n, videoViews: 3n, spendMicros: 7n });
    const b = totals({ impressions: 20n, reach: 7n, clicks: 2n, videoViews: null, spendMicros: 11n });
    const sum = addTotals(a, b);
    expect(sum).toMatchObject({ impressions: 30n, clicks: 3n, spendMicros: 18n });
    expect(sum.reach).toBeNull();
    expect(sum.videoViews).toBeNull();
    expect(addTotals(a, totals({ impressions: 4n, reach: 0n })).reach).toBe(5n);
  });

  it("is associative", () => {
    fc.assert(
      fc.property(arbitraryTotals, arbitraryTotals, arbitraryTotals, (a, b, c) => {
        expect(addTotals(addTotals(a, b), c)).toEqual(addTotals(a, addTotals(b, c)));
      }),
    );
  });

  it("is commutative", () => {
    fc.assert(
      fc.property(arbitraryTotals, arbitraryTotals, (a, b) => {
        expect(addTotals(a, b)).toEqual(addTotals(b, a));
      }),
    );
  });

  it("has emptyTotals as identity", () => {
    fc.assert(
      fc.property(arbitraryTotals, (a) => {
        expect(addTotals(emptyTotals(), a)).toEqual(a);
        expect(addTotals(a, emptyTotals())).toEqual(a);
      }),
    );
  });
});

describe("percentChange", () => {
  it("compares bigints exactly", () => {
    expect(percentChange(120n, 100n)).toBe(20);
    expect(percentChange(50n, 100n)).toBe(-50);
    expect(percentChange(100n, 100n)).toBe(0);
    expect(percentChange(1n, 3n)).toBe(-66.67);
    expect(percentChange(2n, 3n)).toBe(-33.33);
    expect(percentChange(rupiah(3n), rupiah(2n))).toBe(50);
    // One micro on 10^30 is far below float precision, and far below 0.01%.
    expect(percentChange(10n ** 30n + 1n, 10n ** 30n)).toBe(0);
    expect(percentChange(2n * 10n ** 30n, 10n ** 30n)).toBe(100);
  });

  it("compares numbers (rates) as a relative change", () => {
    expect(percentChange(0.012, 0.01)).toBe(20);
    expect(percentChange(1, 3)).toBe(-66.67);
    expect(percentChange(0.3333, 0.25)).toBe(33.32);
  });

  it("answers null without a baseline", () => {
    expect(percentChange(10n, 0n)).toBeNull();
    expect(percentChange(0.5, 0)).toBeNull();
    expect(percentChange(null, 10n)).toBeNull();
    expect(percentChange(10n, null)).toBeNull();
    expect(percentChange(0.1, null)).toBeNull();
  });

  it("refuses to compare a bigint with a number", () => {
    const mixed = percentChange as (current: unknown, previous: unknown) => number | null;
    expect(() => mixed(1n, 2)).toThrow(TypeError);
  });
});

describe("METRIC_DEFINITIONS", () => {
  it("defines every counter and derived metric under its own key", () => {
    const derived = deriveMetrics(emptyTotals(), "traffic");
    const shownFields = [
      ...Object.keys(emptyTotals()),
      ...Object.keys(derived).filter((field) => field !== "resultCounter"),
      ...Object.keys(whatsappMetrics({ clicks: 0n, spendMicros: 0n })),
    ];
    expect(Object.keys(METRIC_DEFINITIONS).sort()).toEqual([...new Set(shownFields)].sort());
    for (const [key, definition] of Object.entries(METRIC_DEFINITIONS)) {
      expect(definition.key).toBe(key);
      expect(definition.formula.length).toBeGreaterThan(0);
      for (const text of [
        definition.label.id,
        definition.label.en,
        definition.tooltip.id,
        definition.tooltip.en,
      ]) {
        expect(text.trim().length, key).toBeGreaterThan(0);
      }
      expect(definition.valueKind === "micros", key).toBe(key.endsWith("Micros"));
    }
  });
});

describe("whatsappMetrics", () => {
  it("costs each tap to WhatsApp from the WhatsApp ads' spend, rounded half up, and nothing without taps", () => {
    expect(whatsappMetrics({ clicks: 3n, spendMicros: 10_000_000n })).toEqual({
      whatsappClicks: 3n,
      costPerWhatsappClickMicros: 3_333_333n,
    });
    expect(whatsappMetrics({ clicks: 0n, spendMicros: 5n })).toEqual({
      whatsappClicks: 0n,
      costPerWhatsappClickMicros: null,
    });
  });
});
