import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TIME_ZONES } from "../time-zones.js";
import {
  addLocalDays,
  isLocalDate,
  isLocalMonth,
  isoInZone,
  localClock,
  localDate,
  localDateDayNumber,
  localMonth,
  localMonthRange,
  localTimeToInstant,
  nextLocalMonth,
  startOfLocalDate,
  startOfLocalDay,
  startOfNextLocalDay,
  weekdayOfLocalDate,
} from "./local-time.js";
import { arbitraryDate } from "./testing.js";

const at = (iso: string) => new Date(iso);
const jakarta = "Asia/Jakarta";

describe("local dates", () => {
  it("accepts only real calendar dates in YYYY-MM-DD form", () => {
    for (const good of ["2026-12-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]) {
      expect(isLocalDate(good), good).toBe(true);
    }
    for (const bad of [
      "2026-02-29",
      "2026-02-30",
      "1900-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-1-01",
      "2026-12-1",
      "01/12/2026",
      "",
    ]) {
      expect(isLocalDate(bad), bad).toBe(false);
    }
    expect(() => addLocalDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => localDateDayNumber("2026-02-30")).toThrow(RangeError);
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addLocalDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addLocalDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addLocalDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addLocalDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addLocalDays("0050-01-01", 0)).toBe("0050-01-01");
    expect(() => addLocalDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => addLocalDays("2026-01-01", 0.5)).toThrow(RangeError);
  });

  it("adds days consistently: a + m + n = a + (m + n), and back again", () => {
    fc.assert(
      fc.property(
        arbitraryDate,
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: -400, max: 400 }),
        (date, m, n) => {
          expect(addLocalDays(addLocalDays(date, m), n)).toBe(addLocalDays(date, m + n));
          expect(addLocalDays(addLocalDays(date, m), -m)).toBe(date);
          expect(localDateDayNumber(addLocalDays(date, m)) - localDateDayNumber(date)).toBe(m);
        },
      ),
    );
  });

  it("names the weekday of a date", () => {
    expect(weekdayOfLocalDate("2026-12-01")).toBe("tue");
    expect(weekdayOfLocalDate("2026-12-06")).toBe("sun");
    expect(weekdayOfLocalDate("1970-01-01")).toBe("thu");
  });
});

describe("localClock", () => {
  it("reads date, weekday, hour and minute in each Indonesian zone", () => {
    // 16:30 UTC on Tuesday 1 December 2026.
    const instant = at("2026-12-01T16:30:00Z");
    expect(localClock(instant, "Asia/Jakarta")).toEqual({
      date: "2026-12-01",
      weekday: "tue",
      hour: 23,
      minuteOfDay: 23 * 60 + 30,
    });
    expect(localClock(instant, "Asia/Makassar")).toEqual({
      date: "2026-12-02",
      weekday: "wed",
      hour: 0,
      minuteOfDay: 30,
    });
    expect(localClock(instant, "Asia/Jayapura")).toEqual({
      date: "2026-12-02",
      weekday: "wed",
      hour: 1,
      minuteOfDay: 90,
    });
  });

  it("answers repeated reads within a second from its per-zone cache without mixing zones or seconds", () => {
    const beforeMidnight = at("2026-12-06T16:59:59.999Z");
    const atMidnight = at("2026-12-06T17:00:00.000Z");
    const readings = [
      localClock(beforeMidnight, jakarta),
      localClock(beforeMidnight, "Asia/Jayapura"),
      localClock(beforeMidnight, jakarta),
      localClock(atMidnight, jakarta),
      localClock(beforeMidnight, jakarta),
    ];
    expect(readings.map((clock) => `${clock.date} ${clock.hour}:${clock.minuteOfDay % 60}`)).toEqual([
      "2026-12-06 23:59",
      "2026-12-07 1:59",
      "2026-12-06 23:59",
      "2026-12-07 0:0",
      "2026-12-06 23:59",
    ]);
    expect(Object.isFrozen(readings[0])).toBe(true);
  });

  it("shows midnight as hour 0, never 24", () => {
    expect(localClock(at("2026-12-06T17:00:00Z"), jakarta)).toMatchObject({
      date: "2026-12-07",
      weekday: "mon",
      hour: 0,
      minuteOfDay: 0,
    });
  });

  it("reads the same calendar date as Intl's own en-CA date format, for any instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("1990-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...TIME_ZONES),
        (instant, zone) => {
          const clock = localClock(instant, zone);
          expect(clock.date).toBe(new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(instant));
          expect(localDate(instant, zone)).toBe(clock.date);
          expect(clock.hour).toBe(Math.floor(clock.minuteOfDay / 60));
          expect(clock.minuteOfDay).toBeGreaterThanOrEqual(0);
          expect(clock.minuteOfDay).toBeLessThan(1440);
        },
      ),
    );
  });
});

describe("startOfLocalDay / startOfNextLocalDay", () => {
  it("finds local midnight in WIB, WITA and WIT", () => {
    const instant = at("2026-12-01T16:30:00Z");
    expect(startOfLocalDay(instant, "Asia/Jakarta").toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(startOfNextLocalDay(instant, "Asia/Jakarta").toISOString()).toBe("2026-12-01T17:00:00.000Z");
    expect(startOfLocalDay(instant, "Asia/Makassar").toISOString()).toBe("2026-12-01T16:00:00.000Z");
    expect(startOfNextLocalDay(instant, "Asia/Makassar").toISOString()).toBe("2026-12-02T16:00:00.000Z");
    expect(startOfLocalDay(instant, "Asia/Jayapura").toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(startOfNextLocalDay(instant, "Asia/Jayapura").toISOString()).toBe("2026-12-02T15:00:00.000Z");
  });

  it("treats midnight itself as the start of its own day", () => {
    const midnight = at("2026-12-01T00:00:00+07:00");
    expect(startOfLocalDay(midnight, jakarta)).toEqual(midnight);
    expect(startOfNextLocalDay(midnight, jakarta)).toEqual(at("2026-12-02T00:00:00+07:00"));
    expect(startOfLocalDay(new Date(midnight.getTime() - 1), jakarta)).toEqual(
      at("2026-11-30T00:00:00+07:00"),
    );
  });

  it("reads offsets from the zone data, not a table: WIB was +07:30 in 1960", () => {
    expect(startOfLocalDay(at("1960-06-15T12:00:00Z"), jakarta).toISOString()).toBe(
      "1960-06-14T16:30:00.000Z",
    );
  });

  it("handles a zone whose clocks skip midnight (Havana springs from 00:00 to 01:00)", () => {
    // 8 March 2026: Cuba's clocks jump from 00:00 CST (-05) to 01:00 CDT (-04).
    const start = startOfLocalDay(at("2026-03-08T12:00:00-04:00"), "America/Havana");
    expect(start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(localClock(start, "America/Havana")).toMatchObject({ date: "2026-03-08", hour: 1 });
  });

  it("brackets every instant by its day's first instant and the next day's", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("1970-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...TIME_ZONES, "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe"),
        (instant, zone) => {
          const start = startOfLocalDay(instant, zone);
          const next = startOfNextLocalDay(instant, zone);
          expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(next.getTime()).toBeGreaterThan(instant.getTime());
          expect(localDate(start, zone)).toBe(localDate(instant, zone));
          expect(localDate(new Date(start.getTime() - 1), zone)).not.toBe(localDate(instant, zone));
          expect(localDate(new Date(next.getTime() - 1), zone)).toBe(localDate(instant, zone));
          expect(localDate(next, zone)).not.toBe(localDate(instant, zone));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("makes Indonesian days exactly 24 hours long", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2000-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...TIME_ZONES),
        (instant, zone) => {
          expect(
            startOfNextLocalDay(instant, zone).getTime() - startOfLocalDay(instant, zone).getTime(),
          ).toBe(86_400_000);
        },
      ),
    );
  });
});
describe("startOfLocalDate / localTimeToInstant / isoInZone", () => {
  it("finds local midnight of a date in WIB, WITA and WIT", () => {
    expect(startOfLocalDate("2026-12-01", "Asia/Jakarta").toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(startOfLocalDate("2026-12-01", "Asia/Makassar").toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(startOfLocalDate("2026-12-01", "Asia/Jayapura").toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(() => startOfLocalDate("2026-02-30", jakarta)).toThrow(RangeError);
  });

  it("reads a wall time typed in the business's zone", () => {
    expect(localTimeToInstant("2026-12-01", 8 * 60, "Asia/Jakarta")).toEqual(at("2026-12-01T08:00:00+07:00"));
    expect(localTimeToInstant("2026-12-01", 8 * 60 + 30, "Asia/Jayapura")).toEqual(
      at("2026-12-01T08:30:00+09:00"),
    );
    expect(localTimeToInstant("1960-06-15", 0, jakarta)).toEqual(at("1960-06-15T00:00:00+07:30"));
    expect(() => localTimeToInstant("2026-12-01", 24 * 60, jakarta)).toThrow(RangeError);
  });

  it("writes an instant with the zone's own offset", () => {
    const instant = at("2026-12-31T16:30:00Z");
    expect(isoInZone(instant, "Asia/Jakarta")).toBe("2026-12-31T23:30:00+07:00");
    expect(isoInZone(instant, "Asia/Makassar")).toBe("2027-01-01T00:30:00+08:00");
    expect(isoInZone(instant, "Asia/Jayapura")).toBe("2027-01-01T01:30:00+09:00");
    expect(isoInZone(at("1960-06-15T12:00:00Z"), jakarta)).toBe("1960-06-15T19:30:00+07:30");
    expect(isoInZone(at("2026-07-01T12:00:00Z"), "America/Sao_Paulo")).toBe("2026-07-01T09:00:00-03:00");
  });

  it("round-trips local midnight: its instant falls on the date, at 00:00, and is where the day starts", () => {
    fc.assert(
      fc.property(arbitraryDate, fc.constantFrom(...TIME_ZONES), (date, zone) => {
        const midnight = startOfLocalDate(date, zone);
        expect(localClock(midnight, zone)).toMatchObject({ date, minuteOfDay: 0 });
        expect(startOfLocalDay(midnight, zone)).toEqual(midnight);
        expect(startOfLocalDate(addLocalDays(date, 1), zone)).toEqual(startOfNextLocalDay(midnight, zone));
        // ISO offsets stop at minutes; before 1933 some zones kept local mean time (+07:57:36).
        if (date >= "1933-01-01") {
          expect(isoInZone(midnight, zone).slice(0, 19)).toBe(`${date}T00:00:00`);
          expect(Date.parse(isoInZone(midnight, zone))).toBe(midnight.getTime());
        }
      }),
    );
  });

  it("round-trips any wall time, and any instant written in its zone", () => {
    fc.assert(
      fc.property(
        arbitraryDate,
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.constantFrom(...TIME_ZONES),
        (date, minuteOfDay, zone) => {
          const instant = localTimeToInstant(date, minuteOfDay, zone);
          expect(localClock(instant, zone)).toMatchObject({ date, minuteOfDay });
          if (date >= "1933-01-01") expect(Date.parse(isoInZone(instant, zone))).toBe(instant.getTime());
        },
      ),
    );
  });
});

describe("local months", () => {
  it("span from the first local midnight to the next month's, across a year's end", () => {
    expect(localMonthRange("2026-12", "Asia/Jakarta")).toEqual({
      start: new Date("2026-11-30T17:00:00Z"),
      end: new Date("2026-12-31T17:00:00Z"),
    });
    expect(nextLocalMonth("2026-12")).toBe("2027-01");
    expect(nextLocalMonth("2026-01")).toBe("2026-02");
  });

  it("place an instant in the month its zone's wall clock shows", () => {
    // 30 November 17:30 UTC is already 1 December in Jakarta.
    expect(localMonth(new Date("2026-11-30T17:30:00Z"), "Asia/Jakarta")).toBe("2026-12");
    expect(localMonth(new Date("2026-11-30T16:59:59Z"), "Asia/Jakarta")).toBe("2026-11");
  });

  it("refuse what is not a YYYY-MM month", () => {
    for (const text of ["2026-13", "2026-00", "2026-1", "26-01", "2026-01-01"]) {
      expect(isLocalMonth(text)).toBe(false);
      expect(() => localMonthRange(text, "Asia/Jakarta")).toThrow(RangeError);
    }
  });
});
