/**
 * Policy keyword lists, kept as data so that policy staff can review them line by line. Matching
 * (see policy-matcher.ts) normalises the ad text first, so a list holds each phrase once, written
 * plainly: lower case ASCII, no leetspeak, no spacing tricks, no repeated letters for emphasis.
 *
 * Phrase syntax, deliberately tiny:
 * - words separated by one space; in the ad, the words may be joined ("slotgacor") or split by any
 *   punctuation ("slot-gacor");
 * - `#` is any whole number ("turun # kg" matches "turun 10 kg" and "turun 10kg");
 * - `#%` is a number followed by "%", "persen" or "percent";
 * - `(word)` is a word the ad may leave out ("return #% (per) hari" matches "return 5%/hari").
 *
 * Short or everyday words are listed only inside phrases: "slot" alone is a time slot ("slot
 * terbatas"), "gacor" alone is a singing bird, "anggur" alone is a grape, "alcohol" alone is the
 * antiseptic. Words that are often innocent but worth a look are listed with severity "warning".
 */
import type { PrescreenSeverity } from "./flags.js";
import type { BilingualText, RejectionReasonCode } from "./reasons.js";

export const POLICY_CATEGORIES = [
  "gambling",
  "weapons",
  "drugs",
  "adult",
  "unlicensed_finance",
  "health_claims",
  "tobacco_alcohol",
] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export type PolicyLanguage = "id" | "en";

export interface PolicyKeyword {
  phrase: string;
  category: PolicyCategory;
  reason: RejectionReasonCode;
  language: PolicyLanguage;
  severity: PrescreenSeverity;
}

/** The taxonomy reason each category maps to; tobacco and alcohol have no reason of their own. */
export const POLICY_CATEGORY_REASONS: Readonly<Record<PolicyCategory, RejectionReasonCode>> = {
  gambling: "gambling",
  weapons: "weapons",
  drugs: "drugs",
  adult: "adult_content",
  unlicensed_finance: "financial_services_unlicensed",
  health_claims: "health_claim",
  tobacco_alcohol: "prohibited_product",
};

/** How a category is named inside a flag's message ("... related to gambling"). */
export const POLICY_CATEGORY_LABELS: Readonly<Record<PolicyCategory, BilingualText>> = {
  gambling: { id: "perjudian", en: "gambling" },
  weapons: { id: "senjata", en: "weapons" },
  drugs: { id: "narkoba atau obat terlarang", en: "drugs or prohibited medicines" },
  adult: { id: "konten dewasa", en: "adult content" },
  unlicensed_finance: {
    id: "pinjaman atau investasi tanpa izin OJK",
    en: "loans or investments without an OJK licence",
  },
  health_claims: { id: "klaim kesehatan berlebihan", en: "exaggerated health claims" },
  tobacco_alcohol: { id: "rokok atau minuman beralkohol", en: "tobacco or alcohol" },
};

function group(
  category: PolicyCategory,
  language: PolicyLanguage,
  severity: PrescreenSeverity,
  phrases: readonly string[],
): PolicyKeyword[] {
  const reason = POLICY_CATEGORY_REASONS[category];
  return phrases.map((phrase) => ({ phrase, category, reason, language, severity }));
}

const GAMBLING: readonly PolicyKeyword[] = [
  ...group("gambling", "id", "block_suggested", [
    "judi",
    "berjudi",
    "perjudian",
    "judi online",
    "slot gacor",
    "slot online",
    "situs slot",
    "slot88",
    "link gacor",
    "pola gacor",
    "rtp slot",
    "max win",
    "deposit pulsa slot",
    "slot deposit pulsa",
    "togel",
    "toto macau",
    "keluaran sgp",
    "keluaran hk",
    "sabung ayam",
    "taruhan bola",
    "sbobet",
    "domino qq",
    "bandarq",
    "poker online",
  ]),
  ...group("gambling", "id", "warning", ["taruhan", "kasino", "bonus new member", "angka jitu"]),
  ...group("gambling", "en", "block_suggested", [
    "online casino",
    "betting",
    "bet now",
    "free spins",
    "sportsbook",
    "roulette",
  ]),
  ...group("gambling", "en", "warning", ["casino", "jackpot", "poker", "blackjack", "slot machine"]),
];

const WEAPONS: readonly PolicyKeyword[] = [
  ...group("weapons", "id", "block_suggested", [
    "senjata api",
    "senpi",
    "jual senjata",
    "senjata rakitan",
    "peluru tajam",
    "bom rakitan",
    "bahan peledak",
    "granat",
    "revolver",
    "air soft gun dijual",
    "jual air soft gun",
  ]),
  ...group("weapons", "id", "warning", [
    "pistol",
    "air soft gun",
    "senapan angin",
    "senapan",
    "amunisi",
    "peluru",
    "senjata tajam",
  ]),
  ...group("weapons", "en", "block_suggested", [
    "gun for sale",
    "buy gun",
    "firearm",
    "handgun",
    "assault rifle",
    "ghost gun",
    "grenade",
    "ammunition",
    "ammo",
    "glock",
    "ak 47",
    "ar 15",
  ]),
  ...group("weapons", "en", "warning", ["rifle", "shotgun", "explosive"]),
];

const DRUGS: readonly PolicyKeyword[] = [
  ...group("drugs", "id", "block_suggested", [
    "narkoba",
    "narkotika",
    "sabu",
    "shabu",
    "ganja",
    "tembakau gorila",
    "tembakau sintetis",
    "pil koplo",
    "ekstasi",
    "inex",
    "putaw",
    "kokain",
    "obat penggugur kandungan",
    "penggugur janin",
    "obat aborsi",
    "pil aborsi",
    "cytotec",
    "gastrul",
    "misoprostol",
    "obat keras tanpa resep",
  ]),
  ...group("drugs", "id", "warning", ["tramadol", "tanpa resep dokter", "kratom"]),
  ...group("drugs", "en", "block_suggested", [
    "marijuana",
    "weed for sale",
    "buy weed",
    "cocaine",
    "meth",
    "mdma",
    "lsd",
    "heroin",
    "ketamine",
    "abortion pill",
    "no prescription needed",
    "xanax",
    "ecstasy pill",
    "magic mushroom",
  ]),
  ...group("drugs", "en", "warning", ["cannabis", "cbd oil"]),
];

const ADULT: readonly PolicyKeyword[] = [
  ...group("adult", "id", "block_suggested", [
    "bokep",
    "video dewasa",
    "open bo",
    "pijat plus plus",
    "layanan plus plus",
    "cewek panggilan",
    "cewe panggilan",
    "wanita panggilan",
    "bispak",
    "vcs",
    "video syur",
    "foto bugil",
    "bugil",
    "mesum",
    "wisata lendir",
    "tante girang",
    "porno",
  ]),
  ...group("adult", "id", "warning", ["konten dewasa", "telanjang"]),
  ...group("adult", "en", "block_suggested", [
    "porn",
    "nudes",
    "nude photo",
    "sex video",
    "adult video",
    "escort service",
    "happy ending massage",
    "erotic massage",
  ]),
  ...group("adult", "en", "warning", ["xxx", "naked", "onlyfans", "sex toy", "hookup"]),
];

const UNLICENSED_FINANCE: readonly PolicyKeyword[] = [
  ...group("unlicensed_finance", "id", "block_suggested", [
    "pinjol ilegal",
    "pinjol tanpa jaminan",
    "pinjol cair cepat",
    "pinjaman online tanpa bi checking",
    "tanpa bi checking",
    "tanpa (cek) slik",
    "investasi bodong",
    "profit pasti",
    "keuntungan pasti",
    "untung pasti",
    "profit #% (per) hari",
    "return #% (per) hari",
    "money game",
    "robot trading",
    "arisan berantai",
    "penggandaan uang",
    "opsi biner",
    "investasi tanpa risiko",
  ]),
  ...group("unlicensed_finance", "id", "warning", [
    "pinjol",
    "pinjaman tanpa jaminan",
    "dana cair (dalam) # menit",
    "pasti untung",
    "modal kecil untung besar",
    "passive income",
    "arisan online",
    "titip dana",
  ]),
  ...group("unlicensed_finance", "en", "block_suggested", [
    "double your money",
    "guaranteed return",
    "guaranteed profit",
    "risk free investment",
    "get rich quick",
    "pyramid scheme",
    "ponzi",
    "binary option",
    "no credit check loan",
    "hyip",
  ]),
  ...group("unlicensed_finance", "en", "warning", ["instant loan", "payday loan"]),
];

const HEALTH_CLAIMS: readonly PolicyKeyword[] = [
  ...group("health_claims", "id", "block_suggested", [
    "obat kuat",
    "pelangsing cepat",
    "turun # kg (dalam) seminggu",
    "turun # kg (dalam) # hari",
    "menyembuhkan kanker",
    "menyembuhkan diabetes",
    "sembuh total",
    "sembuh permanen",
    "dijamin sembuh",
    "#% ampuh",
    "#% sembuh",
    "segala penyakit",
    "pembesar penis",
    "pembesar alat vital",
    "langsing tanpa diet",
  ]),
  ...group("health_claims", "id", "warning", [
    "semua penyakit",
    "obat kanker",
    "pemutih instan",
    "peninggi badan",
    "tanpa efek samping",
  ]),
  ...group("health_claims", "en", "block_suggested", [
    "miracle cure",
    "lose weight fast",
    "lose # kg (in) (a) week",
    "cure cancer",
    "cure diabetes",
    "#% cure",
    "guaranteed cure",
    "penis enlargement",
    "male enhancement",
    "burn fat fast",
  ]),
  ...group("health_claims", "en", "warning", ["no side effect", "weight loss pill"]),
];

const TOBACCO_ALCOHOL: readonly PolicyKeyword[] = [
  ...group("tobacco_alcohol", "id", "block_suggested", [
    "rokok",
    "rokok elektrik",
    "vape",
    "liquid vape",
    "saltnic",
    "cerutu",
    "miras",
    "minuman keras",
    "minuman beralkohol",
    "bir",
    "arak",
    "tuak",
    "soju",
  ]),
  ...group("tobacco_alcohol", "id", "warning", [
    "tembakau",
    "kretek",
    "anggur merah",
    "ciu",
    "sopi",
    "cap tikus",
  ]),
  ...group("tobacco_alcohol", "en", "block_suggested", [
    "cigarette",
    "cigar",
    "e liquid",
    "beer",
    "liquor",
    "alcohol delivery",
    "vodka",
    "whisky",
    "whiskey",
    "tequila",
  ]),
  ...group("tobacco_alcohol", "en", "warning", ["tobacco", "wine", "rum", "shisha", "hookah"]),
];

export const POLICY_LISTS: Readonly<Record<PolicyCategory, readonly PolicyKeyword[]>> = {
  gambling: GAMBLING,
  weapons: WEAPONS,
  drugs: DRUGS,
  adult: ADULT,
  unlicensed_finance: UNLICENSED_FINANCE,
  health_claims: HEALTH_CLAIMS,
  tobacco_alcohol: TOBACCO_ALCOHOL,
};

export const POLICY_KEYWORDS: readonly PolicyKeyword[] = POLICY_CATEGORIES.flatMap((category) => [
  ...POLICY_LISTS[category],
]);

export const POLICY_LIST_SIZES: Readonly<Record<PolicyCategory, number>> = Object.fromEntries(
  POLICY_CATEGORIES.map((category) => [category, POLICY_LISTS[category].length]),
) as Record<PolicyCategory, number>;

/**
 * Innocent phrases that contain a listed word. A keyword match that lies wholly inside one of these
 * is dropped: bir pletok is a Betawi spice drink with no alcohol, Sabu is an island in NTT known for
 * its woven cloth, "warna wine" is a colour of headscarf, Ar-Rum is a surah of the Quran, and so on. Same syntax as the lists.
 */
export const POLICY_ALLOWED_PHRASES: readonly string[] = [
  "bir pletok",
  "root beer",
  "ginger beer",
  "rum raisin",
  "ar rum",
  "warna wine",
  "merah wine",
  "wine red",
  "anggur merah segar",
  "buah anggur merah",
  "bibit anggur merah",
  "asap rokok",
  "bebas rokok",
  "tanpa rokok",
  "anti rokok",
  "cigarette pants",
  "celana cigarette",
  "sabu raijua",
  "tenun sabu",
  "pulau sabu",
  "pistol lem",
  "pistol air",
  "pistol mainan",
  "pistol semprot",
  "ammo box",
  "kartu poker",
  "naked cake",
];
