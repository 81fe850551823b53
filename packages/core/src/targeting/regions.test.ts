import { describe, expect, it } from "vitest";
import { TIME_ZONES } from "../time-zones.js";
import { CITIES, citiesOfProvince, cityByCode } from "./cities.js";
import {
  CITY_ALIAS_PATTERN,
  CITY_ALIASES,
  CITY_CODE_PATTERN,
  INDONESIA_POPULATION,
  normalizeCityCode,
  PROVINCES,
  provinceByCode,
} from "./regions.js";

describe("provinces", () => {
  it("lists all 38 provinces, including those created in 2022", () => {
    expect(PROVINCES).toHaveLength(38);
    for (const code of ["ID-PS", "ID-PT", "ID-PE", "ID-PD"]) expect(provinceByCode(code)).toBeDefined();
  });

  it("uses unique, well-formed ISO 3166-2:ID codes", () => {
    const codes = PROVINCES.map((province) => province.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^ID-[A-Z]{2}$/);
    const kemendagri = PROVINCES.map((province) => province.kemendagriCode);
    expect(new Set(kemendagri).size).toBe(38);
    for (const code of kemendagri) expect(code).toMatch(/^\d{2}$/);
  });

  it("keeps the 2020 census total of about 270 million", () => {
    expect(INDONESIA_POPULATION).toBe(270_203_917);
    expect(INDONESIA_POPULATION).toBeGreaterThan(260_000_000);
    expect(INDONESIA_POPULATION).toBeLessThan(280_000_000);
  });

  it("keeps the pre-2022 Papua and Papua Barat totals across their splits", () => {
    const total = (codes: string[]) =>
      codes.reduce((sum, code) => sum + (provinceByCode(code)?.population ?? 0), 0);
    expect(total(["ID-PA", "ID-PS", "ID-PT", "ID-PE"])).toBe(4_303_707);
    expect(total(["ID-PB", "ID-PD"])).toBe(1_134_068);
  });

  it("puts every province in one of the three Indonesian time zones", () => {
    for (const province of PROVINCES) expect(TIME_ZONES).toContain(province.timeZone);
    expect(provinceByCode("ID-JK")?.timeZone).toBe("Asia/Jakarta");
    expect(provinceByCode("ID-BA")?.timeZone).toBe("Asia/Makassar");
    expect(provinceByCode("ID-PE")?.timeZone).toBe("Asia/Jayapura");
  });

  it("answers undefined for an unknown code", () => {
    expect(provinceByCode("ID-XX")).toBeUndefined();
    expect(provinceByCode("id-jk")).toBeUndefined();
  });
});

describe("regencies and cities", () => {
  it("lists all 514 by unique, well-formed Kemendagri codes", () => {
    expect(CITIES).toHaveLength(514);
    const codes = CITIES.map((city) => city.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(CITY_CODE_PATTERN);
  });

  it("puts each in the province its code's prefix names", () => {
    for (const city of CITIES) {
      expect(provinceByCode(city.provinceCode)?.kemendagriCode, city.code).toBe(city.code.slice(0, 2));
    }
    for (const province of PROVINCES) expect(citiesOfProvince(province.code).length).toBeGreaterThan(0);
  });

  it("tells a kota from a kabupaten by its name and its code", () => {
    expect(cityByCode("32.73")).toMatchObject({ name: "Kota Bandung", kind: "kota", provinceCode: "ID-JB" });
    expect(cityByCode("32.04")).toMatchObject({ name: "Kabupaten Bandung", kind: "kabupaten" });
    for (const city of CITIES) expect(city.kind === "kota", city.code).toBe(Number(city.code.slice(3)) >= 71);
  });

  it("has census figures for 96 of them, with exactly one capital per province", () => {
    expect(CITIES.filter((city) => city.population !== null)).toHaveLength(96);
    for (const province of PROVINCES) {
      const capitals = citiesOfProvince(province.code).filter((city) => city.isProvinceCapital);
      expect(capitals, province.code).toHaveLength(1);
      expect(capitals[0]?.population, province.code).not.toBeNull();
    }
  });

  it("never holds more people than its province", () => {
    for (const province of PROVINCES) {
      const inCities = citiesOfProvince(province.code).reduce((sum, city) => sum + (city.population ?? 0), 0);
      expect(inCities, province.code).toBeLessThanOrEqual(province.population);
    }
  });

  it("matches the census where the cities cover the whole province", () => {
    const sum = (code: string) =>
      citiesOfProvince(code).reduce((total, city) => total + (city.population ?? Number.NaN), 0);
    expect(sum("ID-JK")).toBe(provinceByCode("ID-JK")?.population);
    expect(sum("ID-YO")).toBe(provinceByCode("ID-YO")?.population);
  });

  it("finds a city by code", () => {
    expect(cityByCode("31.74")).toMatchObject({ provinceCode: "ID-JK", kind: "kota", population: 2_226_812 });
    expect(cityByCode("99.99")).toBeUndefined();
    expect(cityByCode("jakarta-selatan")).toBeUndefined();
  });
});

describe("old city slugs", () => {
  it("map each of the 96 to a distinct city with a census figure, in the same place", () => {
    expect(CITY_ALIASES.size).toBe(96);
    expect(new Set(CITY_ALIASES.values()).size).toBe(96);
    for (const [alias, code] of CITY_ALIASES) {
      expect(alias).toMatch(CITY_ALIAS_PATTERN);
      expect(cityByCode(code)?.population, alias).not.toBeNull();
      // The slug is the official name without its kind, give or take spaces and a variant spelling.
      const bare = (text: string) => text.toLowerCase().replace(/[^a-z]/g, "");
      const name = bare(cityByCode(code)?.name.replace(/^(Kota|Kabupaten)( Administrasi)? /, "") ?? "");
      const close = name === bare(alias) || name.slice(0, 5) === bare(alias).slice(0, 5);
      expect(close, `${alias} -> ${code}`).toBe(true);
    }
  });

  it("normalise to their code; codes and strangers stay as given", () => {
    expect(normalizeCityCode("jakarta-selatan")).toBe("31.74");
    expect(normalizeCityCode("bandung")).toBe("32.73");
    expect(normalizeCityCode("sleman")).toBe("34.04");
    expect(normalizeCityCode("31.74")).toBe("31.74");
    expect(normalizeCityCode("atlantis")).toBe("atlantis");
  });
});
