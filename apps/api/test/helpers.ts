import { createTestDatabase, type TestDatabase, testRedisPrefix, testRedisUrl } from "@sorot/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";

export interface TestContext {
  app: FastifyInstance;
  database: TestDatabase;
}

/**
 * The real API on a database of this file's own and a Redis key prefix of its own.
 * Returns a holder filled in beforeAll, so `describe` blocks can share one app.
 */
export function useTestApp(env: Record<string, string> = {}): TestContext {
  const context = {} as TestContext;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: context.database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: testRedisPrefix(),
      LOG_LEVEL: "silent",
      WEB_DIST_DIR: "/nonexistent",
      ...env,
    });
    context.app = await buildApp(config, { logger: false });
    await context.app.ready();
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}
