import { addLocalDays, isoInZone, startOfLocalDate, type TimeZone } from "@sorot/core";

/** Local calendar dates come from core's time module, which the API's date rules use too. */
export { addLocalDays as addDays, isLocalDate, localDate } from "@sorot/core";

/** The last second of a local calendar day, as ISO-8601 with the zone's offset: `2026-12-31T23:59:59+09:00`. */
export function endOfLocalDay(date: string, timeZone: TimeZone): string {
  const nextMidnight = startOfLocalDate(addLocalDays(date, 1), timeZone);
  return isoInZone(new Date(nextMidnight.getTime() - 1_000), timeZone);
}
