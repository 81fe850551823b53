import { randomUUID } from "node:crypto";
import {
  costOfEvent,
  DEFAULT_TRAFFIC_CURVE,
  FREQUENCY_CAP_PER_DAY,
  isWithinSchedule,
  localClock,
  pacingCeiling,
  type Viewer,
  viewerAssignment,
} from "@sorot/core";
import type { TallyEvent } from "@sorot/db";
import type { BeaconResult, DeliveryScripts, OpenReservation } from "@sorot/delivery-state";
import { RESERVATION_TTL_SECONDS } from "@sorot/delivery-state";
import type { DeliveryIndex, IndexedAd } from "./delivery-index.js";
import type { BudgetLeases, LeasedAnswer } from "./leases.js";
import { issueToken, type TrackingClaims } from "./tokens.js";

export interface DecisionContext extends Viewer {
  viewerId: string;
}

/** Crawlers and link previewers see ads but are never billed (they are counted as invalid traffic). */
const BOT_USER_AGENT =
  /bot|crawl|spider|slurp|headless|preview|facebookexternalhit|curl\/|python-requests|wget/i;

export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || BOT_USER_AGENT.test(userAgent);
}

/** Where the ad will show, and the creative kinds it can show (a video player: video only). */
export interface Placement {
  id: string;
  formats?: readonly IndexedAd["creative"]["kind"][];
}

/** A cold pacing ceiling covers the first decision's own minute; the pacing job takes over after. */
const COLD_PACING_WINDOW_MS = 60_000;

/** What an answer holds until its impression: a reservation of its own, or its cost in a lease. */
export type HeldForAnswer =
  | { kind: "reservation"; businessId: string; reservation: OpenReservation }
  | { kind: "lease"; answer: LeasedAnswer; viewerId: string };

export interface Decision {
  ad: IndexedAd;
  impressionToken: string;
  clickToken: string;
  /** A route that fails to send the answer gives this back. */
  held: HeldForAnswer;
}

/** Ends what a decision holds at once, for an answer that never reached its placement. */
export async function releaseDecision(
  index: DeliveryIndex,
  scripts: DeliveryScripts,
  decision: Decision,
): Promise<void> {
  const { held } = decision;
  if (held.kind === "reservation") {
    await scripts.release(held.businessId, held.reservation);
    return;
  }
  index.leases?.countAnswer(held.viewerId, held.answer.campaignId, held.answer.localDate, -1);
  await index.leases?.giveBack(held.answer);
}

/**
 * A standard-paced campaign with a daily budget is held to the pacing ceiling; with none set yet,
 * to a first minute's share of the whole day's budget.
 */
function coldPacing(ad: IndexedAd, now: Date): { coldAllowance: bigint; coldMs: number } | undefined {
  if (ad.pacing !== "standard" || ad.dailyCapMicros === null) return undefined;
  return {
    coldAllowance: pacingCeiling({
      dailyBudgetMicros: ad.dailyCapMicros,
      spentTodayMicros: 0n,
      now,
      timeZone: ad.timeZone,
      curve: DEFAULT_TRAFFIC_CURVE,
      windowMs: COLD_PACING_WINDOW_MS,
    }),
    coldMs: COLD_PACING_WINDOW_MS,
  };
}

/**
 * Holds a CPM answer's cost in this process's lease of the campaign, under the process's count of
 * the viewer's answers (counted before the await, so concurrent decisions cannot both pass the cap).
 */
async function spendFromLease(
  leases: BudgetLeases,
  ad: IndexedAd,
  viewerId: string,
  localDate: string,
  cost: bigint,
  now: Date,
): Promise<HeldForAnswer | undefined> {
  if (leases.answersTo(viewerId, ad.campaignId, localDate) >= FREQUENCY_CAP_PER_DAY) return undefined;
  leases.countAnswer(viewerId, ad.campaignId, localDate, 1);
  const answer = await leases.take(
    {
      businessId: ad.businessId,
      campaignId: ad.campaignId,
      localDate,
      cost,
      dailyCap: ad.dailyCapMicros,
      lifetimeCap: ad.lifetimeCapMicros,
      paced: coldPacing(ad, now),
    },
    now.getTime(),
  );
  if (answer) return { kind: "lease", answer, viewerId };
  leases.countAnswer(viewerId, ad.campaignId, localDate, -1);
  return undefined;
}

/** Reserves the answer's cost in Redis (CPM), or checks that one click fits (CPC). */
async function reserveForAnswer(
  scripts: DeliveryScripts,
  ad: IndexedAd,
  viewerId: string,
  localDate: string,
  eventCost: bigint,
  now: Date,
): Promise<HeldForAnswer | undefined> {
  const reservationId = randomUUID();
  const paced = coldPacing(ad, now);
  // CPM reserves the impression's cost now; CPC reserves nothing (the click is charged when it
  // happens) but one click's cost must still fit in budget and balance.
  const reserved = await scripts.reserve({
    businessId: ad.businessId,
    campaignId: ad.campaignId,
    localDate,
    cost: ad.billingEvent === "cpm" ? eventCost : 0n,
    mustFit: ad.billingEvent === "cpc" ? eventCost : 0n,
    dailyCap: ad.dailyCapMicros,
    lifetimeCap: ad.lifetimeCapMicros,
    reservation: { id: reservationId, expiresAtMs: now.getTime() + RESERVATION_TTL_SECONDS * 1000 },
    // A viewer at a campaign's cap is refused inside the same script: most viewers are under
    // every cap, and a separate read of the counters cost a round trip per decision. Answers in
    // flight count toward it, so a prefetching viewer cannot collect more than the cap.
    frequency: { viewerId, cap: FREQUENCY_CAP_PER_DAY },
    paced: paced ? { nowMs: now.getTime(), ...paced } : undefined,
  });
  if (reserved !== "reserved") return undefined;
  return {
    kind: "reservation",
    businessId: ad.businessId,
    reservation: { campaignId: ad.campaignId, localDate, reservationId, viewerId },
  };
}

const ALL_FORMATS: readonly IndexedAd["creative"]["kind"][] = ["image", "video"];

/**
 * The request's candidates, best first, one ad per campaign (rotating among its approved ads of
 * the formats asked for): campaigns the targeting index matches, in schedule, admitted by pacing.
 * Lazy: a decision that reserves its first candidate looks at no other campaign.
 */
function* candidates(
  index: DeliveryIndex,
  placement: Placement,
  context: DecisionContext,
  now: Date,
): Generator<IndexedAd, void, undefined> {
  // An ad the placement cannot show is never a candidate, so it never holds a reservation.
  const formats = placement.formats ?? ALL_FORMATS;
  const request = viewerAssignment(context, formats);
  index.noteRequest(request);
  for (const campaign of index.walk(request)) {
    if (!isWithinSchedule(campaign.schedule, now, campaign.timeZone)) continue;
    if (campaign.pacing === "standard" && Math.random() >= (index.pacingRates.get(campaign.campaignId) ?? 1))
      continue;
    const shown = campaign.ads.filter((ad) => formats.includes(ad.creative.kind));
    yield shown[Math.floor(Math.random() * shown.length)] as IndexedAd;
  }
}

/**
 * Picks the ad for one request: a format the placement can show, eligible now (schedule, daypart, closures in the business's zone),
 * targeted at this viewer, under the frequency cap, admitted by pacing, ranked by expected value;
 * then the winner's cost is held, falling through to the next on refusal: a CPM ad's from this
 * process's lease of the campaign when leases are on (most decisions then touch no Redis),
 * otherwise by a reservation of its own, made atomically in Redis.
 */
export async function decide(
  index: DeliveryIndex,
  scripts: DeliveryScripts,
  trackingSecret: string,
  placement: Placement,
  context: DecisionContext,
  now = new Date(),
): Promise<Decision | undefined> {
  for (const ad of candidates(index, placement, context, now)) {
    const localDate = localClock(now, ad.timeZone).date;
    const eventCost = costOfEvent({
      strategy: ad.strategy,
      billingEvent: ad.billingEvent,
      bidMicros: ad.bidMicros,
    });
    const held =
      index.leases && ad.billingEvent === "cpm"
        ? await spendFromLease(index.leases, ad, context.viewerId, localDate, eventCost, now)
        : await reserveForAnswer(scripts, ad, context.viewerId, localDate, eventCost, now);
    if (!held) continue;
    const claims: TrackingClaims = {
      k: "i",
      r: held.kind === "lease" ? randomUUID() : held.reservation.reservationId,
      ...(held.kind === "lease" ? { g: held.answer.leaseId } : {}),
      b: ad.businessId,
      c: ad.campaignId,
      a: ad.adId,
      v: ad.adVersion,
      u: context.viewerId,
      p: placement.id,
      d: [
        context.province ?? null,
        context.city ?? null,
        context.ageBand ?? null,
        context.gender ?? null,
        context.device ?? null,
        context.language ?? null,
      ],
      l: localDate,
      m: ad.billingEvent,
      o: eventCost.toString(),
      dc: (ad.dailyCapMicros ?? -1n).toString(),
      lc: (ad.lifetimeCapMicros ?? -1n).toString(),
      x: Math.floor(now.getTime() / 1000) + RESERVATION_TTL_SECONDS,
    };
    const clickExpiry = Math.floor(now.getTime() / 1000) + 86_400;
    return {
      ad,
      impressionToken: issueToken(claims, trackingSecret),
      clickToken: issueToken({ ...claims, k: "c", t: ad.landingUrl, x: clickExpiry }, trackingSecret),
      held,
    };
  }
  return undefined;
}

/**
 * An event as a beacon writes it to the stream: the tally's shape, with no conversions (they have
 * their own path) and cost "0", which the script replaces with what it really charged.
 */
export type DeliveryEvent = Omit<TallyEvent, "type" | "costMicros"> & {
  type: Exclude<TallyEvent["type"], "conversion">;
  costMicros: "0";
};

export function eventOf(claims: TrackingClaims, type: DeliveryEvent["type"], now: Date): DeliveryEvent {
  const [province, city, ageBand, gender, device, language] = claims.d;
  return {
    eventId: type === "impression" ? `i-${claims.r}` : `c-${claims.r}`,
    type,
    occurredAt: now.toISOString(),
    businessId: claims.b,
    campaignId: claims.c,
    adId: claims.a,
    adVersion: claims.v,
    viewerId: claims.u,
    placementId: claims.p,
    province: province ?? null,
    city: city ?? null,
    ageBand: ageBand ?? null,
    gender: gender ?? null,
    device: device ?? null,
    language: language ?? null,
    invalidReason: null,
    localDate: claims.l,
    costMicros: "0",
  };
}

/**
 * Counts an impression beacon once, through the confirmation script: the cost moves from reserved
 * to pending (a bot's is released instead) and the event enters the stream in the same step.
 * Refused as a replay when the reservation was already used or has expired.
 */
export function countImpression(
  scripts: DeliveryScripts,
  claims: TrackingClaims,
  at: Date,
  billable: boolean,
): Promise<BeaconResult> {
  const eventJson = JSON.stringify(eventOf(claims, "impression", at));
  const dailyCap = claims.dc === "-1" ? null : BigInt(claims.dc);
  const lifetimeCap = claims.lc === "-1" ? null : BigInt(claims.lc);
  if (claims.g !== undefined)
    return scripts.confirmLeasedImpression({
      businessId: claims.b,
      campaignId: claims.c,
      localDate: claims.l,
      leaseId: claims.g,
      answerId: claims.r,
      eventJson,
      billable,
      cost: BigInt(claims.o),
      dailyCap,
      lifetimeCap,
    });
  return scripts.confirmImpression({
    businessId: claims.b,
    campaignId: claims.c,
    localDate: claims.l,
    reservationId: claims.r,
    viewerId: claims.u,
    eventJson,
    billable,
    vanished: { cost: claims.m === "cpm" ? BigInt(claims.o) : 0n, dailyCap, lifetimeCap },
  });
}

/**
 * Counts a click once, only after its impression was counted, charging CPC within the caps.
 */
export function countClick(
  scripts: DeliveryScripts,
  claims: TrackingClaims,
  at: Date,
  billable: boolean,
): Promise<BeaconResult> {
  return scripts.click({
    businessId: claims.b,
    campaignId: claims.c,
    localDate: claims.l,
    impressionId: claims.r,
    cost: claims.m === "cpc" ? BigInt(claims.o) : 0n,
    dailyCap: claims.dc === "-1" ? null : BigInt(claims.dc),
    lifetimeCap: claims.lc === "-1" ? null : BigInt(claims.lc),
    eventJson: JSON.stringify({ ...eventOf(claims, "click", at), invalidReason: billable ? null : "bot" }),
    billable,
  });
}
