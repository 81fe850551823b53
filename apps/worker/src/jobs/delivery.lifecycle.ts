import { type CampaignEvent, costOfEvent, localClock, nextCampaignStatus } from "@sorot/core";
import { type CampaignRow, campaignsInFlight, insertAuditEntry, transitionCampaign } from "@sorot/db";
import { deliveryKeys } from "@sorot/delivery-state";
import type { Redis } from "ioredis";
import { defineJob } from "../job.js";

type InFlight = Awaited<ReturnType<typeof campaignsInFlight>>[number];

/** What should happen to a campaign now, from its schedule and what Redis says it has used. */
async function dueEvent(
  redis: Redis,
  { campaign, timeZone }: InFlight,
  now: Date,
): Promise<CampaignEvent | undefined> {
  if (campaign.endAt && campaign.endAt <= now) return "complete";
  if (campaign.status === "scheduled")
    return !campaign.startAt || campaign.startAt <= now ? "start" : undefined;
  if (campaign.status === "paused") return undefined;

  const localDate = localClock(now, timeZone).date;
  const usageKey =
    campaign.budgetType === "daily"
      ? deliveryKeys.campaignDay(campaign.businessId, campaign.id, localDate)
      : deliveryKeys.campaignTotal(campaign.businessId, campaign.id);
  const [used, available] = await redis.mget(usageKey, deliveryKeys.available(campaign.businessId));
  const oneEvent = costOfEvent({
    strategy: campaign.bidStrategy,
    billingEvent: campaign.billingEvent,
    bidMicros: campaign.bidMicros,
  });
  const budgetLeft = campaign.budgetMicros - BigInt(used ?? "0") >= oneEvent;
  // An unknown balance (nothing delivered yet) is not "out of funds": the decision index initialises it.
  const fundsLeft = available == null || BigInt(available) >= oneEvent;

  if (campaign.status === "active") {
    if (!budgetLeft) return "budget_exhausted";
    if (!fundsLeft) return "funds_exhausted";
  }
  if (campaign.status === "out_of_budget" && budgetLeft) return "budget_restored";
  if (campaign.status === "out_of_funds" && fundsLeft) return "funds_restored";
  return undefined;
}

/**
 * Starts and completes campaigns on time, and moves them to out_of_budget / out_of_funds and back
 * (a new local day resets a daily budget, a top-up restores funds). Idempotent: every move is a
 * conditional update from the status it was computed from, so a rerun or a second worker finds
 * nothing left to move.
 */
export const lifecycle = defineJob({
  name: "delivery.lifecycle",
  async handle(_payload, { db, redis, publishDeliveryChange, clock }) {
    const now = clock?.() ?? new Date();
    const moved: { id: string; from: CampaignRow["status"]; to: CampaignRow["status"] }[] = [];
    for (const row of await campaignsInFlight(db)) {
      const event = await dueEvent(redis, row, now);
      if (!event) continue;
      const transition = nextCampaignStatus(row.campaign.status, event, {
        now,
        startAt: row.campaign.startAt,
        endAt: row.campaign.endAt,
      });
      if (!transition.ok) continue;
      await db.transaction(async (tx) => {
        const after = await transitionCampaign(tx, row.campaign.id, [row.campaign.status], transition.status);
        if (!after) return;
        await insertAuditEntry(tx, {
          actorUserId: null,
          businessId: row.campaign.businessId,
          action: `campaign.${event}`,
          entityType: "campaign",
          entityId: row.campaign.id,
          before: { status: row.campaign.status },
          after: { status: after.status },
        });
        moved.push({ id: row.campaign.id, from: row.campaign.status, to: after.status });
      });
    }
    if (moved.length > 0) await publishDeliveryChange({ campaignIds: moved.map(({ id }) => id) });
    return { moved };
  },
});
