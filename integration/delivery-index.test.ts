import { viewerAssignment } from "@sorot/core";
import { deliveryKeys, lastDeliveryChangeSeq } from "@sorot/delivery-state";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { createAdFor, createCampaignFor, rupiahMicros, useTestApp } from "../apps/api/test/helpers.js";
import { BROWSER, deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const { approve, liveCampaign } = deliveryHelpers(t);

const index = () => t.app.delivery.index;
const jakartan = viewerAssignment({ province: "ID-JK" }, ["image", "video"]);
const balinese = viewerAssignment({ province: "ID-BA" }, ["image", "video"]);
const matched = (request = jakartan) =>
  index()
    .matching(request)
    .map((campaign) => campaign.campaignId);

/** Waits until every change message published so far has been applied. */
async function caughtUp() {
  const published = await lastDeliveryChangeSeq(t.app.redis);
  await vi.waitFor(() => expect(index().appliedSeq).toBeGreaterThanOrEqual(published), { timeout: 5_000 });
}

describe("the decision index follows change messages", () => {
  it("applies an edit, a pause, a resume and an approval to just that campaign, without a full rebuild", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    await caughtUp();
    const rebuilds = index().rebuilds;
    expect(matched()).toEqual([live.campaignId]);
    const campaignUrl = `/v1/businesses/${live.businessId}/campaigns/${live.campaignId}`;

    const edited = await t.app.inject({
      method: "PATCH",
      url: campaignUrl,
      headers: live.owner.auth,
      payload: { targeting: { provinces: ["ID-BA"] } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await caughtUp();
    expect(matched()).toEqual([]);
    expect(matched(balinese)).toEqual([live.campaignId]);

    await t.app.inject({ method: "POST", url: `${campaignUrl}/pause`, headers: live.owner.auth });
    await caughtUp();
    expect(matched(balinese)).toEqual([]);
    await t.app.inject({ method: "POST", url: `${campaignUrl}/resume`, headers: live.owner.auth });
    await caughtUp();
    expect(matched(balinese)).toEqual([live.campaignId]);

    // A second campaign of the same business goes live when its ad is approved.
    const second = await createCampaignFor(t.app, live.owner, live.businessId, {
      targeting: {},
      budget: { type: "daily", amountMicros: rupiahMicros(30_000) },
      bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(25_000) },
      pacing: "accelerated",
    });
    const ad = await createAdFor(t.app, live.owner, { businessId: live.businessId, campaignId: second.id });
    await t.app.inject({
      method: "POST",
      url: `${campaignUrl.replace(live.campaignId, second.id)}/submit`,
      headers: live.owner.auth,
    });
    await caughtUp();
    expect(matched(balinese)).toEqual([live.campaignId]);
    await approve(ad.id);
    await caughtUp();
    // The higher bid first.
    expect(matched(balinese)).toEqual([second.id, live.campaignId]);
    expect(index().rebuilds).toBe(rebuilds);
  });

  it("rebuilds in full when a message was missed", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    await caughtUp();
    const rebuilds = index().rebuilds;
    // A change nobody heard about: the campaign paused behind the index's back, its message lost.
    await t.app.db.execute(sql`update campaigns set status = 'paused' where id = ${live.campaignId}`);
    await t.app.redis.incr(deliveryKeys.changesSeq());
    expect(matched()).toEqual([live.campaignId]);
    // The next message's number skips the lost one.
    await t.app.publishDeliveryChange({ campaignIds: [] });
    await vi.waitFor(() => expect(index().rebuilds).toBe(rebuilds + 1), { timeout: 5_000 });
    await caughtUp();
    expect(matched()).toEqual([]);
  });

  it("counts each campaign's eligible requests for the pacing forecast, exactly while audiences are few", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    await caughtUp();
    await index().flushEligible();
    const counted = async () => {
      const minute = Math.floor(Date.now() / 60_000);
      const [now, before] = await Promise.all(
        [minute, minute - 1].map((m) => t.app.redis.hget(deliveryKeys.eligible(m), live.campaignId)),
      );
      return Number(now ?? 0) + Number(before ?? 0);
    };
    const already = await counted();
    for (let i = 0; i < 3; i++) index().noteRequest(jakartan);
    for (let i = 0; i < 2; i++) index().noteRequest(balinese);
    await index().flushEligible();
    const expected =
      (matched(jakartan).includes(live.campaignId) ? 3 : 0) +
      (matched(balinese).includes(live.campaignId) ? 2 : 0);
    expect(expected).toBeGreaterThan(0);
    expect((await counted()) - already).toBe(expected);
  });

  it("takes moved pacing rates from the message, with no SQL", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 }, campaign: { pacing: "standard" } });
    await caughtUp();
    await t.app.publishDeliveryChange({ pacingRates: { [live.campaignId]: "0.250000" } });
    await caughtUp();
    expect(index().pacingRates.get(live.campaignId)).toBe(0.25);
    await t.app.publishDeliveryChange({ pacingRates: { [live.campaignId]: null } });
    await caughtUp();
    expect(index().pacingRates.has(live.campaignId)).toBe(false);
  });

  it("ignores targeting values it does not know and refuses malformed ones with a problem naming the field", async () => {
    await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const ask = (context: Record<string, unknown>) =>
      t.app.inject({
        method: "POST",
        url: "/v1/decisions",
        headers: { "user-agent": BROWSER },
        payload: { placementId: "feed-main", context: { viewerId: "unknown-values", ...context } },
      });
    const unknown = await ask({ province: "ID-ZZ", city: "atlantis", device: "tv", interests: ["origami"] });
    expect(unknown.statusCode, unknown.body).toBe(200);
    const malformed = await ask({ province: "x".repeat(200) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(malformed.json().errors[0].path).toContain("province");
  });
});
