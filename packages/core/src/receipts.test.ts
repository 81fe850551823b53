import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "./money.js";
import {
  formatReceiptNumber,
  parseReceiptNumber,
  receiptAmounts,
  receiptTotals,
  terbilang,
} from "./receipts.js";

describe("terbilang", () => {
  it.each([
    [0n, "nol"],
    [11n, "sebelas"],
    [15n, "lima belas"],
    [100n, "seratus"],
    [1_000n, "seribu"],
    [1_500n, "seribu lima ratus"],
    [21_011n, "dua puluh satu ribu sebelas"],
    [250_000n, "dua ratus lima puluh ribu"],
    [1_000_000n, "satu juta"],
    [100_000_000n, "seratus juta"],
    [2_001_110_000n, "dua miliar satu juta seratus sepuluh ribu"],
  ])("%s is %s", (value, words) => {
    expect(terbilang(value)).toBe(words);
  });
});

describe("PMK 131/2024 amounts", () => {
  it("shows 12% PPN on a DPP of 11/12 of the price: 11% of the price, inside the total", () => {
    const amounts = receiptAmounts(rupiah(1_110_000n), 1_100n);
    expect(amounts).toEqual({
      priceMicros: rupiah(1_000_000n),
      dppMicros: (rupiah(1_000_000n) * 11n) / 12n,
      ppnMicros: rupiah(110_000n),
      totalMicros: rupiah(1_110_000n),
    });
    // 12% of the (floored) DPP is the PPN to the micro.
    expect(amounts.ppnMicros - (amounts.dppMicros * 12n) / 100n).toBeLessThanOrEqual(1n);
  });
});

describe("receipt totals of a monthly document", () => {
  it("equal the sum of each listed receipt's own amounts, and price + PPN = total", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { maxLength: 40 }), (totals) => {
        const sum = receiptTotals(totals, 1_100n);
        const lines = totals.map((total) => receiptAmounts(total, 1_100n));
        expect(sum.ppnMicros).toBe(lines.reduce((acc, line) => acc + line.ppnMicros, 0n));
        expect(sum.dppMicros).toBe(lines.reduce((acc, line) => acc + line.dppMicros, 0n));
        expect(sum.priceMicros + sum.ppnMicros).toBe(sum.totalMicros);
        expect(sum.totalMicros).toBe(totals.reduce((acc, total) => acc + total, 0n));
      }),
    );
  });
});

describe("receipt numbers", () => {
  it("read back what they print, for every series, year and number", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("SRT" as const, "RKP" as const),
        fc.integer({ min: 2000, max: 9999 }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (series, year, number) => {
          expect(parseReceiptNumber(formatReceiptNumber({ series, year, number }))).toEqual({
            series,
            year,
            number,
          });
        },
      ),
    );
  });

  it("are six digits at least, and refuse anything else", () => {
    expect(formatReceiptNumber({ series: "SRT", year: 2026, number: 123n })).toBe("SRT/2026/000123");
    for (const text of ["SRT/2026/123", "XYZ/2026/000123", "SRT/2026/000000", "srt/2026/000001", ""]) {
      expect(parseReceiptNumber(text)).toBeNull();
    }
  });
});
