import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import {
  budgetStepErrors,
  type CampaignDraft,
  createBody,
  draftFromCampaign,
  estimateBody,
  listFieldOf,
  newDraft,
  objectiveStepErrors,
  stepOfPath,
  updateBody,
} from "./draft";

// Message keys stand in for the translations: the rules are what is under test.
const t = ((key: string) => key) as unknown as TFunction;
const now = new Date("2026-11-26T03:00:00Z"); // 10.00 WIB
const zone = "Asia/Jakarta";

function draft(overrides: Partial<CampaignDraft> = {}): CampaignDraft {
  return { ...newDraft(zone, now), name: "Kopi Pagi", objective: "traffic", ...overrides };
}

describe("a new draft", () => {
  it("starts now in the business's zone with a daily Rp 50.000 at lowest cost", () => {
    const fresh = newDraft(zone, now);
    expect(fresh.startAt).toBe("2026-11-26T10:00");
    expect(fresh.amount).toBe("50.000");
    expect(fresh.bidStrategy).toBe("lowest_cost");
  });
});

describe("step checks", () => {
  it("need a name and an objective", () => {
    expect(objectiveStepErrors(draft({ name: " ", objective: "" }), t)).toEqual({
      name: "validation.required",
      objective: "campaigns.objective.choose",
    });
    expect(objectiveStepErrors(draft(), t)).toEqual({});
  });

  it("accept a valid daily budget", () => {
    expect(budgetStepErrors(draft(), zone, t, now)).toEqual({});
  });

  it("refuse an amount that is not whole rupiah or below the minimum", () => {
    expect(budgetStepErrors(draft({ amount: "1,5" }), zone, t, now)["budget.amountMicros"]).toBe(
      "validation.rupiah",
    );
    expect(budgetStepErrors(draft({ amount: "19.999" }), zone, t, now)["budget.amountMicros"]).toBe(
      "problems.BUDGET_BELOW_MINIMUM",
    );
  });

  it("want a lifetime budget of the daily minimum for every scheduled day, as the API does", () => {
    const week = { budgetType: "lifetime" as const, startAt: "2026-12-01T00:00", endAt: "2026-12-08T00:00" };
    expect(budgetStepErrors(draft({ ...week, amount: "139.999" }), zone, t, now)["budget.amountMicros"]).toBe(
      "problems.LIFETIME_BUDGET_BELOW_MINIMUM",
    );
    expect(budgetStepErrors(draft({ ...week, amount: "140.000" }), zone, t, now)).toEqual({});
  });

  it("need an end for a lifetime budget, after the start", () => {
    expect(budgetStepErrors(draft({ budgetType: "lifetime" }), zone, t, now)["schedule.endAt"]).toBe(
      "problems.LIFETIME_END_REQUIRED",
    );
    const backwards = draft({ startAt: "2026-12-05T08:00", endAt: "2026-12-04T08:00" });
    expect(budgetStepErrors(backwards, zone, t, now)["schedule.endAt"]).toBe("problems.END_BEFORE_START");
    expect(budgetStepErrors(draft({ endAt: "2026-11-26T09:00" }), zone, t, now)["schedule.endAt"]).toBe(
      "problems.END_PASSED",
    );
  });

  it("need a manual bid above the minimum and within the budget; a lowest-cost cap is optional", () => {
    expect(budgetStepErrors(draft({ bidStrategy: "manual" }), zone, t, now)["bidding.bidMicros"]).toBe(
      "problems.BID_REQUIRED",
    );
    expect(
      budgetStepErrors(draft({ bidStrategy: "manual", billingEvent: "cpc", bid: "100" }), zone, t, now)[
        "bidding.bidMicros"
      ],
    ).toBe("problems.BID_BELOW_MINIMUM");
    expect(
      budgetStepErrors(draft({ bidStrategy: "manual", bid: "60.000" }), zone, t, now)["bidding.bidMicros"],
    ).toBe("problems.BID_ABOVE_BUDGET");
    expect(budgetStepErrors(draft({ bid: "" }), zone, t, now)).toEqual({});
  });

  it("need every closure complete and in order, and at least one hour a week", () => {
    const errors = budgetStepErrors(
      draft({
        closures: [{ key: "a", from: "2027-03-21", to: "2027-03-19", reason: "" }],
        dayparting: { mon: [] },
      }),
      zone,
      t,
      now,
    );
    expect(errors).toEqual({
      "schedule.closures.0.to": "validation.dateOrder",
      "schedule.closures.0.reason": "validation.required",
      "schedule.dayparting": "campaigns.schedule.noHours",
    });
  });
});

describe("request bodies", () => {
  it("send money as integer micro-rupiah strings and times with the zone's offset", () => {
    const body = createBody(
      draft({
        amount: "Rp 1.000.000",
        budgetType: "lifetime",
        startAt: "2026-12-01T08:00",
        endAt: "2026-12-31T21:00",
        bidStrategy: "manual",
        billingEvent: "cpc",
        bid: "1.500",
        closures: [{ key: "a", from: "2026-12-25", to: "2026-12-25", reason: "Natal" }],
      }),
      zone,
      now,
    );
    expect(body.budget).toEqual({ type: "lifetime", amountMicros: "1000000000000" });
    expect(body.bidding).toEqual({ strategy: "manual", billingEvent: "cpc", bidMicros: "1500000000" });
    expect(body.schedule).toEqual({
      startAt: "2026-12-01T08:00:00+07:00",
      endAt: "2026-12-31T21:00:00+07:00",
      dayparting: null,
      closures: [{ from: "2026-12-25T00:00:00+07:00", to: "2026-12-26T00:00:00+07:00", reason: "Natal" }],
    });
  });

  it("leave out a start that is now or past: the campaign starts once approved", () => {
    expect(createBody(draft(), zone, now).schedule.startAt).toBeNull();
  });

  it("keep the start and bidding out of an edit once submitted", () => {
    const submitted = updateBody(draft({ startAt: "2026-12-01T08:00" }), zone, { submitted: true }, now);
    expect(submitted.bidding).toBeUndefined();
    expect(submitted.schedule && "startAt" in submitted.schedule).toBe(false);
    const unsubmitted = updateBody(draft({ startAt: "2026-12-01T08:00" }), zone, { submitted: false }, now);
    expect(unsubmitted.schedule?.startAt).toBe("2026-12-01T08:00:00+07:00");
    expect(unsubmitted.bidding?.strategy).toBe("lowest_cost");
  });

  it("estimate only once the amount is a number, and without a manual bid not yet typed", () => {
    expect(estimateBody(draft({ amount: "lima puluh" }), zone, now)).toBeNull();
    expect(estimateBody(draft({ bidStrategy: "manual" }), zone, now)?.bidding).toBeUndefined();
    expect(estimateBody(draft(), zone, now)?.budget.amountMicros).toBe("50000000000");
  });

  it("turn a saved campaign back into the form", () => {
    const body = createBody(draft({ amount: "75.000", endAt: "2026-12-31T21:00", bid: "8.000" }), zone, now);
    const campaign = {
      id: "c",
      businessId: "b",
      status: "draft" as const,
      ...body,
      objective: body.objective,
      schedule: { ...body.schedule, startAt: null, endAt: body.schedule.endAt ?? null, dayparting: null },
      bidding: { ...body.bidding, bidMicros: body.bidding.bidMicros ?? null },
      spendTodayMicros: "0",
      spendTotalMicros: "0",
      worstCase: { todayMicros: "0", next7DaysMicros: "0", totalMicros: null },
      adCounts: { total: 0, inReview: 0, approved: 0, rejected: 0 },
      pendingBudgetRequest: null,
      submittedAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const back = draftFromCampaign(campaign, zone);
    expect(back.amount).toBe("75.000");
    expect(back.bid).toBe("8.000");
    expect(back.endAt).toBe("2026-12-31T21:00");
    expect(back.startAt).toBe("");
  });
});

describe("server error paths", () => {
  it("lead back to the builder step that owns the field", () => {
    expect(stepOfPath("objective")).toBe(0);
    expect(stepOfPath("ad.headline")).toBe(0);
    expect(stepOfPath("name")).toBe(1);
    expect(stepOfPath("budget.amountMicros")).toBe(1);
    expect(stepOfPath("schedule.closures.0.to")).toBe(1);
    expect(stepOfPath("targeting.cities.1")).toBe(1);
    expect(stepOfPath("")).toBe(1);
  });

  it("show a list entry's error under its list", () => {
    expect(listFieldOf("targeting.cities.1")).toBe("targeting.cities");
    expect(listFieldOf("budget.amountMicros")).toBe("budget.amountMicros");
  });
});
