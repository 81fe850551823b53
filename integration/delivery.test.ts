import { DEFAULT_TRAFFIC_CURVE, localClock, pacingCeiling } from "@sorot/core";
import { businessAccounts, verifyLedger } from "@sorot/db";
import { deliveryKeys } from "@sorot/delivery-state";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decide } from "../apps/api/src/modules/delivery/delivery.service.js";
import { issueToken, readToken } from "../apps/api/src/modules/delivery/tokens.js";
import { rupiahMicros, topUp, useTestApp, walletOf } from "../apps/api/test/helpers.js";
import { releaseReservations } from "../apps/worker/src/jobs/delivery.release-reservations.js";
import { BROWSER, deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

const {
  pauseReturnsEverythingHeld,
  crowdSpendsExactlyTheBalance,
  admin,
  liveCampaign,
  requestAd,
  beacon,
  tallyContext,
  tallyAll,
  stats,
} = deliveryHelpers(t);

/** What a business's open reservations hold in Redis. */
async function reserved(businessId: string) {
  return (await t.app.delivery.scripts.holdings(businessId)).reservedMicros;
}

/** Runs the release job as the worker would, at `at`. */
function releaseAt(at = new Date()) {
  return releaseReservations.handle({}, { ...tallyContext(), clock: () => at });
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

  it("serves a CPC ad only while one more click fits in the balance", async () => {
    const live = await liveCampaign({
      fund: { topUpRupiah: 100_000 },
      campaign: { bidding: { billingEvent: "cpc", bidMicros: rupiahMicros(1_000) } },
    });
    const available = deliveryKeys.available(live.businessId);
    await t.app.redis.set(available, (BigInt(rupiahMicros(1_000)) - 1n).toString());
    expect((await requestAd("viewer-cpc-short")).statusCode).toBe(204);
    await t.app.redis.set(available, rupiahMicros(1_000));
    expect((await requestAd("viewer-cpc-enough")).statusCode).toBe(200);
    // Nothing was reserved for the click: the balance is still exactly one click.
    expect(await t.app.redis.get(available)).toBe(rupiahMicros(1_000));
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

describe("a reservation lost in a failover", () => {
  /**
   * Undoes everything the reserve script wrote for one answer, as a failover that promoted a
   * replica without those writes would: the beacon then finds neither reservation nor marker.
   */
  async function loseReservation(impressionUrl: string) {
    const token = readToken(impressionUrl.slice(5), t.app.config.trackingSecret);
    if (!token.ok) throw new Error("unreadable token");
    const { b, c, l, r, u, o } = token.claims;
    const redis = t.app.redis;
    const [open] = await t.app.delivery.scripts.openReservations(b, 1);
    expect(open?.reservationId).toBe(r);
    await redis.del(deliveryKeys.reservation(b, r));
    await redis.zremrangebyrank(deliveryKeys.reservationExpiry(b), 0, -1);
    await redis.decrby(deliveryKeys.reserved(b), o);
    await redis.incrby(deliveryKeys.available(b), o);
    await redis.decrby(deliveryKeys.campaignDay(b, c, l), o);
    await redis.decrby(deliveryKeys.campaignTotal(b, c), o);
    await redis.decr(deliveryKeys.frequency(b, c, l, u));
    return token.claims;
  }

  it("charges the impression when the campaign's budget and the balance still cover it", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const answer = (await requestAd("viewer-vanished")).json();
    const claims = await loseReservation(answer.impressionUrl);
    const cost = BigInt(claims.o);
    expect(cost).toBe(BigInt(rupiahMicros(20)));
    const before = await t.app.delivery.scripts.holdings(live.businessId);
    expect(before.heldMicros).toBe(0n);

    expect((await beacon(answer.impressionUrl)).statusCode).toBe(204);
    const after = await t.app.delivery.scripts.holdings(live.businessId);
    expect(after.pendingMicros).toBe(cost);
    expect(after.availableMicros).toBe((before.availableMicros ?? 0n) - cost);
    // A second beacon of the same token is a replay, not another vanished reservation.
    expect((await beacon(answer.impressionUrl)).statusCode).toBe(204);
    expect((await t.app.delivery.scripts.holdings(live.businessId)).pendingMicros).toBe(cost);

    await tallyAll();
    expect(await stats(live.adId)).toMatchObject({ impressions: "1", spend: cost.toString(), invalid: "1" });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.cash.balanceMicros).toBe(BigInt(rupiahMicros(100_000)) - cost);
    expect(await verifyLedger(t.app.db)).toMatchObject({
      negativeBusinessAccounts: 0,
      unbalancedTransactions: 0,
    });
  });

  it("counts it unbilled (no_budget) when the budget no longer covers it", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const answer = (await requestAd("viewer-vanished-capped")).json();
    const claims = await loseReservation(answer.impressionUrl);
    // Meanwhile other impressions took the whole day's budget (Rp 20.000).
    await t.app.redis.set(deliveryKeys.campaignDay(live.businessId, claims.c, claims.l), claims.dc);
    const before = await t.app.delivery.scripts.holdings(live.businessId);

    expect((await beacon(answer.impressionUrl)).statusCode).toBe(204);
    expect(await t.app.delivery.scripts.holdings(live.businessId)).toEqual(before);
    expect(await t.app.redis.get(deliveryKeys.campaignDay(live.businessId, claims.c, claims.l))).toBe(
      claims.dc,
    );

    await tallyAll();
    expect(await stats(live.adId)).toMatchObject({ impressions: "0", spend: "0", invalid: "1" });
    const [event] = (
      await t.app.db.execute(
        sql`select invalid_reason, cost_micros::text as cost from delivery_events where ad_id = ${live.adId}`,
      )
    ).rows;
    expect(event).toEqual({ invalid_reason: "no_budget", cost: "0" });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.cash.balanceMicros).toBe(BigInt(rupiahMicros(100_000)));
  });
});

describe("ranking", () => {
  it("serves the best bid first and moves down the ranking as the viewer reaches each campaign's cap", async () => {
    // Ten campaigns bidding Rp 10.000 to Rp 19.000 CPM, created in a shuffled order; more than one
    // frequency read's worth, so the last one is only reached through a second read.
    const bids = [13, 19, 10, 16, 11, 18, 14, 12, 17, 15];
    const campaigns: { campaignId: string; bid: number }[] = [];
    for (const bid of bids) {
      const live = await liveCampaign({
        fund: { topUpRupiah: 100_000 },
        campaign: { bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(bid * 1_000) } },
      });
      campaigns.push({ campaignId: live.campaignId, bid });
    }
    await t.app.db.execute(
      sql`update campaigns set status = 'active' where id in (${sql.join(
        campaigns.map(({ campaignId }) => sql`${campaignId}::uuid`),
        sql`, `,
      )})`,
    );
    await t.app.delivery.index.refresh();

    const servedBids: number[] = [];
    for (let n = 0; n < bids.length * 3 + 1; n++) {
      const response = await requestAd("viewer-ranked");
      if (response.statusCode !== 200) {
        servedBids.push(0);
        continue;
      }
      const body = response.json();
      expect((await beacon(body.impressionUrl)).statusCode).toBe(204);
      const token = readToken(body.impressionUrl.slice(5), t.app.config.trackingSecret);
      const campaignId = token.ok ? token.claims.c : undefined;
      servedBids.push(campaigns.find((campaign) => campaign.campaignId === campaignId)?.bid ?? -1);
    }
    const expected = [...bids].sort((a, b) => b - a).flatMap((bid) => [bid, bid, bid]);
    expect(servedBids).toEqual([...expected, 0]);
  });
});

describe("placements ask for the formats they can show", () => {
  it("serves VAST the live video ad while an image ad outbids it, and holds nothing for the image", async () => {
    const image = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const video = await liveCampaign({
      fund: { topUpRupiah: 100_000 },
      campaign: { bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(10_000) } },
      creative: "video",
      keepOthers: true,
    });

    const vast = await t.app.inject({
      method: "GET",
      url: "/v1/vast?placementId=player-main&viewerId=viewer-vast&province=ID-JK&device=android&language=id",
      headers: { "user-agent": BROWSER },
    });
    expect(vast.statusCode).toBe(200);
    expect(vast.body).toContain(`<Ad id="${video.adId}"`);
    expect(vast.body).toContain("<MediaFile");
    // The image ad outbid the video one but was never a candidate: no reservation of its own.
    expect(await reserved(image.businessId)).toBe(0n);
    expect(await reserved(video.businessId)).toBe(BigInt(rupiahMicros(10)));
    // The player shows it: its impression ends the one reservation VAST opened.
    const impression = /<Impression[^>]*><!\[CDATA\[([^\]]+)\]\]>/.exec(vast.body)?.[1] ?? "";
    expect((await beacon(new URL(impression).pathname)).statusCode).toBe(204);
    expect(await reserved(video.businessId)).toBe(0n);

    // A feed that shows both gets the best bid; one that shows video only gets the video.
    const feed = await requestAd("viewer-feed");
    expect(feed.json().ad.id).toBe(image.adId);
    const videoOnly = await t.app.inject({
      method: "POST",
      url: "/v1/decisions",
      headers: { "user-agent": BROWSER },
      payload: { placementId: "feed-main", formats: ["video"], context: { viewerId: "viewer-video" } },
    });
    expect(videoOnly.json().ad).toMatchObject({ id: video.adId, creative: { kind: "video" } });
    for (const answer of [feed, videoOnly]) await beacon(answer.json().impressionUrl);
    expect([await reserved(image.businessId), await reserved(video.businessId)]).toEqual([0n, 0n]);
  });

  it("takes the decision API's targeting parameters on VAST, interests as a list", async () => {
    const video = await liveCampaign({
      fund: { topUpRupiah: 100_000 },
      campaign: { targeting: { provinces: ["ID-JK"], interests: ["food_drink"] } },
      creative: "video",
    });
    const ask = (query: string) =>
      t.app.inject({
        method: "GET",
        url: `/v1/vast?placementId=player-main&viewerId=viewer-vast-profile&province=ID-JK${query}`,
        headers: { "user-agent": BROWSER },
      });
    expect((await ask("")).body).not.toContain("<Ad ");
    const targeted = await ask("&interests=travel,food_drink&cb=1234");
    expect(targeted.body).toContain(`<Ad id="${video.adId}"`);
    const malformed = await ask(`&interests=${"x".repeat(41)}`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toBe("querystring.interests.0");
  });
});

describe("reservations that end", () => {
  it("holds nothing for an answer that failed after its reservation", async () => {
    const video = await liveCampaign({ fund: { topUpRupiah: 100_000 }, creative: "video" });
    // A creative VAST cannot describe (over 24 hours long) makes rendering fail after the reserve.
    await t.app.db.execute(sql`
      update assets set duration_ms = 90000000
      where id = (select asset_id from ad_versions where ad_id = ${video.adId}::uuid limit 1)`);
    await t.app.delivery.index.refresh();
    const vast = await t.app.inject({
      method: "GET",
      url: "/v1/vast?placementId=player-main&viewerId=viewer-broken",
      headers: { "user-agent": BROWSER },
    });
    expect(vast.statusCode).toBe(200);
    expect(vast.body).not.toContain("<Ad ");
    expect(await reserved(video.businessId)).toBe(0n);
    expect(await t.app.redis.zcard(deliveryKeys.reservationExpiry(video.businessId))).toBe(0);
  });

  it("lets a prefetching viewer hold no more answers of a campaign than its cap, and gives them back on expiry", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const prefetch = async () => {
      const statuses: number[] = [];
      for (let n = 0; n < 5; n++) statuses.push((await requestAd("viewer-prefetch")).statusCode);
      return statuses;
    };
    // No beacon fires: all five answers would be in flight at once.
    expect(await prefetch()).toEqual([200, 200, 200, 204, 204]);
    expect(await reserved(live.businessId)).toBe(3n * BigInt(rupiahMicros(20)));

    await releaseAt(new Date(Date.now() + 16 * 60_000));
    expect(await reserved(live.businessId)).toBe(0n);
    expect(await t.app.redis.get(deliveryKeys.available(live.businessId))).toBe(rupiahMicros(100_000));
    // Expired answers were never shown, so the viewer is under the cap again.
    expect(await prefetch()).toEqual([200, 200, 200, 204, 204]);
  });

  it("gives back what a campaign holds once its delivery ends, and the owner sees reserved fall to zero", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const answers = [];
    for (const viewer of ["end-a", "end-b", "end-c"]) answers.push((await requestAd(viewer)).json());
    const wallet = () => walletOf(t.app, live.owner, live.businessId);
    expect((await wallet()).reservedMicros).toBe(rupiahMicros(60));
    // While it delivers, answers not yet expired stay held for their beacons.
    await releaseAt();
    expect((await wallet()).reservedMicros).toBe(rupiahMicros(60));

    await pauseReturnsEverythingHeld(live, answers[0].impressionUrl, releaseAt);
  });
});

describe("reach sketches", () => {
  it("keeps a day's stored viewers when Redis no longer holds the sketch the tally adds to", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const serveTo = async (viewerIds: string[]) => {
      for (const viewerId of viewerIds) {
        const response = await requestAd(viewerId);
        expect(response.statusCode).toBe(200);
        expect((await beacon(response.json().impressionUrl)).statusCode).toBe(204);
      }
      await tallyAll();
    };
    const storedReach = async () => {
      const [row] = (
        await t.app.db.execute(
          sql`select sketch, day::text as day from ad_daily_reach where ad_id = ${live.adId}::uuid`,
        )
      ).rows as { sketch: Buffer; day: string }[];
      const key = `reach-check-${live.adId}`;
      await t.app.redis.set(key, row?.sketch ?? "");
      const count = await t.app.redis.pfcount(key);
      await t.app.redis.del(key);
      return { count, day: row?.day as string };
    };

    await serveTo(["reach-a", "reach-b", "reach-c"]);
    const first = await storedReach();
    expect(first.count).toBe(3);
    // As if the key expired or Redis restarted empty: the next batch must start from the stored day.
    await t.app.redis.del(deliveryKeys.reach(live.businessId, live.adId, first.day));
    await serveTo(["reach-c", "reach-d"]);
    expect((await storedReach()).count).toBe(4);
    expect(await t.app.redis.pttl(deliveryKeys.reach(live.businessId, live.adId, first.day))).toBeGreaterThan(
      0,
    );
  });
});

describe("no overspend", () => {
  it("charges exactly what the balance covers when 64 clients hammer a campaign the budget would allow more of", async () => {
    await crowdSpendsExactlyTheBalance("crowd");
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

describe("pacing cold start", () => {
  // Rp 2.000.000 a day at Rp 20 an impression: before the cold ceiling, its first minute took half of it.
  const coldCampaign = () =>
    liveCampaign({
      fund: { topUpRupiah: 5_000_000 },
      campaign: { pacing: "standard", budget: { type: "daily", amountMicros: rupiahMicros(2_000_000) } },
    });

  /** The next 12:00 in Jakarta, on decide()'s own clock: the checks must not depend on the hour they run. */
  function nextJakartaNoon() {
    const noonToday = new Date(`${localClock(new Date(), "Asia/Jakarta").date}T12:00:00+07:00`);
    return noonToday.getTime() > Date.now() ? noonToday : new Date(noonToday.getTime() + 86_400_000);
  }

  /** How many of `clients` × `perClient` concurrent decisions at `now` the campaign won. */
  async function servedAt(campaignId: string, now: Date, clients: number, perClient: number) {
    const { index, scripts } = t.app.delivery;
    let served = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let n = 0; n < perClient; n++) {
          const context = { viewerId: `cold-${now.getTime()}-${client}-${n}` };
          const decision = await decide(
            index,
            scripts,
            t.app.config.trackingSecret,
            { id: "feed" },
            context,
            now,
          );
          if (decision?.ad.campaignId === campaignId) served += 1;
        }
      }),
    );
    return served;
  }

  it("lets a standard campaign's first minute spend only that minute's share of the hour's target", async () => {
    const live = await coldCampaign();
    const now = nextJakartaNoon();
    const localDate = localClock(now, "Asia/Jakarta").date;
    const firstMinute = pacingCeiling({
      dailyBudgetMicros: BigInt(rupiahMicros(2_000_000)),
      spentTodayMicros: 0n,
      now,
      timeZone: "Asia/Jakarta",
      curve: DEFAULT_TRAFFIC_CURVE,
      windowMs: 60_000,
    });
    const served = await servedAt(live.campaignId, now, 16, 40);
    const used = BigInt(
      (await t.app.redis.get(deliveryKeys.campaignDay(live.businessId, live.campaignId, localDate))) ?? "0",
    );
    expect(served).toBeGreaterThan(0);
    expect(BigInt(served) * BigInt(rupiahMicros(20))).toBe(used);
    expect(used).toBeLessThanOrEqual(firstMinute);
    // About 140 of the 640 it would otherwise have won.
    expect(served).toBeLessThan(200);
    expect(served).toBeLessThan(640);
  });

  it("ends the first-minute ceiling on the decisions' clock, not on Redis's", async () => {
    const live = await coldCampaign();
    const now = nextJakartaNoon();
    expect(await servedAt(live.campaignId, now, 16, 40)).toBeGreaterThan(0);
    // Within the minute, on the caller's clock, the spent ceiling still holds...
    expect(await servedAt(live.campaignId, new Date(now.getTime() + 30_000), 4, 10)).toBe(0);
    // ...and past it a new one opens, although no real minute has passed (a virtual clock's day).
    expect(await servedAt(live.campaignId, new Date(now.getTime() + 61_000), 4, 10)).toBeGreaterThan(0);
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
    expect(mine(await decide(index, scripts, secret, { id: "feed" }, context, before))).toBe(false);
    expect(mine(await decide(index, scripts, secret, { id: "feed" }, context, after))).toBe(true);
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
