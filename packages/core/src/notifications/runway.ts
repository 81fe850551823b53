import type { NotificationLocale } from "./catalogue.js";

/**
 * How long a balance lasts, in words an owner can act on: whole days counted down from the
 * runway forecast (core's runwayDays), so under one day is "today", never "0 days".
 */
export function runwayPhrase(days: number, locale: NotificationLocale): string {
  const whole = Math.max(0, Math.floor(days));
  if (locale === "id") return whole === 0 ? "habis hari ini" : `cukup ±${whole} hari`;
  if (whole === 0) return "runs out today";
  return whole === 1 ? "lasts about 1 day" : `lasts about ${whole} days`;
}
