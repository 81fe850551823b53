import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const TEMP_TTL_MS = 60_000;

/**
 * The union of each group's stored sketches (base64 of Redis's HyperLogLog encoding), merged by
 * Redis in one round trip (PostgreSQL cannot read that encoding), as base64 again.
 */
export async function mergeSketchGroups(
  redis: Redis,
  groups: readonly { businessId: string; sketches: readonly string[] }[],
): Promise<string[]> {
  if (groups.length === 0) return [];
  const pipeline = redis.pipeline();
  const unionAt = groups.map((group) => {
    // One hash tag per business, so PFMERGE's keys share a slot on Redis Cluster.
    const base = `reports:merge:{${group.businessId}}:${randomUUID()}:`;
    group.sketches.forEach((sketch, index) => {
      pipeline.set(`${base}${index}`, Buffer.from(sketch, "base64"), "PX", TEMP_TTL_MS);
    });
    const sources = group.sketches.map((_, index) => `${base}${index}`);
    pipeline.pfmerge(`${base}union`, ...sources).getBuffer(`${base}union`);
    pipeline.unlink(`${base}union`, ...sources);
    return group.sketches.length + 1;
  });
  const replies = (await pipeline.exec()) ?? [];
  const failed = replies.find(([error]) => error);
  if (failed) throw failed[0];
  let offset = 0;
  return unionAt.map((at) => {
    const union = Buffer.from(replies[offset + at]?.[1] as Buffer).toString("base64");
    offset += at + 2;
    return union;
  });
}
