import { describe, expect, it } from "vitest";
import { rupiah } from "../money.js";
import { validateBidding } from "./bidding.js";

describe("validateBidding", () => {
  const budget = rupiah(50_000n);

  it("needs a bid for manual bidding but not for lowest cost", () => {
    expect(validateBidding({ strategy: "manual", billingEvent: "cpm", bidMicros: null }, budget)).toEqual([
      {
        path: "bidding.bidMicros",
        code: "BID_REQUIRED",
        params: {},
        message: "is required for a manual bid",
      },
    ]);
    expect(
      validateBidding({ strategy: "lowest_cost", billingEvent: "cpc", bidMicros: null }, budget),
    ).toEqual([]);
  });

  it("keeps bids between the minimum and the budget", () => {
    expect(
      validateBidding({ strategy: "manual", billingEvent: "cpm", bidMicros: rupiah(4_999n) }, budget),
    ).toEqual([
      {
        path: "bidding.bidMicros",
        code: "BID_BELOW_MINIMUM",
        params: { minimumMicros: "5000000000", billingEvent: "cpm" },
        message: "must be at least Rp 5.000 per 1,000 impressions",
      },
    ]);
    expect(
      validateBidding({ strategy: "manual", billingEvent: "cpc", bidMicros: rupiah(199n) }, budget)[0]
        ?.message,
    ).toMatch(/at least Rp 200 per click/);
    expect(
      validateBidding({ strategy: "manual", billingEvent: "cpc", bidMicros: rupiah(60_000n) }, budget)[0],
    ).toMatchObject({ code: "BID_ABOVE_BUDGET", params: { budgetMicros: "50000000000" } });
    expect(
      validateBidding({ strategy: "manual", billingEvent: "cpm", bidMicros: rupiah(20_000n) }, budget),
    ).toEqual([]);
  });
});
