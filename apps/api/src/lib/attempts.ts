import { AppError } from "@sorot/core";
import type { Redis } from "ioredis";

/**
 * A fixed-window counter for one subject (an email address, say). @fastify/rate-limit allows one
 * limiter per request, and sign-in needs two: per IP (the plugin) and per account (this).
 */
export async function consumeAttempt(
  redis: Redis,
  key: string,
  options: { max: number; windowSeconds: number },
): Promise<void> {
  const [[, count], , [, ttl]] = (await redis
    .multi()
    .incr(key)
    .expire(key, options.windowSeconds, "NX")
    .ttl(key)
    .exec()) as [[null, number], [null, number], [null, number]];
  if (count > options.max) {
    const retryAfter = Math.max(1, ttl);
    throw new AppError(
      429,
      "RATE_LIMITED",
      "Too many attempts",
      `Too many attempts for this account. Try again in ${retryAfter} seconds.`,
      undefined,
      { "retry-after": String(retryAfter) },
    );
  }
}
