/**
 * Delivery's Redis key names: they live here and nowhere else. Every key of one business carries
 * the hash tag `{<businessId>}`, so a Redis Cluster keeps a business's keys in one slot and one
 * script can touch them together. The event stream is the one shared key: on a cluster it would
 * be split into N streams by business hash.
 */
export const deliveryKeys = {
  /** Cash + promo the business can still commit to ads: balance less reservations and unbilled spend. */
  available: (businessId: string) => `d:{${businessId}}:available`,
  /** Held by reservations not yet confirmed by an impression. */
  reserved: (businessId: string) => `d:{${businessId}}:reserved`,
  /** Confirmed by a beacon, not yet billed by the tally. */
  pending: (businessId: string) => `d:{${businessId}}:pending`,
  campaignDay: (businessId: string, campaignId: string, localDate: string) =>
    `d:{${businessId}}:c:${campaignId}:day:${localDate}`,
  campaignTotal: (businessId: string, campaignId: string) => `d:{${businessId}}:c:${campaignId}:total`,
  /** The highest the day counter of a standard-paced campaign may reach until pacing looks again. */
  pacingCeiling: (businessId: string, campaignId: string, localDate: string) =>
    `d:{${businessId}}:c:${campaignId}:pace:${localDate}`,
  reservation: (businessId: string, reservationId: string) => `d:{${businessId}}:r:${reservationId}`,
  reservationExpiry: (businessId: string) => `d:{${businessId}}:r-expiry`,
  impressionCounted: (businessId: string, impressionId: string) => `d:{${businessId}}:imp:${impressionId}`,
  clickCounted: (businessId: string, impressionId: string) => `d:{${businessId}}:clk:${impressionId}`,
  /** A video quartile of one counted impression, counted once. */
  quartileCounted: (businessId: string, impressionId: string, quartile: string) =>
    `d:{${businessId}}:imp:${impressionId}:q${quartile}`,
  /** Marks a ledger change already applied to `available`, so a second apply (api, then sweep) adds nothing. */
  balanceSynced: (businessId: string, changeId: string) => `d:{${businessId}}:sync:${changeId}`,
  settled: (businessId: string) => `d:{${businessId}}:settled`,
  frequency: (businessId: string, campaignId: string, localDate: string, viewerId: string) =>
    `d:{${businessId}}:f:${campaignId}:${localDate}:${viewerId}`,
  /** A day's reach sketch of an ad, a campaign or the business itself: their ids never meet. */
  reach: (businessId: string, scopeId: string, localDate: string) =>
    `d:{${businessId}}:reach:${scopeId}:${localDate}`,
  events: () => "d:events",
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
