/**
 * `npm run fuzz -- --requests N [--seed S]`: the long run of the property-based fuzz over every
 * operation of the api's own OpenAPI document (apps/api/test/fuzz.ts; `npm test` runs a short
 * seeded one). Builds the app in this process on a database of its own (PostgreSQL and Redis found
 * as `npm test` finds them), signs up an owner with a business, an admin and a creator, sends N
 * hostile requests through inject and prints one JSON line of figures: requests, by status, by
 * operation, every 5xx and every 4xx that was not problem+json. Exit 1 when there was any.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runMigrations } from "@sorot/db";
import { buildApp } from "../apps/api/src/app.js";
import { loadConfig } from "../apps/api/src/config.js";
import { makeFuzzFixtures, type OpenApiDocument, runFuzz } from "../apps/api/test/fuzz.js";
import { dropDatabase, freshDatabase } from "./lib/chaos/processes.js";
import { deleteRedisKeys } from "./lib/redis-keys.js";
import { resolvePostgres, resolveRedis, ServiceUnavailableError } from "./lib/services.js";

const { values: args } = parseArgs({
  options: { requests: { type: "string", default: "50000" }, seed: { type: "string", default: "1" } },
});
const requests = Number(args.requests);
const seed = Number(args.seed);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed)) {
  console.error("usage: npm run fuzz -- [--requests N] [--seed S]");
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`fuzz: ${line}\n`);
const root = fileURLToPath(new URL("..", import.meta.url));

const services: { stop(): Promise<void> }[] = [];
let exitCode = 1;
try {
  const postgres = await resolvePostgres({ dataDir: `${root}.data`, log });
  services.push(postgres);
  const redis = await resolveRedis({ dataDir: `${root}.data`, log });
  services.push(redis);
  const database = `sorot_fuzz_${process.pid}`;
  const redisPrefix = `sorot-fuzz-${process.pid}:`;
  const databaseUrl = await freshDatabase(postgres.url, database);
  const dataDir = await mkdtemp(path.join(tmpdir(), "sorot-fuzz-"));
  try {
    await runMigrations(databaseUrl);
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: "silent",
      WEB_DIST_DIR: "/nonexistent",
      DATA_DIR: dataDir,
      // The fuzz is one caller sending as fast as it can: limits would answer 429 to most of it.
      RATE_LIMIT_PER_MINUTE: "10000000",
      AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "10000000",
      AUTH_ATTEMPTS_PER_EMAIL_PER_15_MINUTES: "10000000",
    });
    const app = await buildApp(config, { logger: false });
    try {
      await app.ready();
      const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as OpenApiDocument;
      const started = Date.now();
      let reported = 0;
      const figures = await runFuzz({
        app,
        document,
        fixtures: await makeFuzzFixtures(app),
        requests,
        seed,
        onProgress: (done) => {
          if (done - reported < 5_000) return;
          reported = done;
          log(`${done} requests in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        },
      });
      const seconds = Number(((Date.now() - started) / 1000).toFixed(1));
      console.log(JSON.stringify({ seed, seconds, ...figures }));
      exitCode = figures.serverErrors.length === 0 && figures.notProblems.length === 0 ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await dropDatabase(postgres.url, database);
    await deleteRedisKeys(redis.url, `${redisPrefix}*`);
    await deleteRedisKeys(redis.url, `${redisPrefix.replace(/:+$/, "")}-bull:*`);
  }
} catch (error) {
  console.error(error instanceof ServiceUnavailableError ? error.message : error);
} finally {
  await Promise.allSettled(services.map((service) => service.stop()));
}
process.exit(exitCode);
