/**
 * Simulated viewers for driving the delivery API (scripts/simulate.ts): a seeded, deterministic
 * stream of decision contexts whose shares follow the census and the taxonomy in @sorot/core, a
 * click model, and the hourly traffic curve the pacing maths assumes.
 *
 * Nothing here does I/O; the same seed always yields the same sequence.
 */
import {
  AGE_BAND_INFO,
  AGE_BANDS,
  type AgeBand,
  citiesOfProvince,
  DEFAULT_TRAFFIC_CURVE,
  DEVICE_INFO,
  DEVICES,
  type Device,
  GENDER_INFO,
  GENDERS,
  type Gender,
  INTEREST_INFO,
  INTERESTS,
  type Interest,
  LANGUAGE_INFO,
  LANGUAGES,
  type Language,
  PROVINCES,
  type TrafficCurve,
} from "@sorot/core";

/** A uniform number in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for traffic, not for anything secret. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** murmur3's finaliser: spreads every input bit over the whole 32-bit result. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stable 32-bit hash of a string (FNV-1a over UTF-16 code units, then fmix32). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** A picker that returns items in proportion to their weights, from one uniform draw. */
function weighted<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of entries) {
    if (!(weight > 0)) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new RangeError("a weighted pick needs at least one positive weight");
  return (random) => {
    const target = random() * total;
    // Binary search: the first cumulative weight above the target.
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return items[low] as T;
  };
}

export interface SimulatedViewer {
  viewerId: string;
  /** ISO 3166-2:ID code, e.g. `ID-JB`. */
  province: string;
  /** The Kemendagri code of the viewer's regency or city, from CITIES. */
  city?: string;
  ageBand: AgeBand;
  gender: Gender;
  device: Device;
  language: Language;
  interests: Interest[];
}

/** The `context` of `POST /v1/decisions` for a viewer. */
export type DecisionContext = SimulatedViewer;

const pickProvince = weighted(PROVINCES.map((province) => [province.code, province.population] as const));

/**
 * Per province, its regencies and cities by population, so city targeting sees the share of traffic
 * it would in reality. Where Sorot has no census figure for a regency, the province's residents
 * outside the counted ones are split evenly among those without one (an assumption of the simulation).
 */
const cityPickers = new Map(
  PROVINCES.map((province) => {
    const cities = citiesOfProvince(province.code);
    const counted = cities.reduce((sum, city) => sum + (city.population ?? 0), 0);
    const uncounted = cities.filter((city) => city.population === null).length;
    const rest = Math.max(0, province.population - counted) / Math.max(1, uncounted);
    const entries = cities.map((city) => [city.code, city.population ?? rest] as const);
    return [province.code, weighted(entries)] as const;
  }),
);

const pickAgeBand = weighted(AGE_BANDS.map((band) => [band, AGE_BAND_INFO[band].share] as const));
const pickGender = weighted(GENDERS.map((gender) => [gender, GENDER_INFO[gender].share] as const));
const pickDevice = weighted(DEVICES.map((device) => [device, DEVICE_INFO[device].share] as const));
const pickLanguage = weighted(
  LANGUAGES.map((language) => [language, LANGUAGE_INFO[language].share] as const),
);

/**
 * How many interests a viewer shows: 0 to 3. The shares in INTEREST_INFO are independent and would
 * give people about five each; placements usually know only a few strong signals about a person.
 */
const pickInterestCount = weighted([
  [0, 0.15],
  [1, 0.35],
  [2, 0.3],
  [3, 0.2],
] as const);

/** `count` distinct interests, each draw weighted by INTEREST_INFO share among those not yet taken. */
function pickInterests(random: Random, count: number): Interest[] {
  const remaining = [...INTERESTS];
  const chosen: Interest[] = [];
  while (chosen.length < count && remaining.length > 0) {
    const total = remaining.reduce((sum, interest) => sum + INTEREST_INFO[interest].share, 0);
    let target = random() * total;
    let index = remaining.length - 1;
    for (let i = 0; i < remaining.length; i++) {
      target -= INTEREST_INFO[remaining[i] as Interest].share;
      if (target < 0) {
        index = i;
        break;
      }
    }
    chosen.push(...remaining.splice(index, 1));
  }
  // A stable order, so the same viewer always sends the same list.
  return chosen.sort((a, b) => INTERESTS.indexOf(a) - INTERESTS.indexOf(b));
}

export const DEFAULT_VIEWER_POOL_SIZE = 50_000;

/**
 * The profile of viewer `sim-<index>`. It depends on the index alone, never on the run's seed, so a
 * viewer id is always the same person (same province, device, interests), whatever run sends it.
 */
export function viewerProfile(index: number): SimulatedViewer {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`not a viewer index: ${index}`);
  const random = mulberry32(fmix32(index ^ 0x5f3759df));
  const province = pickProvince(random);
  const city = cityPickers.get(province)?.(random);
  const viewer: SimulatedViewer = {
    viewerId: `sim-${index}`,
    province,
    ageBand: pickAgeBand(random),
    gender: pickGender(random),
    device: pickDevice(random),
    language: pickLanguage(random),
    interests: pickInterests(random, pickInterestCount(random)),
  };
  if (city !== undefined) viewer.city = city;
  return viewer;
}

export interface TrafficOptions {
  seed?: number;
  /** Distinct viewer ids to draw from; small enough that viewers come back and frequency caps matter. */
  poolSize?: number;
}

export interface TrafficGenerator {
  /** The next viewer to ask for an ad. */
  nextViewer(): SimulatedViewer;
  /** A uniform draw from the same seeded stream, for the caller's own decisions (bots, viewability, clicks). */
  random: Random;
}

/**
 * A deterministic stream of viewers from a pool of `poolSize` ids. Visits are skewed as real feeds
 * are (a few people scroll a lot): the index is `floor(poolSize × u²)`, so the busiest 1% of ids make
 * about 10% of the requests, enough for frequency caps to bite during a few minutes of traffic.
 */
export function createTraffic({
  seed = 1,
  poolSize = DEFAULT_VIEWER_POOL_SIZE,
}: TrafficOptions = {}): TrafficGenerator {
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError(`not a pool size: ${poolSize}`);
  const random = mulberry32(fmix32(seed));
  return {
    random,
    nextViewer() {
      const u = random();
      return viewerProfile(Math.min(poolSize - 1, Math.floor(poolSize * u * u)));
    },
  };
}

/** Click-through rate of an average ad shown to an average viewer. */
export const BASE_CLICK_THROUGH_RATE = 0.012;

/** Click-through multiplier when the viewer shares the ad's topic, and when they do not. */
const TOPIC_MATCH_FACTOR = 1.8;
const TOPIC_MISS_FACTOR = 0.86;

/**
 * How much better or worse than average an ad performs: a stable factor from 0.5× to 2× derived from
 * its id, log-uniform so a 2× ad is as common as a 0.5× one (mean about 1.08×).
 */
export function adQualityFactor(adId: string): number {
  const u = hashString(`quality:${adId}`) / 4_294_967_296;
  return 2 ** (2 * u - 1);
}

/**
 * An ad's topic, for the interest-overlap part of the click model. The decision response carries no
 * targeting, so it is derived from the id: one interest, weighted by how common it is.
 */
const pickTopic = weighted(INTERESTS.map((interest) => [interest, INTEREST_INFO[interest].share] as const));
export function adTopics(adId: string): Interest[] {
  return [pickTopic(mulberry32(hashString(`topic:${adId}`)))];
}

export interface ClickModelOptions {
  baseRate?: number;
  /** The ad's topics; derived from its id when not given. */
  adInterests?: readonly string[];
}

/**
 * Probability that `viewer` clicks an impression of ad `adId`: the base rate × the ad's quality factor
 * × an interest factor (1.8× when the viewer shares one of the ad's topics, else 0.86×). The factors
 * are balanced so that across the simulated population the rate averages about the base rate.
 */
export function clickProbability(
  adId: string,
  viewer: Pick<SimulatedViewer, "interests">,
  { baseRate = BASE_CLICK_THROUGH_RATE, adInterests = adTopics(adId) }: ClickModelOptions = {},
): number {
  const overlaps = viewer.interests.some((interest) => adInterests.includes(interest));
  const probability = baseRate * adQualityFactor(adId) * (overlaps ? TOPIC_MATCH_FACTOR : TOPIC_MISS_FACTOR);
  return Math.min(1, Math.max(0, probability));
}

/** Whether this impression is clicked, from one uniform draw `roll` (taken when the request started). */
export function willClick(
  roll: number,
  adId: string,
  viewer: Pick<SimulatedViewer, "interests">,
  options?: ClickModelOptions,
): boolean {
  return roll < clickProbability(adId, viewer, options);
}

/** Share of a day's requests per local hour (index 0 = 00:00-00:59); the one pacing assumes. */
export const TRAFFIC_CURVE: TrafficCurve = DEFAULT_TRAFFIC_CURVE;

/** Traffic at local `hour` (may be fractional; wraps around midnight) relative to the daily mean: 1 is average. */
export function trafficMultiplier(hour: number, curve: TrafficCurve = TRAFFIC_CURVE): number {
  const index = ((Math.floor(hour) % 24) + 24) % 24;
  return (curve[index] ?? 1 / 24) * 24;
}

/**
 * Fraction of a whole day's requests that have arrived by `dayFraction` (0..1) of the day,
 * integrating the curve hour by hour (linear inside an hour). 0 at midnight, 1 at the next.
 */
export function cumulativeTraffic(dayFraction: number, curve: TrafficCurve = TRAFFIC_CURVE): number {
  const hours = Math.min(24, Math.max(0, dayFraction * 24));
  const whole = Math.floor(hours);
  let sum = 0;
  for (let hour = 0; hour < whole; hour++) sum += curve[hour] ?? 0;
  if (whole < 24) sum += (curve[whole] ?? 0) * (hours - whole);
  const total = curve.reduce((acc, share) => acc + share, 0);
  return total > 0 ? sum / total : dayFraction;
}
