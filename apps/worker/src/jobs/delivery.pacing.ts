import {
  DEFAULT_TRAFFIC_CURVE,
  expectedCostPerImpression,
  localClock,
  nextWinRate,
  pacingAllowance,
  pacingCeiling,
  participationRate,
} from "@sorot/core";
import { campaignDeliveryCounts, campaignsInFlight } from "@sorot/db";
import { deliveryKeys, PACING_CEILING_KEY_TTL_SECONDS, pacingCeilingValue } from "@sorot/delivery-state";
import { defineJob } from "../job.js";

/** Minutes of eligible-request history the forecast averages over. */
const FORECAST_MINUTES = 5;

/** The longest a pacing ceiling looks ahead, whatever the gap since the last run. */
const MAX_CEILING_MINUTES = 15;

interface PacingState {
  date: string;
  minute: number;
  used: string;
  rate: number;
  winRate: number;
}

function parseState(raw: string | undefined): PacingState | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as PacingState;
  } catch {
    return undefined;
  }
}

/**
 * Standard pacing: each minute, for every active standard campaign, the share of eligible requests
 * it should enter so the rest of its daily budget follows the traffic curve: the allowance for the
 * rest of this hour over what full participation would spend in it, where "full participation" counts
 * only the share of entered auctions the campaign has lately been winning. The rate is a forecast;
 * the pacing ceiling is the bound: until the next run (as far ahead as the last gap between runs),
 * the reservation lets the campaign spend no more than that span's share of this hour's target.
 * Accelerated campaigns are not throttled. Idempotent: it overwrites one rate, one learning state
 * and one ceiling per campaign; a run repeated within the same minute learns nothing new, and
 * announces only rates that moved.
 */
export const pacing = defineJob({
  name: "delivery.pacing",
  async handle(_payload, { db, redis, publishDeliveryChange, clock }) {
    const now = clock?.() ?? new Date();
    const minute = Math.floor(now.getTime() / 60_000);
    const history = await Promise.all(
      Array.from({ length: FORECAST_MINUTES }, (_, i) =>
        redis.hgetall(deliveryKeys.eligible(minute - 1 - i)),
      ),
    );
    const rates: Record<string, string> = {};
    const paced = (await campaignsInFlight(db)).filter(
      ({ campaign }) =>
        campaign.status === "active" && campaign.pacing === "standard" && campaign.budgetType === "daily",
    );
    // A CPC campaign's spend per request is its click price times its click-through rate, learnt
    // from its own delivery (smoothed toward 1% while it has little).
    const counts = await campaignDeliveryCounts(
      db,
      paced.filter(({ campaign }) => campaign.billingEvent === "cpc").map(({ campaign }) => campaign.id),
    );
    const previous = await redis.hgetall(deliveryKeys.pacingState());
    const state: Record<string, string> = {};
    const ceilings: Promise<unknown>[] = [];
    for (const { campaign, timeZone } of paced) {
      const clock = localClock(now, timeZone);
      const used = BigInt(
        (await redis.get(deliveryKeys.campaignDay(campaign.businessId, campaign.id, clock.date))) ?? "0",
      );
      const target = pacingAllowance({
        dailyBudgetMicros: campaign.budgetMicros,
        spentTodayMicros: used,
        now,
        timeZone,
        curve: DEFAULT_TRAFFIC_CURVE,
      });
      const perMinute =
        history.reduce((sum, counts) => sum + Number(counts[campaign.id] ?? 0), 0) / FORECAST_MINUTES;
      const minutesLeftInHour = 60 - (clock.minuteOfDay % 60);
      const costPerRequestMicros = expectedCostPerImpression({
        campaignId: campaign.id,
        adId: campaign.id,
        strategy: campaign.bidStrategy,
        billingEvent: campaign.billingEvent,
        bidMicros: campaign.bidMicros,
        ...counts.get(campaign.id),
      });
      const last = parseState(previous[campaign.id]);
      const aheadMinutes =
        last && last.date === clock.date && minute > last.minute
          ? Math.min(MAX_CEILING_MINUTES, minute - last.minute)
          : 1;
      const ceiling = pacingCeiling({
        dailyBudgetMicros: campaign.budgetMicros,
        spentTodayMicros: used,
        now,
        timeZone,
        curve: DEFAULT_TRAFFIC_CURVE,
        windowMs: aheadMinutes * 60_000,
      });
      // It ends a minute after the next run is due (on the job's clock, which the reservation compares
      // with its own), so a stopped job falls back to the reservation's first-minute ceiling instead
      // of freezing the campaign at this one.
      ceilings.push(
        redis.set(
          deliveryKeys.pacingCeiling(campaign.businessId, campaign.id, clock.date),
          pacingCeilingValue(ceiling, now.getTime() + (aheadMinutes + 1) * 60_000),
          "EX",
          PACING_CEILING_KEY_TTL_SECONDS,
        ),
      );
      let winRate = last?.winRate;
      if (last && last.date === clock.date && minute > last.minute) {
        // What its last rate would have bought, had it won every request it entered since then.
        const since = Math.min(FORECAST_MINUTES, minute - last.minute);
        const eligibleSince = history
          .slice(0, since)
          .reduce((sum, counts) => sum + Number(counts[campaign.id] ?? 0), 0);
        const plannedScaled = BigInt(Math.round(last.rate * eligibleSince * 1_000)) * costPerRequestMicros;
        winRate = nextWinRate(last.winRate, {
          spentMicros: used - BigInt(last.used),
          plannedMicros: plannedScaled / 1_000n,
          costPerRequestMicros,
        });
      }
      // Requests it will win: those it is eligible for, less those a higher-ranked campaign takes.
      const expected = perMinute * minutesLeftInHour * (winRate ?? 1);
      // Without traffic history there is nothing to spread over yet: let the caps do the limiting.
      const rate =
        expected <= 0
          ? 1
          : participationRate({
              targetSpendThisIntervalMicros: target,
              spentThisIntervalMicros: 0n,
              expectedEligibleRequests: expected,
              costPerRequestMicros,
            });
      rates[campaign.id] = rate.toFixed(6);
      state[campaign.id] = JSON.stringify({
        date: clock.date,
        minute,
        used: used.toString(),
        rate,
        winRate: winRate ?? 1,
      });
    }
    await Promise.all(ceilings);
    await redis.del(deliveryKeys.pacingState());
    if (Object.keys(state).length > 0) await redis.hset(deliveryKeys.pacingState(), state);
    const before = await redis.hgetall(deliveryKeys.pacingRates());
    await redis.del(deliveryKeys.pacingRates());
    if (Object.keys(rates).length > 0) await redis.hset(deliveryKeys.pacingRates(), rates);
    // Only the rates that moved travel to the api instances; a campaign no longer paced loses its rate.
    const moved: Record<string, string | null> = {};
    for (const [campaignId, rate] of Object.entries(rates))
      if (before[campaignId] !== rate) moved[campaignId] = rate;
    for (const campaignId of Object.keys(before)) if (!(campaignId in rates)) moved[campaignId] = null;
    if (Object.keys(moved).length > 0) await publishDeliveryChange({ pacingRates: moved });
    return { campaigns: Object.keys(rates).length };
  },
});
