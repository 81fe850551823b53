import { randomBytes } from "node:crypto";
import pg from "pg";
import { runMigrations } from "./migrate.js";

/**
 * Test isolation: migrate once into a template database, then give every test file its own copy
 * (CREATE DATABASE ... TEMPLATE), so files run in parallel and in any order on a real server.
 */
/**
 * Each `npm test` run names its databases with its own run id (epoch seconds, set by the vitest
 * config), so runs sharing one server never drop each other's databases.
 */
const RUN_ID = process.env.SOROT_TEST_RUN ?? "local";
export const TEMPLATE_DATABASE = `sorot_test_${RUN_ID}_template`;
/** Databases of runs older than this were left by an interrupted run and are dropped. */
const STALE_RUN_SECONDS = 6 * 3_600;

function adminUrl(): string {
  const url = process.env.SOROT_TEST_ADMIN_URL;
  if (!url) throw new Error("SOROT_TEST_ADMIN_URL is not set: run the suite with `npm test`");
  return url;
}

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), application_name: "sorot-test-admin" });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Drops databases left by this run or by old interrupted runs, then builds a fresh template. */
export async function prepareTemplateDatabase(): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'sorot\\_test\\_%'",
    );
    const now = Math.floor(Date.now() / 1000);
    for (const { datname } of rows) {
      const run = datname.split("_")[2] ?? "";
      // Numbered runs expire; names of any other shape come from older versions of this helper.
      const stale = !/^\d+$/.test(run) || now - Number(run) > STALE_RUN_SECONDS;
      if (run === RUN_ID || stale) await client.query(`drop database if exists "${datname}" with (force)`);
    }
    await client.query(`create database "${TEMPLATE_DATABASE}"`);
  });
  await runMigrations(databaseUrl(adminUrl(), TEMPLATE_DATABASE));
}

export async function dropTemplateDatabase(): Promise<void> {
  await withAdmin((client) => client.query(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`));
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sorot_test_${RUN_ID}_${randomBytes(6).toString("hex")}`;
  await withAdmin(async (client) => {
    // Two files copying the template at the same instant can collide on its lock; a retry clears it.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    url: databaseUrl(adminUrl(), name),
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}

/** A Redis key prefix of its own per test file, so files never see each other's keys or queues. */
/** A key prefix of one test file's own; every prefix of this run matches testRedisPattern(). */
export function testRedisPrefix(): string {
  return `sorot-test-${RUN_ID}-${randomBytes(4).toString("hex")}:`;
}

/** Every key this run's tests wrote (their prefixes and BullMQ's derived ones), for the teardown. */
export function testRedisPattern(): string {
  return `sorot-test-${RUN_ID}-*`;
}

/**
 * The Redis the tests use, as the variables the api's and worker's configs read: REDIS_CLUSTER_NODES,
 * when set (`npm run test:cluster`), points every test at a cluster.
 */
export function testRedisEnv(): { REDIS_URL: string; REDIS_CLUSTER_NODES?: string } {
  const clusterNodes = process.env.REDIS_CLUSTER_NODES;
  return {
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    ...(clusterNodes ? { REDIS_CLUSTER_NODES: clusterNodes } : {}),
  };
}
