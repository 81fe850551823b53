import { businessAccounts, recordSpend, verifyLedger } from "@sorot/db";
import { deliveryKeys } from "@sorot/delivery-state";
import { balanceDrift } from "@sorot/money";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import {
  createAdFor,
  createBusinessFor,
  createCampaignFor,
  idempotencyKey,
  makeAdmin,
  rupiahMicros,
  type SignedUpUser,
  signUp,
  type TestContext,
  topUp,
  walletOf,
} from "../apps/api/test/helpers.js";
import { makeMp4 } from "../apps/api/test/media.js";
import { tallyBatch } from "../apps/worker/src/jobs/delivery.tally.js";
import { jobContextFor } from "./job-context.js";

/** Helpers for tests that drive real delivery: a live campaign, decisions, beacons, the tally. */
export function deliveryHelpers(t: TestContext) {
  let adminUser: SignedUpUser | undefined;
  async function admin() {
    adminUser ??= await makeAdmin(t.app, await signUp(t.app));
    return adminUser;
  }

  /** An admin opens the ad's first version and approves it, through the review routes. */
  async function approve(adId: string) {
    const reviewer = await admin();
    await t.app.inject({ method: "GET", url: `/v1/admin/reviews/${adId}`, headers: reviewer.auth });
    const decision = await t.app.inject({
      method: "POST",
      url: `/v1/admin/reviews/${adId}/decision`,
      headers: reviewer.auth,
      payload: { decision: "approve", version: 1 },
    });
    expect(decision.statusCode, decision.body).toBe(200);
  }

  /** A business with one approved ad in an active campaign, funded as asked, through the real routes. */
  async function liveCampaign(options: {
    fund: { topUpRupiah?: number; promoRupiah?: number };
    campaign?: Record<string, unknown>;
    timeZone?: string;
    /** A 15 s 9:16 MP4 instead of the 9:16 PNG. */
    creative?: "image" | "video";
    /** Let campaigns made before keep competing (by default each test measures one campaign). */
    keepOthers?: boolean;
    /** Fields of the ad's body instead of the defaults (a destination, say). */
    ad?: Record<string, unknown>;
  }) {
    if (!options.keepOthers)
      await t.app.db.execute(sql`update campaigns set status = 'paused' where status = 'active'`);
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    if (options.timeZone) {
      await t.app.inject({
        method: "PATCH",
        url: `/v1/businesses/${business.id}`,
        headers: owner.auth,
        payload: { timeZone: options.timeZone },
      });
    }
    if (options.fund.topUpRupiah) await topUp(t.app, owner, business.id, options.fund.topUpRupiah);
    if (options.fund.promoRupiah) {
      await t.app.inject({
        method: "POST",
        url: `/v1/admin/businesses/${business.id}/credits`,
        headers: { ...(await admin()).auth, "idempotency-key": idempotencyKey() },
        payload: {
          amountMicros: rupiahMicros(options.fund.promoRupiah),
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          reason: "test",
        },
      });
    }
    const campaign = await createCampaignFor(t.app, owner, business.id, {
      targeting: {},
      budget: { type: "daily", amountMicros: rupiahMicros(20_000) },
      bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(20_000) },
      pacing: "accelerated",
      ...options.campaign,
    });
    const video = { name: "kopi.mp4", type: "video/mp4", bytes: makeMp4(1080, 1920, 15_000) };
    const ad = await createAdFor(
      t.app,
      owner,
      { businessId: business.id, campaignId: campaign.id },
      { name: "Kopi", ...options.ad },
      ...(options.creative === "video" ? [video] : []),
    );
    const submitted = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/submit`,
      headers: owner.auth,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await approve(ad.id);
    await t.app.delivery.index.refresh();
    return { owner, businessId: business.id, campaignId: campaign.id, adId: ad.id as string };
  }

  function requestAd(viewerId: string, placementId = "feed-main") {
    return t.app.inject({
      method: "POST",
      url: "/v1/decisions",
      headers: { "user-agent": BROWSER },
      payload: { placementId, context: { viewerId, province: "ID-JK", device: "android", language: "id" } },
    });
  }

  function beacon(url: string, userAgent = BROWSER) {
    return t.app.inject({ method: "GET", url, headers: { "user-agent": userAgent } });
  }

  function tallyContext() {
    return jobContextFor(t.app);
  }

  async function tallyAll() {
    while ((await tallyBatch(tallyContext())) > 0);
  }

  async function stats(adId: string) {
    const [row] = (
      await t.app.db.execute(sql`
        select coalesce(sum(impressions), 0)::text as impressions, coalesce(sum(clicks), 0)::text as clicks,
               coalesce(sum(spend_micros), 0)::text as spend, coalesce(sum(invalid_events), 0)::text as invalid
        from ad_hourly_stats where ad_id = ${adId}`)
    ).rows;
    return row as { impressions: string; clicks: string; spend: string; invalid: string };
  }

  /** Spends Rp 4.000 of a business's balance in the ledger and has delivery read its balance again. */
  async function spendBeforeDelivery(businessId: string) {
    await t.app.db.transaction((tx) =>
      recordSpend(tx, {
        businessId,
        amountMicros: BigInt(rupiahMicros(4_000)),
        idempotencyKey: `pre-spend-${businessId}`,
        causeType: "test",
        causeId: "pre",
      }),
    );
    await t.app.redis.del(deliveryKeys.available(businessId));
    await t.app.delivery.index.refresh();
  }

  /** 64 clients ask for ads (a new viewer each time) and fire each answer's beacon until 50 in a row go unfilled; how many were served. */
  async function crowd(viewerPrefix: string): Promise<number> {
    let served = 0;
    let viewer = 0;
    let noFillStreak = 0;
    async function client() {
      while (noFillStreak < 50) {
        viewer += 1;
        const response = await requestAd(`${viewerPrefix}-${viewer}`);
        if (response.statusCode === 204) {
          noFillStreak += 1;
          continue;
        }
        noFillStreak = 0;
        served += 1;
        expect((await beacon(response.json().impressionUrl)).statusCode).toBe(204);
      }
    }
    await Promise.all(Array.from({ length: 64 }, client));
    return served;
  }

  /**
   * The money path under 64 concurrent clients: a campaign whose Rp 20.000 day budget would buy
   * 1,000 impressions at Rp 20, on a balance that buys 800, serves and bills exactly 800 and leaves
   * the balance at 0, the ledger balanced and the Redis copy in line.
   */
  async function crowdSpendsExactlyTheBalance(viewerPrefix: string) {
    const live = await liveCampaign({ fund: { promoRupiah: 20_000 } });
    await spendBeforeDelivery(live.businessId);
    const served = await crowd(viewerPrefix);
    await tallyAll();
    expect(served).toBe(800);
    expect(await stats(live.adId)).toMatchObject({ impressions: "800", spend: rupiahMicros(16_000) });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.promo.balanceMicros + accounts.cash.balanceMicros).toBe(0n);
    expect(await verifyLedger(t.app.db)).toMatchObject({
      negativeBusinessAccounts: 0,
      unbalancedTransactions: 0,
    });
    // Other tests of the file may leave their own businesses' holdings askew on purpose.
    const drift = await balanceDrift(t.app.db, t.app.delivery.scripts);
    expect(drift.filter(({ businessId }) => businessId === live.businessId)).toEqual([]);
  }

  /**
   * Pauses a live campaign that holds answers in flight, runs the release job, and checks delivery's
   * end gives every held rupiah back at once: reserved 0, the whole Rp 100.000 available, and a
   * beacon of an answer given before the pause billing nothing.
   */
  async function pauseReturnsEverythingHeld(
    live: Awaited<ReturnType<typeof liveCampaign>>,
    lateImpressionUrl: string,
    release: () => Promise<unknown>,
  ) {
    const wallet = () => walletOf(t.app, live.owner, live.businessId);
    const paused = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${live.businessId}/campaigns/${live.campaignId}/pause`,
      headers: live.owner.auth,
    });
    expect(paused.statusCode, paused.body).toBe(200);
    await release();
    expect((await wallet()).reservedMicros).toBe("0");
    expect((await wallet()).availableMicros).toBe(rupiahMicros(100_000));
    await beacon(lateImpressionUrl);
    await tallyAll();
    expect(await stats(live.adId)).toMatchObject({ impressions: "0", spend: "0" });
    expect((await wallet()).reservedMicros).toBe("0");
  }

  return {
    pauseReturnsEverythingHeld,
    crowdSpendsExactlyTheBalance,
    admin,
    approve,
    liveCampaign,
    requestAd,
    beacon,
    tallyContext,
    tallyAll,
    stats,
    spendBeforeDelivery,
    crowd,
  };
}

export const BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36";
