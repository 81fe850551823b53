import { createRedisClient, deleteKeys, type RedisTarget } from "@sorot/delivery-state";

/**
 * Deletes every key matching `pattern` on the Redis at `target` (a REDIS_URL, or a cluster, where
 * every master is scanned): what a run of tests, benchmarks or journeys leaves on a shared server.
 * Returns how many keys went.
 */
export async function deleteRedisKeys(target: RedisTarget | string, pattern: string): Promise<number> {
  const where = typeof target === "string" ? { url: target, clusterNodes: [] } : target;
  // No keyPrefix: the pattern names raw keys, and UNLINK must not prefix them again.
  const redis = createRedisClient(where, { maxRetriesPerRequest: 2 });
  try {
    return await deleteKeys(redis, pattern);
  } finally {
    redis.disconnect();
  }
}
