import type { TimeZone } from "@sorot/core";

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` of the calendar day an instant falls on in a zone (en-CA formats dates that way). */
export function localDate(instant: Date, timeZone: TimeZone): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** A calendar date `days` later (or earlier): plain date arithmetic, no zone involved. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The zone's UTC offset on that date, `+07:00`, from Intl's zone data rather than a hard-coded table. */
function offsetOn(date: string, timeZone: TimeZone): string {
  const noon = new Date(`${date}T12:00:00Z`);
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(noon)
    .find((part) => part.type === "timeZoneName")?.value;
  const offset = name?.replace("GMT", "") ?? "";
  return offset === "" ? "+00:00" : offset;
}

/** The last second of a local calendar day, as ISO-8601 with the zone's offset: `2026-12-31T23:59:59+09:00`. */
export function endOfLocalDay(date: string, timeZone: TimeZone): string {
  return `${date}T23:59:59${offsetOn(date, timeZone)}`;
}
