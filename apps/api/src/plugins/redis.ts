import { createRedisClient, type RedisTarget } from "@sorot/delivery-state";
import fp from "fastify-plugin";
import type { Redis } from "ioredis";

declare module "fastify" {
  interface FastifyInstance {
    redis: Redis;
    pingRedis(): Promise<boolean>;
  }
}

/** Answers within this many milliseconds or counts as down: a hung Redis must not hang /readyz. */
const PING_TIMEOUT_MS = 1_000;

export default fp<{ target: RedisTarget; keyPrefix: string }>(
  async (app, { target, keyPrefix }) => {
    const redis = createRedisClient(target, {
      keyPrefix,
      // Commands fail fast while Redis is away instead of piling up in memory.
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      connectTimeout: 3_000,
    });
    redis.on("error", (error) => app.log.warn({ err: error }, "redis connection error"));
    app.decorate("redis", redis);
    app.decorate("pingRedis", async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      try {
        return await Promise.race([redis.ping().then((answer) => answer === "PONG"), timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    });
    app.addHook("onClose", async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  },
  { name: "redis" },
);
