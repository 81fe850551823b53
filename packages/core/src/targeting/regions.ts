import type { TimeZone } from "../time-zones.js";

export interface Province {
  /** ISO 3166-2:ID code, e.g. `ID-JK`. */
  code: string;
  /** Kemendagri's two digits (`31`), the prefix of each of its regencies' codes (`31.71`). */
  kemendagriCode: string;
  name: string;
  /** The zone its clocks keep: WIB (Asia/Jakarta), WITA (Asia/Makassar) or WIT (Asia/Jayapura). */
  timeZone: TimeZone;
  /** Residents counted by Sensus Penduduk 2020 (September 2020), people. */
  population: number;
}

export interface City {
  /**
   * Kemendagri code: the province's two digits, a dot, two digits (`31.74`); 01-69 are kabupaten,
   * 71 and up kota.
   */
  code: string;
  /** ISO 3166-2:ID code of its province. */
  provinceCode: string;
  /** Official name, Indonesian: `Kota Bandung`, `Kabupaten Bandung`. */
  name: string;
  /**
   * What a population figure covers: a `kota` is the city itself; a `kabupaten` is the whole
   * regency around its towns (Sleman, Merauke, Wamena's Jayawijaya).
   */
  kind: "kota" | "kabupaten";
  /** Sensus Penduduk 2020 count of the kota or kabupaten, people; null where Sorot has no figure. */
  population: number | null;
  isProvinceCapital: boolean;
}

/**
 * Populations: Badan Pusat Statistik (BPS), "Hasil Sensus Penduduk 2020" (Berita Resmi Statistik
 * No. 7/01/Th. XXIV, 21 January 2021), table "Jumlah Penduduk Hasil SP2020 menurut Provinsi",
 * https://www.bps.go.id/id/pressrelease/2021/01/21/1854/hasil-sensus-penduduk-2020.html
 * The 34 provinces of 2020 sum to the census total of 270,203,917 exactly.
 *
 * The census predates the 2022 split of Papua (into Papua, Papua Selatan, Papua Tengah and Papua
 * Pegunungan) and of Papua Barat (into Papua Barat and Papua Barat Daya). Papua Selatan is the exact
 * SP2020 count of its four regencies (Merauke, Boven Digoel, Mappi, Asmat). Papua Tengah, Papua
 * Pegunungan and Papua Barat Daya are sums of their regencies' SP2020 counts rounded to the thousand,
 * because the published regency figures disagree by a few thousand between BPS releases; the
 * residual Papua and Papua Barat take the remainder, so each parent's 2020 total is kept exactly.
 */
export const PROVINCES: readonly Province[] = [
  { code: "ID-AC", kemendagriCode: "11", name: "Aceh", timeZone: "Asia/Jakarta", population: 5_274_871 },
  {
    code: "ID-SU",
    kemendagriCode: "12",
    name: "Sumatera Utara",
    timeZone: "Asia/Jakarta",
    population: 14_799_361,
  },
  {
    code: "ID-SB",
    kemendagriCode: "13",
    name: "Sumatera Barat",
    timeZone: "Asia/Jakarta",
    population: 5_534_472,
  },
  { code: "ID-RI", kemendagriCode: "14", name: "Riau", timeZone: "Asia/Jakarta", population: 6_394_087 },
  { code: "ID-JA", kemendagriCode: "15", name: "Jambi", timeZone: "Asia/Jakarta", population: 3_548_228 },
  {
    code: "ID-SS",
    kemendagriCode: "16",
    name: "Sumatera Selatan",
    timeZone: "Asia/Jakarta",
    population: 8_467_432,
  },
  { code: "ID-BE", kemendagriCode: "17", name: "Bengkulu", timeZone: "Asia/Jakarta", population: 2_010_670 },
  { code: "ID-LA", kemendagriCode: "18", name: "Lampung", timeZone: "Asia/Jakarta", population: 9_007_848 },
  {
    code: "ID-BB",
    kemendagriCode: "19",
    name: "Kepulauan Bangka Belitung",
    timeZone: "Asia/Jakarta",
    population: 1_455_678,
  },
  {
    code: "ID-KR",
    kemendagriCode: "21",
    name: "Kepulauan Riau",
    timeZone: "Asia/Jakarta",
    population: 2_064_564,
  },
  {
    code: "ID-JK",
    kemendagriCode: "31",
    name: "DKI Jakarta",
    timeZone: "Asia/Jakarta",
    population: 10_562_088,
  },
  {
    code: "ID-JB",
    kemendagriCode: "32",
    name: "Jawa Barat",
    timeZone: "Asia/Jakarta",
    population: 48_274_162,
  },
  {
    code: "ID-JT",
    kemendagriCode: "33",
    name: "Jawa Tengah",
    timeZone: "Asia/Jakarta",
    population: 36_516_035,
  },
  {
    code: "ID-YO",
    kemendagriCode: "34",
    name: "DI Yogyakarta",
    timeZone: "Asia/Jakarta",
    population: 3_668_719,
  },
  {
    code: "ID-JI",
    kemendagriCode: "35",
    name: "Jawa Timur",
    timeZone: "Asia/Jakarta",
    population: 40_665_696,
  },
  { code: "ID-BT", kemendagriCode: "36", name: "Banten", timeZone: "Asia/Jakarta", population: 11_904_562 },
  { code: "ID-BA", kemendagriCode: "51", name: "Bali", timeZone: "Asia/Makassar", population: 4_317_404 },
  {
    code: "ID-NB",
    kemendagriCode: "52",
    name: "Nusa Tenggara Barat",
    timeZone: "Asia/Makassar",
    population: 5_320_092,
  },
  {
    code: "ID-NT",
    kemendagriCode: "53",
    name: "Nusa Tenggara Timur",
    timeZone: "Asia/Makassar",
    population: 5_325_566,
  },
  {
    code: "ID-KB",
    kemendagriCode: "61",
    name: "Kalimantan Barat",
    timeZone: "Asia/Jakarta",
    population: 5_414_390,
  },
  {
    code: "ID-KT",
    kemendagriCode: "62",
    name: "Kalimantan Tengah",
    timeZone: "Asia/Jakarta",
    population: 2_669_969,
  },
  {
    code: "ID-KS",
    kemendagriCode: "63",
    name: "Kalimantan Selatan",
    timeZone: "Asia/Makassar",
    population: 4_073_584,
  },
  {
    code: "ID-KI",
    kemendagriCode: "64",
    name: "Kalimantan Timur",
    timeZone: "Asia/Makassar",
    population: 3_766_039,
  },
  {
    code: "ID-KU",
    kemendagriCode: "65",
    name: "Kalimantan Utara",
    timeZone: "Asia/Makassar",
    population: 701_814,
  },
  {
    code: "ID-SA",
    kemendagriCode: "71",
    name: "Sulawesi Utara",
    timeZone: "Asia/Makassar",
    population: 2_621_923,
  },
  {
    code: "ID-ST",
    kemendagriCode: "72",
    name: "Sulawesi Tengah",
    timeZone: "Asia/Makassar",
    population: 2_985_734,
  },
  {
    code: "ID-SN",
    kemendagriCode: "73",
    name: "Sulawesi Selatan",
    timeZone: "Asia/Makassar",
    population: 9_073_509,
  },
  {
    code: "ID-SG",
    kemendagriCode: "74",
    name: "Sulawesi Tenggara",
    timeZone: "Asia/Makassar",
    population: 2_624_875,
  },
  {
    code: "ID-GO",
    kemendagriCode: "75",
    name: "Gorontalo",
    timeZone: "Asia/Makassar",
    population: 1_171_681,
  },
  {
    code: "ID-SR",
    kemendagriCode: "76",
    name: "Sulawesi Barat",
    timeZone: "Asia/Makassar",
    population: 1_419_229,
  },
  { code: "ID-MA", kemendagriCode: "81", name: "Maluku", timeZone: "Asia/Jayapura", population: 1_848_923 },
  {
    code: "ID-MU",
    kemendagriCode: "82",
    name: "Maluku Utara",
    timeZone: "Asia/Jayapura",
    population: 1_282_937,
  },
  // Papua Barat (SP2020: 1,134,068) split in 2022; see the note above.
  {
    code: "ID-PB",
    kemendagriCode: "92",
    name: "Papua Barat",
    timeZone: "Asia/Jayapura",
    population: 543_068,
  },
  {
    code: "ID-PD",
    kemendagriCode: "96",
    name: "Papua Barat Daya",
    timeZone: "Asia/Jayapura",
    population: 591_000,
  },
  // Papua (SP2020: 4,303,707) split in 2022; see the note above.
  { code: "ID-PA", kemendagriCode: "91", name: "Papua", timeZone: "Asia/Jayapura", population: 1_015_090 },
  {
    code: "ID-PS",
    kemendagriCode: "93",
    name: "Papua Selatan",
    timeZone: "Asia/Jayapura",
    population: 513_617,
  },
  {
    code: "ID-PT",
    kemendagriCode: "94",
    name: "Papua Tengah",
    timeZone: "Asia/Jayapura",
    population: 1_391_000,
  },
  {
    code: "ID-PE",
    kemendagriCode: "95",
    name: "Papua Pegunungan",
    timeZone: "Asia/Jayapura",
    population: 1_384_000,
  },
];

interface CityCensus {
  code: string;
  /** The slug this city had before Kemendagri codes (`jakarta-selatan`), still accepted on input. */
  alias: string;
  population: number;
  isProvinceCapital: boolean;
}

function census(code: string, alias: string, population: number, isProvinceCapital = false): CityCensus {
  return { code, alias, population, isProvinceCapital };
}

/**
 * The cities Sorot has census figures for: every provincial capital, plus the other large kota of
 * the big provinces. Populations are SP2020 counts of each kota/kabupaten from the BPS regional
 * tables ("<Province> Dalam Angka 2021", https://www.bps.go.id/); Jakarta's five kota and Kepulauan
 * Seribu, and DI Yogyakarta's five units, sum to their provinces' census totals exactly. Their
 * aliases are the slugs campaigns and creator profiles stored before (migration 0014 maps them).
 */
const CENSUS: readonly CityCensus[] = [
  census("11.71", "banda-aceh", 252_899, true),
  census("11.73", "lhokseumawe", 188_713),
  census("11.74", "langsa", 185_971),

  census("12.71", "medan", 2_435_252, true),
  census("12.75", "binjai", 291_842),
  census("12.72", "pematangsiantar", 268_254),
  census("12.77", "padangsidimpuan", 225_105),
  census("12.76", "tebing-tinggi", 172_838),

  census("13.71", "padang", 909_040, true),
  census("13.76", "payakumbuh", 139_576),
  census("13.75", "bukittinggi", 121_028),
  census("13.77", "pariaman", 94_224),

  census("14.71", "pekanbaru", 983_356, true),
  census("14.72", "dumai", 316_782),

  census("15.71", "jambi", 606_200, true),

  census("16.71", "palembang", 1_668_848, true),
  census("16.73", "lubuklinggau", 234_166),
  census("16.74", "prabumulih", 193_196),

  census("17.71", "bengkulu", 373_591, true),

  census("18.71", "bandar-lampung", 1_166_066, true),
  census("18.72", "metro", 168_676),

  census("19.71", "pangkalpinang", 218_569, true),

  census("21.72", "tanjungpinang", 227_663, true),
  census("21.71", "batam", 1_196_396),

  census("31.71", "jakarta-pusat", 1_056_896, true),
  census("31.74", "jakarta-selatan", 2_226_812),
  census("31.75", "jakarta-timur", 3_037_139),
  census("31.73", "jakarta-barat", 2_434_511),
  census("31.72", "jakarta-utara", 1_778_981),
  census("31.01", "kepulauan-seribu", 27_749),

  census("32.73", "bandung", 2_444_160, true),
  census("32.75", "bekasi", 2_543_676),
  census("32.76", "depok", 2_056_335),
  census("32.71", "bogor", 1_043_070),
  census("32.78", "tasikmalaya", 716_155),
  census("32.74", "cirebon", 333_303),

  census("33.74", "semarang", 1_653_524, true),
  census("33.72", "surakarta", 522_364),
  census("33.75", "pekalongan", 307_150),
  census("33.76", "tegal", 273_825),
  census("33.73", "salatiga", 192_322),
  census("33.71", "magelang", 121_526),

  census("34.71", "yogyakarta", 373_589, true),
  census("34.04", "sleman", 1_125_804),
  census("34.02", "bantul", 985_770),
  census("34.03", "gunungkidul", 747_161),
  census("34.01", "kulon-progo", 436_395),

  census("35.78", "surabaya", 2_874_314, true),
  census("35.15", "sidoarjo", 2_082_801),
  census("35.73", "malang", 843_810),
  census("35.71", "kediri", 286_796),
  census("35.79", "batu", 213_046),
  census("35.77", "madiun", 195_175),

  census("36.73", "serang", 692_101, true),
  census("36.71", "tangerang", 1_895_486),
  census("36.74", "tangerang-selatan", 1_354_350),
  census("36.72", "cilegon", 434_896),

  census("51.71", "denpasar", 726_599, true),
  census("51.03", "badung", 548_191),
  census("51.04", "gianyar", 515_344),

  census("52.71", "mataram", 429_651, true),
  census("52.72", "bima", 155_140),

  census("53.71", "kupang", 442_758, true),

  census("61.71", "pontianak", 658_685, true),
  census("61.72", "singkawang", 235_064),

  census("62.71", "palangka-raya", 293_500, true),

  // The provincial capital moved from Banjarmasin to Banjarbaru in 2022 (UU 8/2022).
  census("63.72", "banjarbaru", 253_442, true),
  census("63.71", "banjarmasin", 657_663),

  census("64.72", "samarinda", 827_994, true),
  census("64.71", "balikpapan", 688_318),
  census("64.74", "bontang", 178_917),

  census("65.01", "bulungan", 151_844, true),
  census("65.71", "tarakan", 242_786),

  census("71.71", "manado", 451_916, true),
  census("71.72", "bitung", 225_134),
  census("71.74", "kotamobagu", 123_722),
  census("71.73", "tomohon", 100_587),

  census("72.71", "palu", 373_218, true),

  census("73.71", "makassar", 1_423_877, true),
  census("73.73", "palopo", 184_681),
  census("73.72", "parepare", 151_454),

  census("74.71", "kendari", 345_107, true),
  census("74.72", "baubau", 159_248),

  census("75.71", "gorontalo", 198_539, true),

  census("76.02", "mamuju", 278_764, true),

  census("81.71", "ambon", 347_288, true),
  census("81.72", "tual", 88_280),

  // Sofifi, the capital, lies within Kota Tidore Kepulauan.
  census("82.72", "tidore-kepulauan", 114_480, true),
  census("82.71", "ternate", 205_001),

  census("92.02", "manokwari", 192_663, true),

  census("96.71", "sorong", 284_410, true),

  census("91.71", "jayapura", 398_478, true),

  census("93.01", "merauke", 230_932, true),

  census("94.01", "nabire", 169_136, true),
  census("94.04", "mimika", 311_969),

  census("95.01", "jayawijaya", 269_553, true),
];

const censusByCode = new Map(CENSUS.map((entry) => [entry.code, entry]));
const provincesByCode = new Map(PROVINCES.map((province) => [province.code, province]));
const codesByAlias: ReadonlyMap<string, string> = new Map(CENSUS.map((entry) => [entry.alias, entry.code]));

/** Old city slug -> Kemendagri code, for the cities that had a slug. */
export const CITY_ALIASES = codesByAlias;

/** Sum of every province: Indonesia's population at SP2020, the base of an untargeted audience. */
export const INDONESIA_POPULATION = PROVINCES.reduce((sum, province) => sum + province.population, 0);

/** The shape of a Kemendagri regency code, `31.74`. */
export const CITY_CODE_PATTERN = /^\d{2}\.\d{2}$/;
/** The shape of an old city slug, `jakarta-selatan`. */
export const CITY_ALIAS_PATTERN = /^[a-z]+(-[a-z]+)*$/;

export function provinceByCode(code: string): Province | undefined {
  return provincesByCode.get(code);
}

/** Sorot's census figures for a regency or city, where it has them. */
export function cityCensus(code: string): Pick<CityCensus, "population" | "isProvinceCapital"> | undefined {
  return censusByCode.get(code);
}

/**
 * The code an input names: an old slug becomes its Kemendagri code; anything else is kept as given,
 * so an unknown value is still there to be reported (or ignored) by whoever checks it.
 */
export function normalizeCityCode(value: string): string {
  return codesByAlias.get(value) ?? value;
}
