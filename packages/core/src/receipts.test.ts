import { describe, expect, it } from "vitest";
import { rupiah } from "./money.js";
import { receiptAmounts, terbilang } from "./receipts.js";

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
