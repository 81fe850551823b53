import { randomUUID } from "node:crypto";
import { testRedisEnv, testRedisPrefix } from "@sorot/db/testing";
import {
  createRedisClient,
  DeliveryLayoutError,
  deleteKeys,
  deliveryKeys,
  deliveryScripts,
  deliveryShardCount,
  ensureDeliveryShards,
  redisTargetFromEnv,
  useDeliveryShards,
} from "@sorot/delivery-state";
import { afterAll, describe, expect, it } from "vitest";

const target = redisTargetFromEnv(testRedisEnv());
const prefix = testRedisPrefix();
const redis = createRedisClient(target, { keyPrefix: prefix });
const configured = deliveryShardCount();

afterAll(async () => {
  useDeliveryShards(configured);
  await deleteKeys(createRedisClient(target), `${prefix}*`);
  redis.disconnect();
});

describe("the shard layout in Redis", () => {
  it("records the shard count, and on another count rebuilds: counters go, beacon markers move, untallied events stop it", async () => {
    useDeliveryShards(64);
    expect(await ensureDeliveryShards(redis, prefix)).toBe("rebuilt");
    expect(await redis.get(deliveryKeys.shards())).toBe("64");
    expect(await ensureDeliveryShards(redis, prefix)).toBe("same");

    const scripts = deliveryScripts(redis);
    const businesses = Array.from({ length: 12 }, () => randomUUID());
    for (const b of businesses) {
      await scripts.initialiseAvailable(b, 5_000n);
      await redis.set(deliveryKeys.impressionCounted(b, "i1"), "1", "EX", 600);
      await redis.set(deliveryKeys.clickCounted(b, "i1"), "1", "EX", 600);
      await redis.set(deliveryKeys.quartileCounted(b, "i1", "50"), "1", "EX", 600);
      await redis.set(deliveryKeys.impressionCounted(b, "released"), "0", "EX", 600);
    }
    // An event not yet tallied: its pending money sits in names the new count would not find.
    await scripts.appendInvalidEvent(businesses[0] as string, JSON.stringify({ eventId: "x-1" }));
    useDeliveryShards(8);
    await expect(ensureDeliveryShards(redis, prefix)).rejects.toThrow(DeliveryLayoutError);
    useDeliveryShards(64);
    await redis.del(deliveryKeys.eventsOf(businesses[0] as string));

    useDeliveryShards(8);
    expect(await ensureDeliveryShards(redis, prefix)).toBe("rebuilt");
    expect(await redis.get(deliveryKeys.shards())).toBe("8");
    for (const b of businesses) {
      // Balances are the index's to restore from PostgreSQL; the markers keep a replay a replay.
      expect((await scripts.holdings(b)).availableMicros).toBeNull();
      expect(await redis.get(deliveryKeys.impressionCounted(b, "i1"))).toBe("1");
      expect(await redis.get(deliveryKeys.clickCounted(b, "i1"))).toBe("1");
      expect(await redis.get(deliveryKeys.quartileCounted(b, "i1", "50"))).toBe("1");
      expect(await redis.get(deliveryKeys.impressionCounted(b, "released"))).toBe("0");
      const ttl = await redis.ttl(deliveryKeys.impressionCounted(b, "i1"));
      expect(ttl).toBeGreaterThan(500);
      expect(ttl).toBeLessThanOrEqual(600);
    }
  });
});
