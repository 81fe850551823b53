import { type Micros, rupiah } from "../money.js";
import { type FieldProblem, fieldProblem } from "./problems.js";

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
    return bidding.strategy === "manual" ? [fieldProblem(path, "BID_REQUIRED", {})] : [];
  }
  const minimum = bidding.billingEvent === "cpm" ? MIN_CPM_BID_MICROS : MIN_CPC_BID_MICROS;
  if (bidding.bidMicros < minimum) {
    const params = { minimumMicros: minimum.toString(), billingEvent: bidding.billingEvent };
    return [fieldProblem(path, "BID_BELOW_MINIMUM", params)];
  }
  // One CPC click or 1,000 CPM impressions must fit in the budget, or the campaign could never deliver.
  if (bidding.bidMicros > budgetMicros) {
    return [fieldProblem(path, "BID_ABOVE_BUDGET", { budgetMicros: budgetMicros.toString() })];
  }
  return [];
}
