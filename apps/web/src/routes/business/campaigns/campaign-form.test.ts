import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../../i18n/en";
import { EMPTY_AD } from "./ad-draft";
import { AD_STEP, BUDGET_STEP, checkSteps, firstStepWithErrors, stepsBefore } from "./campaign-form";
import { newDraft } from "./draft";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: "en",
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});

describe("checkSteps", () => {
  it("reports only the steps asked for, the campaign's errors by the API's paths", async () => {
    const values = { draft: newDraft("Asia/Jakarta"), ad: EMPTY_AD };
    const first = await checkSteps(values, [0], { t: i18n.t, timeZone: "Asia/Jakarta" });
    expect(Object.keys(first.campaign).sort()).toEqual(["name", "objective"]);
    expect(first.ad).toEqual({});

    const noAmount = { ...values, draft: { ...values.draft, amount: "" } };
    const budget = await checkSteps(noAmount, [BUDGET_STEP], { t: i18n.t, timeZone: "Asia/Jakarta" });
    expect(budget.campaign["budget.amountMicros"]).toBe(i18n.t("validation.required"));
  });

  it("checks an ad on its own, without a draft", async () => {
    const found = await checkSteps({ ad: EMPTY_AD }, [AD_STEP], { t: i18n.t });
    expect(found.ad.assetId).toBe(i18n.t("campaigns.ad.creativeRequired"));
    expect(firstStepWithErrors(found)).toBe(AD_STEP);
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
