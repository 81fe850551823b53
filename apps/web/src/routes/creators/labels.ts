import {
  AUDIENCE_BAND_LABELS,
  AUDIENCE_PLATFORM_LABELS,
  type AudienceBand,
  type AudiencePlatform,
  cityByCode,
  INTEREST_INFO,
  type Interest,
  LANGUAGE_INFO,
  type Language,
  provinceByCode,
} from "@sorot/core";
import type { Locale } from "../../i18n/locale";

export function nicheLabel(niche: Interest, locale: Locale): string {
  return INTEREST_INFO[niche].label[locale];
}

export function languageLabel(language: Language, locale: Locale): string {
  return LANGUAGE_INFO[language].label[locale];
}

export function bandLabel(band: AudienceBand, locale: Locale): string {
  return AUDIENCE_BAND_LABELS[band][locale];
}

/** `TikTok: 10 rb–50 rb`: one declared audience, platform names being brands alike in every language. */
export function audienceLabel(
  { platform, band }: { platform: AudiencePlatform; band: AudienceBand },
  locale: Locale,
) {
  return `${AUDIENCE_PLATFORM_LABELS[platform]}: ${bandLabel(band, locale)}`;
}

/** `Denpasar, Bali`, or the province alone when no city is given. */
export function placeLabel(province: string, city: string | null): string {
  const provinceName = provinceByCode(province)?.name ?? province;
  const cityName = city ? (cityByCode(city)?.name ?? city) : null;
  return cityName ? `${cityName}, ${provinceName}` : provinceName;
}
