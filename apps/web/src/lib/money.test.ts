import { MAX_TOPUP_MICROS, MIN_TOPUP_MICROS } from "@sorot/core";
import { describe, expect, it } from "vitest";
import { catalogueI18n } from "../i18n/testing";
import {
  formatRupiahDigits,
  formatSignedMoney,
  parseRupiah,
  rupiahAmount,
  rupiahToMicros,
  wholeRupiahIn,
} from "./money";

const i18n = await catalogueI18n("id");

describe("parseRupiah", () => {
  it.each([
    ["500000", 500_000n],
    ["500.000", 500_000n],
    ["1.000.000", 1_000_000n],
    ["Rp 250.000", 250_000n],
    ["Rp. 250.000", 250_000n],
    ["rp100000", 100_000n],
    ["500,000", 500_000n],
    ["1 000 000", 1_000_000n],
    ["  75.000 ", 75_000n],
    ["0", 0n],
  ])("reads %j as %s rupiah", (text, rupiah) => {
    expect(parseRupiah(text)).toBe(rupiah);
  });

  it.each(["", "abc", "1.5", "500.000,50", "50.00", "1.0000", "-500000", "5e5", "Rp", "12.345.67"])(
    "refuses %j rather than guess",
    (text) => {
      expect(parseRupiah(text)).toBeNull();
    },
  );

  it("keeps every digit of amounts beyond Number.MAX_SAFE_INTEGER", () => {
    expect(parseRupiah("9.007.199.254.740.993")).toBe(9_007_199_254_740_993n);
  });
});

describe("conversions", () => {
  it("turns whole rupiah into micro-rupiah strings with bigint arithmetic", () => {
    expect(rupiahToMicros(500_000n)).toBe("500000000000");
    expect(rupiahToMicros(9_007_199_254_740_993n)).toBe("9007199254740993000000");
  });

  it("groups digits the Indonesian way for inputs", () => {
    expect(formatRupiahDigits(1_000_000n)).toBe("1.000.000");
  });

  it("rounds withdrawable micros down to whole rupiah", () => {
    expect(wholeRupiahIn("123456999999")).toBe(123_456n);
    expect(wholeRupiahIn("-5")).toBe(0n);
  });

  it("signs ledger amounts", () => {
    expect(formatSignedMoney("500000000000")).toBe("+Rp 500.000");
    expect(formatSignedMoney("-20000000000")).toBe("-Rp 20.000");
    expect(formatSignedMoney("0")).toBe("Rp 0");
  });
});

describe("rupiahAmount", () => {
  const topupAmount = () =>
    rupiahAmount(i18n.t, { minMicros: MIN_TOPUP_MICROS, maxMicros: MAX_TOPUP_MICROS });

  it("parses typed rupiah into the micros of the request body", () => {
    expect(topupAmount().parse("500.000")).toBe("500000000000");
  });

  it.each([
    ["", "Wajib diisi."],
    ["500.000,50", "Tulis rupiah bulat tanpa sen, misalnya 500.000."],
    ["49.999", "Minimal Rp 50.000."],
    ["100.000.001", "Maksimal Rp 100.000.000."],
  ])("explains %j in the user's language", (text, message) => {
    const result = topupAmount().safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it("accepts both limits themselves", () => {
    expect(topupAmount().parse("50.000")).toBe(MIN_TOPUP_MICROS.toString());
    expect(topupAmount().parse("100.000.000")).toBe(MAX_TOPUP_MICROS.toString());
  });

  it("says the caller's own words above the maximum", () => {
    const schema = rupiahAmount(i18n.t, { maxMicros: 1_000_000_000n, tooBig: "too much" });
    expect(schema.safeParse("1.001").error?.issues[0]?.message).toBe("too much");
  });

  it("refuses zero even without a minimum", () => {
    expect(rupiahAmount(i18n.t).safeParse("0").success).toBe(false);
  });
});
