import { defineJob } from "../job.js";

export const HEARTBEAT_KEY = "worker:heartbeat";
const HEARTBEAT_TTL_SECONDS = 60;

/**
 * Proves a worker is alive and processing: operations read the key's age.
 * Idempotent: it only overwrites one key with the time it ran, so a retry or a double run is harmless.
 */
export const heartbeat = defineJob({
  name: "system.heartbeat",
  async handle(_payload, { redis }) {
    const now = new Date().toISOString();
    await redis.set(HEARTBEAT_KEY, now, "EX", HEARTBEAT_TTL_SECONDS);
    return { at: now };
  },
});
