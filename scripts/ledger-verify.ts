import { createDb } from "@sorot/db";
import { Redis } from "ioredis";
import { checkBooks } from "./lib/books.js";
import { resolvePostgres, resolveRedis, ServiceUnavailableError } from "./lib/services.js";

/**
 * `npm run ledger:verify`: the books of the database and Redis that `npm start` uses (or
 * DATABASE_URL / REDIS_URL / REDIS_PREFIX): ledger invariants and the Redis balance copy of every
 * business. Prints one JSON line naming any business that drifted; exits 1 on any problem, so it
 * can gate a deploy or a cron alert.
 */
const root = new URL("..", import.meta.url).pathname;
const quiet = () => {};
try {
  const postgres = await resolvePostgres({ dataDir: `${root}.data`, log: quiet });
  const redisService = await resolveRedis({ dataDir: `${root}.data`, log: quiet });
  const handle = createDb(postgres.url, { maxConnections: 2, applicationName: "sorot-ledger-verify" });
  const redis = new Redis(redisService.url, {
    keyPrefix: process.env.REDIS_PREFIX ?? "sorot:",
    maxRetriesPerRequest: 2,
  });
  try {
    const result = await checkBooks(handle.db, redis);
    console.log(JSON.stringify(result));
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    redis.disconnect();
    await handle.close();
    await redisService.stop();
    await postgres.stop();
  }
} catch (error) {
  if (!(error instanceof ServiceUnavailableError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
