import { formatRupiah, parseMicros, type TimeZone } from "@sorot/core";
import type { Locale } from "../i18n/locale";

/** The Indonesian abbreviations people know their zones by; the same in every language. */
export const TIME_ZONE_ABBREVIATIONS = {
  "Asia/Jakarta": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
} as const satisfies Record<TimeZone, string>;

export type TimeZoneAbbreviation = (typeof TIME_ZONE_ABBREVIATIONS)[TimeZone];

const INTL_LOCALES = { id: "id-ID", en: "en-GB" } as const satisfies Record<Locale, string>;

/** `"1500000000000"` micro-rupiah -> `Rp 1.500.000`. The amount stays a string or bigint throughout. */
export function formatMoney(micros: string): string {
  return formatRupiah(parseMicros(micros));
}

/**
 * A moment as a business sees it: `1 Des 2026, 02.00 WIT`. The zone is named because owners in one
 * zone often deal with people in another. Without a business zone (e.g. an invitation preview) the
 * viewer's own zone applies and no abbreviation is claimed.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone?: TimeZone): string {
  const formatted = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
  return timeZone ? `${formatted} ${TIME_ZONE_ABBREVIATIONS[timeZone]}` : formatted;
}

/** A calendar date in the business's zone, e.g. `1 Desember 2026`. */
export function formatDate(iso: string, locale: Locale, timeZone: TimeZone): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: "long", timeZone }).format(new Date(iso));
}
