import { describe, expect, it } from "vitest";
import { catalogueI18n } from "../../../i18n/testing";
import { EMPTY_AD } from "./ad-draft";
import { AD_STEP, BUDGET_STEP, checkSteps, firstStepWithErrors, stepsBefore } from "./campaign-form";
import { newDraft } from "./draft";

const i18n = await catalogueI18n("en");

describe("checkSteps", () => {
  it("reports only the steps asked for, the campaign's errors by the API's paths", async () => {
    const values = { draft: newDraft("Asia/Jakarta"), ad: EMPTY_AD };
    const first = await checkSteps(values, [AD_STEP], { t: i18n.t, timeZone: "Asia/Jakarta" });
    // The campaign's name may stay empty beside an ad: it takes the headline, whose error says so.
    expect(Object.keys(first.campaign)).toEqual(["objective"]);
    expect(first.ad.headline).toBe(i18n.t("validation.required"));
    const budgetOnly = await checkSteps(values, [BUDGET_STEP], { t: i18n.t, timeZone: "Asia/Jakarta" });
    expect(budgetOnly.ad).toEqual({});

    const noAmount = { ...values, draft: { ...values.draft, amount: "" } };
    const budget = await checkSteps(noAmount, [BUDGET_STEP], { t: i18n.t, timeZone: "Asia/Jakarta" });
    expect(budget.campaign["budget.amountMicros"]).toBe(i18n.t("validation.required"));
  });

  it("checks an ad on its own, without a draft", async () => {
    const found = await checkSteps({ ad: EMPTY_AD }, [AD_STEP], { t: i18n.t });
    expect(found.ad.assetId).toBe(i18n.t("campaigns.ad.creativeRequired"));
    expect(firstStepWithErrors(found)).toBe(AD_STEP);
  });

  it("asks an edited campaign, which has no ad beside it, for its name", async () => {
    const found = await checkSteps({ draft: newDraft("Asia/Jakarta") }, [AD_STEP], { t: i18n.t });
    expect(Object.keys(found.campaign).sort()).toEqual(["name", "objective"]);
  });

  it("passes a filled first step", async () => {
    const draft = { ...newDraft("Asia/Jakarta"), name: "Kopi Pagi", objective: "traffic" as const };
    const found = await checkSteps({ draft }, stepsBefore(BUDGET_STEP), {
      t: i18n.t,
      timeZone: "Asia/Jakarta",
    });
    expect(firstStepWithErrors(found)).toBeNull();
  });
});
