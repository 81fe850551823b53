import { describe, expect, it } from "vitest";
import type { RouteSummary } from "../src/app.js";
import { createBusinessFor, makeAdmin, signUp, useTestApp } from "./helpers.js";

/**
 * Walks every route the app registered (its own route table, so routes added later are covered
 * without touching this file) and checks the access rules hold for each.
 */
const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

const SAMPLE_UUID = "00000000-0000-4000-8000-0000000000aa";

function concreteUrl(route: RouteSummary, businessId: string): string {
  return route.url
    .replace(":businessId", businessId)
    .replace(/:token/g, "x".repeat(43))
    .replace(/:[A-Za-z]+/g, SAMPLE_UUID)
    .replace("*", "anything");
}

/**
 * Routes served but not in the OpenAPI document, each with why. Everything else the app registers
 * must be documented (the plugins' pages by their entry points: /docs, /admin/queues).
 */
const UNDOCUMENTED_ROUTES: [RegExp, string][] = [
  [/^OPTIONS \*$/, "CORS preflight, answered by @fastify/cors for every path"],
  [/^GET \/docs\/.+/, "files and copies (json, yaml) of the Swagger UI at /docs, which reads /openapi.json"],
  [
    /^[A-Z]+ \/admin\/queues\/.+/,
    "bull-board's own files and API behind /admin/queues, the same ticket guarding them",
  ],
  [
    /^GET \/(\*|assets\/\*)?$/,
    "the dashboard's built files (index.html for every client-side route, and its assets)",
  ],
];

function apiRoutes(): RouteSummary[] {
  return t.app.routeTable.filter((route) => route.url.startsWith("/v1/") && route.method !== "HEAD");
}

describe("route walker", () => {
  it("finds the routes of every module", () => {
    const urls = apiRoutes().map((route) => `${route.method} ${route.url}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        "POST /v1/auth/login",
        "GET /v1/me",
        "PATCH /v1/businesses/:businessId",
        "GET /v1/admin/audit",
        "PUT /v1/creator/profile",
        "GET /v1/businesses/:businessId/creators",
        "GET /v1/admin/creator-reports",
      ]),
    );
  });

  it("documents every route it serves in the OpenAPI document, but the ones listed with a reason", () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const served = t.app.routeTable
      .filter((route) => route.method !== "HEAD")
      .map((route) => `${route.method} ${route.url}`);
    const excused = (route: string) => UNDOCUMENTED_ROUTES.some(([pattern]) => pattern.test(route));
    expect(served.filter((route) => !documented.has(route) && !excused(route))).toEqual([]);
    expect(served).toEqual(
      expect.arrayContaining(["GET /openapi.json", "GET /metrics", "GET /docs", "GET /admin/queues"]),
    );
    // Documented only what is served, and every exclusion still matches a route.
    expect([...documented].filter((route) => !served.includes(route))).toEqual([]);
    for (const [pattern, reason] of UNDOCUMENTED_ROUTES) {
      expect(
        served.some((route) => pattern.test(route)),
        reason,
      ).toBe(true);
    }
    const publicOperations = t.app.routeTable.filter((route) => route.access === "public");
    for (const route of publicOperations) {
      const operation = document.paths[route.url.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()] as
        | { security?: unknown[] }
        | undefined;
      if (operation) expect(operation.security, `${route.method} ${route.url}`).toBeDefined();
    }
  });

  it("answers 401 without a token on every route that is not public", async () => {
    const guarded = apiRoutes().filter((route) => route.access !== "public");
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const response = await t.app.inject({
        method: route.method as "GET",
        url: concreteUrl(route, SAMPLE_UUID),
        payload: route.method === "GET" || route.method === "DELETE" ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers["content-type"]).toMatch(/problem\+json/);
    }
  });

  it("answers 404 on every business route called with another owner's token", async () => {
    const alice = await signUp(t.app);
    const mallory = await signUp(t.app);
    const business = await createBusinessFor(t.app, alice);
    const scoped = apiRoutes().filter((route) => route.access === "business");
    expect(scoped.length).toBeGreaterThan(5);
    for (const route of scoped) {
      const response = await t.app.inject({
        method: route.method as "GET",
        url: concreteUrl(route, business.id),
        headers: mallory.auth,
        payload: route.method === "GET" || route.method === "DELETE" ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
    }
  });

  it("answers 403 on every business route called by a creator account, even with a real business id", async () => {
    const owner = await signUp(t.app);
    const creator = await signUp(t.app, { accountKind: "creator" });
    const business = await createBusinessFor(t.app, owner);
    const businessSide = apiRoutes().filter(
      (route) => route.access === "business" || route.access === "business-user",
    );
    expect(businessSide.length).toBeGreaterThan(5);
    for (const route of businessSide) {
      const response = await t.app.inject({
        method: route.method as "GET",
        url: concreteUrl(route, business.id),
        headers: creator.auth,
        payload: route.method === "GET" || route.method === "DELETE" ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().code).toBe("CREATOR_ACCOUNT");
    }
  });

  it("answers 403 on every creator route called by an owner or an admin, and lets a creator through", async () => {
    const owner = await signUp(t.app);
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const creator = await signUp(t.app, { accountKind: "creator" });
    const creatorRoutes = apiRoutes().filter((route) => route.access === "creator");
    expect(creatorRoutes.length).toBeGreaterThan(5);
    for (const route of creatorRoutes) {
      const url = concreteUrl(route, SAMPLE_UUID);
      const method = route.method as "GET";
      const payload = route.method === "GET" ? undefined : {};
      for (const other of [owner, admin]) {
        const refused = await t.app.inject({ method, url, headers: other.auth, payload });
        expect(refused.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(refused.json().code).toBe("CREATOR_ONLY");
      }
      const asCreator = await t.app.inject({ method, url, headers: creator.auth, payload });
      expect(asCreator.statusCode, `${route.method} ${route.url} as creator`).not.toBe(403);
      expect(asCreator.statusCode, `${route.method} ${route.url} as creator`).toBeLessThan(500);
    }
  });

  it("answers 403 on every admin route called by an owner or a creator, and lets an admin through", async () => {
    const owner = await signUp(t.app);
    const creator = await signUp(t.app, { accountKind: "creator" });
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const adminRoutes = apiRoutes().filter((route) => route.access === "admin");
    expect(adminRoutes.length).toBeGreaterThan(0);
    for (const route of adminRoutes) {
      const url = concreteUrl(route, SAMPLE_UUID);
      const method = route.method as "GET";
      const asOwner = await t.app.inject({ method, url, headers: owner.auth });
      expect(asOwner.statusCode, `${route.method} ${route.url}`).toBe(403);
      const asCreator = await t.app.inject({ method, url, headers: creator.auth });
      expect(asCreator.statusCode, `${route.method} ${route.url} as creator`).toBe(403);
      const asAdmin = await t.app.inject({ method, url, headers: admin.auth });
      expect(asAdmin.statusCode, `${route.method} ${route.url} as admin`).not.toBe(403);
    }
  });
});
