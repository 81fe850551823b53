import type { Redis } from "ioredis";
import { scanKeys } from "./connection.js";
import { deliveryKeys } from "./keys.js";
import { deliveryShardCount, pipelineByShard } from "./shards.js";

/** A start stops with this when Redis is laid out with another shard count and cannot be rebuilt yet. */
export class DeliveryLayoutError extends Error {
  override name = "DeliveryLayoutError";
}

/** A beacon marker's raw name, in the sharded (`d:{s<k>}:<business>:…`) or the older (`d:{<business>}:…`) layout. */
const MARKER = /^d:\{(?:s\d+\}:)?([0-9a-f-]{36})\}?:(imp|clk):([^:]+)(?::q(\d+))?$/;

interface Marker {
  key: string;
  businessId: string;
  kind: "imp" | "clk";
  impressionId: string;
  quartile: string | undefined;
}

function newName(marker: Marker): string {
  const { businessId: b, impressionId: i } = marker;
  if (marker.kind === "clk") return deliveryKeys.clickCounted(b, i);
  return marker.quartile === undefined
    ? deliveryKeys.impressionCounted(b, i)
    : deliveryKeys.quartileCounted(b, i, marker.quartile);
}

/**
 * Makes Redis's delivery state match this process's shard count (DELIVERY_SHARDS), recorded in
 * `d:shards`. The same count (the usual start) costs one GET. Another count, or none (a Redis from
 * before the sharding, or a fresh one), means every business's keys have other names, so they are
 * rebuilt: counters, balances and budget copies are deleted, and the delivery index's start puts
 * them back from PostgreSQL (its path after Redis lost its data); the beacon markers (counted or
 * released impressions, clicks, quartiles) move to their new names, so a replay stays a replay.
 * Open reservations go with the rest: their beacons find them vanished and are charged only if
 * still covered. Events not yet tallied cannot move (their pending money sits in the old names):
 * with any left the start stops and says how to drain them. Run by one api at a time.
 * `redisPrefix`: the client's key prefix, which SCAN patterns and answers carry.
 */
export async function ensureDeliveryShards(redis: Redis, redisPrefix: string): Promise<"same" | "rebuilt"> {
  const wanted = String(deliveryShardCount());
  const stored = await redis.get(deliveryKeys.shards());
  if (stored === wanted) return "same";
  const unprefixed = (key: string) => key.slice(redisPrefix.length);
  let backlog = 0;
  for await (const keys of scanKeys(redis, `${redisPrefix}d:*events`))
    for (const key of keys) backlog += await redis.xlen(unprefixed(key));
  if (backlog > 0)
    throw new DeliveryLayoutError(
      `DELIVERY_SHARDS is ${wanted} but Redis holds ${backlog} untallied events of ${stored ? `DELIVERY_SHARDS=${stored}` : "the unsharded layout"}: run the worker as before until sorot_tally_backlog_events is 0, then start again`,
    );
  const markers: Marker[] = [];
  const old: string[] = [];
  for await (const keys of scanKeys(redis, `${redisPrefix}d:{*`))
    for (const key of keys) {
      old.push(unprefixed(key));
      const match = MARKER.exec(unprefixed(key));
      if (!match) continue;
      const [, businessId, kind, impressionId, quartile] = match;
      markers.push({
        key: unprefixed(key),
        businessId: businessId as string,
        kind: kind as Marker["kind"],
        impressionId: impressionId as string,
        quartile,
      });
    }
  const kept = await Promise.all(
    markers.map(async (marker) => {
      const [value, ttlMs] = await Promise.all([redis.get(marker.key), redis.pttl(marker.key)]);
      return { marker, value, ttlMs };
    }),
  );
  // One key a command: on a cluster the old keys lie in every slot (and deleteKeys wants a client
  // without this prefix).
  for (let i = 0; i < old.length; i += 1_000)
    await Promise.all(old.slice(i, i + 1_000).map((key) => redis.unlink(key)));
  await pipelineByShard(
    redis,
    kept.filter(({ value, ttlMs }) => value !== null && ttlMs > 0),
    ({ marker }) => marker.businessId,
    (pipeline, { marker, value, ttlMs }) => pipeline.set(newName(marker), value as string, "PX", ttlMs),
  );
  await redis.set(deliveryKeys.shards(), wanted);
  return "rebuilt";
}
