import type { Locale } from "../i18n/locale";

const INTL_LOCALES = { id: "id-ID", en: "en-GB" } as const satisfies Record<Locale, string>;

const UNITS = [
  { unit: "day", seconds: 86_400 },
  { unit: "hour", seconds: 3_600 },
  { unit: "minute", seconds: 60 },
] as const;

function unitText(value: number, unit: "day" | "hour" | "minute" | "second", locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALES[locale], { style: "unit", unit, unitDisplay: "long" }).format(
    value,
  );
}

/**
 * A span of time in words: `2 jam 5 menit` / `2 hours 5 minutes` (exact: the two largest units,
 * cut down, as a reviewer reads a wait), or `±2 jam`'s `2 jam` (approximate: one unit, rounded, as
 * a promise to an owner; hours up to two days). Under a minute it says the seconds.
 */
export function durationWords(
  seconds: number,
  locale: Locale,
  { approximate = false }: { approximate?: boolean } = {},
): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return unitText(total, "second", locale);
  const largest = UNITS.findIndex((unit) => total >= unit.seconds);
  const major = UNITS[largest] ?? UNITS[2];
  if (approximate) {
    // "±36 jam" says more than "±2 hari" about a day and a half.
    const minutes = Math.round(total / 60);
    if (minutes < 60) return unitText(minutes, "minute", locale);
    const hours = Math.round(total / 3_600);
    if (hours < 48) return unitText(hours, "hour", locale);
    return unitText(Math.round(total / 86_400), "day", locale);
  }
  const majorValue = Math.floor(total / major.seconds);
  const minor = UNITS[largest + 1];
  const minorValue = minor ? Math.floor((total - majorValue * major.seconds) / minor.seconds) : 0;
  const parts = [unitText(majorValue, major.unit, locale)];
  if (minor && minorValue > 0) parts.push(unitText(minorValue, minor.unit, locale));
  return parts.join(" ");
}

/** A time of day on the viewer's clock, `14.35` / `14:35`, e.g. when a claim runs out. */
export function clockTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { hour: "2-digit", minute: "2-digit" }).format(
    new Date(iso),
  );
}
