/** A label in each locale the dashboard speaks (users' locale is `id` or `en`). */
export interface LocalizedLabel {
  id: string;
  en: string;
}

export interface TaxonomyEntry {
  label: LocalizedLabel;
  /** Fraction of the relevant population (0..1); what it is a fraction of is stated per list. */
  share: number;
}

/**
 * Adults (18+) as a fraction of all residents. SP2020 (BPS, Berita Resmi Statistik No. 7/01/Th. XXIV,
 * 21 January 2021) counts 23.33% aged 0-14; about three fifths of the 15-19 group (8.2% of residents)
 * are 15-17, so roughly 72% are 18 or older. Ads are never shown to minors, so nothing below 18 exists.
 */
export const ADULT_SHARE_OF_POPULATION = 0.72;

export const AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * `share` is the fraction of adults in the band, rounded from SP2020's five-year age groups
 * (18-24 takes 2/5 of 15-19 plus 20-24). They sum to 1.
 */
export const AGE_BAND_INFO: Record<AgeBand, TaxonomyEntry> = {
  "18-24": { label: { id: "18–24 tahun", en: "18–24" }, share: 0.16 },
  "25-34": { label: { id: "25–34 tahun", en: "25–34" }, share: 0.23 },
  "35-44": { label: { id: "35–44 tahun", en: "35–44" }, share: 0.22 },
  "45-54": { label: { id: "45–54 tahun", en: "45–54" }, share: 0.18 },
  "55+": { label: { id: "55 tahun ke atas", en: "55 and over" }, share: 0.21 },
};

export const GENDERS = ["female", "male"] as const;
export type Gender = (typeof GENDERS)[number];

/** `share` of residents: SP2020 counted 136.66 million men and 133.54 million women. */
export const GENDER_INFO: Record<Gender, TaxonomyEntry> = {
  female: { label: { id: "Perempuan", en: "Female" }, share: 0.494 },
  male: { label: { id: "Laki-laki", en: "Male" }, share: 0.506 },
};

export const DEVICES = ["android", "ios", "desktop"] as const;
export type Device = (typeof DEVICES)[number];

/**
 * `share` of online people by the device they mostly see ads on. A stated assumption, in line with
 * public web-traffic trackers for Indonesia (Android holds about nine in ten mobile sessions and
 * mobile far outweighs desktop); each person counts once, so the shares sum to 1.
 */
export const DEVICE_INFO: Record<Device, TaxonomyEntry> = {
  android: { label: { id: "Android", en: "Android" }, share: 0.85 },
  ios: { label: { id: "iOS", en: "iOS" }, share: 0.1 },
  desktop: { label: { id: "Komputer (desktop)", en: "Desktop" }, share: 0.05 },
};

export const LANGUAGES = ["id", "en", "jv", "su"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * `share` of online people by the language their device and apps are set to, which is what a
 * placement reports. A stated assumption: nearly everyone reads Indonesian and most keep it as the
 * interface language, a minority uses English, and few set Javanese or Sundanese even though tens of
 * millions speak them at home. Each person counts once, so the shares sum to 1.
 */
export const LANGUAGE_INFO: Record<Language, TaxonomyEntry> = {
  id: { label: { id: "Bahasa Indonesia", en: "Indonesian" }, share: 0.88 },
  en: { label: { id: "Bahasa Inggris", en: "English" }, share: 0.08 },
  jv: { label: { id: "Bahasa Jawa", en: "Javanese" }, share: 0.03 },
  su: { label: { id: "Bahasa Sunda", en: "Sundanese" }, share: 0.01 },
};

export const INTERESTS = [
  "food_drink",
  "fashion",
  "beauty",
  "home_living",
  "gadgets",
  "automotive",
  "travel",
  "education",
  "finance",
  "health",
  "parenting",
  "gaming",
  "sports",
  "music",
  "religion_spirituality",
  "agriculture",
  "crafts_handmade",
  "pets",
  "property",
  "entertainment",
  "business_entrepreneurship",
] as const;
export type Interest = (typeof INTERESTS)[number];

/**
 * `share` of online adults who show the interest, each independent of the others (one person may
 * have many, so they do not sum to 1). Stated assumptions for planning, not measurements: everyday
 * topics (food, entertainment, music) reach far more people than niche ones (property, crafts).
 */
export const INTEREST_INFO: Record<Interest, TaxonomyEntry> = {
  food_drink: { label: { id: "Kuliner", en: "Food & drink" }, share: 0.45 },
  fashion: { label: { id: "Fesyen", en: "Fashion" }, share: 0.3 },
  beauty: { label: { id: "Kecantikan & perawatan", en: "Beauty & personal care" }, share: 0.25 },
  home_living: { label: { id: "Rumah & gaya hidup", en: "Home & living" }, share: 0.2 },
  gadgets: { label: { id: "Gawai & teknologi", en: "Gadgets & tech" }, share: 0.3 },
  automotive: { label: { id: "Otomotif", en: "Automotive" }, share: 0.18 },
  travel: { label: { id: "Wisata & perjalanan", en: "Travel" }, share: 0.22 },
  education: { label: { id: "Pendidikan & kursus", en: "Education & courses" }, share: 0.2 },
  finance: { label: { id: "Keuangan & investasi", en: "Finance & investing" }, share: 0.15 },
  health: { label: { id: "Kesehatan & kebugaran", en: "Health & fitness" }, share: 0.25 },
  parenting: { label: { id: "Parenting & keluarga", en: "Parenting & family" }, share: 0.15 },
  gaming: { label: { id: "Gim", en: "Gaming" }, share: 0.2 },
  sports: { label: { id: "Olahraga", en: "Sports" }, share: 0.25 },
  music: { label: { id: "Musik", en: "Music" }, share: 0.35 },
  religion_spirituality: {
    label: { id: "Religi & spiritualitas", en: "Religion & spirituality" },
    share: 0.3,
  },
  agriculture: { label: { id: "Pertanian & peternakan", en: "Farming & livestock" }, share: 0.08 },
  crafts_handmade: { label: { id: "Kerajinan tangan", en: "Crafts & handmade" }, share: 0.06 },
  pets: { label: { id: "Hewan peliharaan", en: "Pets" }, share: 0.08 },
  property: { label: { id: "Properti", en: "Property" }, share: 0.06 },
  entertainment: {
    label: { id: "Hiburan, film & selebritas", en: "Entertainment, film & celebrities" },
    share: 0.4,
  },
  business_entrepreneurship: {
    label: { id: "Bisnis & wirausaha", en: "Business & entrepreneurship" },
    share: 0.12,
  },
};

function isMember<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function isAgeBand(value: string): value is AgeBand {
  return isMember(AGE_BANDS, value);
}

export function isGender(value: string): value is Gender {
  return isMember(GENDERS, value);
}

export function isDevice(value: string): value is Device {
  return isMember(DEVICES, value);
}

export function isLanguage(value: string): value is Language {
  return isMember(LANGUAGES, value);
}

export function isInterest(value: string): value is Interest {
  return isMember(INTERESTS, value);
}
