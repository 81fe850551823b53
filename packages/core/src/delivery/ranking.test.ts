import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money.js";
import {
  BILLED_EVENT,
  compareExpectedValue,
  costOfEvent,
  effectiveBidMicros,
  expectedCostPerImpression,
  expectedCpmMicros,
  expectedValueOrderingKey,
  expectedValuePerImpression,
  LOWEST_COST_CPC_MICROS,
  LOWEST_COST_CPM_MICROS,
  type RankingCandidate,
  rankCandidates,
} from "./ranking.js";

const cpm = (campaignId: string, wholeRupiah: bigint, adId = "ad-1"): RankingCandidate => ({
  campaignId,
  adId,
  billingEvent: "cpm",
  bidMicros: rupiah(wholeRupiah),
});
const cpc = (
  campaignId: string,
  wholeRupiah: bigint,
  clicks: number,
  impressions: number,
  adId = "ad-1",
): RankingCandidate => ({
  campaignId,
  adId,
  billingEvent: "cpc",
  bidMicros: rupiah(wholeRupiah),
  clicks,
  impressions,
});

describe("costOfEvent", () => {
  it("charges 1,000 impressions at a Rp 20.000 CPM exactly Rp 20.000", () => {
    const perImpression = costOfEvent({ billingEvent: "cpm", bidMicros: rupiah(20_000n) });
    expect(perImpression).toBe(rupiah(20n));
    expect(perImpression * 1000n).toBe(rupiah(20_000n));
  });

  it("rounds a CPM bid that is not a multiple of 1,000 micros up, by under a thousandth of a rupiah per 1,000", () => {
    const bidMicros = rupiah(20_000n) + 1n;
    const perImpression = costOfEvent({ billingEvent: "cpm", bidMicros });
    expect(perImpression).toBe(rupiah(20n) + 1n);
    expect(perImpression * 1000n - bidMicros).toBe(999n);
  });

  it("never charges 1,000 impressions less than the bid, nor Rp 1 more", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: rupiah(1_000_000_000n) }), (bidMicros) => {
        const thousand = costOfEvent({ billingEvent: "cpm", bidMicros }) * 1000n;
        expect(thousand).toBeGreaterThanOrEqual(bidMicros);
        expect(thousand - bidMicros).toBeLessThan(1000n);
        expect(thousand - bidMicros).toBeLessThan(rupiah(1n));
      }),
    );
  });

  it("charges the whole bid for a click", () => {
    expect(costOfEvent({ billingEvent: "cpc", bidMicros: rupiah(750n) })).toBe(rupiah(750n));
    expect(BILLED_EVENT).toEqual({ cpm: "impression", cpc: "click" });
  });

  it("charges lowest-cost campaigns the floor, lowered by a cap", () => {
    expect(LOWEST_COST_CPM_MICROS).toBe(rupiah(10_000n));
    expect(LOWEST_COST_CPC_MICROS).toBe(rupiah(500n));
    expect(costOfEvent({ strategy: "lowest_cost", billingEvent: "cpm", bidMicros: null })).toBe(rupiah(10n));
    expect(costOfEvent({ strategy: "lowest_cost", billingEvent: "cpm", bidMicros: rupiah(8_000n) })).toBe(
      rupiah(8n),
    );
    expect(costOfEvent({ strategy: "lowest_cost", billingEvent: "cpm", bidMicros: rupiah(50_000n) })).toBe(
      rupiah(10n),
    );
    expect(costOfEvent({ strategy: "lowest_cost", billingEvent: "cpc", bidMicros: null })).toBe(rupiah(500n));
    expect(costOfEvent({ strategy: "lowest_cost", billingEvent: "cpc", bidMicros: rupiah(300n) })).toBe(
      rupiah(300n),
    );
  });

  it("refuses a missing, zero or negative bid rather than serving for free", () => {
    expect(() => effectiveBidMicros({ billingEvent: "cpm", bidMicros: null })).toThrow(RangeError);
    expect(() => effectiveBidMicros({ strategy: "manual", billingEvent: "cpc", bidMicros: 0n })).toThrow(
      RangeError,
    );
    expect(() =>
      effectiveBidMicros({ strategy: "lowest_cost", billingEvent: "cpc", bidMicros: -1n }),
    ).toThrow(RangeError);
  });
});

describe("expectedValuePerImpression", () => {
  it("is a CPM bid over 1,000", () => {
    const value = expectedValuePerImpression(cpm("c", 20_000n));
    expect(compareExpectedValue(value, { numeratorMicros: rupiah(20n), denominator: 1n })).toBe(0);
    expect(expectedCpmMicros(value)).toBe(rupiah(20_000n));
  });

  it("prices a new CPC ad at the 1% prior: a Rp 1.000 click is worth Rp 10.000 CPM", () => {
    expect(expectedCpmMicros(expectedValuePerImpression(cpc("c", 1_000n, 0, 0)))).toBe(rupiah(10_000n));
  });

  it("smooths the CTR toward 1%: 1 click in 10 impressions predicts (1+10)/(10+1000), not 10%", () => {
    const value = expectedValuePerImpression(cpc("c", 1_000n, 1, 10));
    expect(value).toEqual({ numeratorMicros: rupiah(1_000n) * 11n, denominator: 1_010n });
    // Rp 1.000 × 11/1010 = Rp 10,891... per impression, Rp 10.891 per 1,000 (rounded down).
    expect(expectedCpmMicros(value)).toBe(10_891_089_108n);
  });

  it("moves to the ad's own CTR with data: 300 clicks in 10,000 impressions is near 2.8%", () => {
    const value = expectedValuePerImpression(cpc("c", 1_000n, 300, 10_000));
    expect(value.denominator).toBe(11_000n);
    expect(expectedCpmMicros(value)).toBe((rupiah(1_000n) * 310n * 1000n) / 11_000n);
  });

  it("refuses fractional or negative counts", () => {
    expect(() => expectedValuePerImpression(cpc("c", 1_000n, 0.5, 10))).toThrow(RangeError);
    expect(() => expectedValuePerImpression(cpc("c", 1_000n, 1, -10))).toThrow(RangeError);
  });
});

describe("expectedCostPerImpression", () => {
  it("is the CPM price of one impression for CPM", () => {
    expect(expectedCostPerImpression(cpm("c", 20_000n))).toBe(rupiah(20n));
  });

  it("is the click price times the predicted CTR for CPC, not the click price: pacing plans with it", () => {
    // A new ad at the 1% prior: a Rp 5.000 click is Rp 50 per impression.
    expect(expectedCostPerImpression(cpc("c", 5_000n, 0, 0))).toBe(rupiah(50n));
    // Rp 1.000 × 11/1010 = 10,891,089.1 micros, rounded up.
    expect(expectedCostPerImpression(cpc("c", 1_000n, 1, 10))).toBe(10_891_090n);
  });
});

describe("rankCandidates", () => {
  it("puts the highest expected value first, comparing CPM and CPC exactly", () => {
    const ranked = rankCandidates([
      cpm("a", 12_000n),
      cpc("b", 1_000n, 0, 0), // worth Rp 10.000 CPM
      cpc("c", 1_000n, 50, 1_000), // (50+10)/(1000+1000) = 3%: Rp 30.000 CPM
      cpm("d", 25_000n),
    ]);
    expect(ranked.map((candidate) => candidate.campaignId)).toEqual(["c", "d", "a", "b"]);
  });

  it("breaks exact ties by campaign id, then ad id, in code-unit order", () => {
    const ranked = rankCandidates([
      cpm("b", 20_000n, "ad-1"),
      cpm("a", 20_000n, "ad-2"),
      cpm("a", 20_000n, "ad-1"),
      // Rp 2.000 CPC at the 1% prior is also exactly Rp 20.000 CPM.
      cpc("B", 2_000n, 0, 0, "ad-0"),
    ]);
    expect(ranked.map((candidate) => `${candidate.campaignId}/${candidate.adId}`)).toEqual([
      "B/ad-0",
      "a/ad-1",
      "a/ad-2",
      "b/ad-1",
    ]);
  });

  it("tells apart values closer than a micro", () => {
    // 1,000.001 micros against exactly 1,000 micros per impression: whole micros would call it a tie.
    const ranked = rankCandidates([
      { campaignId: "a", adId: "ad-1", billingEvent: "cpc", bidMicros: 100_000n },
      { campaignId: "b", adId: "ad-1", billingEvent: "cpm", bidMicros: 1_000_001n },
    ]);
    expect(ranked.map((candidate) => candidate.campaignId)).toEqual(["b", "a"]);
  });

  const candidateArbitrary: fc.Arbitrary<RankingCandidate> = fc.record({
    campaignId: fc.constantFrom("c1", "c2", "c3"),
    adId: fc.constantFrom("a1", "a2"),
    strategy: fc.constantFrom("manual" as const, "lowest_cost" as const),
    billingEvent: fc.constantFrom("cpm" as const, "cpc" as const),
    bidMicros: fc.bigInt({ min: 1n, max: rupiah(100_000n) }),
    clicks: fc.nat({ max: 1_000 }),
    impressions: fc.nat({ max: 100_000 }),
  });

  it("returns a permutation sorted by value, the same whatever the input order", () => {
    fc.assert(
      fc.property(
        fc.array(candidateArbitrary, { maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (candidates, seeds) => {
          const ranked = rankCandidates(candidates);
          expect(ranked).toHaveLength(candidates.length);
          expect(new Set(ranked)).toEqual(new Set(candidates));
          for (let i = 1; i < ranked.length; i++) {
            const previous = expectedValuePerImpression(ranked[i - 1] as RankingCandidate);
            const current = expectedValuePerImpression(ranked[i] as RankingCandidate);
            expect(compareExpectedValue(previous, current)).toBeGreaterThanOrEqual(0);
          }
          const shuffled = [...candidates]
            .map((candidate) => ({ candidate, key: seeds.next().value }))
            .sort((a, b) => a.key - b.key)
            .map(({ candidate }) => candidate);
          const key = (c: RankingCandidate) =>
            `${c.campaignId}/${c.adId}/${expectedCpmMicros(expectedValuePerImpression(c))}`;
          expect(rankCandidates(shuffled).map(key)).toEqual(ranked.map(key));
        },
      ),
    );
  });
});

describe("expectedValueOrderingKey", () => {
  const value = fc.record({
    numeratorMicros: fc.bigInt({ min: 0n, max: 10n ** 24n }),
    denominator: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  });

  it("orders two values as the exact comparison does wherever they differ by more than 1e-9", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const keyA = expectedValueOrderingKey(a);
        const keyB = expectedValueOrderingKey(b);
        if (Math.abs(keyA - keyB) <= 1e-9 * Math.max(keyA, keyB)) return;
        expect(Math.sign(keyA - keyB)).toBe(compareExpectedValue(a, b));
      }),
      { numRuns: 2_000 },
    );
  });
});
