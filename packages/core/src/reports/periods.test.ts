import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addLocalDays } from "../time/local-time.js";
import { arbitraryDate } from "../time/testing.js";
import {
  datesInRange,
  monthStart,
  previousPeriod,
  RANGE_PRESETS,
  rangeDayCount,
  rangePreset,
  weekStart,
} from "./periods.js";

describe("previousPeriod", () => {
  it("is the same length, ending the day before from", () => {
    expect(previousPeriod({ from: "2026-12-01", to: "2026-12-07" })).toEqual({
      from: "2026-11-24",
      to: "2026-11-30",
    });
    expect(previousPeriod({ from: "2026-12-08", to: "2026-12-08" })).toEqual({
      from: "2026-12-07",
      to: "2026-12-07",
    });
    expect(previousPeriod({ from: "2024-03-01", to: "2024-03-31" })).toEqual({
      from: "2024-01-30",
      to: "2024-02-29",
    });
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => previousPeriod({ from: "2026-12-08", to: "2026-12-07" })).toThrow(RangeError);
  });

  it("always has equal length and ends the day before from", () => {
    fc.assert(
      fc.property(arbitraryDate, fc.integer({ min: 0, max: 400 }), (from, extraDays) => {
        const range = { from, to: addLocalDays(from, extraDays) };
        const previous = previousPeriod(range);
        expect(rangeDayCount(previous)).toBe(rangeDayCount(range));
        expect(previous.to).toBe(addLocalDays(range.from, -1));
      }),
    );
  });
});

describe("datesInRange", () => {
  it("lists every date, both ends included", () => {
    expect(datesInRange({ from: "2024-02-27", to: "2024-03-02" })).toEqual([
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
      "2024-03-02",
    ]);
    expect(datesInRange({ from: "2026-12-01", to: "2026-12-01" })).toEqual(["2026-12-01"]);
  });

  it("holds rangeDayCount consecutive dates", () => {
    fc.assert(
      fc.property(arbitraryDate, fc.integer({ min: 0, max: 100 }), (from, extraDays) => {
        const range = { from, to: addLocalDays(from, extraDays) };
        const dates = datesInRange(range);
        expect(dates).toHaveLength(rangeDayCount(range));
        expect(dates[0]).toBe(range.from);
        expect(dates.at(-1)).toBe(range.to);
        dates.slice(1).forEach((date, index) => {
          expect(date).toBe(addLocalDays(dates[index] as string, 1));
        });
      }),
    );
  });
});

describe("weekStart and monthStart", () => {
  it("starts ISO weeks on Monday", () => {
    expect(weekStart("2026-12-07")).toBe("2026-12-07"); // a Monday
    expect(weekStart("2026-12-06")).toBe("2026-11-30"); // a Sunday closes the week before
    expect(weekStart("2026-12-10")).toBe("2026-12-07");
    expect(weekStart("2021-01-03")).toBe("2020-12-28"); // ISO week 2020-W53 spans the new year
    expect(weekStart("1970-01-01")).toBe("1969-12-29");
  });

  it("gives a Monday at most 6 days back", () => {
    fc.assert(
      fc.property(arbitraryDate, (date) => {
        const monday = weekStart(date);
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        const back = rangeDayCount({ from: monday, to: date }) - 1;
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThanOrEqual(6);
      }),
    );
  });

  it("starts months on the 1st", () => {
    expect(monthStart("2024-02-29")).toBe("2024-02-01");
    expect(() => monthStart("2024-02-30")).toThrow(RangeError);
  });
});

describe("rangePreset", () => {
  const today = "2026-03-01";

  it("names single days", () => {
    expect(rangePreset("today", today)).toEqual({ from: "2026-03-01", to: "2026-03-01" });
    expect(rangePreset("yesterday", today)).toEqual({ from: "2026-02-28", to: "2026-02-28" });
  });

  it("counts last N days as complete days ending yesterday", () => {
    expect(rangePreset("last_7_days", today)).toEqual({ from: "2026-02-22", to: "2026-02-28" });
    expect(rangePreset("last_30_days", today)).toEqual({ from: "2026-01-30", to: "2026-02-28" });
  });

  it("runs this month from the 1st to today", () => {
    expect(rangePreset("this_month", today)).toEqual({ from: "2026-03-01", to: "2026-03-01" });
    expect(rangePreset("this_month", "2026-12-10")).toEqual({ from: "2026-12-01", to: "2026-12-10" });
  });

  it("always yields a valid range no later than today", () => {
    fc.assert(
      fc.property(arbitraryDate, fc.constantFrom(...RANGE_PRESETS), (date, preset) => {
        const range = rangePreset(preset, date);
        const length = rangeDayCount(range);
        expect(length).toBeGreaterThanOrEqual(1);
        expect(range.to <= date).toBe(true);
        if (preset === "last_7_days") expect(length).toBe(7);
        if (preset === "last_30_days") expect(length).toBe(30);
      }),
    );
  });

  it("refuses a today that is not a date", () => {
    expect(() => rangePreset("today", "2026-02-30")).toThrow(RangeError);
  });
});
