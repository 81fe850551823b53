import { LOCALES } from "@sorot/contracts";

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "id";

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}
