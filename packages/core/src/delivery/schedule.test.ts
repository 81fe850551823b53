import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localClock } from "../time/local-time.js";
import { type DeliverySchedule, deliverableHours, isWithinSchedule, scheduleBlock } from "./schedule.js";

const at = (iso: string) => new Date(iso);
const jakarta = "Asia/Jakarta";

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
