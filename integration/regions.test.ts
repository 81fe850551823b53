import { describe, expect, it } from "vitest";
import { rupiahMicros, useTestApp } from "../apps/api/test/helpers.js";
import { BROWSER, deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

const { liveCampaign } = deliveryHelpers(t);

function decide(context: Record<string, unknown>) {
  return t.app.inject({
    method: "POST",
    url: "/v1/decisions",
    headers: { "user-agent": BROWSER },
    payload: { placementId: "feed-main", context: { viewerId: `viewer-${Math.random()}`, ...context } },
  });
}

describe("regencies by Kemendagri code, old city slugs as aliases", () => {
  it("stores a campaign's slug as its code and serves a viewer named either way", async () => {
    const live = await liveCampaign({
      fund: { topUpRupiah: 100_000 },
      campaign: { targeting: { provinces: ["ID-JK"], cities: ["jakarta-selatan"] } },
    });
    const campaign = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${live.businessId}/campaigns/${live.campaignId}`,
      headers: live.owner.auth,
    });
    expect(campaign.json().targeting.cities).toEqual(["31.74"]);

    for (const city of ["31.74", "jakarta-selatan"]) {
      const served = await decide({ province: "ID-JK", city });
      expect(served.statusCode, city).toBe(200);
      expect(served.json().ad.id).toBe(live.adId);
    }
    expect((await decide({ province: "ID-JK", city: "31.73" })).statusCode).toBe(204);

    const vast = await t.app.inject({
      method: "GET",
      url: "/v1/vast?placementId=player-1&province=ID-JK&city=jakarta-selatan",
      headers: { "user-agent": BROWSER },
    });
    expect(vast.statusCode).toBe(200);
  });

  it("ignores a well-formed place it does not know, and refuses a malformed one naming the field", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    for (const context of [{ city: "99.99" }, { city: "atlantis" }, { province: "ID-XX" }]) {
      const served = await decide(context);
      expect(served.statusCode, JSON.stringify(context)).toBe(200);
      expect(served.json().ad.id).toBe(live.adId);
    }
    for (const [context, path] of [
      [{ city: "Jakarta Selatan" }, "body.context.city"],
      [{ city: "31.7" }, "body.context.city"],
      [{ province: "id-jk" }, "body.context.province"],
    ] as const) {
      const refused = await decide(context);
      expect(refused.statusCode, JSON.stringify(context)).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect(refused.json().errors).toEqual([
        expect.objectContaining({ path, code: "MALFORMED_REGION_CODE" }),
      ]);
    }
    const vast = await t.app.inject({
      method: "GET",
      url: "/v1/vast?placementId=player-1&city=Bandung%20Kota",
      headers: { "user-agent": BROWSER },
    });
    expect(vast.statusCode).toBe(400);
    expect(vast.json().errors).toEqual([
      expect.objectContaining({ path: "querystring.city", code: "MALFORMED_REGION_CODE" }),
    ]);
  });

  it("ignores an age band, gender, device or language it does not know, and refuses a malformed one", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const known = await decide({ ageBand: "13-17", gender: "nonbinary", device: "tv", language: "fr-FR" });
    expect(known.statusCode).toBe(200);
    expect(known.json().ad.id).toBe(live.adId);
    for (const [context, path] of [
      [{ ageBand: "25 to 34" }, "body.context.ageBand"],
      [{ gender: "Female" }, "body.context.gender"],
      [{ device: "iPhone 15" }, "body.context.device"],
      [{ language: "Bahasa Indonesia" }, "body.context.language"],
    ] as const) {
      const refused = await decide(context);
      expect(refused.statusCode, JSON.stringify(context)).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect(refused.json().errors).toEqual([
        expect.objectContaining({ path, code: "MALFORMED_CONTEXT_VALUE" }),
      ]);
    }
    const vast = await t.app.inject({
      method: "GET",
      url: "/v1/vast?placementId=player-1&device=Smart%20TV",
      headers: { "user-agent": BROWSER },
    });
    expect(vast.statusCode).toBe(400);
    expect(vast.json().errors).toEqual([
      expect.objectContaining({ path: "querystring.device", code: "MALFORMED_CONTEXT_VALUE" }),
    ]);
  });

  it("refuses campaign targeting with an unknown or malformed code, naming the field", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const patch = (targeting: Record<string, unknown>) =>
      t.app.inject({
        method: "PATCH",
        url: `/v1/businesses/${live.businessId}/campaigns/${live.campaignId}`,
        headers: live.owner.auth,
        payload: { targeting },
      });
    const unknown = await patch({ cities: ["32.73", "99.99"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ path: "body.targeting.cities.1", code: "TARGETING_UNKNOWN" }),
    ]);
    const malformed = await patch({ cities: ["Kota Bandung"] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([
      expect.objectContaining({ path: "body.targeting.cities.0", code: "MALFORMED_REGION_CODE" }),
    ]);
    // The slug and the code of one city are the same city, named twice.
    const twice = await patch({ cities: ["bandung", "32.73"] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([
      expect.objectContaining({ path: "body.targeting.cities.1", code: "TARGETING_REPEATED" }),
    ]);
    const created = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${live.businessId}/campaigns`,
      headers: live.owner.auth,
      payload: {
        name: "Garut",
        objective: "traffic",
        budget: { type: "daily", amountMicros: rupiahMicros(50_000) },
        bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(20_000) },
        targeting: { cities: ["32.05", "denpasar"] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().targeting.cities).toEqual(["32.05", "51.71"]);
  });
});
