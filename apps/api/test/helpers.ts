import { createTestDatabase, type TestDatabase, testRedisPrefix, testRedisUrl } from "@sorot/db/testing";
import { sql } from "drizzle-orm";
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

let userCounter = 0;

export interface SignedUpUser {
  id: string;
  email: string;
  accessToken: string;
  refreshCookie: string;
  auth: { authorization: string };
}

/** A fresh owner account through the real sign-up route. */
export async function signUp(app: FastifyInstance, overrides: { email?: string; name?: string } = {}) {
  userCounter += 1;
  const email = overrides.email ?? `owner${userCounter}-${Date.now()}@warung.example.id`;
  const response = await app.inject({
    method: "POST",
    url: "/v1/auth/signup",
    payload: { email, password: "kopi susu gula aren 2026", name: overrides.name ?? `Owner ${userCounter}` },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  const cookie = response.cookies.find((c) => c.name === "sorot_refresh");
  if (!cookie) throw new Error("sign-up set no refresh cookie");
  return {
    id: body.user.id as string,
    email,
    accessToken: body.accessToken as string,
    refreshCookie: cookie.value,
    auth: { authorization: `Bearer ${body.accessToken}` },
  } satisfies SignedUpUser;
}

export async function createBusinessFor(app: FastifyInstance, user: SignedUpUser, name = "Warung Uji") {
  const response = await app.inject({
    method: "POST",
    url: "/v1/businesses",
    headers: user.auth,
    payload: { name },
  });
  if (response.statusCode !== 201) throw new Error(`create business failed: ${response.body}`);
  return response.json() as { id: string; name: string; timeZone: string };
}

/** Turns an owner account into an admin the way the CLI does: directly in the database. */
export async function makeAdmin(app: FastifyInstance, user: SignedUpUser): Promise<SignedUpUser> {
  await app.db.execute(sql`update users set role = 'admin' where id = ${user.id}`);
  const login = await app.inject({
    method: "POST",
    url: "/v1/auth/login",
    payload: { email: user.email, password: "kopi susu gula aren 2026" },
  });
  const accessToken = login.json().accessToken as string;
  return { ...user, accessToken, auth: { authorization: `Bearer ${accessToken}` } };
}
