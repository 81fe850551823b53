import { AppError } from "@sorot/core";
import type { Redis } from "ioredis";

/**
 * A fixed-window counter for one subject (an email address, say). @fastify/rate-limit allows one
 * limiter per request, and sign-in needs two: per IP (the plugin) and per account (this).
 * An attempt counts when it starts, so parallel requests cannot slip past the limit together;
 * `forgetAttempts` takes back the ones that should not count (a successful sign-in).
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
    const retryAfterSeconds = Math.max(1, ttl);
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw new AppError(
      429,
      "RATE_LIMITED",
      "Too many attempts",
      `Too many attempts for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      undefined,
      { "retry-after": String(retryAfterSeconds) },
      { retryAfterSeconds },
    );
  }
}

export async function forgetAttempts(redis: Redis, key: string): Promise<void> {
  await redis.del(key);
}
