import { deliveryKeys, localClock } from "@sorot/core";
import { businessAccounts, recordSpend, verifyLedger } from "@sorot/db";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { tallyBatch } from "../../worker/src/jobs/delivery.tally.js";
import { createMailer } from "../../worker/src/mail.js";
import { decide } from "../src/modules/delivery/delivery.service.js";
import { issueToken, readToken } from "../src/modules/delivery/tokens.js";
import {
  createBusinessFor,
  createCampaignFor,
  idempotencyKey,
  makeAdmin,
  rupiahMicros,
  type SignedUpUser,
  signUp,
  topUp,
  useTestApp,
} from "./helpers.js";
import { makePng, multipart } from "./media.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36";

let adminUser: SignedUpUser | undefined;
async function admin() {
  adminUser ??= await makeAdmin(t.app, await signUp(t.app));
  return adminUser;
}

/** A business with one approved ad in an active campaign, funded as asked, through the real routes. */
async function liveCampaign(options: {
  fund: { topUpRupiah?: number; promoRupiah?: number };
  campaign?: Record<string, unknown>;
  timeZone?: string;
}) {
  // Each test measures one campaign: earlier tests' campaigns stop competing for its traffic.
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
  const upload = multipart("file", "kopi.png", "image/png", makePng(1080, 1920));
  const asset = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${business.id}/uploads`,
    headers: { ...owner.auth, ...upload.headers },
    payload: upload.payload,
  });
  const ad = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/ads`,
    headers: owner.auth,
    payload: {
      name: "Kopi",
      assetId: asset.json().assetId,
      headline: "Kopi susu gula aren",
      text: "Diskon 20% setiap pagi",
      callToAction: "order_now",
      landingUrl: "https://kopi.example/menu",
    },
  });
  const submitted = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/submit`,
    headers: owner.auth,
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const reviewer = await admin();
  await t.app.inject({ method: "GET", url: `/v1/admin/reviews/${ad.json().id}`, headers: reviewer.auth });
  const decision = await t.app.inject({
    method: "POST",
    url: `/v1/admin/reviews/${ad.json().id}/decision`,
    headers: reviewer.auth,
    payload: { decision: "approve", version: 1 },
  });
  expect(decision.statusCode, decision.body).toBe(200);
  await t.app.delivery.index.refresh();
  return { owner, businessId: business.id, campaignId: campaign.id, adId: ad.json().id as string };
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
  return {
    db: t.app.db,
    redis: t.app.redis,
    log: pino({ level: "silent" }),
    mailer: createMailer({ dataDir: "/tmp", from: "test@sorot.id" }),
    publishDeliveryChange: async () => {},
    jobId: "test",
  };
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

describe("decisions and tracking", () => {
  it("serves an approved, funded ad with signed URLs; the impression is billed once, through the tally", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const response = await requestAd("viewer-1");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.ad).toMatchObject({
      id: live.adId,
      headline: "Kopi susu gula aren",
      creative: { kind: "image" },
    });
    expect(body.impressionUrl).toMatch(/^\/t\/i\/[\w-]+\.[\w-]+$/);

    expect((await beacon(body.impressionUrl)).statusCode).toBe(204);
    expect((await beacon(body.impressionUrl)).statusCode).toBe(204);
    const click = await beacon(body.clickUrl);
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe("https://kopi.example/menu");
    await tallyAll();
    expect(await stats(live.adId)).toEqual({
      impressions: "1",
      clicks: "1",
      spend: "20000000",
      invalid: "1",
    });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.cash.balanceMicros).toBe(BigInt(rupiahMicros(100_000)) - 20_000_000n);
    const campaign = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${live.businessId}/campaigns/${live.campaignId}`,
      headers: live.owner.auth,
    });
    expect(campaign.json().spendTodayMicros).toBe("20000000");
  });

  it("never bills a bad signature, an expired token, a click without an impression, or a bot", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    expect((await beacon("/t/i/not-a-token")).statusCode).toBe(204);
    expect((await beacon("/t/c/forged.token")).statusCode).toBe(404);

    const served = (await requestAd("viewer-bad")).json();
    const claims = readToken(served.impressionUrl.slice(5), t.app.config.trackingSecret);
    if (!claims.ok) throw new Error("token did not verify");
    const expired = issueToken({ ...claims.claims, x: 1 }, t.app.config.trackingSecret);
    expect((await beacon(`/t/i/${expired}`)).statusCode).toBe(204);
    const clickFirst = await beacon(served.clickUrl);
    expect(clickFirst.statusCode).toBe(302);

    const botServed = (await requestAd("viewer-bot")).json();
    await beacon(botServed.impressionUrl, "Googlebot/2.1 (+http://www.google.com/bot.html)");
    await tallyAll();
    const totals = await stats(live.adId);
    expect(totals).toMatchObject({ impressions: "0", clicks: "0", spend: "0" });
    expect(Number(totals.invalid)).toBe(2);
    expect((await businessAccounts(t.app.db, live.businessId)).cash.balanceMicros).toBe(
      BigInt(rupiahMicros(100_000)),
    );
  });

  it("charges CPC at the click, once, and only after a counted impression", async () => {
    const live = await liveCampaign({
      fund: { topUpRupiah: 100_000 },
      campaign: { bidding: { billingEvent: "cpc", bidMicros: rupiahMicros(1_000) } },
    });
    const served = (await requestAd("viewer-cpc")).json();
    await beacon(served.impressionUrl);
    await beacon(served.clickUrl);
    await beacon(served.clickUrl);
    await tallyAll();
    expect(await stats(live.adId)).toMatchObject({
      impressions: "1",
      clicks: "1",
      spend: rupiahMicros(1_000),
    });
  });

  it("caps each viewer at 3 impressions of a campaign a day", async () => {
    await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      const response = await requestAd("viewer-frequent");
      statuses.push(response.statusCode);
      if (response.statusCode === 200) await beacon(response.json().impressionUrl);
    }
    expect(statuses).toEqual([200, 200, 200, 204, 204]);
  });
});

describe("no overspend", () => {
  it("charges exactly what the balance covers when 64 clients hammer a campaign the budget would allow more of", async () => {
    // Budget: Rp 20.000 a day at Rp 20 an impression buys 1,000; the balance of Rp 16.000 buys 800.
    const live = await liveCampaign({ fund: { promoRupiah: 20_000 } });
    await t.app.db.transaction((tx) =>
      recordSpend(tx, {
        businessId: live.businessId,
        amountMicros: BigInt(rupiahMicros(4_000)),
        idempotencyKey: `pre-spend-${live.businessId}`,
        causeType: "test",
        causeId: "pre",
      }),
    );
    await t.app.redis.del(deliveryKeys.available(live.businessId));
    await t.app.delivery.index.refresh();

    let served = 0;
    let viewer = 0;
    let noFillStreak = 0;
    async function client() {
      while (noFillStreak < 50) {
        viewer += 1;
        const response = await requestAd(`crowd-${viewer}`);
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
    await tallyAll();
    expect(served).toBe(800);
    expect(await stats(live.adId)).toMatchObject({ impressions: "800", spend: rupiahMicros(16_000) });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.promo.balanceMicros + accounts.cash.balanceMicros).toBe(0n);
    expect(await verifyLedger(t.app.db)).toMatchObject({
      negativeBusinessAccounts: 0,
      unbalancedTransactions: 0,
    });
  }, 120_000);

  it("never passes the daily budget: a campaign with money to spare stops at its cap", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const cap = BigInt(rupiahMicros(20_000));
    const day = localClock(new Date(), "Asia/Jakarta").date;
    // Leave room for exactly 5 impressions of Rp 20.
    await t.app.redis.set(
      deliveryKeys.campaignDay(live.businessId, live.campaignId, day),
      (cap - 100_000_000n).toString(),
    );
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => requestAd(`cap-${n}`)));
    expect(results.filter((response) => response.statusCode === 200)).toHaveLength(5);
    expect(await t.app.redis.get(deliveryKeys.campaignDay(live.businessId, live.campaignId, day))).toBe(
      cap.toString(),
    );
  });
});

describe("time zones", () => {
  it.each([
    ["Asia/Jakarta", "2026-12-01T16:59:00Z", "2026-12-01T17:00:00Z"],
    ["Asia/Makassar", "2026-12-01T15:59:00Z", "2026-12-01T16:00:00Z"],
    ["Asia/Jayapura", "2026-12-01T14:59:00Z", "2026-12-01T15:00:00Z"],
  ])("resets the daily budget at local midnight in %s", async (timeZone, beforeMidnight, atMidnight) => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 }, timeZone });
    const before = new Date(beforeMidnight);
    const after = new Date(atMidnight);
    const dayBefore = localClock(before, timeZone).date;
    expect(localClock(after, timeZone).date).not.toBe(dayBefore);
    await t.app.redis.set(
      deliveryKeys.campaignDay(live.businessId, live.campaignId, dayBefore),
      rupiahMicros(20_000),
    );
    const { index, scripts } = t.app.delivery;
    const secret = t.app.config.trackingSecret;
    const context = { viewerId: `tz-${timeZone}` };
    const mine = (decision: Awaited<ReturnType<typeof decide>>) =>
      decision?.ad.campaignId === live.campaignId;
    expect(mine(await decide(index, t.app.redis, scripts, secret, "feed", context, before))).toBe(false);
    expect(mine(await decide(index, t.app.redis, scripts, secret, "feed", context, after))).toBe(true);
  });
});

describe("standing and wallet changes reach delivery", () => {
  async function waitFor(check: () => Promise<boolean>, ms = 3_000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  it("stops a suspended business's delivery within seconds, and restores it", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    expect((await requestAd("suspend-1")).statusCode).toBe(200);
    const reviewer = await admin();
    await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${live.businessId}/suspend`,
      headers: reviewer.auth,
      payload: { reason: "Produk terlarang" },
    });
    let viewer = 0;
    expect(await waitFor(async () => (await requestAd(`suspend-poll-${viewer++}`)).statusCode === 204)).toBe(
      true,
    );
    await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${live.businessId}/unsuspend`,
      headers: reviewer.auth,
    });
    expect(await waitFor(async () => (await requestAd(`resume-poll-${viewer++}`)).statusCode === 200)).toBe(
      true,
    );
  });

  it("adds a top-up paid while delivering to what delivery may spend", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const before = BigInt((await t.app.redis.get(deliveryKeys.available(live.businessId))) ?? "0");
    await topUp(t.app, live.owner, live.businessId, 250_000);
    const after = BigInt((await t.app.redis.get(deliveryKeys.available(live.businessId))) ?? "0");
    expect(after - before).toBe(BigInt(rupiahMicros(250_000)));
  });
});
