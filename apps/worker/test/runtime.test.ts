import { createTestDatabase, type TestDatabase, testRedisEnv, testRedisPrefix } from "@sorot/db/testing";
import {
  createRedisClient,
  deleteKeys,
  RedisUnreachableError,
  redisTargetFromEnv,
} from "@sorot/delivery-state";
import { queueOf } from "@sorot/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerConfig } from "../src/config.js";
import { HEARTBEAT_KEY } from "../src/jobs/system.heartbeat.js";
import { startWorkerRuntime } from "../src/runtime.js";

let database: TestDatabase;
const prefix = testRedisPrefix();
const redis = createRedisClient(redisTargetFromEnv(testRedisEnv()), { keyPrefix: prefix });
/** Without a prefix: deleteKeys names raw keys. */
const cleaner = createRedisClient(redisTargetFromEnv(testRedisEnv()));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await deleteKeys(cleaner, `${prefix}*`);
  redis.disconnect();
  cleaner.disconnect();
  await database.drop();
});

describe("worker runtime", () => {
  it("runs the heartbeat scheduler and shuts down cleanly", async () => {
    const runtime = await startWorkerRuntime(
      loadWorkerConfig({
        DATABASE_URL: database.url,
        ...testRedisEnv(),
        REDIS_PREFIX: prefix,
        LOG_LEVEL: "silent",
      }),
    );
    try {
      let beat: string | null = null;
      for (let attempt = 0; attempt < 50 && beat === null; attempt++) {
        beat = await redis.get(HEARTBEAT_KEY);
        if (beat === null) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(beat).not.toBeNull();
      expect(Date.now() - Date.parse(beat as string)).toBeLessThan(10_000);
      const schedulers = await runtime.queues.system.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key)).toEqual(["heartbeat"]);
    } finally {
      await runtime.close();
    }
  });

  it("refuses to start, quickly and clearly, when Redis does not answer", async () => {
    const started = Date.now();
    await expect(
      startWorkerRuntime(loadWorkerConfig({ DATABASE_URL: database.url, REDIS_URL: "redis://127.0.0.1:1" })),
    ).rejects.toThrow(RedisUnreachableError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("maps job names to their queue", () => {
    expect(queueOf("system.heartbeat")).toBe("system");
  });
});
