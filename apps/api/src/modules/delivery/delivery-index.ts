import {
  compileTargeting,
  type DeliverySchedule,
  localClock,
  type Micros,
  rankCandidates,
  startOfLocalDay,
  type ViewerMatcher,
} from "@sorot/core";
import { adTotals, campaignSpend, type Db, loadDeliverableAds } from "@sorot/db";
import { type DeliveryScripts, deliveryKeys, deliveryScripts } from "@sorot/delivery-state";
import { initialiseAvailable } from "@sorot/money";
import type { FastifyBaseLogger } from "fastify";
import type { Redis } from "ioredis";

export interface IndexedAd {
  businessId: string;
  businessName: string;
  timeZone: string;
  campaignId: string;
  campaignName: string;
  adId: string;
  adVersion: number;
  headline: string;
  text: string;
  callToAction: string;
  landingUrl: string;
  creative: {
    assetId: string;
    kind: "image" | "video";
    width: number;
    height: number;
    durationMs: number | null;
    mimeType: string;
    bytes: number;
  };
  billingEvent: "cpm" | "cpc";
  strategy: "manual" | "lowest_cost";
  bidMicros: Micros | null;
  dailyCapMicros: Micros | null;
  lifetimeCapMicros: Micros | null;
  pacing: "standard" | "accelerated";
  schedule: DeliverySchedule;
  matches: ViewerMatcher;
  impressions: bigint;
  clicks: bigint;
  /**
   * Position in rankCandidates' order of the whole index (0 = best). Bids and CTR counters only
   * change when the index reloads, so ranking once there and sorting a decision's candidates by
   * this number gives rankCandidates' order of any subset, without its BigInt maths per request.
   */
  rank: number;
}

/**
 * Every ad that may deliver, in memory, so a decision runs no SQL. Reloaded when a change message
 * arrives (approvals, status changes, edits, suspensions, wallet moves) and on a timer as the
 * safety net; pacing rates come from the worker through Redis.
 */
export class DeliveryIndex {
  ads: IndexedAd[] = [];
  pacingRates = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private subscriber: Redis | undefined;
  private reloads: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private eligible = new Map<string, number>();
  private flusher: NodeJS.Timeout | undefined;

  /** Counts requests each campaign was eligible for; flushed to Redis in bulk for the pacing job. */
  noteEligible(campaignId: string): void {
    this.eligible.set(campaignId, (this.eligible.get(campaignId) ?? 0) + 1);
  }

  private async flushEligible(): Promise<void> {
    if (this.eligible.size === 0) return;
    const counts = this.eligible;
    this.eligible = new Map();
    const key = deliveryKeys.eligible(Math.floor(Date.now() / 60_000));
    const pipeline = this.redis.pipeline();
    for (const [campaignId, count] of counts) pipeline.hincrby(key, campaignId, count);
    pipeline.expire(key, 3_600);
    await pipeline.exec();
  }

  private readonly scripts: DeliveryScripts;

  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly changesChannel: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.scripts = deliveryScripts(redis);
  }

  async start(refreshMs: number): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), refreshMs);
    this.timer.unref();
    this.flusher = setInterval(() => void this.flushEligible().catch(() => {}), 5_000);
    this.flusher.unref();
    this.subscriber = this.redis.duplicate({ keyPrefix: "" });
    this.subscriber.on("error", (error) => this.log.warn({ err: error }, "delivery index subscriber error"));
    this.subscriber.on("message", () => void this.refresh());
    await this.subscriber.subscribe(this.changesChannel);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.flusher);
    await this.flushEligible().catch(() => {});
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /**
   * Reloads one at a time. A change during a reload queues exactly one more, which every caller
   * until it starts shares; the promise settles once a reload that began after the call is done,
   * so a caller that just changed something sees it in the index.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.reloads.then(() => {
      this.queued = undefined;
      return this.load().catch((error) => this.log.error({ err: error }, "delivery index refresh failed"));
    });
    this.queued = queued;
    this.reloads = queued;
    return queued;
  }

  private async load(): Promise<void> {
    const rows = await loadDeliverableAds(this.db);
    const totals = await adTotals(
      this.db,
      rows.map((row) => row.ad.id),
    );
    const rates = await this.redis.hgetall(deliveryKeys.pacingRates());
    const ads = rows.map((row) => {
      const stats = totals.get(row.ad.id);
      const daily = row.campaign.budgetType === "daily";
      return {
        businessId: row.business.id,
        businessName: row.business.name,
        timeZone: row.business.timeZone,
        campaignId: row.campaign.id,
        campaignName: row.campaign.name,
        adId: row.ad.id,
        adVersion: row.ad.version,
        ...row.content,
        creative: { assetId: row.asset.id, ...row.asset },
        billingEvent: row.campaign.billingEvent,
        strategy: row.campaign.bidStrategy,
        bidMicros: row.campaign.bidMicros,
        // A lifetime budget has no daily cap: pacing spreads it, the lifetime cap bounds it.
        dailyCapMicros: daily ? row.campaign.budgetMicros : null,
        lifetimeCapMicros: daily ? null : row.campaign.budgetMicros,
        pacing: row.campaign.pacing,
        schedule: {
          startAt: row.campaign.startAt,
          endAt: row.campaign.endAt,
          dayparting: row.campaign.dayparting,
          closures: row.campaign.closures,
        },
        matches: compileTargeting(row.campaign.targeting),
        impressions: stats?.impressions ?? 0n,
        clicks: stats?.clicks ?? 0n,
        rank: 0,
      };
    });
    this.ads = rankCandidates(ads);
    for (const [rank, ad] of this.ads.entries()) ad.rank = rank;
    this.pacingRates = new Map(Object.entries(rates).map(([campaignId, rate]) => [campaignId, Number(rate)]));
    await this.initialiseBalances(new Set(this.ads.map((ad) => ad.businessId)));
  }

  /**
   * A business starts delivering with `available` initialised from the ledger (@sorot/money's
   * initialiseAvailable); an existing value is the live one and is never overwritten.
   *
   * `available` is missing on a business's first delivery, and after Redis lost its data. In the
   * second case the campaigns' budget counters are gone too, and a counter starting again at zero
   * would let a campaign spend its whole budget a second time: so each campaign's counters are
   * first set (NX) to what PostgreSQL has billed it today and in total. No reservation can slip in
   * between: every reservation needs `available`, which is set last.
   */
  private async initialiseBalances(businessIds: Set<string>): Promise<void> {
    for (const businessId of businessIds) {
      if (await this.redis.exists(deliveryKeys.available(businessId))) continue;
      await this.restoreBudgetCounters(businessId);
      await initialiseAvailable(this.db, this.scripts, businessId);
    }
  }

  private async restoreBudgetCounters(businessId: string): Promise<void> {
    const ads = this.ads.filter((ad) => ad.businessId === businessId);
    const timeZone = ads[0]?.timeZone;
    if (!timeZone) return;
    const now = new Date();
    const localDate = localClock(now, timeZone).date;
    const campaignIds = [...new Set(ads.map((ad) => ad.campaignId))];
    const spend = await campaignSpend(this.db, campaignIds, startOfLocalDay(now, timeZone));
    const pipeline = this.redis.pipeline();
    for (const campaignId of campaignIds) {
      const spent = spend.get(campaignId);
      // The same three days the reservation script gives a day's counter.
      pipeline.set(
        deliveryKeys.campaignDay(businessId, campaignId, localDate),
        (spent?.todayMicros ?? 0n).toString(),
        "EX",
        259_200,
        "NX",
      );
      pipeline.set(
        deliveryKeys.campaignTotal(businessId, campaignId),
        (spent?.totalMicros ?? 0n).toString(),
        "NX",
      );
    }
    await pipeline.exec();
  }
}
