import { DEFAULT_DELIVERY_SHARDS, MAX_DELIVERY_SHARDS } from "@sorot/core";
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from "ioredis";
import { z } from "zod";
import { useDeliveryShards } from "./shards.js";

/**
 * The one way api, worker, scripts and tests connect to Redis: a single server at REDIS_URL, or a
 * Redis Cluster when REDIS_CLUSTER_NODES lists its nodes. The key prefix stays a plain prefix in
 * front of the keys' hash tags, so it never changes which slot a key lands in.
 */

export interface ClusterNode {
  host: string;
  port: number;
}

/** Where Redis is: `clusterNodes` empty means the single server at `url`. */
export interface RedisTarget {
  url: string;
  clusterNodes: readonly ClusterNode[];
  /**
   * How many shards delivery's state is split into (DELIVERY_SHARDS); a client made for this
   * target makes the process use it (createRedisClient). Absent: the process keeps its own.
   */
  deliveryShards?: number;
}

export interface RedisClientOptions {
  keyPrefix?: string;
  /** null for BullMQ's blocking connections, which must wait for Redis however long it takes. */
  maxRetriesPerRequest?: number | null;
  enableOfflineQueue?: boolean;
  connectTimeout?: number;
  lazyConnect?: boolean;
}

/** One line that names what did not answer and how to bring it up; printed instead of a stack trace. */
export class RedisUnreachableError extends Error {
  override name = "RedisUnreachableError";
}

const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
/**
 * A replica takes over about 6 s after its master dies (cluster-node-timeout 2000). A command to the
 * lost master is retried every RETRY_DELAY_MS up to MAX_REDIRECTIONS times (about 20 s), so it waits
 * through a failover instead of failing the request that sent it.
 */
const RETRY_DELAY_MS = 500;
const MAX_REDIRECTIONS = 40;

/** Parses `host:port,host:port`; an IPv6 host is written in brackets (`[::1]:7000`). */
export function parseClusterNodes(list: string | undefined): ClusterNode[] {
  if (!list?.trim()) return [];
  return list.split(",").map((entry) => {
    const match = /^\s*(\[[^\]]+\]|[^:\s[\]]+):(\d{1,5})\s*$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match?.[1] || port < 1 || port > 65_535) throw new Error(`"${entry.trim()}" is not host:port`);
    return { host: match[1].replace(/^\[|\]$/g, ""), port };
  });
}

/** The Redis part of the api's and the worker's environment (their config modules spread it in). */
export const RedisEnv = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: "must be a redis:// URL" }).default(DEFAULT_REDIS_URL),
  /** A plain prefix in front of every key (and of BullMQ's), outside the hash tags. */
  REDIS_PREFIX: z.string().min(1).default("sorot:"),
  /** When set, a Redis Cluster's nodes: REDIS_URL is then not used. */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .superRefine((value, context) => {
      try {
        parseClusterNodes(value);
      } catch (error) {
        context.addIssue({
          code: "custom",
          message: `must be host:port,host:port,… (${(error as Error).message})`,
        });
      }
    }),
  /** Delivery's Redis state is split into this many shards by business, each its own hash slot. */
  DELIVERY_SHARDS: z.coerce.number().int().min(1).max(MAX_DELIVERY_SHARDS).default(DEFAULT_DELIVERY_SHARDS),
});

/**
 * The Redis part of a process's environment: what the api's and the worker's configs parsed, or
 * for a script the raw variables (checked by the same schema, so a bad value stops it the same way).
 */
export function redisTargetFromEnv(env: {
  REDIS_URL?: string;
  REDIS_CLUSTER_NODES?: string;
  DELIVERY_SHARDS?: string | number;
}): RedisTarget {
  const shards = RedisEnv.shape.DELIVERY_SHARDS.safeParse(env.DELIVERY_SHARDS);
  if (!shards.success) throw new Error(`DELIVERY_SHARDS must be an integer from 1 to ${MAX_DELIVERY_SHARDS}`);
  return {
    url: env.REDIS_URL ?? DEFAULT_REDIS_URL,
    clusterNodes: parseClusterNodes(env.REDIS_CLUSTER_NODES),
    deliveryShards: shards.data,
  };
}

export function describeRedisTarget(target: RedisTarget): string {
  return target.clusterNodes.length > 0
    ? `Redis Cluster at ${target.clusterNodes.map(nodeName).join(",")} (REDIS_CLUSTER_NODES)`
    : `Redis at ${new URL(target.url).host} (REDIS_URL)`;
}

/**
 * A Cluster is typed as Redis: both are ioredis Commanders with the same commands, scripts and
 * pipelines. What differs is where a command runs, and the two places that care (SCAN, which one
 * node answers, and multi-key commands across slots) go through scanKeys / the slot-grouped code.
 */
export function createRedisClient(target: RedisTarget, options: RedisClientOptions = {}): Redis {
  // Every process reaches delivery's keys through a client made here, so the configured shard
  // count is in force before any key is named.
  if (target.deliveryShards !== undefined) useDeliveryShards(target.deliveryShards);
  if (target.clusterNodes.length === 0) return new Redis(target.url, options);
  return new Cluster([...target.clusterNodes], clusterOptions(options)) as unknown as Redis;
}

function clusterOptions(options: RedisClientOptions): ClusterOptions {
  const { keyPrefix, enableOfflineQueue, lazyConnect, ...perNode } = options;
  const redisOptions: RedisOptions = { ...perNode };
  return {
    ...(keyPrefix === undefined ? {} : { keyPrefix }),
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    // Reads stay on masters: a replica may lag behind a reservation or a balance just written.
    scaleReads: "master",
    retryDelayOnFailover: RETRY_DELAY_MS,
    retryDelayOnClusterDown: RETRY_DELAY_MS,
    retryDelayOnTryAgain: RETRY_DELAY_MS,
    maxRedirections: MAX_REDIRECTIONS,
    clusterRetryStrategy: (times) => Math.min(times * 200, 2_000),
    redisOptions,
  };
}

export interface BullConnection {
  /** What BullMQ's Queue and Worker take as `connection`. */
  connection: Cluster | (Omit<RedisClientOptions, "keyPrefix"> & { url: string });
  /** Closes the shared Cluster connection, after every Queue and Worker on it has closed. */
  close(): Promise<void>;
}

/**
 * BullMQ refuses an ioredis keyPrefix (its own `prefix` option, see @sorot/jobs bullPrefix, does
 * that job), so its connection is made here without one. On a cluster one Cluster is shared by every
 * queue of the process; BullMQ's workers duplicate it for their blocking reads.
 */
export function bullConnection(target: RedisTarget, options: RedisClientOptions = {}): BullConnection {
  const { keyPrefix: _ignored, ...rest } = options;
  if (target.clusterNodes.length === 0)
    return { connection: { url: target.url, ...rest }, close: async () => {} };
  // Without the offline queue a Queue made before the shared Cluster is ready fails its first
  // command; on a cluster, commands are meant to wait (through a failover too) rather than fail.
  const { enableOfflineQueue: _failFast, ...waiting } = rest;
  const cluster = new Cluster([...target.clusterNodes], clusterOptions(waiting));
  return {
    connection: cluster,
    close: async () => {
      await cluster.quit().catch(() => cluster.disconnect());
    },
  };
}

/**
 * Fails with one line unless Redis can serve: the server at REDIS_URL answers PING, or on a cluster
 * at least one listed node answers and reports cluster_state:ok (a node lost while its replica has
 * taken over does not stop a process from starting). Returns the listed nodes that did not answer.
 */
export async function assertRedisAnswers(target: RedisTarget, timeoutMs = 3_000): Promise<ClusterNode[]> {
  if (target.clusterNodes.length === 0) {
    const failure = await probe({ url: target.url }, timeoutMs, async (redis) => {
      await redis.ping();
    });
    if (failure)
      throw new RedisUnreachableError(
        `Redis at REDIS_URL (${new URL(target.url).host}) did not answer (${failure}): start it or fix REDIS_URL`,
      );
    return [];
  }
  const states = await Promise.all(
    target.clusterNodes.map(async (node) => {
      let state = "";
      const failure = await probe(node, timeoutMs, async (redis) => {
        state = /cluster_state:(\w+)/.exec(String(await redis.cluster("INFO")))?.[1] ?? "";
      });
      return { node, failure, state };
    }),
  );
  const down = states.filter((entry) => entry.failure !== undefined);
  const up = states.filter((entry) => entry.failure === undefined);
  const hint = "start the cluster (`npm run redis:cluster`) or fix REDIS_CLUSTER_NODES";
  if (up.length === 0 || !up.some((entry) => entry.state === "ok")) {
    const named = down.map((entry) => `${nodeName(entry.node)} did not answer (${entry.failure})`);
    const states = up.map((entry) => `${nodeName(entry.node)} reports cluster_state:${entry.state || "?"}`);
    throw new RedisUnreachableError(`REDIS_CLUSTER_NODES: ${[...named, ...states].join("; ")}: ${hint}`);
  }
  return down.map((entry) => entry.node);
}

async function probe(
  where: ClusterNode | { url: string },
  timeoutMs: number,
  use: (redis: Redis) => Promise<void>,
): Promise<string | undefined> {
  try {
    await withQuickRedis(where, timeoutMs, use);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * One short-lived connection for a check (is it up, what does it report): it fails within
 * `timeoutMs` with the connection's own cause instead of retrying, then disconnects.
 */
export async function withQuickRedis<T>(
  where: ClusterNode | { url: string },
  timeoutMs: number,
  use: (redis: Redis) => Promise<T>,
): Promise<T> {
  // Without these options ioredis retries forever and a missing server becomes a hang.
  const quick: RedisOptions = {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  };
  const redis = "url" in where ? new Redis(where.url, quick) : new Redis({ ...where, ...quick });
  // connect() itself only rejects with "Connection is closed."; the cause arrives as an 'error' event.
  let cause: Error | undefined;
  redis.on("error", (error) => {
    cause = error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      redis
        .connect()
        .then(() => use(redis))
        .catch((error) => {
          throw cause ?? error;
        }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

/**
 * Every key matching `pattern` (SCAN MATCH sees raw key names: the prefix belongs in the pattern),
 * in batches. A cluster's SCAN reads one node, so each master is scanned in turn.
 */
export async function* scanKeys(redis: Redis, pattern: string, count = 1_000): AsyncGenerator<string[]> {
  const nodes = redis.isCluster ? (redis as unknown as Cluster).nodes("master") : [redis];
  for (const node of nodes) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== "0");
  }
}

/**
 * Deletes every key matching `pattern` without blocking Redis (SCAN + UNLINK). Keys of one node may
 * sit in different slots, so on a cluster each is unlinked on its own (pipelined per node).
 * Returns how many keys went.
 */
export async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  const nodes = redis.isCluster ? (redis as unknown as Cluster).nodes("master") : [redis];
  for (const node of nodes) {
    for await (const keys of scanKeys(node, pattern)) {
      if (!redis.isCluster) {
        deleted += await node.unlink(...keys);
        continue;
      }
      const pipeline = node.pipeline();
      for (const key of keys) pipeline.unlink(key);
      for (const [error, count] of (await pipeline.exec()) ?? []) if (!error) deleted += Number(count);
    }
  }
  return deleted;
}

function nodeName(node: ClusterNode): string {
  return node.host.includes(":") ? `[${node.host}]:${node.port}` : `${node.host}:${node.port}`;
}
