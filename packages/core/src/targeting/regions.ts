import type { TimeZone } from "../time-zones.js";

export interface Province {
  /** ISO 3166-2:ID code, e.g. `ID-JK`. */
  code: string;
  name: string;
  /** The zone its clocks keep: WIB (Asia/Jakarta), WITA (Asia/Makassar) or WIT (Asia/Jayapura). */
  timeZone: TimeZone;
  /** Residents counted by Sensus Penduduk 2020 (September 2020), people. */
  population: number;
}

export interface City {
  /** Stable lowercase slug, unique across Indonesia. */
  code: string;
  provinceCode: string;
  name: string;
  /**
   * What the population figure covers: a `kota` is the city itself; a `kabupaten` is the whole
   * regency around a town that is not a kota of its own (Sleman, Merauke, Wamena's Jayawijaya).
   */
  kind: "kota" | "kabupaten";
  /** Sensus Penduduk 2020 count of the kota or kabupaten, people. */
  population: number;
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
  { code: "ID-AC", name: "Aceh", timeZone: "Asia/Jakarta", population: 5_274_871 },
  { code: "ID-SU", name: "Sumatera Utara", timeZone: "Asia/Jakarta", population: 14_799_361 },
  { code: "ID-SB", name: "Sumatera Barat", timeZone: "Asia/Jakarta", population: 5_534_472 },
  { code: "ID-RI", name: "Riau", timeZone: "Asia/Jakarta", population: 6_394_087 },
  { code: "ID-JA", name: "Jambi", timeZone: "Asia/Jakarta", population: 3_548_228 },
  { code: "ID-SS", name: "Sumatera Selatan", timeZone: "Asia/Jakarta", population: 8_467_432 },
  { code: "ID-BE", name: "Bengkulu", timeZone: "Asia/Jakarta", population: 2_010_670 },
  { code: "ID-LA", name: "Lampung", timeZone: "Asia/Jakarta", population: 9_007_848 },
  { code: "ID-BB", name: "Kepulauan Bangka Belitung", timeZone: "Asia/Jakarta", population: 1_455_678 },
  { code: "ID-KR", name: "Kepulauan Riau", timeZone: "Asia/Jakarta", population: 2_064_564 },
  { code: "ID-JK", name: "DKI Jakarta", timeZone: "Asia/Jakarta", population: 10_562_088 },
  { code: "ID-JB", name: "Jawa Barat", timeZone: "Asia/Jakarta", population: 48_274_162 },
  { code: "ID-JT", name: "Jawa Tengah", timeZone: "Asia/Jakarta", population: 36_516_035 },
  { code: "ID-YO", name: "DI Yogyakarta", timeZone: "Asia/Jakarta", population: 3_668_719 },
  { code: "ID-JI", name: "Jawa Timur", timeZone: "Asia/Jakarta", population: 40_665_696 },
  { code: "ID-BT", name: "Banten", timeZone: "Asia/Jakarta", population: 11_904_562 },
  { code: "ID-BA", name: "Bali", timeZone: "Asia/Makassar", population: 4_317_404 },
  { code: "ID-NB", name: "Nusa Tenggara Barat", timeZone: "Asia/Makassar", population: 5_320_092 },
  { code: "ID-NT", name: "Nusa Tenggara Timur", timeZone: "Asia/Makassar", population: 5_325_566 },
  { code: "ID-KB", name: "Kalimantan Barat", timeZone: "Asia/Jakarta", population: 5_414_390 },
  { code: "ID-KT", name: "Kalimantan Tengah", timeZone: "Asia/Jakarta", population: 2_669_969 },
  { code: "ID-KS", name: "Kalimantan Selatan", timeZone: "Asia/Makassar", population: 4_073_584 },
  { code: "ID-KI", name: "Kalimantan Timur", timeZone: "Asia/Makassar", population: 3_766_039 },
  { code: "ID-KU", name: "Kalimantan Utara", timeZone: "Asia/Makassar", population: 701_814 },
  { code: "ID-SA", name: "Sulawesi Utara", timeZone: "Asia/Makassar", population: 2_621_923 },
  { code: "ID-ST", name: "Sulawesi Tengah", timeZone: "Asia/Makassar", population: 2_985_734 },
  { code: "ID-SN", name: "Sulawesi Selatan", timeZone: "Asia/Makassar", population: 9_073_509 },
  { code: "ID-SG", name: "Sulawesi Tenggara", timeZone: "Asia/Makassar", population: 2_624_875 },
  { code: "ID-GO", name: "Gorontalo", timeZone: "Asia/Makassar", population: 1_171_681 },
  { code: "ID-SR", name: "Sulawesi Barat", timeZone: "Asia/Makassar", population: 1_419_229 },
  { code: "ID-MA", name: "Maluku", timeZone: "Asia/Jayapura", population: 1_848_923 },
  { code: "ID-MU", name: "Maluku Utara", timeZone: "Asia/Jayapura", population: 1_282_937 },
  // Papua Barat (SP2020: 1,134,068) split in 2022; see the note above.
  { code: "ID-PB", name: "Papua Barat", timeZone: "Asia/Jayapura", population: 543_068 },
  { code: "ID-PD", name: "Papua Barat Daya", timeZone: "Asia/Jayapura", population: 591_000 },
  // Papua (SP2020: 4,303,707) split in 2022; see the note above.
  { code: "ID-PA", name: "Papua", timeZone: "Asia/Jayapura", population: 1_015_090 },
  { code: "ID-PS", name: "Papua Selatan", timeZone: "Asia/Jayapura", population: 513_617 },
  { code: "ID-PT", name: "Papua Tengah", timeZone: "Asia/Jayapura", population: 1_391_000 },
  { code: "ID-PE", name: "Papua Pegunungan", timeZone: "Asia/Jayapura", population: 1_384_000 },
];

function kota(provinceCode: string, code: string, name: string, population: number, capital = false): City {
  return { code, provinceCode, name, kind: "kota", population, isProvinceCapital: capital };
}

function kabupaten(
  provinceCode: string,
  code: string,
  name: string,
  population: number,
  capital = false,
): City {
  return { code, provinceCode, name, kind: "kabupaten", population, isProvinceCapital: capital };
}

/**
 * The main cities a small business targets: every provincial capital, plus the other large kota of
 * the big provinces. Populations are SP2020 counts of each kota/kabupaten from the BPS regional
 * tables ("<Province> Dalam Angka 2021", https://www.bps.go.id/); Jakarta's five kota and Kepulauan
 * Seribu, and DI Yogyakarta's five units, sum to their provinces' census totals exactly.
 */
export const CITIES: readonly City[] = [
  kota("ID-AC", "banda-aceh", "Banda Aceh", 252_899, true),
  kota("ID-AC", "lhokseumawe", "Lhokseumawe", 188_713),
  kota("ID-AC", "langsa", "Langsa", 185_971),

  kota("ID-SU", "medan", "Medan", 2_435_252, true),
  kota("ID-SU", "binjai", "Binjai", 291_842),
  kota("ID-SU", "pematangsiantar", "Pematangsiantar", 268_254),
  kota("ID-SU", "padangsidimpuan", "Padangsidimpuan", 225_105),
  kota("ID-SU", "tebing-tinggi", "Tebing Tinggi", 172_838),

  kota("ID-SB", "padang", "Padang", 909_040, true),
  kota("ID-SB", "payakumbuh", "Payakumbuh", 139_576),
  kota("ID-SB", "bukittinggi", "Bukittinggi", 121_028),
  kota("ID-SB", "pariaman", "Pariaman", 94_224),

  kota("ID-RI", "pekanbaru", "Pekanbaru", 983_356, true),
  kota("ID-RI", "dumai", "Dumai", 316_782),

  kota("ID-JA", "jambi", "Jambi", 606_200, true),

  kota("ID-SS", "palembang", "Palembang", 1_668_848, true),
  kota("ID-SS", "lubuklinggau", "Lubuklinggau", 234_166),
  kota("ID-SS", "prabumulih", "Prabumulih", 193_196),

  kota("ID-BE", "bengkulu", "Bengkulu", 373_591, true),

  kota("ID-LA", "bandar-lampung", "Bandar Lampung", 1_166_066, true),
  kota("ID-LA", "metro", "Metro", 168_676),

  kota("ID-BB", "pangkalpinang", "Pangkalpinang", 218_569, true),

  kota("ID-KR", "tanjungpinang", "Tanjungpinang", 227_663, true),
  kota("ID-KR", "batam", "Batam", 1_196_396),

  kota("ID-JK", "jakarta-pusat", "Jakarta Pusat", 1_056_896, true),
  kota("ID-JK", "jakarta-selatan", "Jakarta Selatan", 2_226_812),
  kota("ID-JK", "jakarta-timur", "Jakarta Timur", 3_037_139),
  kota("ID-JK", "jakarta-barat", "Jakarta Barat", 2_434_511),
  kota("ID-JK", "jakarta-utara", "Jakarta Utara", 1_778_981),
  kabupaten("ID-JK", "kepulauan-seribu", "Kepulauan Seribu", 27_749),

  kota("ID-JB", "bandung", "Bandung", 2_444_160, true),
  kota("ID-JB", "bekasi", "Bekasi", 2_543_676),
  kota("ID-JB", "depok", "Depok", 2_056_335),
  kota("ID-JB", "bogor", "Bogor", 1_043_070),
  kota("ID-JB", "tasikmalaya", "Tasikmalaya", 716_155),
  kota("ID-JB", "cirebon", "Cirebon", 333_303),

  kota("ID-JT", "semarang", "Semarang", 1_653_524, true),
  kota("ID-JT", "surakarta", "Surakarta (Solo)", 522_364),
  kota("ID-JT", "pekalongan", "Pekalongan", 307_150),
  kota("ID-JT", "tegal", "Tegal", 273_825),
  kota("ID-JT", "salatiga", "Salatiga", 192_322),
  kota("ID-JT", "magelang", "Magelang", 121_526),

  kota("ID-YO", "yogyakarta", "Yogyakarta", 373_589, true),
  kabupaten("ID-YO", "sleman", "Sleman", 1_125_804),
  kabupaten("ID-YO", "bantul", "Bantul", 985_770),
  kabupaten("ID-YO", "gunungkidul", "Gunungkidul", 747_161),
  kabupaten("ID-YO", "kulon-progo", "Kulon Progo", 436_395),

  kota("ID-JI", "surabaya", "Surabaya", 2_874_314, true),
  kabupaten("ID-JI", "sidoarjo", "Sidoarjo", 2_082_801),
  kota("ID-JI", "malang", "Malang", 843_810),
  kota("ID-JI", "kediri", "Kediri", 286_796),
  kota("ID-JI", "batu", "Batu", 213_046),
  kota("ID-JI", "madiun", "Madiun", 195_175),

  kota("ID-BT", "serang", "Serang", 692_101, true),
  kota("ID-BT", "tangerang", "Tangerang", 1_895_486),
  kota("ID-BT", "tangerang-selatan", "Tangerang Selatan", 1_354_350),
  kota("ID-BT", "cilegon", "Cilegon", 434_896),

  kota("ID-BA", "denpasar", "Denpasar", 726_599, true),
  kabupaten("ID-BA", "badung", "Badung", 548_191),
  kabupaten("ID-BA", "gianyar", "Gianyar", 515_344),

  kota("ID-NB", "mataram", "Mataram", 429_651, true),
  kota("ID-NB", "bima", "Bima", 155_140),

  kota("ID-NT", "kupang", "Kupang", 442_758, true),

  kota("ID-KB", "pontianak", "Pontianak", 658_685, true),
  kota("ID-KB", "singkawang", "Singkawang", 235_064),

  kota("ID-KT", "palangka-raya", "Palangka Raya", 293_500, true),

  // The provincial capital moved from Banjarmasin to Banjarbaru in 2022 (UU 8/2022).
  kota("ID-KS", "banjarbaru", "Banjarbaru", 253_442, true),
  kota("ID-KS", "banjarmasin", "Banjarmasin", 657_663),

  kota("ID-KI", "samarinda", "Samarinda", 827_994, true),
  kota("ID-KI", "balikpapan", "Balikpapan", 688_318),
  kota("ID-KI", "bontang", "Bontang", 178_917),

  kabupaten("ID-KU", "bulungan", "Bulungan (Tanjung Selor)", 151_844, true),
  kota("ID-KU", "tarakan", "Tarakan", 242_786),

  kota("ID-SA", "manado", "Manado", 451_916, true),
  kota("ID-SA", "bitung", "Bitung", 225_134),
  kota("ID-SA", "kotamobagu", "Kotamobagu", 123_722),
  kota("ID-SA", "tomohon", "Tomohon", 100_587),

  kota("ID-ST", "palu", "Palu", 373_218, true),

  kota("ID-SN", "makassar", "Makassar", 1_423_877, true),
  kota("ID-SN", "palopo", "Palopo", 184_681),
  kota("ID-SN", "parepare", "Parepare", 151_454),

  kota("ID-SG", "kendari", "Kendari", 345_107, true),
  kota("ID-SG", "baubau", "Baubau", 159_248),

  kota("ID-GO", "gorontalo", "Gorontalo", 198_539, true),

  kabupaten("ID-SR", "mamuju", "Mamuju", 278_764, true),

  kota("ID-MA", "ambon", "Ambon", 347_288, true),
  kota("ID-MA", "tual", "Tual", 88_280),

  // Sofifi, the capital, lies within Kota Tidore Kepulauan.
  kota("ID-MU", "tidore-kepulauan", "Tidore Kepulauan (Sofifi)", 114_480, true),
  kota("ID-MU", "ternate", "Ternate", 205_001),

  kabupaten("ID-PB", "manokwari", "Manokwari", 192_663, true),

  kota("ID-PD", "sorong", "Sorong", 284_410, true),

  kota("ID-PA", "jayapura", "Jayapura", 398_478, true),

  kabupaten("ID-PS", "merauke", "Merauke", 230_932, true),

  kabupaten("ID-PT", "nabire", "Nabire", 169_136, true),
  kabupaten("ID-PT", "mimika", "Mimika (Timika)", 311_969),

  kabupaten("ID-PE", "jayawijaya", "Jayawijaya (Wamena)", 269_553, true),
];

const provincesByCode = new Map(PROVINCES.map((province) => [province.code, province]));
const citiesByCode = new Map(CITIES.map((city) => [city.code, city]));

/** Sum of every province: Indonesia's population at SP2020, the base of an untargeted audience. */
export const INDONESIA_POPULATION = PROVINCES.reduce((sum, province) => sum + province.population, 0);

export function provinceByCode(code: string): Province | undefined {
  return provincesByCode.get(code);
}

export function cityByCode(code: string): City | undefined {
  return citiesByCode.get(code);
}

export function citiesOfProvince(provinceCode: string): City[] {
  return CITIES.filter((city) => city.provinceCode === provinceCode);
}
