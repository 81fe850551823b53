import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { testRedisEnv, testRedisPrefix } from "@sorot/db/testing";
import {
  assertRedisAnswers,
  bullConnection,
  createRedisClient,
  deleteKeys,
  deliveryKeys,
  deliveryScripts,
  getOfBusinesses,
  pipelineByShard,
  RedisUnreachableError,
  redisTargetFromEnv,
  scanKeys,
  shardOfBusiness,
  tallyBacklog,
} from "@sorot/delivery-state";
import { bullKeysPattern, bullPrefix, QUEUE_NAMES } from "@sorot/jobs";
import { Queue, Worker } from "bullmq";
import type { Cluster, Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { loadWorkerConfig } from "../apps/worker/src/config.js";
import { startWorkerRuntime } from "../apps/worker/src/runtime.js";
import { freeClusterPortBase, startLocalCluster } from "../scripts/lib/redis-cluster.js";

/**
 * The plumbing against a real Redis Cluster (`npm run test:cluster -- integration/redis-cluster.test.ts`
 * starts one): the connection factory, every BullMQ queue, SCAN and clean-up across all masters, and
 * the one line a process prints when the cluster is not there. Skipped without REDIS_CLUSTER_NODES.
 */
const target = redisTargetFromEnv(testRedisEnv());
const prefix = testRedisPrefix();
const raw = createRedisClient(target);

afterAll(async () => {
  await deleteKeys(raw, `${prefix}*`);
  await deleteKeys(raw, bullKeysPattern(prefix));
  raw.disconnect();
});

/** The port of the master that serves `key` (a raw key name, prefix included), as `client` sees the cluster. */
async function masterPortOf(key: string, client: Redis = raw): Promise<number> {
  const slot = Number(await client.cluster("KEYSLOT", key));
  const ranges = await client.cluster("SLOTS");
  return Number(ranges.find(([start, end]) => slot >= start && slot <= end)?.[2]?.[1]);
}

describe.skipIf(target.clusterNodes.length === 0)("on a Redis Cluster", () => {
  it("connects through the factory with a plain key prefix in front of the hash tags", async () => {
    const redis = createRedisClient(target, { keyPrefix: prefix });
    try {
      expect(redis.isCluster).toBe(true);
      const keys = Array.from({ length: 40 }, (_, i) => `factory:{b${i}}:n`);
      for (const [i, key] of keys.entries()) await redis.set(key, String(i));
      for (const [i, key] of keys.entries()) expect(await raw.get(`${prefix}${key}`)).toBe(String(i));
      // The prefix sits outside the braces, so it never moves a key to another slot.
      expect(await raw.cluster("KEYSLOT", `${prefix}factory:{b7}:n`)).toBe(
        await raw.cluster("KEYSLOT", "{b7}"),
      );
      const owners = new Set(await Promise.all(keys.map((key) => masterPortOf(`${prefix}${key}`))));
      expect(owners.size).toBe(3);
    } finally {
      redis.disconnect();
    }
  });

  it("adds and processes a job on every queue, each queue in one slot, the queues spread over masters", async () => {
    const bull = bullConnection(target, { maxRetriesPerRequest: null });
    const queues = QUEUE_NAMES.map(
      (name) => new Queue(name, { connection: bull.connection, prefix: bullPrefix(prefix, name) }),
    );
    const processed: string[] = [];
    const workers = QUEUE_NAMES.map(
      (name) =>
        new Worker(
          name,
          async (job) => {
            processed.push(`${name}/${job.name}`);
            return job.data.n;
          },
          { connection: bull.connection, prefix: bullPrefix(prefix, name) },
        ),
    );
    try {
      const jobs = await Promise.all(queues.map((queue, i) => queue.add(`${queue.name}.probe`, { n: i })));
      const deadline = Date.now() + 15_000;
      while (processed.length < QUEUE_NAMES.length && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(processed.sort()).toEqual(QUEUE_NAMES.map((name) => `${name}/${name}.probe`).sort());
      for (const [i, job] of jobs.entries()) {
        const queue = queues[i] as Queue;
        expect(await (await queue.getJob(job.id as string))?.returnvalue).toBe(i);
      }
      const owners = new Set<number>();
      for (const name of QUEUE_NAMES) {
        const keys: string[] = [];
        for await (const batch of scanKeys(raw, `${bullPrefix(prefix, name)}:*`)) keys.push(...batch);
        expect(keys.length).toBeGreaterThan(0);
        const slots = new Set(await Promise.all(keys.map((key) => raw.cluster("KEYSLOT", key))));
        expect(slots.size).toBe(1);
        owners.add(await masterPortOf(keys[0] as string));
      }
      expect(owners.size).toBeGreaterThan(1);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(queues.map((queue) => queue.close()));
      await bull.close();
    }
  });

  it("runs every delivery script of businesses on every master, each in its shard's slot", async () => {
    const redis = createRedisClient(target, { keyPrefix: prefix });
    const scripts = deliveryScripts(redis);
    const businesses = Array.from({ length: 24 }, () => randomUUID());
    const day = "2031-01-01";
    const event = (businessId: string, eventId: string) =>
      JSON.stringify({ eventId, businessId, costMicros: "0", invalidReason: null });
    try {
      for (const b of businesses) {
        await scripts.initialiseAvailable(b, 1_000_000n);
        const reserve = (id: string) =>
          scripts.reserve({
            businessId: b,
            campaignId: "c",
            localDate: day,
            cost: 1_000n,
            dailyCap: 100_000n,
            lifetimeCap: null,
            reservation: { id, expiresAtMs: Date.now() + 60_000 },
            frequency: { viewerId: "v", cap: 5 },
            paced: { nowMs: Date.now(), coldAllowance: 50_000n, coldMs: 60_000 },
          });
        expect(await reserve("r1")).toBe("reserved");
        expect(await reserve("r2")).toBe("reserved");
        const confirmed = await scripts.confirmImpression({
          businessId: b,
          campaignId: "c",
          localDate: day,
          reservationId: "r1",
          viewerId: "v",
          eventJson: event(b, `i-${b}`),
          billable: true,
          vanished: { cost: 1_000n, dailyCap: 100_000n, lifetimeCap: null },
        });
        expect(confirmed).toEqual({ counted: true, chargedMicros: 1_000n });
        const click = await scripts.click({
          businessId: b,
          campaignId: "c",
          localDate: day,
          impressionId: "r1",
          cost: 500n,
          dailyCap: 100_000n,
          lifetimeCap: null,
          eventJson: event(b, `c-${b}`),
          billable: true,
        });
        expect(click).toEqual({ counted: true, chargedMicros: 500n });
        expect(
          await scripts.quartile({
            businessId: b,
            impressionId: "r1",
            quartile: "25",
            eventJson: event(b, `q-${b}`),
          }),
        ).toBe(true);
        await scripts.appendInvalidEvent(b, event(b, `x-${b}`));
        const [open] = await scripts.openReservations(b, 10);
        expect(open?.reservationId).toBe("r2");
        expect(await scripts.release(b, open as NonNullable<typeof open>)).toBe(1_000n);
        expect(await scripts.applyBalanceChange(b, "change-1", 10_000n)).toBe("applied");
        expect(await scripts.takeAvailable(b, 2_000n)).toBe("taken");
      }
      // One settle call for every business: one pipeline per shard, none spanning slots.
      const settled = await scripts.settle(
        businesses.flatMap((b) => [
          { businessId: b, eventId: `i-${b}`, costMicros: 1_000n, refundMicros: 0n },
          { businessId: b, eventId: `c-${b}`, costMicros: 500n, refundMicros: 100n },
        ]),
      );
      expect(settled).toBe(businesses.length * 2);
      // 1,000,000 + 10,000 - 2,000 - 1,500 charged + 100 refunded; nothing left reserved or pending.
      for (const b of businesses)
        expect(await scripts.holdings(b)).toMatchObject({ availableMicros: 1_006_600n, heldMicros: 0n });
      expect(await getOfBusinesses(redis, businesses, deliveryKeys.pending)).toEqual(
        businesses.map(() => "0"),
      );
      const counters = await pipelineByShard(
        redis,
        businesses,
        (b) => b,
        (pipeline, b) =>
          pipeline.get(deliveryKeys.campaignDay(b, "c", day)).get(deliveryKeys.campaignTotal(b, "c")),
      );
      expect(counters).toEqual(businesses.map(() => ["1500", "1500"]));
      // Four events a business (impression, click, quartile, a refused beacon) on its shard's stream.
      expect(await tallyBacklog(redis)).toBe(businesses.length * 4);
      const streams = [...new Set(businesses.map((b) => deliveryKeys.eventsOf(b)))];
      for (const b of businesses)
        expect(await raw.cluster("KEYSLOT", `${prefix}${deliveryKeys.available(b)}`)).toBe(
          await raw.cluster("KEYSLOT", `${prefix}${deliveryKeys.events(shardOfBusiness(b))}`),
        );
      const owners = new Set(await Promise.all(streams.map((stream) => masterPortOf(`${prefix}${stream}`))));
      expect(owners.size).toBe(3);
    } finally {
      await deleteKeys(raw, `${prefix}d:*`);
      redis.disconnect();
    }
  });

  it("scans and deletes across every master, where one node's SCAN sees only its own keys", async () => {
    const pattern = `${prefix}scan:*`;
    const written = Array.from({ length: 300 }, (_, i) => `${prefix}scan:{k${i}}`);
    for (const key of written) await raw.set(key, "1");
    const found: string[] = [];
    for await (const batch of scanKeys(raw, pattern, 50)) found.push(...batch);
    expect(found.sort()).toEqual([...written].sort());
    const [, oneNode] =
      (await (raw as unknown as Cluster).nodes("master")[0]?.scan("0", "MATCH", pattern, "COUNT", 10_000)) ??
      [];
    expect(oneNode?.length).toBeLessThan(written.length);

    expect(await deleteKeys(raw, pattern)).toBe(written.length);
    const left: string[] = [];
    for await (const batch of scanKeys(raw, pattern)) left.push(...batch);
    expect(left).toEqual([]);
  });

  it("starts with a listed node down while the cluster serves, and names it", async () => {
    const withDeadNode = {
      ...target,
      clusterNodes: [...target.clusterNodes, { host: "127.0.0.1", port: 1 }],
    };
    expect(await assertRedisAnswers(withDeadNode, 1_000)).toEqual([{ host: "127.0.0.1", port: 1 }]);
  });

  it("refuses to start in one line naming the nodes and how to start the cluster when none answers", async () => {
    const dead = {
      url: target.url,
      clusterNodes: [
        { host: "127.0.0.1", port: 1 },
        { host: "127.0.0.1", port: 2 },
      ],
    };
    const failure = await assertRedisAnswers(dead, 1_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RedisUnreachableError);
    const message = (failure as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(
      /^REDIS_CLUSTER_NODES: 127\.0\.0\.1:1 did not answer \(.+\); 127\.0\.0\.1:2 did not answer/,
    );
    expect(message).toContain("npm run redis:cluster");

    const started = Date.now();
    await expect(
      startWorkerRuntime(
        loadWorkerConfig({
          DATABASE_URL: "postgres://postgres@127.0.0.1:1/none",
          REDIS_CLUSTER_NODES: "127.0.0.1:1,127.0.0.1:2",
        }),
      ),
    ).rejects.toThrow(RedisUnreachableError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("waits through a master's failover: a command sent while its master is dead answers once the replica takes over", async () => {
    // A cluster of its own: killing a master of the shared one would leave the other files without a replica.
    const dataDir = await mkdtemp(path.join(tmpdir(), "sorot-failover-"));
    // Above the shared cluster's six ports, inside the range test:cluster was given (--ports).
    const above = Math.max(...target.clusterNodes.map((node) => node.port)) + 1;
    const own = await startLocalCluster({
      portBase: await freeClusterPortBase(above, above + 93),
      dataDir,
      fresh: true,
    });
    const redis = createRedisClient({ url: target.url, clusterNodes: own.nodes }, { keyPrefix: prefix });
    try {
      await redis.set("failover:{f}", "41");
      const master = await masterPortOf(`${prefix}failover:{f}`, redis);
      // WAIT counts the writes of the connection it is sent on: the cluster client's one to that master.
      const writer = (redis as unknown as Cluster)
        .nodes("master")
        .find((node) => node.options.port === master);
      // Replicated before the crash, so the promoted replica holds it.
      expect(await writer?.call("WAIT", "1", "2000")).toBe(1);
      await own.kill(master, "SIGKILL");
      const sent = Date.now();
      expect(await redis.incr("failover:{f}")).toBe(42);
      const waited = Date.now() - sent;
      expect(waited).toBeGreaterThan(1_000);
      expect(waited).toBeLessThan(20_000);
      expect((await own.masters()).map((node) => node.port)).not.toContain(master);
    } finally {
      redis.disconnect();
      await own.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
