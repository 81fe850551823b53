import type { Bidding } from "../campaigns/bidding.js";
import { type Micros, minMicros, rupiah } from "../money.js";

export type BillingEvent = Bidding["billingEvent"];
export type BidStrategy = Bidding["strategy"];

/** The delivery event each billing model charges for. */
export const BILLED_EVENT: Record<BillingEvent, "impression" | "click"> = { cpm: "impression", cpc: "click" };

/**
 * A campaign's bidding as delivery reads it (campaigns/bidding.ts): manual bid (CPM per 1,000
 * impressions, CPC per click) or lowest cost with an optional cap. `strategy` omitted means manual,
 * as in the contracts' default.
 */
export type BidTerms = Omit<Bidding, "strategy"> & { strategy?: BidStrategy };

/**
 * What a lowest-cost campaign pays without a cap: Rp 10.000 per 1,000 impressions, Rp 500 per click.
 * Sorot runs a first-price auction on a small inventory, so "lowest cost" is a fixed floor price
 * rather than a bid discovered against competitors; the owner's cap can only lower it.
 */
export const LOWEST_COST_CPM_MICROS: Micros = rupiah(10_000n);
export const LOWEST_COST_CPC_MICROS: Micros = rupiah(500n);

const IMPRESSIONS_PER_CPM = 1_000n;

/** The bid the auction and the charge use: the manual bid, or the lowest-cost floor capped by the cap. */
export function effectiveBidMicros(bidding: BidTerms): Micros {
  if (bidding.strategy === "lowest_cost") {
    const floor = bidding.billingEvent === "cpm" ? LOWEST_COST_CPM_MICROS : LOWEST_COST_CPC_MICROS;
    if (bidding.bidMicros == null) return floor;
    if (bidding.bidMicros <= 0n) throw new RangeError("a lowest-cost cap must be positive");
    return minMicros(floor, bidding.bidMicros);
  }
  if (bidding.bidMicros == null) throw new RangeError("a manual bid needs bidMicros");
  // A zero bid would serve ads for free; contracts reject it, and this refuses it again.
  if (bidding.bidMicros <= 0n) throw new RangeError("a manual bid must be positive");
  return bidding.bidMicros;
}

/**
 * The amount to reserve and charge for one billed event: one impression for CPM, one click for CPC.
 *
 * A CPM bid is a price per 1,000 impressions, so one impression costs bid / 1000, rounded UP to a
 * whole micro. Rounding is per impression so the reservation taken at decision time (DESIGN.md,
 * "Delivery pipeline") is exactly what the impression later bills, with no running counter to carry
 * a remainder across API instances. Up, not down, so Sorot never serves below the price the owner
 * agreed to; 1,000 impressions cost at most 999 micros (under a thousandth of a rupiah) over the bid, and
 * nothing at all for bids in whole rupiah, which are multiples of 1,000 micros.
 */
export function costOfEvent(bidding: BidTerms): Micros {
  const bid = effectiveBidMicros(bidding);
  if (bidding.billingEvent === "cpc") return bid;
  return (bid + IMPRESSIONS_PER_CPM - 1n) / IMPRESSIONS_PER_CPM;
}

/**
 * Prior belief about a CPC ad's click-through rate before it has data: 10 clicks in 1,000
 * impressions (1%, near display-ad norms in Indonesian feeds). The predicted CTR is
 * (clicks + 10) / (impressions + 1,000): a new ad starts at 1% and moves to its own rate as its
 * impressions outgrow the 1,000 imagined ones, so one lucky early click does not win every auction.
 */
export const PRIOR_CLICKS = 10n;
export const PRIOR_IMPRESSIONS = 1_000n;

export interface RankingCandidate extends BidTerms {
  campaignId: string;
  adId: string;
  /** Counts (not money) for this ad, used to predict CTR for CPC bids; omitted means none yet. */
  clicks?: number | bigint;
  impressions?: number | bigint;
}

/**
 * Expected revenue of one impression, as the exact fraction numeratorMicros / denominator of a
 * micro-rupiah. A fraction because a CPC bid times a predicted CTR rarely lands on a whole micro,
 * and comparing two ads by cross-multiplication then needs no rounding at all.
 */
export interface ExpectedValue {
  numeratorMicros: bigint;
  denominator: bigint;
}

function count(value: number | bigint | undefined, name: string): bigint {
  if (value === undefined) return 0n;
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a whole number, got ${value}`);
  }
  const whole = BigInt(value);
  if (whole < 0n) throw new RangeError(`${name} is never negative`);
  return whole;
}

/** CPM: bid / 1000. CPC: bid × (clicks + 10) / (impressions + 1,000). */
export function expectedValuePerImpression(candidate: RankingCandidate): ExpectedValue {
  const bid = effectiveBidMicros(candidate);
  if (candidate.billingEvent === "cpm") return { numeratorMicros: bid, denominator: IMPRESSIONS_PER_CPM };
  const clicks = count(candidate.clicks, "clicks");
  const impressions = count(candidate.impressions, "impressions");
  return { numeratorMicros: bid * (clicks + PRIOR_CLICKS), denominator: impressions + PRIOR_IMPRESSIONS };
}

/**
 * What one impression is expected to cost the campaign, rounded up to a whole micro: the CPM price,
 * or for CPC the click price times the predicted click-through rate. Pacing plans spend per request
 * with it; a CPC click's full price per request would make it plan 1/CTR times too few requests.
 */
export function expectedCostPerImpression(candidate: RankingCandidate): Micros {
  const { numeratorMicros, denominator } = expectedValuePerImpression(candidate);
  return (numeratorMicros + denominator - 1n) / denominator;
}

/** Negative when `a` is worth less per impression than `b`, zero when exactly equal. */
export function compareExpectedValue(a: ExpectedValue, b: ExpectedValue): number {
  const left = a.numeratorMicros * b.denominator;
  const right = b.numeratorMicros * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * A floating-point key that orders expected values as compareExpectedValue does wherever two differ
 * by more than a relative 1e-9 (a double carries about 16 significant digits), for walks that
 * compare campaigns at every step and cannot afford BigInt maths there. An ordering key, never an
 * amount: nothing is charged, reserved or shown from it, and near a tie the exact comparison decides.
 */
export function expectedValueOrderingKey(value: ExpectedValue): number {
  return Number(value.numeratorMicros) / Number(value.denominator);
}

/** Effective CPM (per 1,000 impressions), rounded down: for logs and reports, never for ranking. */
export function expectedCpmMicros(value: ExpectedValue): Micros {
  return (value.numeratorMicros * IMPRESSIONS_PER_CPM) / value.denominator;
}

/** Code-unit order, not localeCompare: the same ids sort the same way on every machine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Candidates by expected value per impression, best first. Exact ties fall to the lower campaign id,
 * then the lower ad id: deterministic, so a replayed decision picks the same ad and tests can say
 * which one wins. (Ties between different campaigns are rare once CPC ads have data; equal CPM bids
 * do tie, and the pacing participation draw already rotates which of them take part.)
 */
export function rankCandidates<T extends RankingCandidate>(candidates: readonly T[]): T[] {
  const valued = candidates.map((candidate) => ({
    candidate,
    campaignId: candidate.campaignId,
    adId: candidate.adId,
    value: expectedValuePerImpression(candidate),
  }));
  valued.sort(compareRanked);
  return valued.map(({ candidate }) => candidate);
}

/** A candidate with its expected value worked out once, for callers that compare it many times. */
export interface RankedCandidate {
  campaignId: string;
  adId: string;
  value: ExpectedValue;
}

/** rankCandidates' order: negative when `a` ranks before `b`. */
export function compareRanked(a: RankedCandidate, b: RankedCandidate): number {
  return (
    compareExpectedValue(b.value, a.value) ||
    compareIds(a.campaignId, b.campaignId) ||
    compareIds(a.adId, b.adId)
  );
}
