import type { AddressInfo } from "node:net";
import { Problem } from "@sorot/contracts";
import { describe, expect, it } from "vitest";
import { specCheckOf, useTestApp } from "./helpers.js";
import { specCheckedFetch } from "./spec-check.js";

const t = useTestApp({ METRICS_TOKEN: "foundation-test-token-0123456789ab" });

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(JSON.parse(response.body));
  expect(problem.status).toBe(status);
  expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return problem;
}

describe("operations", () => {
  it("answers /healthz", async () => {
    const response = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz when PostgreSQL and Redis are up", async () => {
    const response = await t.app.inject({ method: "GET", url: "/readyz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", checks: { postgres: "ok", redis: "ok" } });
  });

  it("exposes Prometheus metrics with request latency by route", async () => {
    await t.app.inject({ method: "GET", url: "/healthz" });
    const response = await t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: "Bearer foundation-test-token-0123456789ab" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/sorot_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
    expect(response.body).toContain("sorot_tally_backlog_events");
  });

  it("echoes a request id on every response", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "abc-123" },
    });
    expect(response.headers["x-request-id"]).toBe("abc-123");
  });

  it("serves an OpenAPI 3.1 document and the interactive reference", async () => {
    const document = await t.app.inject({ method: "GET", url: "/openapi.json" });
    expect(document.statusCode).toBe(200);
    const body = document.json();
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toContain("/readyz");
    const docs = await t.app.inject({ method: "GET", url: "/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toMatch(/text\/html/);
  });

  it("tells the truth: problem+json problems, public operations open, uploads multipart, beacons and media documented", async () => {
    const body = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(body.servers).toEqual([{ url: t.app.config.publicUrl }]);
    for (const path of ["/t/i/{token}", "/t/q/{quartile}/{token}", "/t/c/{token}", "/media/{assetId}"]) {
      expect(body.paths[path]?.get?.security, path).toEqual([]);
    }
    expect(body.paths["/v1/auth/login"].post.security).toEqual([]);
    expect(body.paths["/v1/me"].get.security).toEqual([{ bearerAuth: [] }]);
    expect(body.paths["/v1/me"].get.responses).toHaveProperty("401");
    const upload = body.paths["/v1/businesses/{businessId}/uploads"].post;
    expect(upload.requestBody.content["multipart/form-data"].schema.required).toEqual(["file"]);
    for (const [path, methods] of Object.entries<
      Record<string, { responses: Record<string, { content?: object }> }>
    >(body.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries<{ content?: object }>(operation.responses)) {
          if (Number(status) < 400) continue;
          expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual([
            "application/problem+json",
          ]);
        }
      }
    }
  });

  it("holds every response a test receives against the document (an undeclared status fails)", () => {
    const check = specCheckOf(t.app);
    const answer = (status: number, body: string, contentType: string) => ({
      method: "GET",
      url: "/healthz",
      status,
      body,
      contentType,
    });
    expect(check(answer(200, '{"status":"ok"}', "application/json"))).toBe(undefined);
    expect(check(answer(201, "{}", "application/json"))).toMatch(/status not declared/);
    expect(check(answer(200, '{"status":"ok"}', "text/html"))).toMatch(
      /content type text\/html not declared/,
    );
    expect(check(answer(200, '{"status":"up"}', "application/json"))).toMatch(/does not match the spec/);
  });

  it("holds answers that come over a socket to the same document", async () => {
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const checkedFetch = specCheckedFetch(specCheckOf(t.app));
    expect((await checkedFetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const strict = specCheckedFetch((seen) => (seen.status === 200 ? "refused on purpose" : undefined));
    await expect(strict(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(/refused on purpose/);
  });
});

describe("bad input is a problem, never a 500", () => {
  it("answers an unknown route with a 404 problem", async () => {
    const problem = expectProblem(await t.app.inject({ method: "GET", url: "/v1/nothing-here" }), 404);
    expect(problem.code).toBe("ROUTE_NOT_FOUND");
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"email": "a@b.id", ',
    });
    expect(expectProblem(response, 400).code).toBe("MALFORMED_JSON");
  });

  it("answers a wrong content type with a 415 problem", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=a@b.id&password=x",
    });
    expect(expectProblem(response, 415).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses an oversized body with a 413 problem", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/auth/signup",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "a@b.id", password: "x".repeat(2_000_000), name: "Big" }),
    });
    expect(expectProblem(response, 413).code).toBe("BODY_TOO_LARGE");
  });

  it("names each invalid field with its path", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/auth/signup",
      payload: { email: "not-an-email", password: "short", name: "" },
    });
    const problem = expectProblem(response, 400);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      "body.email",
      "body.name",
      "body.password",
    ]);
    expect(problem.errors?.find((error) => error.path === "body.password")).toMatchObject({
      code: "TOO_SMALL",
      params: { origin: "string", minimum: expect.any(Number) },
      message: expect.any(String),
    });
  });
});
