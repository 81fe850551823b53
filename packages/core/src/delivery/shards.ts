/**
 * Delivery's Redis state is split into `shardCount` shards by business: each shard is one Redis
 * Cluster hash slot (`{s<k>}`), holding its businesses' counters and its own event stream, so every
 * delivery script touches one slot and the tally's streams spread over the cluster's masters.
 */
export const DEFAULT_DELIVERY_SHARDS = 64;
/** A Redis Cluster has 16,384 slots: more shards than that would share slots anyway. */
export const MAX_DELIVERY_SHARDS = 16_384;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The shard of a business: FNV-1a (32-bit) of its id's characters, mod `shardCount`. Stable across
 * processes, versions and machines (api, worker and scripts must agree), and it needs no table.
 * Business ids are ASCII uuids, so each char code is one byte of the string.
 */
export function deliveryShardOf(businessId: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > MAX_DELIVERY_SHARDS)
    throw new RangeError(
      `shard count must be an integer from 1 to ${MAX_DELIVERY_SHARDS}, not ${shardCount}`,
    );
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < businessId.length; i++) {
    hash ^= businessId.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return (hash >>> 0) % shardCount;
}
