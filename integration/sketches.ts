import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Redis's own sketch of these viewers, as the tally stores it. */
export async function sketchOf(redis: Redis, viewers: string[]): Promise<Buffer> {
  const key = `test-sketch:${randomUUID()}`;
  await redis.pfadd(key, ...viewers);
  const raw = await redis.getBuffer(key);
  await redis.del(key);
  return raw as Buffer;
}

/** Viewer ids v<from> … v<to - 1>. */
export const viewers = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `v${from + i}`);
