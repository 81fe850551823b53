import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIRST_RUN_STEPS, type FirstRunCampaign, firstRunProgress } from "./first-run.js";
import { CAMPAIGN_STATUSES } from "./state.js";

const campaign = (overrides: Partial<FirstRunCampaign> = {}): FirstRunCampaign => ({
  id: "c1",
  status: "draft",
  submittedAt: null,
  adCounts: { approved: 0 },
  ...overrides,
});

describe("firstRunProgress", () => {
  it("starts a new business at the top-up", () => {
    expect(firstRunProgress(0n, [])).toEqual({
      done: { topup: false, create: false, review: false, live: false },
      next: "topup",
      campaignId: null,
    });
  });

  it("sends a funded business to build its ad, resuming its draft", () => {
    expect(firstRunProgress(500_000_000_000n, [])).toMatchObject({ next: "create", campaignId: null });
    expect(firstRunProgress(500_000_000_000n, [campaign({ id: "d1" })])).toMatchObject({
      next: "create",
      campaignId: "d1",
    });
  });

  it("waits on review once submitted, then on air once approved", () => {
    const submitted = campaign({ id: "s1", submittedAt: "2026-12-07T08:00:00Z" });
    expect(firstRunProgress(1n, [submitted])).toMatchObject({ next: "review", campaignId: "s1" });
    const approved = { ...submitted, adCounts: { approved: 1 } };
    expect(firstRunProgress(1n, [approved])).toMatchObject({ next: "live", campaignId: "s1" });
    expect(firstRunProgress(1n, [{ ...approved, status: "active" }])).toMatchObject({ next: null });
  });

  it("asks for money before building, even with an ad already submitted", () => {
    const submitted = campaign({ submittedAt: "2026-12-07T08:00:00Z" });
    expect(firstRunProgress(0n, [submitted])).toMatchObject({ next: "topup" });
  });

  it("counts a campaign on air as every step done, whatever the balance is now", () => {
    expect(firstRunProgress(0n, [campaign({ status: "out_of_funds" })]).next).toBeNull();
  });

  it("never marks a step done while an earlier one is open, once an ad is on air all are", () => {
    const campaigns = fc.array(
      fc.record({
        id: fc.uuid(),
        status: fc.constantFrom(...CAMPAIGN_STATUSES),
        submittedAt: fc.option(fc.constant("2026-12-07T08:00:00Z"), { nil: null }),
        adCounts: fc.record({ approved: fc.nat(3) }),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), campaigns, (available, list) => {
        const { done, next } = firstRunProgress(available, list);
        // Building, review and going on air come in order: a later one implies the earlier.
        expect(!done.review || done.create).toBe(true);
        expect(!done.live || (done.review && done.topup)).toBe(true);
        expect(next === null).toBe(FIRST_RUN_STEPS.every((step) => done[step]));
        if (next !== null) expect(done[next]).toBe(false);
      }),
    );
  });
});
