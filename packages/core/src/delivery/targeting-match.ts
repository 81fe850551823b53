import { cityByCode } from "../targeting/cities.js";
import type { Targeting } from "../targeting/targeting.js";

/** What a placement tells us about the person about to see an ad; anything may be unknown. */
export interface Viewer {
  /** ISO 3166-2:ID code, e.g. `ID-JK`. */
  province?: string;
  /** City slug as in targeting/regions.ts, e.g. `jakarta-selatan`. */
  city?: string;
  ageBand?: string;
  gender?: string;
  device?: string;
  language?: string;
  interests?: string[];
}

export type ViewerMatcher = (viewer: Viewer) => boolean;

/** An empty list means everyone; otherwise the viewer's value must be known and listed. */
function listMatcher(codes: readonly string[]): (value: string | undefined) => boolean {
  if (codes.length === 0) return () => true;
  const allowed = new Set(codes);
  return (value) => value !== undefined && allowed.has(value);
}

// Cities and provinces share one attribute, so their codes are kept apart by a prefix.
const cityPlace = (code: string) => `c:${code}`;
const provincePlace = (code: string) => `p:${code}`;

/**
 * Geography is a union of places, read the way the audience estimate reads it (estimate.ts,
 * geographicPopulation), so a campaign delivers to the people its estimate counted:
 *
 * - a listed city matches viewers in that city;
 * - a listed province matches every viewer in it, unless the campaign also lists cities of that
 *   province: then the cities narrow it, and only viewers in those cities match;
 * - a listed city outside a non-empty province list (validateTargeting reports it) still matches its
 *   own viewers, since the advertiser named it explicitly.
 *
 * A viewer's province is the one the placement sends, else the province of the city it sends. A
 * viewer with no known place matches only an untargeted campaign; so does a viewer in a narrowed
 * province whose city is unknown, since nobody can tell whether they are in the chosen cities.
 *
 * As a list of places (city and province codes, each tagged with its kind), a viewer matches when
 * one of viewerPlaces is in it; the decision index posts campaigns under the same list.
 */
export function targetedPlaces(provinces: readonly string[], cities: readonly string[]): string[] {
  const narrowedProvinces = new Set(
    cities.map((code) => cityByCode(code)?.provinceCode).filter((code) => code !== undefined),
  );
  return [
    ...cities.map(cityPlace),
    ...provinces.filter((code) => !narrowedProvinces.has(code)).map(provincePlace),
  ];
}

/**
 * The places a viewer is in, as targetedPlaces names them: their city, and their province (the one
 * the placement sends, else the province of the city it sends).
 */
export function viewerPlaces(viewer: Viewer): string[] {
  const places: string[] = [];
  if (viewer.city !== undefined) places.push(cityPlace(viewer.city));
  const province =
    viewer.province ?? (viewer.city === undefined ? undefined : cityByCode(viewer.city)?.provinceCode);
  if (province !== undefined) places.push(provincePlace(province));
  return places;
}

function geographyMatcher(provinces: readonly string[], cities: readonly string[]): ViewerMatcher {
  if (provinces.length === 0 && cities.length === 0) return () => true;
  const places = new Set(targetedPlaces(provinces, cities));
  return (viewer) => viewerPlaces(viewer).some((place) => places.has(place));
}

/** Interests match on any overlap: a person interested in one listed topic is in the audience. */
function interestMatcher(interests: readonly string[]): ViewerMatcher {
  if (interests.length === 0) return () => true;
  const listed = new Set(interests);
  return (viewer) => (viewer.interests ?? []).some((interest) => listed.has(interest));
}

/**
 * Builds a matcher once per campaign so the decision path only does set lookups; the API's
 * in-memory index keeps one per deliverable campaign and rebuilds it when the targeting changes.
 */
export function compileTargeting(targeting: Targeting): ViewerMatcher {
  const geography = geographyMatcher(targeting.provinces, targeting.cities);
  const ageBand = listMatcher(targeting.ageBands);
  const gender = listMatcher(targeting.genders);
  const device = listMatcher(targeting.devices);
  const language = listMatcher(targeting.languages);
  const interests = interestMatcher(targeting.interests);
  return (viewer) =>
    ageBand(viewer.ageBand) &&
    gender(viewer.gender) &&
    device(viewer.device) &&
    language(viewer.language) &&
    interests(viewer) &&
    geography(viewer);
}

/** Whether `viewer` is in the campaign's audience (see compileTargeting for the rules). */
export function matchesTargeting(targeting: Targeting, viewer: Viewer): boolean {
  return compileTargeting(targeting)(viewer);
}
