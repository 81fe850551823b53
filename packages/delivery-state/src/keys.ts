import { shardOfBusiness } from "./shards.js";

/** The hash tag of one shard: on a Redis Cluster, all of a shard's keys share its slot. */
function shardTag(shard: number): string {
  return `d:{s${shard}}`;
}

/** A business's keys sit under its shard's tag, then its id, so businesses of one shard never meet. */
function businessBase(businessId: string): string {
  return `${shardTag(shardOfBusiness(businessId))}:${businessId}`;
}

/**
 * Delivery's Redis key names: they live here and nowhere else (no caller builds a tag). Every key
 * of one business carries its shard's hash tag `{s<k>}` (shards.ts), and so does that shard's event
 * stream: a Redis Cluster keeps them in one slot, and one script can count an event and append it.
 */
export const deliveryKeys = {
  /** Cash + promo the business can still commit to ads: balance less reservations and unbilled spend. */
  available: (businessId: string) => `${businessBase(businessId)}:available`,
  /** Held by reservations not yet confirmed by an impression. */
  reserved: (businessId: string) => `${businessBase(businessId)}:reserved`,
  /** Confirmed by a beacon, not yet billed by the tally. */
  pending: (businessId: string) => `${businessBase(businessId)}:pending`,
  campaignDay: (businessId: string, campaignId: string, localDate: string) =>
    `${businessBase(businessId)}:c:${campaignId}:day:${localDate}`,
  campaignTotal: (businessId: string, campaignId: string) =>
    `${businessBase(businessId)}:c:${campaignId}:total`,
  /** The highest the day counter of a standard-paced campaign may reach until pacing looks again. */
  pacingCeiling: (businessId: string, campaignId: string, localDate: string) =>
    `${businessBase(businessId)}:c:${campaignId}:pace:${localDate}`,
  /** What one reservation holds, or one lease (a reservation of a slice an api process spends locally). */
  reservation: (businessId: string, reservationId: string) =>
    `${businessBase(businessId)}:r:${reservationId}`,
  reservationExpiry: (businessId: string) => `${businessBase(businessId)}:r-expiry`,
  impressionCounted: (businessId: string, impressionId: string) =>
    `${businessBase(businessId)}:imp:${impressionId}`,
  clickCounted: (businessId: string, impressionId: string) =>
    `${businessBase(businessId)}:clk:${impressionId}`,
  /** A video quartile of one counted impression, counted once. */
  quartileCounted: (businessId: string, impressionId: string, quartile: string) =>
    `${businessBase(businessId)}:imp:${impressionId}:q${quartile}`,
  /** Marks a ledger change already applied to `available`, so a second apply (api, then sweep) adds nothing. */
  balanceSynced: (businessId: string, changeId: string) => `${businessBase(businessId)}:sync:${changeId}`,
  settled: (businessId: string) => `${businessBase(businessId)}:settled`,
  frequency: (businessId: string, campaignId: string, localDate: string, viewerId: string) =>
    `${businessBase(businessId)}:f:${campaignId}:${localDate}:${viewerId}`,
  /** A day's reach sketch of an ad, a campaign or the business itself: their ids never meet. */
  reach: (businessId: string, scopeId: string, localDate: string) =>
    `${businessBase(businessId)}:reach:${scopeId}:${localDate}`,
  /** Shard `shard`'s event stream: the beacons of its businesses, read by the tally. */
  events: (shard: number) => `${shardTag(shard)}:events`,
  /** The event stream of a business's shard. */
  eventsOf: (businessId: string) => `${shardTag(shardOfBusiness(businessId))}:events`,
  /** Which tally consumer holds shard `shard`'s batches now (SET NX PX, renewed per batch). */
  tallyLock: (shard: number) => `${shardTag(shard)}:tally-lock`,
  /** The shard count the per-business keys were laid out with (ensureDeliveryShards). */
  shards: () => "d:shards",
  pacingRates: () => "d:pacing",
  /** Per campaign, what the pacing job saw at its last run (JSON), to learn the campaign's win rate. */
  pacingState: () => "d:pacing-state",
  /** Eligible requests per campaign in one minute (epoch minutes), the pacing forecast's input. */
  eligible: (epochMinute: number) => `d:eligible:${epochMinute}`,
  changes: () => "d:changes",
  /** The sequence number of the last change message, so a subscriber can tell it missed one. */
  changesSeq: () => "d:changes-seq",
};

/**
 * Pub/sub channels are not keys: ioredis does not prefix them, so the app's prefix is added here,
 * once, for publisher and subscribers alike.
 */
export function deliveryChangesChannel(redisPrefix: string): string {
  return `${redisPrefix}${deliveryKeys.changes()}`;
}
