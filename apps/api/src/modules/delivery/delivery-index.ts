import { performance } from "node:perf_hooks";
import { setImmediate } from "node:timers/promises";
import {
  type Assignment,
  compareRanked,
  type DeliverySchedule,
  type ExpectedValue,
  expectedValueOrderingKey,
  expectedValuePerImpression,
  isWithinSchedule,
  localClock,
  type Micros,
  startOfLocalDay,
  type Targeting,
  TargetingIndex,
  targetingConjunction,
} from "@sorot/core";
import { adTotals, campaignSpend, type Db, loadDeliverableAds } from "@sorot/db";
import {
  type DeliveryChange,
  type DeliveryChangeMessage,
  type DeliveryScripts,
  deliveryKeys,
  deliveryScripts,
  lastDeliveryChangeSeq,
  parseDeliveryChange,
} from "@sorot/delivery-state";
import { initialiseAvailable } from "@sorot/money";
import type { FastifyBaseLogger } from "fastify";
import type { Redis } from "ioredis";
import type { BudgetLeases } from "./leases.js";

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
  impressions: bigint;
  clicks: bigint;
  /** Expected value per impression (rankCandidates' measure), worked out once when loaded. */
  value: ExpectedValue;
}

/** A campaign as the targeting index holds it: what a decision checks, and its approved ads. */
export interface IndexedCampaign {
  campaignId: string;
  businessId: string;
  timeZone: string;
  pacing: IndexedAd["pacing"];
  schedule: DeliverySchedule;
  /** Best first (compareRanked); the campaign ranks as its best ad. */
  ads: IndexedAd[];
  /** The best ad's expected value as a float, for compareCampaigns. */
  score: number;
}

/** Requests of one audience (the same attribute values) since the last flush. */
interface Audience {
  request: Assignment;
  count: number;
}

const EXPANDED_AUDIENCES = 32;
/**
 * About how many campaign matches a flush counts. At 20,000 campaigns one audience matches about
 * 11,000, so 32 audiences were 350,000 matches every 5 s: a third of a decision's CPU at peak.
 */
const FLUSH_MATCH_BUDGET = 40_000;
/** Campaigns a flush counts between two yields to waiting decisions (about a millisecond of work). */
const FLUSH_SLICE = 2_000;
/** Counts a flush sends to Redis in one pipeline. */
const FLUSH_COMMANDS_AT_ONCE = 500;
const INITIALISED_AT_ONCE = 8;

/**
 * rankCandidates' order of the campaigns' best ads. Walks compare campaigns all the time, so the
 * floating-point value decides where it clearly can (a relative gap far above rounding error) and
 * the exact BigInt comparison only near a tie: the same order, without BigInt maths per step.
 */
const compareCampaigns = (a: IndexedCampaign, b: IndexedCampaign) => {
  const gap = b.score - a.score;
  if (Math.abs(gap) > 1e-9 * Math.max(a.score, b.score)) return gap;
  return compareRanked(a.ads[0] as IndexedAd, b.ads[0] as IndexedAd);
};

const entryOf = (campaign: IndexedCampaign, targeting: Targeting) => ({
  id: campaign.campaignId,
  conjunction: targetingConjunction(targeting, [...new Set(campaign.ads.map((ad) => ad.creative.kind))]),
  item: campaign,
});

/**
 * Every campaign that may deliver, in memory, in a targeting index, so a decision runs no SQL and
 * meets only campaigns that match it. Built in full at start, and again (aside, then swapped in,
 * so answers never wait) only when a change message shows that one was missed; otherwise each
 * message updates just the campaigns it names. A business out of money needs no message: the
 * reservation script refuses it. Pacing rates come from the worker in the same messages.
 */
export class DeliveryIndex {
  private targeting = new TargetingIndex<IndexedCampaign>(compareCampaigns);
  pacingRates = new Map<string, number>();
  /** This process's budget slices, when CPM decisions spend from leases instead of reserving each. */
  leases: BudgetLeases | undefined;
  /** The number of the last change message applied (or current when the index was built). */
  appliedSeq = 0;
  /** Full builds so far, and how long the last took: for tests and the benchmark. */
  rebuilds = 0;
  lastRebuildMs = 0;
  private subscriber: Redis | undefined;
  private updates: Promise<void> = Promise.resolve();
  private requests = new Map<string, Audience>();
  /** Campaigns one audience matched on average at the last flush (how many a flush can afford). */
  private matchesPerAudience = 1;
  private flusher: NodeJS.Timeout | undefined;

  /** Campaigns in the index. */
  get size(): number {
    return this.targeting.size;
  }

  /** Every indexed ad, for operations and tools (a copy; decisions walk the index instead). */
  get ads(): IndexedAd[] {
    return [...this.targeting.values()].flatMap((campaign) => campaign.ads);
  }

  /** The campaigns matching `request`, best first, lazily. */
  walk(request: Assignment): Generator<IndexedCampaign, void, undefined> {
    return this.targeting.walk(request);
  }

  /** Every campaign matching `request`, best first. */
  matching(request: Assignment): IndexedCampaign[] {
    return this.targeting.matching(request);
  }

  /**
   * Counts a request for the pacing forecast. Requests are counted by audience and expanded into
   * the campaigns each audience matches when flushed, so a decision pays for one map update
   * however many campaigns it is eligible for.
   */
  noteRequest(request: Assignment): void {
    const key = JSON.stringify(request);
    const seen = this.requests.get(key);
    if (seen) seen.count += 1;
    else this.requests.set(key, { request, count: 1 });
  }

  /** The campaigns a request is eligible for now: targeted at it, in schedule. */
  eligibleCampaigns(request: Assignment, now: Date): string[] {
    const eligible: string[] = [];
    for (const campaign of this.targeting.everyMatch(request)) {
      if (isWithinSchedule(campaign.schedule, now, campaign.timeZone)) eligible.push(campaign.campaignId);
    }
    return eligible;
  }

  /**
   * Expanding an audience walks every campaign it matches (thousands at 20,000 campaigns), so a
   * flush expands only some of them, drawn uniformly, and weighs each by how many it stands for: an
   * unbiased estimate of every campaign's count, exact while audiences are few. How many: at most
   * EXPANDED_AUDIENCES (32), and as many as FLUSH_MATCH_BUDGET allows at the previous flush's
   * matches per audience (decided before drawing, so the estimate stays unbiased).
   * It hands the thread back to decisions every FLUSH_SLICE campaigns: done in one go, a flush at
   * 20,000 campaigns held every answer for a second (bench:delivery's loop delay). A walk paused
   * across the yield keeps the index it started on.
   */
  async flushEligible(): Promise<void> {
    if (this.requests.size === 0) return;
    const audiences = [...this.requests.values()];
    this.requests = new Map();
    const affordable = Math.max(1, Math.floor(FLUSH_MATCH_BUDGET / this.matchesPerAudience));
    const drawn = Math.min(audiences.length, EXPANDED_AUDIENCES, affordable);
    for (let i = 0; i < drawn; i++) {
      const j = i + Math.floor(Math.random() * (audiences.length - i));
      [audiences[i], audiences[j]] = [audiences[j] as Audience, audiences[i] as Audience];
    }
    const weight = audiences.length / drawn;
    const targeting = this.targeting;
    const counts = new Map<IndexedCampaign, number>();
    let visited = 0;
    for (const { request, count } of audiences.slice(0, drawn)) {
      for (const campaign of targeting.everyMatch(request)) {
        counts.set(campaign, (counts.get(campaign) ?? 0) + count * weight);
        if (++visited % FLUSH_SLICE === 0) await setImmediate();
      }
    }
    this.matchesPerAudience = Math.max(1, visited / drawn);
    const now = new Date();
    const key = deliveryKeys.eligible(Math.floor(now.getTime() / 60_000));
    const scheduled = [...counts].filter(([campaign]) =>
      isWithinSchedule(campaign.schedule, now, campaign.timeZone),
    );
    // In pipelines of FLUSH_COMMANDS_AT_ONCE: writing 11,000 HINCRBYs in one went held the thread
    // for over 100 ms.
    for (let at = 0; at < scheduled.length; at += FLUSH_COMMANDS_AT_ONCE) {
      const pipeline = this.redis.pipeline();
      for (const [campaign, count] of scheduled.slice(at, at + FLUSH_COMMANDS_AT_ONCE))
        pipeline.hincrby(key, campaign.campaignId, Math.round(count));
      pipeline.expire(key, 3_600);
      await pipeline.exec();
    }
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

  /** Subscribes first, then builds: a change made during the build is applied after it. */
  async start(): Promise<void> {
    this.subscriber = this.redis.duplicate({ keyPrefix: "" });
    this.subscriber.on("error", (error) => this.log.warn({ err: error }, "delivery index subscriber error"));
    this.subscriber.on("message", (_channel, message: string) => {
      const parsed = parseDeliveryChange(message);
      void this.enqueue(() => this.apply(parsed));
    });
    // Messages sent while the subscriber was reconnecting are lost: the sequence number says so.
    this.subscriber.on("ready", () => void this.enqueue(() => this.catchUp()));
    await this.subscriber.subscribe(this.changesChannel);
    await this.refresh();
    this.flusher = setInterval(() => void this.flushEligible().catch(() => {}), 5_000);
    this.flusher.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.flusher);
    await this.flushEligible().catch(() => {});
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** A full rebuild, after the updates queued before it; settles once the new index answers. */
  refresh(): Promise<void> {
    return this.enqueue(() => this.rebuild());
  }

  /** Updates run one at a time, in the order their messages arrived. */
  private enqueue(update: () => Promise<void>): Promise<void> {
    const next = this.updates.then(update).catch((error) => {
      this.log.error({ err: error }, "delivery index update failed");
    });
    this.updates = next;
    return next;
  }

  private async apply(message: DeliveryChangeMessage | undefined): Promise<void> {
    if (message && message.seq <= this.appliedSeq) return;
    if (!message || message.seq !== this.appliedSeq + 1) {
      this.log.warn({ seq: message?.seq, applied: this.appliedSeq }, "delivery change missed: rebuilding");
      return this.rebuild();
    }
    await this.update(message.change);
    this.appliedSeq = message.seq;
  }

  private async catchUp(): Promise<void> {
    if ((await lastDeliveryChangeSeq(this.redis)) > this.appliedSeq) await this.rebuild();
  }

  private async update(change: DeliveryChange): Promise<void> {
    if ("pacingRates" in change) {
      for (const [campaignId, rate] of Object.entries(change.pacingRates)) {
        if (rate === null) this.pacingRates.delete(campaignId);
        else this.pacingRates.set(campaignId, Number(rate));
      }
      return;
    }
    const scope =
      "campaignIds" in change ? { campaignIds: change.campaignIds } : { businessId: change.businessId };
    if (scope.campaignIds?.length === 0) return;
    const campaigns = await this.load(scope);
    const stale = scope.campaignIds ? new Set(scope.campaignIds) : this.campaignsOf(scope.businessId);
    for (const { campaign, targeting } of campaigns) {
      stale.delete(campaign.campaignId);
      const entry = entryOf(campaign, targeting);
      this.targeting.put(entry.id, entry.conjunction, entry.item);
    }
    for (const campaignId of stale) this.targeting.remove(campaignId);
    await this.initialiseBalances(
      new Set(campaigns.map(({ campaign }) => campaign.businessId)),
      (businessId) => [...this.campaignsOf(businessId)],
    );
  }

  /** Walks the whole index: only for a change of one business's standing or a lost balance. */
  private campaignsOf(businessId: string): Set<string> {
    const ids = new Set<string>();
    for (const campaign of this.targeting.values())
      if (campaign.businessId === businessId) ids.add(campaign.campaignId);
    return ids;
  }

  /**
   * Builds a whole new index aside and swaps it in. The sequence number is read first: a change
   * after it is applied again on top, which is harmless, since an update re-reads its campaigns.
   */
  private async rebuild(): Promise<void> {
    const started = performance.now();
    const seq = await lastDeliveryChangeSeq(this.redis);
    const campaigns = await this.load();
    const rates = await this.redis.hgetall(deliveryKeys.pacingRates());
    this.targeting = TargetingIndex.of(
      compareCampaigns,
      campaigns.map(({ campaign, targeting }) => entryOf(campaign, targeting)),
    );
    this.pacingRates = new Map(Object.entries(rates).map(([campaignId, rate]) => [campaignId, Number(rate)]));
    this.appliedSeq = seq;
    const byBusiness = new Map<string, string[]>();
    for (const { campaign } of campaigns) {
      const ids = byBusiness.get(campaign.businessId);
      if (ids) ids.push(campaign.campaignId);
      else byBusiness.set(campaign.businessId, [campaign.campaignId]);
    }
    await this.initialiseBalances(
      new Set(byBusiness.keys()),
      (businessId) => byBusiness.get(businessId) ?? [],
    );
    this.rebuilds += 1;
    this.lastRebuildMs = performance.now() - started;
  }

  private async load(scope?: Parameters<typeof loadDeliverableAds>[1]) {
    const rows = await loadDeliverableAds(this.db, scope);
    const totals = await adTotals(
      this.db,
      rows.map((row) => row.ad.id),
    );
    const campaigns = new Map<string, { campaign: IndexedCampaign; targeting: Targeting }>();
    for (const row of rows) {
      const stats = totals.get(row.ad.id);
      const daily = row.campaign.budgetType === "daily";
      const bidding = { strategy: row.campaign.bidStrategy, billingEvent: row.campaign.billingEvent };
      const impressions = stats?.impressions ?? 0n;
      const clicks = stats?.clicks ?? 0n;
      const ad: IndexedAd = {
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
        impressions,
        clicks,
        value: expectedValuePerImpression({
          ...bidding,
          campaignId: row.campaign.id,
          adId: row.ad.id,
          bidMicros: row.campaign.bidMicros,
          impressions,
          clicks,
        }),
      };
      const entry = campaigns.get(ad.campaignId);
      if (entry) entry.campaign.ads.push(ad);
      else
        campaigns.set(ad.campaignId, {
          campaign: {
            campaignId: ad.campaignId,
            businessId: ad.businessId,
            timeZone: ad.timeZone,
            pacing: ad.pacing,
            schedule: ad.schedule,
            ads: [ad],
            score: 0,
          },
          targeting: row.campaign.targeting,
        });
    }
    for (const { campaign } of campaigns.values()) {
      campaign.ads.sort(compareRanked);
      campaign.score = expectedValueOrderingKey((campaign.ads[0] as IndexedAd).value);
    }
    return [...campaigns.values()];
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
  private async initialiseBalances(
    businessIds: Set<string>,
    campaignsOf: (businessId: string) => string[],
  ): Promise<void> {
    // Sent together, not one round trip each: a rebuild at 5,000 businesses asks 5,000 of these.
    const ids = [...businessIds];
    const known = await Promise.all(
      ids.map((businessId) => this.redis.exists(deliveryKeys.available(businessId))),
    );
    const missing = ids.filter((_, i) => !known[i]);
    // A few businesses at a time (each reads the ledger): a first start at 5,000 businesses
    // initialises them all, and one by one that took minutes.
    for (let i = 0; i < missing.length; i += INITIALISED_AT_ONCE) {
      await Promise.all(
        missing.slice(i, i + INITIALISED_AT_ONCE).map(async (businessId) => {
          // Every campaign of the business the index holds, not only the ones just loaded.
          await this.restoreBudgetCounters(businessId, campaignsOf(businessId));
          await initialiseAvailable(this.db, this.scripts, businessId);
        }),
      );
    }
  }

  private async restoreBudgetCounters(businessId: string, campaignIds: string[]): Promise<void> {
    const timeZone =
      campaignIds.length > 0 ? this.targeting.get(campaignIds[0] as string)?.timeZone : undefined;
    if (!timeZone) return;
    const now = new Date();
    const localDate = localClock(now, timeZone).date;
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
