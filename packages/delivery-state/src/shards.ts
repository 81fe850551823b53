import { DEFAULT_DELIVERY_SHARDS, deliveryShardOf, MAX_DELIVERY_SHARDS } from "@sorot/core";
import type { ChainableCommander, Redis } from "ioredis";

/**
 * How many shards this process splits delivery's Redis state into. Every process that touches
 * delivery's keys (api, worker, scripts) must use the same number; it comes from DELIVERY_SHARDS
 * (RedisEnv, read by the configs) and is set once at start with useDeliveryShards. A start that
 * finds Redis laid out with another number rebuilds that state (ensureDeliveryShards).
 */
let shardCount = DEFAULT_DELIVERY_SHARDS;

export function useDeliveryShards(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_DELIVERY_SHARDS)
    throw new RangeError(`DELIVERY_SHARDS must be from 1 to ${MAX_DELIVERY_SHARDS}, not ${count}`);
  shardCount = count;
}

export function deliveryShardCount(): number {
  return shardCount;
}

/** The shard of a business under the configured shard count. */
export function shardOfBusiness(businessId: string): number {
  return deliveryShardOf(businessId, shardCount);
}

/** Every shard number, 0 .. S-1. */
export function allDeliveryShards(): number[] {
  return Array.from({ length: shardCount }, (_, shard) => shard);
}

/**
 * Groups items by the shard of their business, so a caller sends one pipeline (or one script) per
 * shard: on a Redis Cluster a pipeline must stay within one slot.
 */
export function groupByShard<T>(items: Iterable<T>, businessIdOf: (item: T) => string): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const shard = shardOfBusiness(businessIdOf(item));
    const group = groups.get(shard);
    if (group) group.push(item);
    else groups.set(shard, [item]);
  }
  return groups;
}

/**
 * Sends commands about many businesses as one pipeline per shard (all sent together, so still about
 * one round trip), since a Redis Cluster refuses a pipeline whose keys span slots. `queue` adds one
 * item's commands; the answer holds each item's replies, in the order of `items`. The first failed
 * command's error is thrown.
 */
export async function pipelineByShard<T>(
  redis: Redis,
  items: readonly T[],
  businessIdOf: (item: T) => string,
  queue: (pipeline: ChainableCommander, item: T) => void,
): Promise<unknown[][]> {
  const replies: unknown[][] = new Array(items.length);
  const indexes = groupByShard(
    items.map((_, index) => index),
    (index) => businessIdOf(items[index] as T),
  );
  await Promise.all(
    [...indexes.values()].map(async (group) => {
      const pipeline = redis.pipeline();
      const spans = group.map((index) => {
        const start = pipeline.length;
        queue(pipeline, items[index] as T);
        return { index, start, end: pipeline.length };
      });
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      for (const { index, start, end } of spans)
        replies[index] = results.slice(start, end).map(([, reply]) => reply);
    }),
  );
  return replies;
}

/** One key of each business (`keyOf` names it), read as an MGET would but within each shard's slot. */
export async function getOfBusinesses(
  redis: Redis,
  businessIds: readonly string[],
  keyOf: (businessId: string) => string,
): Promise<(string | null)[]> {
  const replies = await pipelineByShard(
    redis,
    businessIds,
    (id) => id,
    (pipeline, id) => pipeline.get(keyOf(id)),
  );
  return replies.map(([value]) => (value as string | null) ?? null);
}
