import { LOCALES } from "@sorot/contracts";
import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { en } from "./en";
import { id } from "./id";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale";

const STORAGE_KEY = "sorot.locale";

function storedLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): the default language still works.
    return DEFAULT_LOCALE;
  }
}

const resources = {
  id: { translation: id },
  en: { translation: en },
} as const;

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  initAsync: false,
  // React escapes everything it renders.
  interpolation: { escapeValue: false },
});

/** Switches the language and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across visits, but the switch itself still applies.
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.resolvedLanguage) ? instance.resolvedLanguage : DEFAULT_LOCALE;
}
