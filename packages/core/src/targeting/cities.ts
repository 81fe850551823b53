import { REGENCY_ROWS } from "./regencies.generated.js";
import { type City, cityCensus, PROVINCES } from "./regions.js";

/*
 * Every regency and city, apart from regions.ts: the 514 rows are wanted by the screens and rules
 * that list or look up any regency (the builder's targeting, the estimate, delivery), not by every
 * campaign read, which checks a code's shape and old slugs only (contracts' CityCode), so the
 * owner's first page does not download them.
 */

const provincesByKemendagri = new Map(PROVINCES.map((province) => [province.kemendagriCode, province]));

function cityOf([code, name]: readonly [string, string]): City {
  const province = provincesByKemendagri.get(code.slice(0, 2));
  // The generator checks that every prefix is a province of PROVINCES; this guards a hand edit.
  if (!province) throw new Error(`regency ${code} has no province`);
  const entry = cityCensus(code);
  return {
    code,
    provinceCode: province.code,
    name,
    kind: name.startsWith("Kota ") ? "kota" : "kabupaten",
    population: entry?.population ?? null,
    isProvinceCapital: entry?.isProvinceCapital ?? false,
  };
}

/** The 514 regencies and cities of Indonesia, in Kemendagri order (grouped by province). */
export const CITIES: readonly City[] = REGENCY_ROWS.map(cityOf);

const citiesByCode = new Map(CITIES.map((city) => [city.code, city]));

export function cityByCode(code: string): City | undefined {
  return citiesByCode.get(code);
}

export function citiesOfProvince(provinceCode: string): City[] {
  return CITIES.filter((city) => city.provinceCode === provinceCode);
}
