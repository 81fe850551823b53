import { describe, expect, it } from "vitest";
import {
  AGE_BAND_INFO,
  AGE_BANDS,
  DEVICE_INFO,
  DEVICES,
  GENDER_INFO,
  GENDERS,
  INTEREST_INFO,
  INTERESTS,
  isAgeBand,
  isInterest,
  LANGUAGE_INFO,
  LANGUAGES,
  type TaxonomyEntry,
} from "./taxonomy.js";

const lists: [string, readonly string[], Record<string, TaxonomyEntry>][] = [
  ["age bands", AGE_BANDS, AGE_BAND_INFO],
  ["genders", GENDERS, GENDER_INFO],
  ["devices", DEVICES, DEVICE_INFO],
  ["languages", LANGUAGES, LANGUAGE_INFO],
  ["interests", INTERESTS, INTEREST_INFO],
];

describe("targeting taxonomy", () => {
  it.each(lists)("%s: unique stable codes, labelled in both locales, shares in (0, 1]", (_, codes, info) => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(info).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(code).toMatch(/^[a-z0-9_+-]+$/);
      const entry = info[code] as TaxonomyEntry;
      expect(entry.label.id.length).toBeGreaterThan(0);
      expect(entry.label.en.length).toBeGreaterThan(0);
      expect(entry.share).toBeGreaterThan(0);
      expect(entry.share).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ["age bands", AGE_BAND_INFO],
    ["genders", GENDER_INFO],
    ["devices", DEVICE_INFO],
    ["languages", LANGUAGE_INFO],
  ])("%s split people exclusively, so their shares sum to 1", (_, info) => {
    const total = Object.values(info).reduce((sum, entry) => sum + entry.share, 0);
    expect(total).toBeCloseTo(1, 6);
  });

  it("targets adults only", () => {
    expect(AGE_BANDS[0]).toBe("18-24");
    expect(isAgeBand("13-17")).toBe(false);
  });

  it("offers about twenty interests that fit small businesses", () => {
    expect(INTERESTS.length).toBeGreaterThanOrEqual(20);
    expect(isInterest("food_drink")).toBe(true);
    expect(isInterest("Food_Drink")).toBe(false);
  });
});
