import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  businessHoursDayparting,
  closureFromApi,
  closureToApi,
  daypartingPreset,
  durationDays,
  endAfterDays,
  hourRanges,
  isoToLocalInput,
  localInputToIso,
  normalizeDayparting,
  nowLocalInput,
  setDay,
  toggleHour,
  weeklyHours,
} from "./schedule";

describe("local wall time in the business's zone", () => {
  it("reads a datetime-local value with the zone's offset", () => {
    expect(localInputToIso("2026-12-01T08:00", "Asia/Jakarta")).toBe("2026-12-01T08:00:00+07:00");
    expect(localInputToIso("2026-12-01T08:00", "Asia/Makassar")).toBe("2026-12-01T08:00:00+08:00");
    expect(localInputToIso("2026-12-01T08:00", "Asia/Jayapura")).toBe("2026-12-01T08:00:00+09:00");
    expect(localInputToIso("2026-12-01T08:00:30", "Asia/Jakarta")).toBe("2026-12-01T08:00:30+07:00");
  });

  it("refuses text that is no real date and time", () => {
    expect(localInputToIso("", "Asia/Jakarta")).toBeNull();
    expect(localInputToIso("2026-02-30T08:00", "Asia/Jakarta")).toBeNull();
    expect(localInputToIso("2026-12-01T24:00", "Asia/Jakarta")).toBeNull();
    expect(localInputToIso("01/12/2026 08:00", "Asia/Jakarta")).toBeNull();
  });

  it("shows an instant as the business's clock shows it, whatever the offset it was written with", () => {
    // 16:30 UTC on 31 December is already 1 January in Papua (UTC+9).
    expect(isoToLocalInput("2026-12-31T16:30:00Z", "Asia/Jakarta")).toBe("2026-12-31T23:30");
    expect(isoToLocalInput("2026-12-31T16:30:00Z", "Asia/Jayapura")).toBe("2027-01-01T01:30");
    expect(isoToLocalInput("2026-12-01T08:00:00+08:00", "Asia/Jakarta")).toBe("2026-12-01T07:00");
  });

  it("round-trips in each zone", () => {
    for (const zone of ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const) {
      const iso = localInputToIso("2027-03-30T00:00", zone);
      expect(iso && isoToLocalInput(iso, zone)).toBe("2027-03-30T00:00");
    }
  });

  it("gives now to the minute on the business's clock", () => {
    expect(nowLocalInput("Asia/Makassar", new Date("2026-11-26T09:16:36Z"))).toBe("2026-11-26T17:16");
  });
});

describe("closures", () => {
  it("turn inclusive local days into the API's half-open range", () => {
    expect(
      closureToApi({ from: "2027-03-19", to: "2027-03-21", reason: " Lebaran " }, "Asia/Jakarta"),
    ).toEqual({
      from: "2027-03-19T00:00:00+07:00",
      to: "2027-03-22T00:00:00+07:00",
      reason: "Lebaran",
    });
    expect(closureToApi({ from: "2027-03-19", to: "", reason: "x" }, "Asia/Jakarta")).toBeNull();
  });

  it("come back as the days the owner chose", () => {
    const api = { from: "2027-03-19T00:00:00+08:00", to: "2027-03-22T00:00:00+08:00", reason: "Lebaran" };
    expect(closureFromApi(api, "Asia/Makassar")).toEqual({
      from: "2027-03-19",
      to: "2027-03-21",
      reason: "Lebaran",
    });
    // A closure ending mid-day still closes that day.
    const midDay = { ...api, to: "2027-03-21T12:00:00+08:00" };
    expect(closureFromApi(midDay, "Asia/Makassar").to).toBe("2027-03-21");
  });
});

describe("dayparting", () => {
  it("has an all-day preset (null) and business hours 08.00 to 21.00 every day", () => {
    expect(daypartingPreset(null)).toBe("all_day");
    const business = businessHoursDayparting();
    expect(business.mon).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(Object.keys(business)).toEqual(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
    expect(daypartingPreset(business)).toBe("business_hours");
    expect(weeklyHours(business)).toBe(7 * 13);
  });

  it("recognises a preset written in another order, and anything else as custom", () => {
    const shuffled = businessHoursDayparting();
    shuffled.tue = [...shuffled.tue].reverse();
    expect(daypartingPreset(shuffled)).toBe("business_hours");
    expect(daypartingPreset({ ...businessHoursDayparting(), sun: [] })).toBe("custom");
  });

  it("toggles one hour, starting from all day", () => {
    const withoutMondayMidnight = toggleHour(null, "mon", 0);
    expect(withoutMondayMidnight?.mon).toHaveLength(23);
    expect(withoutMondayMidnight?.tue).toHaveLength(24);
    expect(daypartingPreset(withoutMondayMidnight)).toBe("custom");
    // Turning it back on is all day again, which the API spells null.
    expect(toggleHour(withoutMondayMidnight, "mon", 0)).toBeNull();
  });

  it("switches whole days and counts hours", () => {
    const noSunday = setDay(null, "sun", false);
    expect(noSunday?.sun).toEqual([]);
    expect(weeklyHours(noSunday)).toBe(6 * 24);
    expect(setDay(noSunday, "sun", true)).toBeNull();
  });

  it("normalizes to sorted, unique hours for every day", () => {
    expect(normalizeDayparting({ mon: [9, 8, 8] })).toEqual({
      mon: [8, 9],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    });
  });

  it("summarises hours as ranges", () => {
    expect(hourRanges([8, 9, 10, 14])).toEqual([
      [8, 11],
      [14, 15],
    ]);
    expect(hourRanges([])).toEqual([]);
  });
});

describe("a duration in days", () => {
  it("ends the same wall-clock time that many days later, across months and years", () => {
    expect(endAfterDays("2026-12-28T09:30", 7)).toBe("2027-01-04T09:30");
    expect(endAfterDays("2028-02-25T00:00", 5)).toBe("2028-03-01T00:00");
    expect(endAfterDays("", 7)).toBe("");
  });

  it("reads back the days a chip set, and nothing for an end typed by hand", () => {
    expect(durationDays("2026-12-01T10:00", "2026-12-15T10:00")).toBe(14);
    expect(durationDays("2026-12-01T10:00", "2026-12-15T10:05")).toBeNull();
    expect(durationDays("2026-12-01T10:00", "")).toBeNull();
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2026-01-01T00:00:00Z"),
          max: new Date("2035-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 365 }),
        (start, days) => {
          const local = start.toISOString().slice(0, 16);
          expect(durationDays(local, endAfterDays(local, days))).toBe(days);
        },
      ),
    );
  });
});
