import { LOCALES } from "@sorot/contracts";
import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { id, type Messages } from "./id";
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

/**
 * Indonesian ships with the first page; English is fetched only by those who choose it, so a phone
 * on a slow network does not download a language it never shows.
 */
const LOADERS: Record<Locale, () => Promise<Messages>> = {
  id: async () => id,
  en: async () => (await import("./en")).en,
};

async function loadLocale(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, "translation")) return;
  i18n.addResourceBundle(locale, "translation", await LOADERS[locale]());
}

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

const initialLocale = storedLocale();

void i18n.use(initReactI18next).init({
  resources: { [DEFAULT_LOCALE]: { translation: id } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  initAsync: false,
  // React escapes everything it renders.
  interpolation: { escapeValue: false },
});

/** Resolves once the language this device chose last is loaded and shown: render after it. */
export const i18nReady = setLocale(initialLocale);

/** Switches the language and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across visits, but the switch itself still applies.
  }
  await loadLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.resolvedLanguage) ? instance.resolvedLanguage : DEFAULT_LOCALE;
}
