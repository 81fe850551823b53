import { type FieldProblem, fieldProblem } from "../campaigns/problems.js";
import { type Micros, rupiah } from "../money.js";
import { cityByCode } from "./cities.js";
import { type City, INDONESIA_POPULATION, type Province, provinceByCode } from "./regions.js";
import type { Targeting } from "./targeting.js";
import {
  ADULT_SHARE_OF_POPULATION,
  AGE_BAND_INFO,
  DEVICE_INFO,
  GENDER_INFO,
  INTEREST_INFO,
  isAgeBand,
  isDevice,
  isGender,
  isInterest,
  isLanguage,
  LANGUAGE_INFO,
  type TaxonomyEntry,
} from "./taxonomy.js";

export interface AudienceBudget {
  /** What the campaign may spend in one day; for a lifetime budget, the caller's daily share of it. */
  dailyBudgetMicros: Micros;
  bidding?: { billingEvent: "cpm" | "cpc"; bidMicros: Micros } | null;
}

/**
 * People counts (not money), as whole numbers. `not_available` when a listed regency has no census
 * figure: the figures are then null (the dashboard says "perkiraan belum tersedia"), never a guess.
 */
export type AudienceEstimate =
  | {
      availability: "estimated";
      populationLow: number;
      populationHigh: number;
      dailyReachLow: number;
      dailyReachHigh: number;
      citiesWithoutFigure: [];
    }
  | {
      availability: "not_available";
      populationLow: null;
      populationHigh: null;
      dailyReachLow: null;
      dailyReachHigh: null;
      /** The listed cities (Kemendagri codes) that have no census figure. */
      citiesWithoutFigure: string[];
    };

/**
 * Fraction of adults Sorot's placements can reach at all: online often enough to see a feed, site
 * or video ad. A stated assumption, below APJII's 2024 internet penetration of about 79%, since not
 * every internet user visits a placement that carries Sorot ads.
 */
export const ONLINE_REACHABLE_SHARE = 0.7;

/** Price of 1,000 impressions assumed when the bid is not a CPM bid: Rp 15.000. */
export const DEFAULT_CPM_MICROS: Micros = rupiah(15_000n);

/** Impressions one reached person typically sees in a day; turns impressions into people. */
export const TYPICAL_DAILY_FREQUENCY = 1.5;

/** Every figure is an estimate from assumed shares, so it is shown as ±25% around the point. */
export const ESTIMATE_SPREAD = 0.25;

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

type Residents = { people: number } | { citiesWithoutFigure: string[] };

/**
 * Residents of the selected places. A selected city narrows its province to that city; a city whose
 * province is left out by a non-empty province list adds nobody (validation reports it). A counted
 * city without a census figure makes the whole count unknown: a partial sum would understate it.
 */
function geographicPopulation(provinceCodes: readonly string[], cityCodes: readonly string[]): Residents {
  if (provinceCodes.length === 0 && cityCodes.length === 0) return { people: INDONESIA_POPULATION };
  const provinces: Province[] = unique(provinceCodes).map(provinceByCode).filter(defined);
  const listed = new Set(provinces.map((province) => province.code));
  const cities: City[] = unique(cityCodes)
    .map(cityByCode)
    .filter(defined)
    .filter((city) => provinceCodes.length === 0 || listed.has(city.provinceCode));
  const citiesWithoutFigure = cities.filter((city) => city.population === null).map((city) => city.code);
  if (citiesWithoutFigure.length > 0) return { citiesWithoutFigure };
  const narrowed = new Set(cities.map((city) => city.provinceCode));
  const wholeProvinces = provinces
    .filter((province) => !narrowed.has(province.code))
    .reduce((sum, province) => sum + province.population, 0);
  return { people: wholeProvinces + cities.reduce((sum, city) => sum + (city.population ?? 0), 0) };
}

/** For mutually exclusive values (a person has one age band, one device): shares add up. */
function exclusiveShare<T extends string>(
  codes: readonly string[],
  isCode: (code: string) => code is T,
  info: Record<T, TaxonomyEntry>,
): number {
  if (codes.length === 0) return 1;
  return Math.min(
    1,
    unique(codes)
      .filter(isCode)
      .reduce((sum, code) => sum + info[code].share, 0),
  );
}

/** Interests are independent: the share with at least one is 1 - Π(1 - share_i). */
function interestShare(codes: readonly string[]): number {
  if (codes.length === 0) return 1;
  const missesAll = unique(codes)
    .filter(isInterest)
    .reduce((product, code) => product * (1 - INTEREST_INFO[code].share), 1);
  return 1 - missesAll;
}

/** Fraction of all residents the non-geographic criteria keep. */
function audienceShare(targeting: Targeting): number {
  return (
    ADULT_SHARE_OF_POPULATION *
    exclusiveShare(targeting.ageBands, isAgeBand, AGE_BAND_INFO) *
    exclusiveShare(targeting.genders, isGender, GENDER_INFO) *
    exclusiveShare(targeting.devices, isDevice, DEVICE_INFO) *
    exclusiveShare(targeting.languages, isLanguage, LANGUAGE_INFO) *
    interestShare(targeting.interests) *
    ONLINE_REACHABLE_SHARE
  );
}

function costPerThousandMicros(budget: AudienceBudget): Micros {
  const bidding = budget.bidding;
  // A CPC bid prices clicks, not impressions, so it says nothing about how many impressions a day buys.
  if (bidding && bidding.billingEvent === "cpm" && bidding.bidMicros > 0n) return bidding.bidMicros;
  return DEFAULT_CPM_MICROS;
}

/** Impressions the daily budget buys at the CPM: integer arithmetic on micros, rounded down. */
export function affordableDailyImpressions(budget: AudienceBudget): number {
  if (budget.dailyBudgetMicros <= 0n) return 0;
  // A count of impressions, not money, so a JS number holds it once the division is done.
  const impressions = (budget.dailyBudgetMicros * 1000n) / costPerThousandMicros(budget);
  return Number(impressions);
}

/**
 * How many people the targeting describes and how many of them the budget can reach in a day.
 * Unknown codes select nobody (validateTargeting reports them); duplicates count once.
 */
export function estimateAudience(targeting: Targeting, budget: AudienceBudget): AudienceEstimate {
  const residents = geographicPopulation(targeting.provinces, targeting.cities);
  if (!("people" in residents)) {
    const unknown = { populationLow: null, populationHigh: null, dailyReachLow: null, dailyReachHigh: null };
    return { availability: "not_available", ...unknown, citiesWithoutFigure: residents.citiesWithoutFigure };
  }
  const population = residents.people * audienceShare(targeting);
  const populationLow = Math.round(population * (1 - ESTIMATE_SPREAD));
  const populationHigh = Math.round(population * (1 + ESTIMATE_SPREAD));

  const reach = Math.min(affordableDailyImpressions(budget) / TYPICAL_DAILY_FREQUENCY, population);
  const dailyReachLow = Math.min(Math.round(reach * (1 - ESTIMATE_SPREAD)), populationLow);
  const dailyReachHigh = Math.min(Math.round(reach * (1 + ESTIMATE_SPREAD)), populationHigh);
  const figures = { populationLow, populationHigh, dailyReachLow, dailyReachHigh };
  return { availability: "estimated", ...figures, citiesWithoutFigure: [] };
}

type TargetingList = keyof Targeting;

const CODE_CHECKS: Record<Exclude<TargetingList, "cities">, (code: string) => boolean> = {
  provinces: (code) => provinceByCode(code) !== undefined,
  ageBands: isAgeBand,
  genders: isGender,
  interests: isInterest,
  devices: isDevice,
  languages: isLanguage,
};

/** Problems with each list: unknown codes, repeats, and cities outside the chosen provinces. */
export function validateTargeting(targeting: Targeting, basePath = "targeting"): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pathOf = (list: TargetingList, index: number) => `${basePath}.${list}.${index}`;
  const reportUnknown = (list: TargetingList, index: number, value: string) =>
    problems.push(fieldProblem(pathOf(list, index), "TARGETING_UNKNOWN", { list, value }));

  const reportRepeats = (list: TargetingList) => {
    const seen = new Set<string>();
    targeting[list].forEach((value, index) => {
      if (seen.has(value)) problems.push(fieldProblem(pathOf(list, index), "TARGETING_REPEATED", { value }));
      seen.add(value);
    });
  };

  for (const list of Object.keys(CODE_CHECKS) as (keyof typeof CODE_CHECKS)[]) {
    const isKnown = CODE_CHECKS[list];
    targeting[list].forEach((value, index) => {
      if (!isKnown(value)) reportUnknown(list, index, value);
    });
    reportRepeats(list);
  }

  const listedProvinces = new Set(targeting.provinces);
  targeting.cities.forEach((value, index) => {
    const city = cityByCode(value);
    if (!city) reportUnknown("cities", index, value);
    else if (listedProvinces.size > 0 && !listedProvinces.has(city.provinceCode)) {
      const params = { provinceCode: city.provinceCode };
      problems.push(fieldProblem(pathOf("cities", index), "CITY_OUTSIDE_PROVINCES", params));
    }
  });
  reportRepeats("cities");

  return problems;
}
