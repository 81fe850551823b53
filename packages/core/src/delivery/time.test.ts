import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDate } from "../campaigns/budget.js";
import { TIME_ZONES } from "../time-zones.js";
import {
  type DeliverySchedule,
  deliverableHours,
  isWithinSchedule,
  localClock,
  scheduleBlock,
  startOfLocalDay,
  startOfNextLocalDay,
} from "./time.js";

const at = (iso: string) => new Date(iso);
const jakarta = "Asia/Jakarta";

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

  it("agrees with the budget module's local date for any instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("1990-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...TIME_ZONES),
        (instant, zone) => {
          const clock = localClock(instant, zone);
          expect(clock.date).toBe(localDate(instant, zone));
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

describe("isWithinSchedule", () => {
  const open: DeliverySchedule = { startAt: null, endAt: null, dayparting: null, closures: [] };

  it("delivers at any time with no restrictions", () => {
    expect(isWithinSchedule(open, at("2026-12-01T03:00:00Z"), jakarta)).toBe(true);
    expect(isWithinSchedule({}, at("2026-12-01T03:00:00Z"), jakarta)).toBe(true);
  });

  it("starts inclusively and ends exclusively", () => {
    const schedule: DeliverySchedule = {
      ...open,
      startAt: "2026-12-01T00:00:00+07:00",
      endAt: at("2026-12-08T00:00:00+07:00"),
    };
    expect(scheduleBlock(schedule, at("2026-11-30T16:59:59.999Z"), jakarta)).toBe("not_started");
    expect(scheduleBlock(schedule, at("2026-11-30T17:00:00Z"), jakarta)).toBeNull();
    expect(scheduleBlock(schedule, at("2026-12-07T16:59:59.999Z"), jakarta)).toBeNull();
    expect(scheduleBlock(schedule, at("2026-12-07T17:00:00Z"), jakarta)).toBe("ended");
  });

  it("delivers only in the listed local hours of the listed days", () => {
    // Tuesday 1 December 2026; Wednesday is missing, so no delivery at all that day.
    const schedule: DeliverySchedule = { ...open, dayparting: { tue: [7, 8, 9], thu: [] } };
    expect(isWithinSchedule(schedule, at("2026-12-01T06:59:00+07:00"), jakarta)).toBe(false);
    expect(isWithinSchedule(schedule, at("2026-12-01T07:00:00+07:00"), jakarta)).toBe(true);
    expect(isWithinSchedule(schedule, at("2026-12-01T09:59:59+07:00"), jakarta)).toBe(true);
    expect(scheduleBlock(schedule, at("2026-12-01T10:00:00+07:00"), jakarta)).toBe("outside_daypart");
    expect(isWithinSchedule(schedule, at("2026-12-02T08:00:00+07:00"), jakarta)).toBe(false);
    expect(isWithinSchedule(schedule, at("2026-12-03T08:00:00+07:00"), jakarta)).toBe(false);
  });

  it("reads dayparts in the business's zone", () => {
    const schedule: DeliverySchedule = { ...open, dayparting: { tue: [8] } };
    // 08:30 in Jayapura is 06:30 in Jakarta.
    const instant = at("2026-12-01T08:30:00+09:00");
    expect(isWithinSchedule(schedule, instant, "Asia/Jayapura")).toBe(true);
    expect(isWithinSchedule(schedule, instant, "Asia/Jakarta")).toBe(false);
  });

  it("stops inside a closure [from, to)", () => {
    const schedule: DeliverySchedule = {
      ...open,
      closures: [{ from: "2027-03-20T00:00:00+07:00", to: "2027-03-22T00:00:00+07:00" }],
    };
    expect(isWithinSchedule(schedule, at("2027-03-19T23:59:59+07:00"), jakarta)).toBe(true);
    expect(scheduleBlock(schedule, at("2027-03-20T00:00:00+07:00"), jakarta)).toBe("closed");
    expect(scheduleBlock(schedule, at("2027-03-21T23:59:59+07:00"), jakarta)).toBe("closed");
    expect(isWithinSchedule(schedule, at("2027-03-22T00:00:00+07:00"), jakarta)).toBe(true);
  });

  it("fails closed on an unparseable date", () => {
    expect(scheduleBlock({ ...open, endAt: "next week" }, at("2026-12-01T00:00:00Z"), jakarta)).toBe(
      "invalid_schedule",
    );
    expect(
      scheduleBlock(
        { ...open, closures: [{ from: "soon", to: "2027-01-01T00:00:00Z" }] },
        new Date(0),
        jakarta,
      ),
    ).toBe("invalid_schedule");
  });

  it("never delivers outside [startAt, endAt) whatever the daypart", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2028-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2028-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2028-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.option(fc.dictionary(fc.constantFrom("mon", "tue", "sun"), fc.subarray([0, 5, 12, 20, 23]))),
        (startAt, endAt, instant, dayparting) => {
          const within = isWithinSchedule({ startAt, endAt, dayparting }, instant, jakarta);
          if (instant < startAt || instant >= endAt) expect(within).toBe(false);
          if (within && dayparting) {
            const clock = localClock(instant, jakarta);
            expect(dayparting[clock.weekday]).toContain(clock.hour);
          }
        },
      ),
    );
  });
});

describe("deliverableHours", () => {
  it("lists all hours without dayparting and the day's hours with it", () => {
    expect(deliverableHours(null, "mon")).toHaveLength(24);
    expect(deliverableHours({ mon: [20, 7, 7, 8] }, "mon")).toEqual([7, 8, 20]);
    expect(deliverableHours({ mon: [20] }, "tue")).toEqual([]);
  });
});
