import type { Redis } from "ioredis";
import { deliveryKeys } from "./keys.js";
import { allDeliveryShards } from "./shards.js";

/** The consumer group the worker's tally reads every shard's event stream with. */
export const TALLY_GROUP = "tally";

/** One shard's backlog: events not yet read by the tally (lag) plus read but not acknowledged (pending). */
export interface ShardBacklog {
  shard: number;
  lag: number;
  pending: number;
}

/**
 * The tally's backlog on each shard's stream (two commands per shard, sent together; each stream
 * is its own slot). The tally deletes what it acknowledges, so a stream holds exactly its backlog,
 * and XINFO's `lag` is often unknown (null) after deletions: the length is exact where it is not.
 */
export async function tallyBacklogByShard(redis: Redis): Promise<ShardBacklog[]> {
  return Promise.all(
    allDeliveryShards().map(async (shard) => {
      const stream = deliveryKeys.events(shard);
      const [length, summary] = await Promise.all([
        redis.xlen(stream),
        // NOGROUP: the tally never read this stream, so nothing of it is pending.
        redis.xpending(stream, TALLY_GROUP).catch(() => [0]) as Promise<unknown[]>,
      ]);
      const pending = Number(summary[0] ?? 0);
      return { shard, lag: Math.max(length - pending, 0), pending };
    }),
  );
}

/** Events accepted on every shard but not yet moved into PostgreSQL by the tally. */
export async function tallyBacklog(redis: Redis): Promise<number> {
  return (await tallyBacklogByShard(redis)).reduce((sum, shard) => sum + shard.lag + shard.pending, 0);
}
