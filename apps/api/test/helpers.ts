import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Wallet } from "@sorot/contracts";
import { createTestDatabase, type TestDatabase, testRedisEnv, testRedisPrefix } from "@sorot/db/testing";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { rupiahMicros, type SignedUpUser } from "./accounts.js";
import { type SpecDocument, seenInjected, specChecker } from "./spec-check.js";

export * from "./accounts.js";

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
      ...testRedisEnv(),
      REDIS_PREFIX: testRedisPrefix(),
      LOG_LEVEL: "silent",
      WEB_DIST_DIR: "/nonexistent",
      DATA_DIR: mkdtempSync(join(tmpdir(), "sorot-test-")),
      ...env,
    });
    context.app = await buildApp(config, { logger: false });
    await context.app.ready();
    checkResponsesAgainstSpec(context.app);
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}

/** The app's own document as the checker of spec-check.ts. */
export function specCheckOf(app: FastifyInstance) {
  return specChecker(app.swagger() as unknown as SpecDocument);
}

/**
 * Every response a test injects for must be one the OpenAPI document declares (spec-check.ts);
 * tests that go over a socket use specCheckedFetch(specCheckOf(app)).
 */
function checkResponsesAgainstSpec(app: FastifyInstance) {
  const check = specCheckOf(app);
  const inject = app.inject.bind(app);
  const checked = async (options: InjectOptions | string) => {
    const request = typeof options === "string" ? { url: options } : options;
    const response = await inject(request);
    const problem = check(seenInjected(request, response));
    if (problem) throw new Error(`response outside the OpenAPI document: ${problem}`);
    return response;
  };
  app.inject = checked as typeof app.inject;
}

let keyCounter = 0;
export function idempotencyKey(): string {
  keyCounter += 1;
  return `test-key-${Date.now()}-${keyCounter}`;
}

/** A top-up paid through the sandbox gateway's pay page, as an owner would do it. */
/** A QRIS top-up created and left open: nobody has paid it yet. */
export async function openTopUp(
  app: FastifyInstance,
  user: SignedUpUser,
  businessId: string,
  rupiah: number,
) {
  const created = await app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/topups`,
    headers: { ...user.auth, "idempotency-key": idempotencyKey() },
    payload: { amountMicros: rupiahMicros(rupiah), method: "qris" },
  });
  if (created.statusCode !== 201) throw new Error(`top-up failed: ${created.body}`);
  return created.json() as { id: string };
}

export async function topUp(app: FastifyInstance, user: SignedUpUser, businessId: string, rupiah: number) {
  const topup = await openTopUp(app, user, businessId, rupiah);
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

/** An upload (a PNG, unless another file is given) and a draft ad of the campaign made with it. */
export async function createAdFor(
  app: FastifyInstance,
  user: SignedUpUser,
  where: { businessId: string; campaignId: string },
  content: Record<string, unknown> = {},
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
      // A body gives a destination or the older bare landingUrl, never both.
      ...(content.destination === undefined ? { landingUrl: "https://kopi.example/menu" } : {}),
      ...content,
    },
  });
  if (ad.statusCode !== 201) throw new Error(`create ad failed: ${ad.body}`);
  return ad.json() as { id: string; reviewStatus: string };
}
