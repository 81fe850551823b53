import { AGE_BANDS, DEVICES, GENDERS, LANGUAGES } from "@sorot/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecisionContext } from "./delivery.js";
import { ViewerAgeBand, ViewerDevice, ViewerGender, ViewerLanguage } from "./viewer.js";

const FIELDS = [
  ["ageBand", ViewerAgeBand, AGE_BANDS],
  ["gender", ViewerGender, GENDERS],
  ["device", ViewerDevice, DEVICES],
  ["language", ViewerLanguage, LANGUAGES],
] as const;

function firstIssueCode(result: { success: boolean; error?: { issues: readonly object[] } }) {
  const issue = result.error?.issues[0] as { code?: string; params?: { code?: string } } | undefined;
  return issue?.params?.code ?? issue?.code;
}

describe("a viewer's attributes", () => {
  it("keeps every known value and drops a well-formed unknown one", () => {
    for (const [, schema, known] of FIELDS)
      for (const value of known) expect(schema.parse(value)).toBe(value);
    expect(ViewerAgeBand.parse("13-17")).toBeUndefined();
    expect(ViewerAgeBand.parse("65+")).toBeUndefined();
    expect(ViewerGender.parse("nonbinary")).toBeUndefined();
    expect(ViewerDevice.parse("tv")).toBeUndefined();
    expect(ViewerLanguage.parse("fr")).toBeUndefined();
    expect(ViewerLanguage.parse("en-US")).toBe("en");
    expect(ViewerLanguage.parse("id-ID")).toBe("id");
  });

  it("refuses a malformed one with MALFORMED_CONTEXT_VALUE", () => {
    for (const [schema, value] of [
      [ViewerAgeBand, "25 to 34"],
      [ViewerAgeBand, "young"],
      [ViewerGender, "Female"],
      [ViewerGender, "f e"],
      [ViewerDevice, "iPhone 15"],
      [ViewerLanguage, "Bahasa"],
      [ViewerLanguage, "en_US"],
    ] as const) {
      expect(firstIssueCode(schema.safeParse(value)), value).toBe("MALFORMED_CONTEXT_VALUE");
    }
  });

  it("answers any string with a known value, nothing, or a 400 code, never an unknown value", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        for (const [, schema, known] of FIELDS) {
          const result = schema.safeParse(value);
          if (result.success) expect([undefined, ...known]).toContain(result.data);
          else expect(firstIssueCode(result)).toMatch(/MALFORMED_CONTEXT_VALUE|too_big/);
        }
      }),
    );
  });

  it("drops unknown values from a decision context rather than passing them on", () => {
    expect(DecisionContext.parse({ viewerId: "v", ageBand: "13-17", device: "tv", language: "jv" })).toEqual({
      viewerId: "v",
      ageBand: undefined,
      device: undefined,
      language: "jv",
    });
  });
});
