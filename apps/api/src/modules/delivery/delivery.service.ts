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

export interface Decision {
  ad: IndexedAd;
  impressionToken: string;
  clickToken: string;
  /** What the answer holds until its impression: a route that fails to send it releases this. */
  reservation: OpenReservation & { businessId: string };
}

/** Ends a decision's reservation at once, for an answer that never reached its placement. */
export async function releaseDecision(scripts: DeliveryScripts, decision: Decision): Promise<void> {
  const { businessId, ...reservation } = decision.reservation;
  await scripts.release(businessId, reservation);
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
 * then the winner's cost is reserved atomically in Redis, falling through to the next on refusal.
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
    const reservationId = randomUUID();
    const expiresAtMs = now.getTime() + RESERVATION_TTL_SECONDS * 1000;
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
      reservation: { id: reservationId, expiresAtMs },
      // A viewer at a campaign's cap is refused inside the same script: most viewers are under
      // every cap, and a separate read of the counters cost a round trip per decision. Answers in
      // flight count toward it, so a prefetching viewer cannot collect more than the cap.
      frequency: { viewerId: context.viewerId, cap: FREQUENCY_CAP_PER_DAY },
      // Standard pacing (daily budgets, as the pacing job paces them) is held to the pacing
      // ceiling; with none set yet, to a first minute's share of the whole day's budget.
      paced:
        ad.pacing === "standard" && ad.dailyCapMicros !== null
          ? {
              nowMs: now.getTime(),
              coldAllowance: pacingCeiling({
                dailyBudgetMicros: ad.dailyCapMicros,
                spentTodayMicros: 0n,
                now,
                timeZone: ad.timeZone,
                curve: DEFAULT_TRAFFIC_CURVE,
                windowMs: COLD_PACING_WINDOW_MS,
              }),
              coldMs: COLD_PACING_WINDOW_MS,
            }
          : undefined,
    });
    if (reserved !== "reserved") continue;
    const reservation = {
      businessId: ad.businessId,
      campaignId: ad.campaignId,
      localDate,
      reservationId,
      viewerId: context.viewerId,
    };
    const claims: TrackingClaims = {
      k: "i",
      r: reservationId,
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
      x: Math.floor(expiresAtMs / 1000),
    };
    const clickExpiry = Math.floor(now.getTime() / 1000) + 86_400;
    return {
      ad,
      impressionToken: issueToken(claims, trackingSecret),
      clickToken: issueToken({ ...claims, k: "c", t: ad.landingUrl, x: clickExpiry }, trackingSecret),
      reservation,
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
  return scripts.confirmImpression({
    businessId: claims.b,
    campaignId: claims.c,
    localDate: claims.l,
    reservationId: claims.r,
    viewerId: claims.u,
    eventJson: JSON.stringify(eventOf(claims, "impression", at)),
    billable,
    vanished: {
      cost: claims.m === "cpm" ? BigInt(claims.o) : 0n,
      dailyCap: claims.dc === "-1" ? null : BigInt(claims.dc),
      lifetimeCap: claims.lc === "-1" ? null : BigInt(claims.lc),
    },
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
