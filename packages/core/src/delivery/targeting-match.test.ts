import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CITIES } from "../targeting/cities.js";
import { PROVINCES } from "../targeting/regions.js";
import type { Targeting } from "../targeting/targeting.js";
import { AGE_BANDS, DEVICES, GENDERS, INTERESTS, LANGUAGES } from "../targeting/taxonomy.js";
import { compileTargeting, matchesTargeting, type Viewer } from "./targeting-match.js";

const everyone: Targeting = {
  provinces: [],
  cities: [],
  ageBands: [],
  genders: [],
  interests: [],
  devices: [],
  languages: [],
};

const designExample: Targeting = {
  provinces: ["ID-JK"],
  cities: [],
  ageBands: ["18-24", "25-34"],
  genders: ["female", "male"],
  interests: ["food_drink"],
  devices: ["android", "ios"],
  languages: ["id"],
};

const jakartan: Viewer = {
  province: "ID-JK",
  city: "31.74",
  ageBand: "25-34",
  gender: "female",
  device: "android",
  language: "id",
  interests: ["music", "food_drink"],
};

describe("matchesTargeting", () => {
  it("matches everyone, even a viewer we know nothing about, when every list is empty", () => {
    expect(matchesTargeting(everyone, {})).toBe(true);
    expect(matchesTargeting(everyone, jakartan)).toBe(true);
  });

  it("matches the design's example viewer and refuses one listed value off", () => {
    expect(matchesTargeting(designExample, jakartan)).toBe(true);
    expect(matchesTargeting(designExample, { ...jakartan, ageBand: "45-54" })).toBe(false);
    expect(matchesTargeting(designExample, { ...jakartan, device: "desktop" })).toBe(false);
    expect(matchesTargeting(designExample, { ...jakartan, language: "en" })).toBe(false);
    expect(matchesTargeting(designExample, { ...jakartan, interests: ["music"] })).toBe(false);
    expect(matchesTargeting(designExample, { ...jakartan, province: "ID-JB", city: "32.73" })).toBe(false);
  });

  it("does not match a restricted list when the viewer's value is unknown", () => {
    expect(matchesTargeting({ ...everyone, genders: ["female"] }, { ...jakartan, gender: undefined })).toBe(
      false,
    );
    expect(matchesTargeting({ ...everyone, interests: ["pets"] }, { ...jakartan, interests: [] })).toBe(
      false,
    );
    expect(
      matchesTargeting({ ...everyone, interests: ["pets"] }, { ...jakartan, interests: undefined }),
    ).toBe(false);
    expect(matchesTargeting({ ...everyone, provinces: ["ID-JK"] }, {})).toBe(false);
  });

  it("matches interests on any overlap", () => {
    const targeting = { ...everyone, interests: ["pets", "music"] };
    expect(matchesTargeting(targeting, { interests: ["music"] })).toBe(true);
    expect(matchesTargeting(targeting, { interests: ["gaming", "pets"] })).toBe(true);
    expect(matchesTargeting(targeting, { interests: ["gaming"] })).toBe(false);
  });

  describe("geography: a union of listed cities and the provinces they do not narrow", () => {
    it("matches a listed province by the viewer's province, or by the province of its city", () => {
      const targeting = { ...everyone, provinces: ["ID-JK", "ID-BA"] };
      expect(matchesTargeting(targeting, { province: "ID-BA" })).toBe(true);
      expect(matchesTargeting(targeting, { city: "51.71" })).toBe(true);
      expect(matchesTargeting(targeting, { province: "ID-JB", city: "32.75" })).toBe(false);
    });

    it("matches listed cities only when no province is listed", () => {
      const targeting = { ...everyone, cities: ["35.78", "32.73"] };
      expect(matchesTargeting(targeting, { province: "ID-JI", city: "35.78" })).toBe(true);
      expect(matchesTargeting(targeting, { city: "32.73" })).toBe(true);
      expect(matchesTargeting(targeting, { province: "ID-JB", city: "32.75" })).toBe(false);
      expect(matchesTargeting(targeting, { province: "ID-JB" })).toBe(false);
    });

    it("lets a listed city narrow its own province and leaves other provinces whole", () => {
      const targeting = { ...everyone, provinces: ["ID-JK", "ID-JB"], cities: ["31.74"] };
      expect(matchesTargeting(targeting, { province: "ID-JK", city: "31.74" })).toBe(true);
      expect(matchesTargeting(targeting, { province: "ID-JK", city: "31.73" })).toBe(false);
      // In a narrowed province, an unknown city cannot be shown to be one of the chosen ones.
      expect(matchesTargeting(targeting, { province: "ID-JK" })).toBe(false);
      expect(matchesTargeting(targeting, { province: "ID-JB", city: "32.73" })).toBe(true);
      expect(matchesTargeting(targeting, { province: "ID-JB" })).toBe(true);
    });

    it("still serves a listed city whose province the province list leaves out", () => {
      const targeting = { ...everyone, provinces: ["ID-JK"], cities: ["32.73"] };
      expect(matchesTargeting(targeting, { province: "ID-JB", city: "32.73" })).toBe(true);
      expect(matchesTargeting(targeting, { province: "ID-JK", city: "31.73" })).toBe(true);
      expect(matchesTargeting(targeting, { province: "ID-JB", city: "32.75" })).toBe(false);
    });
  });

  const subsetOf = (values: readonly string[]) => fc.subarray([...values]);
  const targetingArbitrary: fc.Arbitrary<Targeting> = fc.record({
    provinces: subsetOf(PROVINCES.map((p) => p.code)),
    cities: subsetOf(CITIES.map((c) => c.code)),
    ageBands: subsetOf(AGE_BANDS),
    genders: subsetOf(GENDERS),
    interests: subsetOf(INTERESTS),
    devices: subsetOf(DEVICES),
    languages: subsetOf(LANGUAGES),
  });
  const viewerArbitrary: fc.Arbitrary<Viewer> = fc.record(
    {
      province: fc.constantFrom(...PROVINCES.map((p) => p.code)),
      city: fc.constantFrom(...CITIES.map((c) => c.code)),
      ageBand: fc.constantFrom(...AGE_BANDS),
      gender: fc.constantFrom(...GENDERS),
      device: fc.constantFrom(...DEVICES),
      language: fc.constantFrom(...LANGUAGES),
      interests: subsetOf(INTERESTS),
    },
    { requiredKeys: [] },
  );

  it("never loses a viewer when a non-geographic list is emptied or widened", () => {
    fc.assert(
      fc.property(
        targetingArbitrary,
        viewerArbitrary,
        fc.constantFrom("ageBands", "genders", "interests", "devices", "languages") as fc.Arbitrary<
          "ageBands" | "genders" | "interests" | "devices" | "languages"
        >,
        fc.constantFrom(...AGE_BANDS, ...GENDERS, ...INTERESTS, ...DEVICES, ...LANGUAGES),
        (targeting, viewer, list, extra) => {
          if (!matchesTargeting(targeting, viewer)) return;
          expect(matchesTargeting({ ...targeting, [list]: [] }, viewer)).toBe(true);
          if (targeting[list].length > 0) {
            expect(matchesTargeting({ ...targeting, [list]: [...targeting[list], extra] }, viewer)).toBe(
              true,
            );
          }
        },
      ),
    );
  });

  it("requires every restricted attribute to be known", () => {
    fc.assert(
      fc.property(
        targetingArbitrary,
        viewerArbitrary,
        fc.constantFrom("ageBand", "gender", "device", "language") as fc.Arbitrary<
          "ageBand" | "gender" | "device" | "language"
        >,
        (targeting, viewer, attribute) => {
          const list = `${attribute}s` as "ageBands" | "genders" | "devices" | "languages";
          if (targeting[list].length === 0) return;
          expect(matchesTargeting(targeting, { ...viewer, [attribute]: undefined })).toBe(false);
        },
      ),
    );
  });

  it("gives the same answer compiled once as per call", () => {
    fc.assert(
      fc.property(targetingArbitrary, fc.array(viewerArbitrary, { maxLength: 5 }), (targeting, viewers) => {
        const matcher = compileTargeting(targeting);
        for (const viewer of viewers) expect(matcher(viewer)).toBe(matchesTargeting(targeting, viewer));
      }),
    );
  });
});
