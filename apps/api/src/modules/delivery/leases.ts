import { randomUUID } from "node:crypto";
import type { Micros } from "@sorot/core";
import type { DeliveryScripts } from "@sorot/delivery-state";
import { RESERVATION_TTL_SECONDS } from "@sorot/delivery-state";

/** How long a process spends from one slice before it returns what it did not answer with. */
export const LEASE_WINDOW_MS = 10_000;
/**
 * A first slice is one event, as a reservation: a campaign that gets a decision now and then
 * (most of 20,000) leaves no remainder to return; a busy one doubles its slice each time it runs
 * out inside its window.
 */
const FIRST_SLICE_EVENTS = 1n;
const MAX_SLICE_EVENTS = 1_000n;
/** Viewer-campaign-day answer counts kept per process; the least recently counted go first. */
const FREQUENCY_ENTRIES = 200_000;

/** What a decision asks of a campaign's lease: one event's cost, and the checks a new slice passes. */
export interface LeaseAsk {
  businessId: string;
  campaignId: string;
  localDate: string;
  cost: Micros;
  dailyCap: Micros | null;
  lifetimeCap: Micros | null;
  paced?: { coldAllowance: Micros; coldMs: number };
}

/** One answer spent from a lease: what its token names, and what a failed answer gives back. */
export interface LeasedAnswer {
  businessId: string;
  campaignId: string;
  localDate: string;
  leaseId: string;
  cost: Micros;
}

interface OpenLease {
  leaseId: string;
  slice: Micros;
  remaining: Micros;
  answered: bigint;
  windowEndsMs: number;
}

interface CampaignLease {
  ask: LeaseAsk;
  open?: OpenLease;
  /** The one lease call in flight for this campaign; true when it got a slice. */
  renewing?: Promise<boolean>;
  sliceEvents: bigint;
}

/**
 * One api process's budget slices: per campaign and local date, the open lease's unanswered
 * remainder. A decision takes its cost from it synchronously, so most decisions touch no Redis;
 * one lease call per campaign is in flight at a time, and the decisions waiting on it take from
 * the new slice in turn. Leased money is already counted against the caps and the balance in
 * Redis, so spending it here cannot overspend; what a window leaves unanswered goes back when it
 * ends (lazily, or by `returnEnded`), what it answered stays held until the release job ends the
 * lease at its deadline (window + token lifetime), by when every one of its tokens has expired.
 */
export class BudgetLeases {
  private readonly campaigns = new Map<string, CampaignLease>();
  private readonly answers = new Map<string, number>();

  constructor(
    private readonly scripts: DeliveryScripts,
    private readonly windowMs = LEASE_WINDOW_MS,
  ) {}

  /** The lease id the answer is spent from, or undefined when no slice covers it. */
  async take(ask: LeaseAsk, nowMs: number): Promise<LeasedAnswer | undefined> {
    const key = `${ask.campaignId}|${ask.localDate}`;
    let campaign = this.campaigns.get(key);
    if (!campaign) {
      campaign = { ask, sliceEvents: FIRST_SLICE_EVENTS };
      this.campaigns.set(key, campaign);
    }
    campaign.ask = ask;
    for (;;) {
      const lease = campaign.open;
      if (lease && lease.windowEndsMs > nowMs && lease.remaining >= ask.cost) {
        lease.remaining -= ask.cost;
        lease.answered += 1n;
        const { businessId, campaignId, localDate, cost } = ask;
        return { businessId, campaignId, localDate, leaseId: lease.leaseId, cost };
      }
      if (!campaign.renewing) {
        const renewing = this.renew(campaign, nowMs);
        campaign.renewing = renewing;
        void renewing.finally(() => {
          if (campaign.renewing === renewing) campaign.renewing = undefined;
        });
      }
      if (!(await campaign.renewing)) return undefined;
    }
  }

  /** Gives a failed answer's cost back: to the open slice, or to Redis once its window ended. */
  async giveBack(answer: LeasedAnswer): Promise<void> {
    const lease = this.campaigns.get(`${answer.campaignId}|${answer.localDate}`)?.open;
    if (lease?.leaseId === answer.leaseId) {
      lease.remaining += answer.cost;
      lease.answered -= 1n;
      return;
    }
    await this.scripts.returnLease({ ...answer, amount: answer.cost });
  }

  /** How many answers of a campaign this process gave a viewer on a local date. */
  answersTo(viewerId: string, campaignId: string, localDate: string): number {
    return this.answers.get(`${viewerId}|${campaignId}|${localDate}`) ?? 0;
  }

  /** Counts one answer (+1) or a failed one's return (-1) toward the viewer's frequency cap. */
  countAnswer(viewerId: string, campaignId: string, localDate: string, delta: 1 | -1): void {
    const key = `${viewerId}|${campaignId}|${localDate}`;
    const count = (this.answers.get(key) ?? 0) + delta;
    this.answers.delete(key);
    if (count > 0) this.answers.set(key, count);
    if (this.answers.size > FREQUENCY_ENTRIES) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
  }

  /** Returns every slice whose window ended at `nowMs` (all of them without one), and forgets idle campaigns. */
  async returnEnded(nowMs = Number.POSITIVE_INFINITY): Promise<void> {
    const returns: Promise<unknown>[] = [];
    for (const [key, campaign] of this.campaigns) {
      if (campaign.renewing) continue;
      if (campaign.open && campaign.open.windowEndsMs > nowMs) continue;
      const ended = campaign.open;
      this.campaigns.delete(key);
      if (ended) returns.push(this.end(campaign.ask, ended));
    }
    await Promise.all(returns);
  }

  private async end(ask: LeaseAsk, lease: OpenLease): Promise<void> {
    const amount = lease.remaining;
    lease.remaining = 0n;
    if (amount > 0n) await this.scripts.returnLease({ ...ask, leaseId: lease.leaseId, amount });
  }

  /**
   * Ends the open slice (returning its remainder first, so the room is there for the next) and
   * leases a new one, sized from the last: twice as many events when it ran out within its
   * window, as many as it answered otherwise.
   */
  private async renew(campaign: CampaignLease, nowMs: number): Promise<boolean> {
    const { ask } = campaign;
    const previous = campaign.open;
    campaign.open = undefined;
    if (previous) {
      const ranOut = previous.windowEndsMs > nowMs;
      campaign.sliceEvents = ranOut
        ? minBig(MAX_SLICE_EVENTS, (previous.slice / ask.cost) * 2n)
        : maxBig(1n, previous.answered);
      await this.end(ask, previous);
    }
    const leaseId = `l-${randomUUID()}`;
    const leased = await this.scripts.lease({
      ...ask,
      leaseId,
      wanted: ask.cost * campaign.sliceEvents,
      deadlineMs: nowMs + this.windowMs + RESERVATION_TTL_SECONDS * 1000,
      paced: ask.paced ? { nowMs, ...ask.paced } : undefined,
    });
    if (!("slice" in leased)) return false;
    campaign.open = {
      leaseId,
      slice: leased.slice,
      remaining: leased.slice,
      answered: 0n,
      windowEndsMs: nowMs + this.windowMs,
    };
    return true;
  }
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
