import {
  DEFAULT_TRAFFIC_CURVE,
  deliveryKeys,
  expectedCostPerImpression,
  localClock,
  pacingAllowance,
  participationRate,
} from "@sorot/core";
import { campaignDeliveryCounts, campaignsInFlight } from "@sorot/db";
import { defineJob } from "../job.js";

/** Minutes of eligible-request history the forecast averages over. */
const FORECAST_MINUTES = 5;

/**
 * Standard pacing: each minute, for every active standard campaign, the share of eligible requests
 * it should enter so the rest of its daily budget follows the traffic curve: the allowance for the
 * rest of this hour over what full participation would spend in it. Accelerated campaigns are not
 * throttled. Idempotent: it overwrites one rate per campaign from the current state.
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
    for (const { campaign, timeZone } of paced) {
      const clock = localClock(now, timeZone);
      const used = await redis.get(deliveryKeys.campaignDay(campaign.businessId, campaign.id, clock.date));
      const target = pacingAllowance({
        dailyBudgetMicros: campaign.budgetMicros,
        spentTodayMicros: BigInt(used ?? "0"),
        now,
        timeZone,
        curve: DEFAULT_TRAFFIC_CURVE,
      });
      const perMinute =
        history.reduce((sum, counts) => sum + Number(counts[campaign.id] ?? 0), 0) / FORECAST_MINUTES;
      const minutesLeftInHour = 60 - (clock.minuteOfDay % 60);
      const expected = perMinute * minutesLeftInHour;
      // Without traffic history there is nothing to spread over yet: let the caps do the limiting.
      const rate =
        expected <= 0
          ? 1
          : participationRate({
              targetSpendThisIntervalMicros: target,
              spentThisIntervalMicros: 0n,
              expectedEligibleRequests: expected,
              costPerRequestMicros: expectedCostPerImpression({
                campaignId: campaign.id,
                adId: campaign.id,
                strategy: campaign.bidStrategy,
                billingEvent: campaign.billingEvent,
                bidMicros: campaign.bidMicros,
                ...counts.get(campaign.id),
              }),
            });
      rates[campaign.id] = rate.toFixed(6);
    }
    await redis.del(deliveryKeys.pacingRates());
    if (Object.keys(rates).length > 0) await redis.hset(deliveryKeys.pacingRates(), rates);
    await publishDeliveryChange();
    return { campaigns: Object.keys(rates).length };
  },
});
