/**
 * At most 3 impressions of one campaign per viewer per local day: past that, another showing costs
 * the owner money and annoys the viewer more than it persuades.
 */
export const FREQUENCY_CAP_PER_DAY = 3;

/**
 * Redis key of a viewer's impression counter for a campaign on a local day (`YYYY-MM-DD` in the
 * business's zone, so the cap resets at the same midnight as the daily budget). The campaign id is
 * the hash tag, so a Redis Cluster keeps a campaign's counters on one shard with its other keys.
 * The viewer id comes last and may contain anything, `:` included, without making keys collide:
 * every segment before it has a fixed shape.
 */
export function frequencyKey(viewerId: string, campaignId: string, localDate: string): string {
  return `frequency:{${campaignId}}:${localDate}:${viewerId}`;
}
