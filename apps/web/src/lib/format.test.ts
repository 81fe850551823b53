import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney } from "./format";

describe("formatMoney", () => {
  it("shows whole rupiah the Indonesian way", () => {
    expect(formatMoney("1500000000000")).toBe("Rp 1.500.000");
    expect(formatMoney("0")).toBe("Rp 0");
    expect(formatMoney("-20000000000")).toBe("-Rp 20.000");
  });

  it("keeps every digit of amounts far beyond Number.MAX_SAFE_INTEGER", () => {
    // Half a rupiah short of rounding up; as a JS number these micros become ...500000 and round up.
    expect(formatMoney("9007199254740499999")).toBe("Rp 9.007.199.254.740");
    expect(formatMoney("9223372036854775807")).toBe("Rp 9.223.372.036.855");
  });

  it("rounds half a rupiah away from zero", () => {
    expect(formatMoney("1499999")).toBe("Rp 1");
    expect(formatMoney("1500000")).toBe("Rp 2");
  });

  it("refuses anything that is not an integer string of micros", () => {
    expect(() => formatMoney("1.5")).toThrow(RangeError);
    expect(() => formatMoney("1e6")).toThrow(RangeError);
  });
});

describe("dates in a business's time zone", () => {
  // 16:30 UTC is already the next day in Papua (UTC+9, no daylight saving).
  const instant = "2026-12-31T16:30:00Z";

  it("formats a moment in Asia/Jayapura and names the zone WIT", () => {
    expect(formatDateTime(instant, "id", "Asia/Jayapura")).toBe("1 Jan 2027, 01.30 WIT");
    expect(formatDateTime(instant, "en", "Asia/Jayapura")).toBe("1 Jan 2027, 01:30 WIT");
  });

  it("gives the same instant its own local time in each zone", () => {
    expect(formatDateTime(instant, "en", "Asia/Jakarta")).toBe("31 Dec 2026, 23:30 WIB");
    expect(formatDateTime(instant, "en", "Asia/Makassar")).toBe("1 Jan 2027, 00:30 WITA");
  });

  it("reads offsets in the input rather than assuming UTC", () => {
    expect(formatDateTime("2027-01-01T01:30:00+09:00", "id", "Asia/Jayapura")).toBe("1 Jan 2027, 01.30 WIT");
  });

  it("formats calendar dates in the business's zone", () => {
    expect(formatDate(instant, "id", "Asia/Jayapura")).toBe("1 Januari 2027");
    expect(formatDate(instant, "en", "Asia/Jakarta")).toBe("31 December 2026");
  });
});
