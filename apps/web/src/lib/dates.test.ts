import { describe, expect, it } from "vitest";
import { addDays, endOfLocalDay, isLocalDate, localDate } from "./dates";

describe("local dates", () => {
  // 16:30 UTC on 31 December is already New Year's Day in Papua (UTC+9).
  const instant = new Date("2026-12-31T16:30:00Z");

  it("finds the calendar day an instant falls on in each zone", () => {
    expect(localDate(instant, "Asia/Jakarta")).toBe("2026-12-31");
    expect(localDate(instant, "Asia/Makassar")).toBe("2027-01-01");
    expect(localDate(instant, "Asia/Jayapura")).toBe("2027-01-01");
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("ends a local day at 23:59:59 with the zone's own offset", () => {
    expect(endOfLocalDay("2026-12-31", "Asia/Jakarta")).toBe("2026-12-31T23:59:59+07:00");
    expect(endOfLocalDay("2026-12-31", "Asia/Makassar")).toBe("2026-12-31T23:59:59+08:00");
    expect(endOfLocalDay("2026-12-31", "Asia/Jayapura")).toBe("2026-12-31T23:59:59+09:00");
    expect(Date.parse(endOfLocalDay("2026-12-31", "Asia/Jayapura"))).toBe(Date.parse("2026-12-31T14:59:59Z"));
  });

  it("recognises YYYY-MM-DD dates only", () => {
    expect(isLocalDate("2026-12-01")).toBe(true);
    expect(isLocalDate("2026-13-01")).toBe(false);
    // The promo form's expiry is checked with this: a date the API would refuse never leaves it.
    expect(isLocalDate("2026-02-30")).toBe(false);
    expect(isLocalDate("01/12/2026")).toBe(false);
    expect(isLocalDate("")).toBe(false);
  });
});
