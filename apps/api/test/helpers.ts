import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Wallet } from "@sorot/contracts";
import { createTestDatabase, type TestDatabase, testRedisPrefix, testRedisUrl } from "@sorot/db/testing";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { makePng, multipart } from "./media.js";

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
      DATA_DIR: mkdtempSync(join(tmpdir(), "sorot-test-")),
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

/** A fresh owner (or, asked for, creator) account through the real sign-up route. */
export async function signUp(
  app: FastifyInstance,
  overrides: { email?: string; name?: string; accountKind?: "owner" | "creator" } = {},
) {
  userCounter += 1;
  const kind = overrides.accountKind ?? "owner";
  const email = overrides.email ?? `${kind}${userCounter}-${Date.now()}@warung.example.id`;
  const response = await app.inject({
    method: "POST",
    url: "/v1/auth/signup",
    payload: {
      email,
      password: "kopi susu gula aren 2026",
      name: overrides.name ?? `${kind === "owner" ? "Owner" : "Creator"} ${userCounter}`,
      ...(overrides.accountKind ? { accountKind: overrides.accountKind } : {}),
    },
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

export const rupiahMicros = (rupiah: number) => (BigInt(rupiah) * 1_000_000n).toString();

let keyCounter = 0;
export function idempotencyKey(): string {
  keyCounter += 1;
  return `test-key-${Date.now()}-${keyCounter}`;
}

/** A top-up paid through the sandbox gateway's pay page, as an owner would do it. */
export async function topUp(app: FastifyInstance, user: SignedUpUser, businessId: string, rupiah: number) {
  const created = await app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/topups`,
    headers: { ...user.auth, "idempotency-key": idempotencyKey() },
    payload: { amountMicros: rupiahMicros(rupiah), method: "qris" },
  });
  if (created.statusCode !== 201) throw new Error(`top-up failed: ${created.body}`);
  const topup = created.json() as { id: string };
  const paid = await app.inject({ method: "POST", url: `/sandbox/pay/${topup.id}/paid` });
  if (paid.statusCode !== 303) throw new Error(`sandbox payment failed: ${paid.statusCode} ${paid.body}`);
  return topup;
}

export async function walletOf(app: FastifyInstance, user: SignedUpUser, businessId: string) {
  const response = await app.inject({
    method: "GET",
    url: `/v1/businesses/${businessId}/wallet`,
    headers: user.auth,
  });
  if (response.statusCode !== 200) throw new Error(`wallet failed: ${response.body}`);
  return response.json() as Wallet;
}

export const DEFAULT_CAMPAIGN = {
  name: "Kopi Pagi Promo",
  objective: "traffic",
  budget: { type: "daily", amountMicros: rupiahMicros(50_000) },
  bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(20_000) },
  targeting: { provinces: ["ID-JK"], ageBands: ["18-24", "25-34"] },
};

export async function createCampaignFor(
  app: FastifyInstance,
  user: SignedUpUser,
  businessId: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/campaigns`,
    headers: user.auth,
    payload: { ...DEFAULT_CAMPAIGN, ...overrides },
  });
  if (response.statusCode !== 201) throw new Error(`create campaign failed: ${response.body}`);
  return response.json() as { id: string; status: string };
}

/** An upload (a PNG, unless another file is given) and a draft ad of the campaign made with it. */
export async function createAdFor(
  app: FastifyInstance,
  user: SignedUpUser,
  where: { businessId: string; campaignId: string },
  content: Record<string, string> = {},
  file: { name: string; type: string; bytes: Buffer } = {
    name: "kopi.png",
    type: "image/png",
    bytes: makePng(1080, 1920),
  },
) {
  const upload = multipart("file", file.name, file.type, file.bytes);
  const asset = await app.inject({
    method: "POST",
    url: `/v1/businesses/${where.businessId}/uploads`,
    headers: { ...user.auth, ...upload.headers },
    payload: upload.payload,
  });
  if (asset.statusCode !== 201) throw new Error(`upload failed: ${asset.body}`);
  const ad = await app.inject({
    method: "POST",
    url: `/v1/businesses/${where.businessId}/campaigns/${where.campaignId}/ads`,
    headers: user.auth,
    payload: {
      name: "Kopi 1",
      assetId: asset.json().assetId,
      headline: "Kopi susu gula aren",
      text: "Diskon 20% setiap pagi",
      callToAction: "order_now",
      landingUrl: "https://kopi.example/menu",
      ...content,
    },
  });
  if (ad.statusCode !== 201) throw new Error(`create ad failed: ${ad.body}`);
  return ad.json() as { id: string; reviewStatus: string };
}
