import { Redis } from "ioredis";

/**
 * Deletes every key matching `pattern` on the Redis at `url` (SCAN + UNLINK: never blocks Redis on
 * a big keyspace): what a run of tests, benchmarks or journeys leaves on a shared server.
 * Returns how many keys went.
 */
export async function deleteRedisKeys(url: string, pattern: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1_000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}
