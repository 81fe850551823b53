import { describe, expect, it } from "vitest";
import { catalogueI18n } from "../../../i18n/testing";
import { ApiError } from "../../../lib/api";
import { submitRefusal } from "./submit-refusal";

const i18n = await catalogueI18n("id");

/** The api's NOT_READY answer for a campaign without ads in a business with no balance. */
const notReady = new ApiError({
  type: "https://sorot.id/problems/not-ready",
  title: "Conflict",
  status: 409,
  code: "NOT_READY",
  detail:
    "Before submitting: ads needs at least one ad; balance is Rp 0, less than one day of this budget (Rp 50.000): top up first.",
  errors: [
    { path: "ads", code: "CAMPAIGN_WITHOUT_ADS", params: {}, message: "needs at least one ad" },
    {
      path: "balance",
      code: "BALANCE_BELOW_ONE_DAY",
      params: { neededMicros: "50000000000", availableMicros: "0" },
      message: "is Rp 0, less than one day of this budget (Rp 50.000): top up first",
    },
  ],
});

describe("submitRefusal", () => {
  it("says each missing thing in Indonesian, never the API's English detail, and offers a top-up", () => {
    const refusal = submitRefusal(notReady, i18n.t);
    expect(refusal.message).toBe(
      "Kampanye belum siap dikirim: lengkapi yang masih kurang. Tambahkan setidaknya satu iklan. " +
        "Saldo tersedia Rp 0 kurang dari anggaran satu hari (Rp 50.000). Isi saldo dulu.",
    );
    expect(refusal.needsTopUp).toBe(true);
  });

  it("offers no top-up when money is not what is missing", () => {
    const noAds = new ApiError({ ...notReady.problem, errors: notReady.problem.errors?.slice(0, 1) });
    expect(submitRefusal(noAds, i18n.t).needsTopUp).toBe(false);
  });
});
