import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Problem } from "@sorot/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { BRIEF, creatorWithProfile, sendBrief } from "./creator-helpers.js";
import {
  createBusinessFor,
  createCampaignFor,
  idempotencyKey,
  makeAdmin,
  rupiahMicros,
  signUp,
  specCheckOf,
  topUp,
  useTestApp,
} from "./helpers.js";
import { makePng, multipart } from "./media.js";

/**
 * Input PostgreSQL cannot store (U+0000, an unpaired surrogate) and bodies that say nothing must be
 * refused as 400 problems naming the field, on every route that writes what people type.
 */
const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  return Problem.parse(JSON.parse(response.body));
}

interface Fixture {
  owner: Awaited<ReturnType<typeof signUp>>;
  admin: Awaited<ReturnType<typeof signUp>>;
  creator: Awaited<ReturnType<typeof creatorWithProfile>>;
  businessId: string;
  campaignId: string;
  assetId: string;
  adId: string;
  requestId: string;
  withdrawalId: string;
  reportId: string;
}
const f = {} as Fixture;

beforeAll(async () => {
  f.owner = await signUp(t.app);
  f.admin = await makeAdmin(t.app, await signUp(t.app));
  f.creator = await creatorWithProfile(t.app);
  f.businessId = (await createBusinessFor(t.app, f.owner)).id;
  await topUp(t.app, f.owner, f.businessId, 300_000);
  f.campaignId = (await createCampaignFor(t.app, f.owner, f.businessId)).id;
  const upload = multipart("file", "kopi.png", "image/png", makePng(1080, 1920));
  f.assetId = (
    await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${f.businessId}/uploads`,
      headers: { ...f.owner.auth, ...upload.headers },
      payload: upload.payload,
    })
  ).json().assetId;
  f.adId = (
    await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${f.businessId}/campaigns/${f.campaignId}/ads`,
      headers: f.owner.auth,
      payload: adBody(),
    })
  ).json().id;
  await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${f.businessId}/campaigns/${f.campaignId}/submit`,
    headers: f.owner.auth,
  });
  f.requestId = (await sendBrief(t.app, f.owner, f.businessId, f.creator.id)).json().id;
  await t.app.inject({
    method: "POST",
    url: `/v1/creator/requests/${f.requestId}/decision`,
    headers: f.creator.auth,
    payload: { decision: "accept" },
  });
  f.withdrawalId = (
    await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${f.businessId}/withdrawals`,
      headers: { ...f.owner.auth, "idempotency-key": idempotencyKey() },
      payload: withdrawalBody("Siti"),
    })
  ).json().id;
  await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${f.businessId}/creators/${f.creator.id}/report`,
    headers: f.owner.auth,
    payload: { reason: "spam" },
  });
  const reports = await t.app.inject({
    method: "GET",
    url: "/v1/admin/creator-reports",
    headers: f.admin.auth,
  });
  f.reportId = reports.json().items[0].id;
  for (const [name, id] of Object.entries(f)) if (id === undefined) throw new Error(`no ${name}`);
});

const adBody = (overrides: Record<string, string> = {}) => ({
  name: "Kopi 1",
  assetId: f.assetId,
  headline: "Kopi susu gula aren",
  text: "Diskon 20% setiap pagi",
  callToAction: "order_now",
  landingUrl: "https://kopi.example/menu",
  ...overrides,
});

const withdrawalBody = (accountName: string) => ({
  amountMicros: rupiahMicros(10_000),
  bankCode: "bca",
  accountNumber: "1234567890",
  accountName,
});

interface Case {
  route: string;
  field: string;
  send: (text: string) => {
    method: "GET" | "POST" | "PATCH" | "PUT";
    url: string;
    headers?: Record<string, string>;
    payload?: unknown;
  };
}

const owner = () => f.owner.auth;
const admin = () => f.admin.auth;
const business = () => `/v1/businesses/${f.businessId}`;
const campaign = () => `${business()}/campaigns/${f.campaignId}`;
const q = (text: string) => encodeURIComponent(text);

const CASES: Case[] = [
  {
    route: "PATCH /v1/me",
    field: "body.name",
    send: (name) => ({ method: "PATCH", url: "/v1/me", headers: owner(), payload: { name } }),
  },
  {
    route: "POST /v1/auth/signup",
    field: "body.name",
    send: (name) => ({
      method: "POST",
      url: "/v1/auth/signup",
      payload: { email: `nul-${Date.now()}@warung.example.id`, password: "kopi susu gula aren 2026", name },
    }),
  },
  {
    route: "POST /v1/businesses",
    field: "body.name",
    send: (name) => ({ method: "POST", url: "/v1/businesses", headers: owner(), payload: { name } }),
  },
  {
    route: "PATCH /v1/businesses/:businessId",
    field: "body.name",
    send: (name) => ({ method: "PATCH", url: business(), headers: owner(), payload: { name } }),
  },
  {
    route: "POST .../withdrawals",
    field: "body.accountName",
    send: (name) => ({
      method: "POST",
      url: `${business()}/withdrawals`,
      headers: { ...owner(), "idempotency-key": idempotencyKey() },
      payload: withdrawalBody(name),
    }),
  },
  {
    route: "POST .../campaigns",
    field: "body.name",
    send: (name) => ({
      method: "POST",
      url: `${business()}/campaigns`,
      headers: owner(),
      payload: {
        name,
        objective: "traffic",
        budget: { type: "daily", amountMicros: rupiahMicros(50_000) },
        bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(20_000) },
      },
    }),
  },
  {
    route: "PATCH .../campaigns/:campaignId (cities)",
    field: "body.targeting.cities.0",
    send: (city) => ({
      method: "PATCH",
      url: campaign(),
      headers: owner(),
      payload: { targeting: { cities: [city] } },
    }),
  },
  ...(["name", "headline", "text"] as const).map(
    (field): Case => ({
      route: `POST .../ads (${field})`,
      field: `body.${field}`,
      send: (text) => ({
        method: "POST",
        url: `${campaign()}/ads`,
        headers: owner(),
        payload: adBody({ [field]: text }),
      }),
    }),
  ),
  {
    route: "PATCH .../ads/:adId",
    field: "body.headline",
    send: (headline) => ({
      method: "PATCH",
      url: `${campaign()}/ads/${f.adId}`,
      headers: owner(),
      payload: { headline },
    }),
  },
  {
    route: "POST .../creator-requests",
    field: "body.wanted",
    send: (wanted) => ({
      method: "POST",
      url: `${business()}/creator-requests`,
      headers: owner(),
      payload: { ...BRIEF, creatorId: f.creator.id, wanted },
    }),
  },
  {
    route: "POST .../creator-requests/:requestId/messages (business)",
    field: "body.body",
    send: (body) => ({
      method: "POST",
      url: `${business()}/creator-requests/${f.requestId}/messages`,
      headers: owner(),
      payload: { body },
    }),
  },
  {
    route: "POST /v1/creator/requests/:requestId/messages (creator)",
    field: "body.body",
    send: (body) => ({
      method: "POST",
      url: `/v1/creator/requests/${f.requestId}/messages`,
      headers: f.creator.auth,
      payload: { body },
    }),
  },
  {
    route: "PUT /v1/creator/profile",
    field: "body.bio",
    send: (bio) => ({
      method: "PUT",
      url: "/v1/creator/profile",
      headers: f.creator.auth,
      payload: {
        displayName: "Sari",
        handle: f.creator.handle,
        bio,
        niches: ["food_drink"],
        province: "ID-JK",
        languages: ["id"],
        contact: f.creator.contact,
      },
    }),
  },
  {
    route: "POST /v1/admin/reviews/:adId/decision",
    field: "body.note",
    send: (note) => ({
      method: "POST",
      url: `/v1/admin/reviews/${f.adId}/decision`,
      headers: admin(),
      payload: { decision: "reject", version: 1, reasons: ["misleading_claim"], note },
    }),
  },
  {
    route: "POST /v1/admin/businesses/:businessId/suspend",
    field: "body.reason",
    send: (reason) => ({
      method: "POST",
      url: `/v1/admin/businesses/${f.businessId}/suspend`,
      headers: admin(),
      payload: { reason },
    }),
  },
  {
    route: "POST /v1/admin/businesses/:businessId/credits",
    field: "body.reason",
    send: (reason) => ({
      method: "POST",
      url: `/v1/admin/businesses/${f.businessId}/credits`,
      headers: { ...admin(), "idempotency-key": idempotencyKey() },
      payload: {
        amountMicros: rupiahMicros(10_000),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        reason,
      },
    }),
  },
  {
    route: "POST /v1/admin/withdrawals/:withdrawalId/decision",
    field: "body.note",
    send: (note) => ({
      method: "POST",
      url: `/v1/admin/withdrawals/${f.withdrawalId}/decision`,
      headers: admin(),
      payload: { decision: "reject", note },
    }),
  },
  {
    route: "POST /v1/admin/creators/:creatorId/hide",
    field: "body.reason",
    send: (reason) => ({
      method: "POST",
      url: `/v1/admin/creators/${f.creator.id}/hide`,
      headers: admin(),
      payload: { reason },
    }),
  },
  {
    route: "POST /v1/admin/creator-reports/:reportId/resolve",
    field: "body.note",
    send: (note) => ({
      method: "POST",
      url: `/v1/admin/creator-reports/${f.reportId}/resolve`,
      headers: admin(),
      payload: { outcome: "dismissed", note },
    }),
  },
  {
    route: "GET .../campaigns?q=",
    field: "querystring.q",
    send: (text) => ({ method: "GET", url: `${business()}/campaigns?q=${q(text)}`, headers: owner() }),
  },
  {
    route: "GET /v1/admin/businesses?q=",
    field: "querystring.q",
    send: (text) => ({ method: "GET", url: `/v1/admin/businesses?q=${q(text)}`, headers: admin() }),
  },
  {
    route: "GET .../creators?city=",
    field: "querystring.city",
    send: (text) => ({ method: "GET", url: `${business()}/creators?city=${q(text)}`, headers: owner() }),
  },
  // A placement's viewer id lands in the raw events: refused here, it cannot poison a tally batch.
  {
    route: "POST /v1/decisions",
    field: "body.context.viewerId",
    send: (viewerId) => ({
      method: "POST",
      url: "/v1/decisions",
      payload: { placementId: "feed-main", context: { viewerId, province: "ID-JK" } },
    }),
  },
  {
    route: "GET /v1/vast?viewerId=",
    field: "querystring.viewerId",
    send: (text) => ({ method: "GET", url: `/v1/vast?placementId=player&viewerId=${q(text)}` }),
  },
];

describe("text PostgreSQL cannot store is a 400 naming the field", () => {
  describe.each([
    ["a NUL byte", "Warung\u0000Kopi", CASES],
    // A URL carries UTF-8, which has no form for a lone surrogate: only bodies can send one.
    ["an unpaired surrogate", "Warung\ud800Kopi", CASES.filter(({ field }) => field.startsWith("body."))],
  ])("%s", (_what, text, cases) => {
    it.each(cases)("$route refuses $field", async ({ send, field }) => {
      const { payload, ...request } = send(text);
      // JSON.stringify writes a lone surrogate as the escape \ud800, as a client would send it.
      const response = await t.app.inject({
        ...request,
        ...(payload === undefined
          ? {}
          : {
              payload: JSON.stringify(payload),
              headers: { ...request.headers, "content-type": "application/json" },
            }),
      });
      expect(response.statusCode, response.body).toBe(400);
      const problem = expectProblem(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors?.map((error) => error.path)).toContain(field);
    });
  });

  it("refuses an upload whose file name holds a NUL byte", async () => {
    const upload = multipart("file", "kopi\u0000.png", "image/png", makePng(1080, 1920));
    const response = await t.app.inject({
      method: "POST",
      url: `${business()}/uploads`,
      headers: { ...owner(), ...upload.headers },
      payload: upload.payload,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(expectProblem(response).errors?.map((error) => error.path)).toEqual(["file"]);
  });

  it("stores what people type in NFC, trimmed", async () => {
    const decomposed = "  Kafe\u0301 Nusantara  ";
    const response = await t.app.inject({
      method: "PATCH",
      url: "/v1/me",
      headers: owner(),
      payload: { name: decomposed },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().name).toBe("Kaf\u00e9 Nusantara");
  });

  it("refuses a payment notification holding a NUL or a lone surrogate anywhere, and stores nothing", async () => {
    const notification = {
      order_id: "00000000-0000-4000-8000-0000000000aa",
      status_code: "200",
      gross_amount: "10000.00",
      signature_key: "x".repeat(128),
      transaction_status: "settlement",
    };
    for (const [body, path] of [
      [{ ...notification, order_id: "a\u0000b" }, "body.order_id"],
      [
        { ...notification, va_numbers: [{ bank: "bca", va_number: "1\ud800" }] },
        "body.va_numbers.0.va_number",
      ],
      [{ ...notification, "custom\u0000field": "1" }, "body.custom\u0000field"],
    ] as const) {
      const response = await t.app.inject({
        method: "POST",
        url: "/v1/payments/notifications",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(expectProblem(response).errors?.map((error) => error.path)).toContain(path);
    }
  });
});

describe("bad input never answers 500", () => {
  it.each([
    ["PATCH /v1/me", () => "/v1/me"],
    ["PATCH /v1/businesses/:businessId", business],
    ["PATCH .../campaigns/:campaignId", campaign],
    ["PATCH .../ads/:adId", () => `${campaign()}/ads/${f.adId}`],
  ])("%s with an empty body is a 400 saying nothing would change", async (_route, url) => {
    const response = await t.app.inject({ method: "PATCH", url: url(), headers: owner(), payload: {} });
    expect(response.statusCode, response.body).toBe(400);
    const problem = expectProblem(response);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors).toEqual([
      { path: "body", code: "NOTHING_TO_CHANGE", params: {}, message: "must change at least one field" },
    ]);
  });

  it("refuses a creator request budget that is not a number, naming it", async () => {
    const response = await sendBrief(t.app, f.owner, f.businessId, f.creator.id, {
      budgetMinMicros: "lima ratus ribu",
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(expectProblem(response).errors?.map((error) => error.path)).toEqual(["body.budgetMinMicros"]);
  });

  it("answers a 20 KB URL with a 431 problem", async () => {
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const response = await new Promise<{ status?: number; type?: string; body: string }>(
      (resolve, reject) => {
        const request = httpRequest({
          host: "127.0.0.1",
          port,
          path: `/v1/me?q=${"a".repeat(20_000)}`,
        });
        request.on("response", (incoming) => {
          let body = "";
          incoming.on("data", (chunk) => {
            body += chunk;
          });
          incoming.on("end", () =>
            resolve({ status: incoming.statusCode, type: incoming.headers["content-type"], body }),
          );
        });
        request.on("error", reject);
        request.end();
      },
    );
    expect(response.status).toBe(431);
    expect(response.type).toBe("application/problem+json");
    expect(Problem.parse(JSON.parse(response.body)).code).toBe("HEADERS_TOO_LARGE");
    // Over a socket, not inject: held to the spec here, as helpers.ts does for injected answers.
    const seen = { method: "GET", url: "/v1/me", status: 431, contentType: "application/problem+json" };
    expect(specCheckOf(t.app)({ ...seen, body: response.body })).toBeUndefined();
  });
});
