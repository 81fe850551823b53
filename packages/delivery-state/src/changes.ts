import type { Redis } from "ioredis";
import { deliveryKeys } from "./keys.js";

/**
 * What a change message names, so every api instance's decision index updates just that:
 * campaigns whose rows changed (status, targeting, bids, schedule, their ads' approvals), a
 * business whose standing changed (all its campaigns), or pacing rates that moved (null: the
 * campaign is no longer paced).
 */
export type DeliveryChange =
  | { campaignIds: string[] }
  | { businessId: string }
  | { pacingRates: Record<string, string | null> };

export interface DeliveryChangeMessage {
  /** One more than the message before it; a subscriber that sees a jump missed one and rebuilds. */
  seq: number;
  change: DeliveryChange;
}

/**
 * Numbers and publishes in one script, so messages leave in the order of their numbers whatever
 * number of publishers race (a separate INCR then PUBLISH could send 2 before 1).
 */
const PUBLISH_SCRIPT = `
local seq = redis.call('incr', KEYS[1])
redis.call('publish', ARGV[1], seq .. '|' .. ARGV[2])
return seq`;

export async function publishDeliveryChange(
  redis: Redis,
  channel: string,
  change: DeliveryChange,
): Promise<number> {
  return Number(
    await redis.eval(PUBLISH_SCRIPT, 1, deliveryKeys.changesSeq(), channel, JSON.stringify(change)),
  );
}

/** The number of the last message published: what a fresh index is current to once built. */
export async function lastDeliveryChangeSeq(redis: Redis): Promise<number> {
  return Number((await redis.get(deliveryKeys.changesSeq())) ?? 0);
}

/** A message as published; undefined for anything else on the channel (an older publisher's). */
export function parseDeliveryChange(message: string): DeliveryChangeMessage | undefined {
  const bar = message.indexOf("|");
  const seq = Number(message.slice(0, bar));
  if (bar < 0 || !Number.isSafeInteger(seq)) return undefined;
  try {
    return { seq, change: JSON.parse(message.slice(bar + 1)) as DeliveryChange };
  } catch {
    return undefined;
  }
}
