import { formatRupiah, type Micros, rupiah } from "../money.js";
import type { FieldProblem } from "./problems.js";

/** Below these a bid cannot win placements worth showing; they keep owners from wasting a campaign. */
export const MIN_CPM_BID_MICROS: Micros = rupiah(5_000n);
export const MIN_CPC_BID_MICROS: Micros = rupiah(200n);

export interface Bidding {
  strategy: "manual" | "lowest_cost";
  billingEvent: "cpm" | "cpc";
  /** Manual: the bid. Lowest cost: an optional cap. */
  bidMicros: Micros | null;
}

export function validateBidding(bidding: Bidding, budgetMicros: Micros): FieldProblem[] {
  const path = "bidding.bidMicros";
  if (bidding.bidMicros === null) {
    return bidding.strategy === "manual" ? [{ path, message: "is required for a manual bid" }] : [];
  }
  const minimum = bidding.billingEvent === "cpm" ? MIN_CPM_BID_MICROS : MIN_CPC_BID_MICROS;
  const unit = bidding.billingEvent === "cpm" ? "per 1,000 impressions" : "per click";
  if (bidding.bidMicros < minimum)
    return [{ path, message: `must be at least ${formatRupiah(minimum)} ${unit}` }];
  // One CPC click or 1,000 CPM impressions must fit in the budget, or the campaign could never deliver.
  if (bidding.bidMicros > budgetMicros) return [{ path, message: "must not be more than the budget" }];
  return [];
}
