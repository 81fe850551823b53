import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "./money.js";
import {
  formatGrossAmount,
  grossAmountNumber,
  includedTaxMicros,
  parseGrossAmount,
  planSpend,
  runwayDays,
  runwayWindowDays,
  topupAmountProblem,
  topupToCover,
} from "./wallet.js";

const now = new Date("2026-12-01T00:00:00Z");
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe("top-up limits", () => {
  it("accepts Rp 50.000 to Rp 100.000.000 in whole rupiah", () => {
    expect(topupAmountProblem("amountMicros", rupiah(50_000n))).toBeUndefined();
    expect(topupAmountProblem("amountMicros", rupiah(100_000_000n))).toBeUndefined();
    expect(topupAmountProblem("amountMicros", rupiah(49_999n))).toMatchObject({
      code: "AMOUNT_BELOW_MINIMUM",
      params: { minimumMicros: "50000000000" },
      message: "must be at least Rp 50.000",
    });
    expect(topupAmountProblem("amountMicros", rupiah(100_000_001n))).toMatchObject({
      code: "AMOUNT_ABOVE_MAXIMUM",
      params: { maximumMicros: "100000000000000" },
    });
    expect(topupAmountProblem("amountMicros", rupiah(60_000n) + 1n)?.code).toBe("AMOUNT_NOT_WHOLE_RUPIAH");
  });
});

describe("a top-up to cover a shortfall", () => {
  it("is a top-up the limits accept, covering the shortfall when it can", () => {
    expect(topupToCover(rupiah(15_000n))).toBe(rupiah(50_000n));
    expect(topupToCover(rupiah(120_000n) + 1n)).toBe(rupiah(120_001n));
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: rupiah(200_000_000n) }), (shortfall) => {
        const offered = topupToCover(shortfall);
        expect(topupAmountProblem("amountMicros", offered)).toBeUndefined();
        if (shortfall <= rupiah(100_000_000n)) expect(offered >= shortfall).toBe(true);
      }),
    );
  });
});

describe("gateway amounts", () => {
  it("sends whole rupiah as the charge's JSON number and refuses a fraction", () => {
    expect(grossAmountNumber(rupiah(100_000_000n))).toBe(100_000_000);
    expect(() => grossAmountNumber(rupiah(50_000n) + 1n)).toThrow(RangeError);
  });

  it("formats and parses Midtrans gross_amount", () => {
    expect(formatGrossAmount(rupiah(500_000n))).toBe("500000.00");
    expect(parseGrossAmount("500000.00")).toBe(rupiah(500_000n));
    expect(parseGrossAmount("500000")).toBe(rupiah(500_000n));
    expect(parseGrossAmount("500000.5")).toBe(rupiah(500_000n) + 500_000n);
    for (const bad of ["", "-1.00", "1e5", "500,000.00", "12.345"])
      expect(parseGrossAmount(bad)).toBeUndefined();
  });

  it("round-trips every whole-rupiah amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (whole) => {
        expect(parseGrossAmount(formatGrossAmount(rupiah(whole)))).toBe(rupiah(whole));
      }),
    );
  });
});

describe("planSpend", () => {
  it("draws the soonest-expiring promo first, then cash", () => {
    const plan = planSpend(
      rupiah(30_000n),
      [
        { id: "late", remainingMicros: rupiah(20_000n), expiresAt: later(30) },
        { id: "soon", remainingMicros: rupiah(5_000n), expiresAt: later(2) },
      ],
      rupiah(100_000n),
      now,
    );
    expect(plan).toEqual({
      fromPromo: [
        { lotId: "soon", amountMicros: rupiah(5_000n) },
        { lotId: "late", amountMicros: rupiah(20_000n) },
      ],
      fromCashMicros: rupiah(5_000n),
    });
  });

  it("ignores expired lots and refuses what promo and cash cannot cover", () => {
    const lots = [{ id: "expired", remainingMicros: rupiah(50_000n), expiresAt: later(-1) }];
    expect(planSpend(rupiah(10_000n), lots, rupiah(9_999n), now)).toBeUndefined();
    expect(planSpend(rupiah(10_000n), lots, rupiah(10_000n), now)).toEqual({
      fromPromo: [],
      fromCashMicros: rupiah(10_000n),
    });
  });

  it("always charges exactly the amount, never more than each source holds", () => {
    const lot = fc.record({
      id: fc.uuid(),
      remainingMicros: fc.bigInt({ min: 0n, max: 10n ** 10n }),
      expiresAt: fc.integer({ min: -5, max: 60 }).map(later),
    });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 11n }),
        fc.array(lot, { maxLength: 5 }),
        fc.bigInt({ min: 0n, max: 10n ** 11n }),
        (amount, lots, cash) => {
          const plan = planSpend(amount, lots, cash, now);
          const usablePromo = lots
            .filter((l) => l.expiresAt > now)
            .reduce((sum, l) => sum + l.remainingMicros, 0n);
          if (!plan) {
            expect(usablePromo + cash).toBeLessThan(amount);
            return;
          }
          const fromPromo = plan.fromPromo.reduce((sum, draw) => sum + draw.amountMicros, 0n);
          expect(fromPromo + plan.fromCashMicros).toBe(amount);
          expect(plan.fromCashMicros).toBeLessThanOrEqual(cash);
          expect(plan.fromCashMicros >= 0n).toBe(true);
          for (const draw of plan.fromPromo) {
            const source = lots.find((l) => l.id === draw.lotId);
            expect(source && draw.amountMicros <= source.remainingMicros).toBe(true);
          }
          // Cash is touched only when promo is used up.
          if (plan.fromCashMicros > 0n) expect(fromPromo).toBe(usablePromo);
        },
      ),
    );
  });
});

describe("tax and runway", () => {
  it("shows the PPN included in a top-up at 11%", () => {
    expect(includedTaxMicros(rupiah(111_000n), 1_100n)).toBe(rupiah(11_000n));
  });

  it("forecasts whole days at the recent average spend", () => {
    expect(runwayDays(rupiah(300_000n), rupiah(700_000n), 7)).toBe(3);
    expect(runwayDays(rupiah(300_000n), 0n, 7)).toBeNull();
  });

  it("averages over the days since the first spend when that is under a week ago", () => {
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    expect(runwayWindowDays(null, now)).toBe(7);
    expect(runwayWindowDays(hoursAgo(3), now)).toBe(1);
    expect(runwayWindowDays(hoursAgo(24), now)).toBe(1);
    expect(runwayWindowDays(hoursAgo(25), now)).toBe(2);
    expect(runwayWindowDays(hoursAgo(24 * 30), now)).toBe(7);
    // Rp 100.000 spent since yesterday with Rp 300.000 left lasts 3 days, not 21.
    expect(runwayDays(rupiah(300_000n), rupiah(100_000n), runwayWindowDays(hoursAgo(20), now))).toBe(3);
  });
});
