import { CITIES, CITY_ALIASES, cityByCode, PROVINCES } from "@sorot/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ViewerCity, ViewerProvince } from "./delivery.js";
import { CityCode } from "./regions.js";

/** The code the first issue of a failed parse names (a refinement's own, else zod's). */
function firstIssueCode(result: { success: boolean; error?: { issues: readonly object[] } }) {
  const issue = result.error?.issues[0] as { code?: string; params?: { code?: string } } | undefined;
  return issue?.params?.code ?? issue?.code;
}

describe("CityCode", () => {
  it("takes every code as it is and every old slug as its code", () => {
    for (const city of CITIES) expect(CityCode.parse(city.code)).toBe(city.code);
    for (const [alias, code] of CITY_ALIASES) expect(CityCode.parse(alias)).toBe(code);
  });

  it("answers any string with a well-formed value or MALFORMED_REGION_CODE, never anything else", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^\d{1,3}\.\d{1,3}$/)),
        (value) => {
          const result = CityCode.safeParse(value);
          if (result.success) expect(result.data).toMatch(/^(\d{2}\.\d{2}|[a-z]+(-[a-z]+)*)$/);
          else expect(firstIssueCode(result)).toMatch(/MALFORMED_REGION_CODE|too_big/);
        },
      ),
    );
  });
});

describe("a viewer's place", () => {
  it("drops a well-formed place Sorot does not know, and keeps a known one", () => {
    expect(ViewerCity.parse("99.99")).toBeUndefined();
    expect(ViewerCity.parse("atlantis")).toBeUndefined();
    expect(ViewerCity.parse("bandung")).toBe("32.73");
    expect(ViewerProvince.parse("ID-XX")).toBeUndefined();
    for (const province of PROVINCES) expect(ViewerProvince.parse(province.code)).toBe(province.code);
    expect(cityByCode(ViewerCity.parse("31.74") ?? "")?.name).toBe("Kota Administrasi Jakarta Selatan");
  });

  it("refuses a malformed one with MALFORMED_REGION_CODE", () => {
    for (const value of ["Jakarta Selatan", "31.7", "3174", "jakarta_selatan"]) {
      expect(firstIssueCode(ViewerCity.safeParse(value)), value).toBe("MALFORMED_REGION_CODE");
    }
    for (const value of ["id-jk", "JK", "ID-JKT"]) {
      expect(firstIssueCode(ViewerProvince.safeParse(value)), value).toBe("MALFORMED_REGION_CODE");
    }
  });
});
