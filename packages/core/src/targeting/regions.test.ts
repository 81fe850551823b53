import { describe, expect, it } from "vitest";
import { TIME_ZONES } from "../time-zones.js";
import {
  CITIES,
  citiesOfProvince,
  cityByCode,
  INDONESIA_POPULATION,
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

describe("cities", () => {
  it("uses unique lowercase slugs", () => {
    const codes = CITIES.map((city) => city.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it("belongs to known provinces, with exactly one capital each", () => {
    for (const city of CITIES) expect(provinceByCode(city.provinceCode), city.code).toBeDefined();
    for (const province of PROVINCES) {
      const capitals = citiesOfProvince(province.code).filter((city) => city.isProvinceCapital);
      expect(capitals, province.code).toHaveLength(1);
    }
  });

  it("lists 3 to 6 cities for each province of 10 million or more", () => {
    for (const province of PROVINCES.filter((p) => p.population >= 10_000_000)) {
      const count = citiesOfProvince(province.code).length;
      expect(count, province.code).toBeGreaterThanOrEqual(3);
      expect(count, province.code).toBeLessThanOrEqual(6);
    }
  });

  it("never holds more people than its province", () => {
    for (const province of PROVINCES) {
      const inCities = citiesOfProvince(province.code).reduce((sum, city) => sum + city.population, 0);
      expect(inCities, province.code).toBeLessThanOrEqual(province.population);
    }
  });

  it("matches the census where the cities cover the whole province", () => {
    const sum = (code: string) => citiesOfProvince(code).reduce((total, city) => total + city.population, 0);
    expect(sum("ID-JK")).toBe(provinceByCode("ID-JK")?.population);
    expect(sum("ID-YO")).toBe(provinceByCode("ID-YO")?.population);
  });

  it("finds a city by code", () => {
    expect(cityByCode("jakarta-selatan")).toMatchObject({ provinceCode: "ID-JK", kind: "kota" });
    expect(cityByCode("atlantis")).toBeUndefined();
  });
});
