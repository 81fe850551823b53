import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatRupiah,
  isMicrosString,
  MAX_MICROS,
  parseMicros,
  rupiah,
  rupiahDecimal,
  toWholeRupiah,
} from "./money.js";

describe("money", () => {
  it("formats whole rupiah the Indonesian way", () => {
    expect(formatRupiah(rupiah(1_500_000n))).toBe("Rp 1.500.000");
    expect(formatRupiah(0n)).toBe("Rp 0");
    expect(formatRupiah(-rupiah(20_000n))).toBe("-Rp 20.000");
  });

  it("rounds half a rupiah away from zero", () => {
    expect(toWholeRupiah(1_499_999n)).toBe(1n);
    expect(toWholeRupiah(1_500_000n)).toBe(2n);
    expect(toWholeRupiah(-1_500_000n)).toBe(-2n);
    expect(toWholeRupiah(499_999n)).toBe(0n);
  });

  it("keeps precision beyond Number.MAX_SAFE_INTEGER", () => {
    const huge = rupiah(9_007_199_254_740_993n);
    expect(formatRupiah(huge)).toBe("Rp 9.007.199.254.740.993");
  });

  it("accepts only canonical integer strings within bigint range", () => {
    expect(isMicrosString("20000000000")).toBe(true);
    expect(isMicrosString("-5")).toBe(true);
    for (const bad of ["", "1.5", "1e6", "01", " 1", "0x10", "+1", (MAX_MICROS + 1n).toString()]) {
      expect(isMicrosString(bad), bad).toBe(false);
    }
    expect(() => parseMicros("12.0")).toThrow(RangeError);
  });

  it("round-trips every bigint in range through its string form", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_MICROS, max: MAX_MICROS }), (micros) => {
        expect(parseMicros(micros.toString())).toBe(micros);
      }),
    );
  });
});

describe("rupiahDecimal", () => {
  it("writes micros as exact rupiah with six decimal places", () => {
    expect(rupiahDecimal(rupiah(1_500n))).toBe("1500.000000");
    expect(rupiahDecimal(12_500_000n)).toBe("12.500000");
    expect(rupiahDecimal(1n)).toBe("0.000001");
    expect(rupiahDecimal(-rupiah(250_000n) - 5n)).toBe("-250000.000005");
    expect(rupiahDecimal(0n)).toBe("0.000000");
  });

  it("takes the comma decimal mark of Indonesian spreadsheets", () => {
    expect(rupiahDecimal(rupiah(1_500n), ",")).toBe("1500,000000");
    expect(rupiahDecimal(-5n, ",")).toBe("-0,000005");
  });

  it("reads back as the same number of micros", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_MICROS, max: MAX_MICROS }), (micros) => {
        expect(BigInt(rupiahDecimal(micros).replace(".", ""))).toBe(micros);
      }),
    );
  });
});
