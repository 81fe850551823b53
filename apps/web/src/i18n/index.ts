import { LOCALES } from "@sorot/contracts";
import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { shellMessagesId } from "./id";
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

type Tree = Record<string, unknown>;

/**
 * Indonesian's shell ships with the first page; English is fetched only by those who choose it, so a
 * phone on a slow network does not download a language it never shows.
 */
const SHELLS: Record<Locale, () => Promise<Tree>> = {
  id: async () => shellMessagesId,
  en: async () => (await import("./en")).shellMessagesEn,
};

/**
 * The areas whose words only their own screens show: each loads, in the reader's language, with
 * the first route that names it (router.tsx), so the owner's first page carries none of them.
 */
const AREAS = {
  admin: {
    id: async () => (await import("./admin.id")).adminMessagesId,
    en: async () => (await import("./admin.en")).adminMessagesEn,
  },
  campaigns: {
    id: async () => (await import("./campaigns.id")).campaignMessagesId,
    en: async () => (await import("./campaigns.en")).campaignMessagesEn,
  },
  creators: {
    id: async () => (await import("./creators.id")).creatorMessagesId,
    en: async () => (await import("./creators.en")).creatorMessagesEn,
  },
  reports: {
    id: async () => (await import("./reports.id")).reportMessagesId,
    en: async () => (await import("./reports.en")).reportMessagesEn,
  },
  reviews: {
    id: async () => (await import("./reviews.id")).reviewMessagesId,
    en: async () => (await import("./reviews.en")).reviewMessagesEn,
  },
} satisfies Record<string, Record<Locale, () => Promise<Tree>>>;

export type MessageArea = keyof typeof AREAS;

/** Every area a route has needed so far: a language switch loads them all in the new language. */
const neededAreas = new Set<MessageArea>();
// The default language's shell is there from the start (init's resources below).
const loaded = new Set<string>([`${DEFAULT_LOCALE}:shell`]);

async function addMessages(locale: Locale, part: string, load: () => Promise<Tree>): Promise<void> {
  const name = `${locale}:${part}`;
  if (loaded.has(name)) return;
  // Deep: an area's subtree joins the few words of it the shell already holds (a nav label).
  i18n.addResourceBundle(locale, "translation", await load(), true, true);
  loaded.add(name);
}

async function loadLocale(locale: Locale): Promise<void> {
  await Promise.all([
    addMessages(locale, "shell", SHELLS[locale]),
    ...[...neededAreas].map((area) => addMessages(locale, area, AREAS[area][locale])),
  ]);
}

/** Resolves once these areas' words are there in the language shown: a route awaits it before it renders. */
export async function loadMessageAreas(areas: readonly MessageArea[]): Promise<void> {
  for (const area of areas) neededAreas.add(area);
  await loadLocale(isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE);
}

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

const initialLocale = storedLocale();

void i18n.use(initReactI18next).init({
  resources: { [DEFAULT_LOCALE]: { translation: shellMessagesId } },
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
