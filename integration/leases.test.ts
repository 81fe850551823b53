import { localClock } from "@sorot/core";
import { businessAccounts } from "@sorot/db";
import { deliveryKeys } from "@sorot/delivery-state";
import { balanceDrift } from "@sorot/money";
import { describe, expect, it } from "vitest";
import { eventOf } from "../apps/api/src/modules/delivery/delivery.service.js";
import { BudgetLeases, LEASE_WINDOW_MS, type LeasedAnswer } from "../apps/api/src/modules/delivery/leases.js";
import { rupiahMicros, useTestApp, walletOf } from "../apps/api/test/helpers.js";
import { releaseReservations } from "../apps/worker/src/jobs/delivery.release-reservations.js";
import { deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({
  DELIVERY_LEASES: "on",
  RATE_LIMIT_PER_MINUTE: "1000000",
  AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000",
});

const {
  pauseReturnsEverythingHeld,
  crowdSpendsExactlyTheBalance,
  liveCampaign,
  requestAd,
  tallyContext,
  tallyAll,
  stats,
} = deliveryHelpers(t);

function releaseAt(at = new Date()) {
  return releaseReservations.handle({}, { ...tallyContext(), clock: () => at });
}

const IMPRESSION = BigInt(rupiahMicros(20));

describe("budget leases", () => {
  it("charges exactly what the balance covers when 64 clients hammer a campaign through leases", async () => {
    await crowdSpendsExactlyTheBalance("lease-crowd");
  }, 120_000);

  it("never spends past a small budget across several processes' leases, and holds nothing once they end", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const { scripts } = t.app.delivery;
    const now = new Date();
    const localDate = localClock(now, "Asia/Jakarta").date;
    const cap = BigInt(rupiahMicros(20_000));
    // Room for 37 impressions under the daily cap.
    await t.app.redis.set(
      deliveryKeys.campaignDay(live.businessId, live.campaignId, localDate),
      (cap - 37n * IMPRESSION).toString(),
    );
    const before = await scripts.holdings(live.businessId);
    const processes = Array.from({ length: 4 }, () => new BudgetLeases(scripts));
    const ask = {
      businessId: live.businessId,
      campaignId: live.campaignId,
      localDate,
      cost: IMPRESSION,
      dailyCap: cap,
      lifetimeCap: null,
    };
    const answers = (
      await Promise.all(
        Array.from({ length: 300 }, (_, n) =>
          (processes[n % processes.length] as BudgetLeases).take(ask, now.getTime()),
        ),
      )
    ).filter((answer): answer is LeasedAnswer => answer !== undefined);
    expect(answers).toHaveLength(37);
    expect(await t.app.redis.get(deliveryKeys.campaignDay(live.businessId, live.campaignId, localDate))).toBe(
      cap.toString(),
    );
    // Every slice was answered with in full: nothing is left to lease.
    expect(await processes[0]?.take(ask, now.getTime())).toBeUndefined();

    // Half the answers get their beacon; one beacon comes twice.
    const confirm = (answer: LeasedAnswer, n: number) =>
      scripts.confirmLeasedImpression({
        ...answer,
        answerId: `answer-${n}`,
        eventJson: JSON.stringify(
          eventOf(
            {
              k: "i",
              r: `answer-${n}`,
              g: answer.leaseId,
              b: answer.businessId,
              c: answer.campaignId,
              a: live.adId,
              v: 1,
              u: `viewer-${n}`,
              p: "feed-main",
              d: [null, null, null, null, null, null],
              l: localDate,
              m: "cpm",
              o: IMPRESSION.toString(),
              dc: cap.toString(),
              lc: "-1",
              x: Math.floor(now.getTime() / 1000) + 900,
            },
            "impression",
            now,
          ),
        ),
        billable: true,
        dailyCap: cap,
        lifetimeCap: null,
      });
    const confirmed = answers.filter((_, n) => n % 2 === 0);
    for (const [n, answer] of confirmed.entries()) await confirm(answer, n);
    expect(await confirm(confirmed[0] as LeasedAnswer, 0)).toEqual({ counted: false, reason: "replay" });
    const mid = await scripts.holdings(live.businessId);
    expect(mid.pendingMicros).toBe(BigInt(confirmed.length) * IMPRESSION);
    expect(mid.reservedMicros).toBe(BigInt(answers.length - confirmed.length) * IMPRESSION);
    expect((mid.availableMicros ?? 0n) + mid.heldMicros).toBe(before.availableMicros);

    // The windows end (nothing unanswered is left), then the leases pass their deadline.
    await Promise.all(processes.map((leases) => leases.returnEnded(now.getTime() + LEASE_WINDOW_MS)));
    await releaseAt(new Date(now.getTime() + LEASE_WINDOW_MS + 16 * 60_000));
    const after = await scripts.holdings(live.businessId);
    expect(after.reservedMicros).toBe(0n);
    expect(after.pendingMicros).toBe(BigInt(confirmed.length) * IMPRESSION);
    expect((after.availableMicros ?? 0n) + after.pendingMicros).toBe(before.availableMicros);
    expect(await t.app.redis.zcard(deliveryKeys.reservationExpiry(live.businessId))).toBe(0);
    // A beacon of an ended lease is refused, not charged as a lost one.
    expect(await confirm(answers[1] as LeasedAnswer, 1_001)).toEqual({ counted: false, reason: "replay" });
    expect(await scripts.holdings(live.businessId)).toEqual(after);
    await tallyAll();
    const spent = BigInt(confirmed.length) * IMPRESSION;
    expect(await stats(live.adId)).toMatchObject({
      impressions: String(confirmed.length),
      spend: spent.toString(),
    });
    expect((await businessAccounts(t.app.db, live.businessId)).cash.balanceMicros).toBe(
      BigInt(rupiahMicros(100_000)) - spent,
    );
    expect(await balanceDrift(t.app.db, scripts)).toEqual([]);
  });

  it("returns what a window did not answer with when it ends", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const { scripts } = t.app.delivery;
    const now = Date.now();
    const leases = new BudgetLeases(scripts);
    const ask = {
      businessId: live.businessId,
      campaignId: live.campaignId,
      localDate: localClock(new Date(now), "Asia/Jakarta").date,
      cost: IMPRESSION,
      dailyCap: null,
      lifetimeCap: null,
    };
    // The first slice is one event; it runs out inside its window, so the next is two.
    expect(await leases.take(ask, now)).toBeDefined();
    expect(await leases.take(ask, now)).toBeDefined();
    expect((await scripts.holdings(live.businessId)).reservedMicros).toBe(3n * IMPRESSION);
    await leases.returnEnded(now + LEASE_WINDOW_MS - 1);
    expect((await scripts.holdings(live.businessId)).reservedMicros).toBe(3n * IMPRESSION);
    // At the window's end the unanswered event goes back; the two answered stay held for their beacons.
    await leases.returnEnded(now + LEASE_WINDOW_MS);
    expect((await scripts.holdings(live.businessId)).reservedMicros).toBe(2n * IMPRESSION);
  });

  it("gives back what a campaign's leases hold once its delivery ends, and refuses its late beacons", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const answers = [];
    for (const viewer of ["lease-end-a", "lease-end-b", "lease-end-c"])
      answers.push((await requestAd(viewer)).json());
    const wallet = () => walletOf(t.app, live.owner, live.businessId);
    expect(BigInt((await wallet()).reservedMicros)).toBeGreaterThanOrEqual(3n * IMPRESSION);

    await pauseReturnsEverythingHeld(live, answers[0].impressionUrl, releaseAt);
  });

  it("caps each viewer at 3 answers of a campaign a day in one process", async () => {
    await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) statuses.push((await requestAd("lease-viewer-frequent")).statusCode);
    expect(statuses).toEqual([200, 200, 200, 204, 204]);
  });
});
