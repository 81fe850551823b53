import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CITIES } from "../targeting/cities.js";
import { everyone, type Targeting } from "../targeting/targeting.js";
import { AGE_BANDS, DEVICES, GENDERS, INTERESTS, LANGUAGES } from "../targeting/taxonomy.js";
import { TargetingIndex, targetingConjunction, viewerAssignment } from "./targeting-index.js";
import { compileTargeting, type Viewer } from "./targeting-match.js";

interface Campaign {
  id: string;
  bid: number;
  targeting: Targeting;
  formats: string[];
}

const byBid = (a: Campaign, b: Campaign) => b.bid - a.bid;
const conjunctionOf = (campaign: Campaign) => targetingConjunction(campaign.targeting, campaign.formats);
const FORMATS = ["image", "video"];

/** The full scan the index replaces: every campaign, the existing matcher, then rank order. */
function scan(campaigns: Iterable<Campaign>, viewer: Viewer, formats: readonly string[]): string[] {
  return [...campaigns]
    .filter((c) => c.formats.some((f) => formats.includes(f)) && compileTargeting(c.targeting)(viewer))
    .sort((a, b) => byBid(a, b) || (a.id < b.id ? -1 : 1))
    .map((c) => c.id);
}

function indexOf(campaigns: Campaign[]): TargetingIndex<Campaign> {
  return TargetingIndex.of(
    byBid,
    campaigns.map((item) => ({ id: item.id, conjunction: conjunctionOf(item), item })),
  );
}

const ids = (list: Iterable<Campaign>) => [...list].map((c) => c.id);

// A few cities of two provinces, so that cities narrow provinces and viewers land in both often.
const places = CITIES.slice(0, 12);
const cityCodes = places.map((city) => city.code);
const provinceCodes = [...new Set(places.map((city) => city.provinceCode))];
const small = (values: readonly string[]) =>
  fc.subarray([...values], { maxLength: Math.min(3, values.length) });
const targetingArbitrary: fc.Arbitrary<Targeting> = fc.record({
  provinces: small(provinceCodes),
  cities: small(cityCodes),
  ageBands: small(AGE_BANDS),
  genders: small(GENDERS),
  interests: small(INTERESTS.slice(0, 6)),
  devices: small(DEVICES),
  languages: small(LANGUAGES),
});
const campaignArbitrary = (id: string): fc.Arbitrary<Campaign> =>
  fc.record({
    id: fc.constant(id),
    bid: fc.integer({ min: 1, max: 5 }),
    targeting: fc.oneof(fc.constant(everyone()), targetingArbitrary),
    formats: fc.subarray(FORMATS, { minLength: 1 }),
  });
const campaignsArbitrary = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => campaignArbitrary(`c${i}`))));
// Values the index has never seen ("ID-XX", "unknown") must simply match nothing they constrain.
const viewerArbitrary: fc.Arbitrary<Viewer> = fc.record(
  {
    province: fc.constantFrom(...provinceCodes, "ID-XX"),
    city: fc.constantFrom(...cityCodes, "unknown"),
    ageBand: fc.constantFrom(...AGE_BANDS),
    gender: fc.constantFrom(...GENDERS),
    device: fc.constantFrom(...DEVICES, "tv"),
    language: fc.constantFrom(...LANGUAGES),
    interests: small([...INTERESTS.slice(0, 6), "unknown"]),
  },
  { requiredKeys: [] },
);
const formatsArbitrary = fc.subarray(FORMATS, { minLength: 1 });

describe("TargetingIndex", () => {
  it("answers exactly what a full scan with the matcher answers, in rank order", () => {
    fc.assert(
      fc.property(campaignsArbitrary, viewerArbitrary, formatsArbitrary, (campaigns, viewer, formats) => {
        const index = indexOf(campaigns);
        expect(ids(index.walk(viewerAssignment(viewer, formats)))).toEqual(scan(campaigns, viewer, formats));
      }),
      { numRuns: 500 },
    );
  });

  it("finds every match once, unordered, the same set a full scan finds", () => {
    fc.assert(
      fc.property(campaignsArbitrary, viewerArbitrary, formatsArbitrary, (campaigns, viewer, formats) => {
        const found = ids(indexOf(campaigns).everyMatch(viewerAssignment(viewer, formats)));
        expect(found.length).toBe(new Set(found).size);
        expect(found.sort()).toEqual(scan(campaigns, viewer, formats).sort());
      }),
      { numRuns: 500 },
    );
  });

  it("stays equal to a full scan through puts, replacements and removals", () => {
    const change = fc.oneof(
      fc.record({ put: fc.integer({ min: 0, max: 50 }).chain((n) => campaignArbitrary(`c${n}`)) }),
      fc.record({ remove: fc.integer({ min: 0, max: 50 }).map((n) => `c${n}`) }),
    );
    fc.assert(
      fc.property(
        campaignsArbitrary,
        fc.array(change, { maxLength: 30 }),
        viewerArbitrary,
        formatsArbitrary,
        (campaigns, changes, viewer, formats) => {
          const index = indexOf(campaigns);
          const live = new Map(campaigns.map((c) => [c.id, c]));
          for (const step of changes) {
            if ("put" in step) {
              index.put(step.put.id, conjunctionOf(step.put), step.put);
              live.set(step.put.id, step.put);
            } else {
              index.remove(step.remove);
              live.delete(step.remove);
            }
          }
          expect(index.size).toBe(live.size);
          const expected = scan(live.values(), viewer, formats);
          expect(ids(index.walk(viewerAssignment(viewer, formats)))).toEqual(expected);
          expect(ids(index.everyMatch(viewerAssignment(viewer, formats))).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  const campaign = (id: string, bid: number, targeting: Partial<Targeting>, formats = ["image"]) => ({
    id,
    bid,
    targeting: { ...everyone(), ...targeting },
    formats,
  });

  it("yields a campaign met in two of the request's lists once", () => {
    const index = indexOf([campaign("pets-music", 1, { interests: ["pets", "music"] })]);
    const request = viewerAssignment({ interests: ["pets", "music"] }, ["image"]);
    expect(ids(index.walk(request))).toEqual(["pets-music"]);
  });

  it("stops where the caller stops: the best match comes first whatever else the index holds", () => {
    const many = Array.from({ length: 1_000 }, (_, n) => campaign(`low${n}`, 1, { provinces: ["ID-JK"] }));
    const index = indexOf([...many, campaign("top", 9, {})]);
    const first = index.walk(viewerAssignment({ province: "ID-JK" }, ["image"])).next();
    expect(first.value?.id).toBe("top");
  });

  it("keeps a walk paused across a change consistent with the index it started on", () => {
    const index = indexOf([campaign("a", 3, {}), campaign("b", 2, {}), campaign("c", 1, {})]);
    const walk = index.walk(viewerAssignment({}, ["image"]));
    expect(walk.next().value?.id).toBe("a");
    index.remove("b");
    index.put("d", conjunctionOf(campaign("d", 5, {})), campaign("d", 5, {}));
    expect(ids({ [Symbol.iterator]: () => walk })).toEqual(["b", "c"]);
    expect(ids(index.walk(viewerAssignment({}, ["image"])))).toEqual(["d", "a", "c"]);
  });

  it("serves only the formats the placement asks for", () => {
    const index = indexOf([campaign("image", 2, {}), campaign("video", 1, {}, ["video"])]);
    expect(ids(index.walk(viewerAssignment({}, ["video"])))).toEqual(["video"]);
    expect(ids(index.walk(viewerAssignment({}, FORMATS)))).toEqual(["image", "video"]);
  });
});
