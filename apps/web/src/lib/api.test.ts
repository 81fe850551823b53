import type { Session } from "@sorot/contracts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ApiError,
  apiDownload,
  apiPath,
  apiRequest,
  endSession,
  filenameFrom,
  mayHaveSession,
  onSessionEnded,
  startSession,
} from "./api";

const session = (accessToken: string): Session => ({
  user: {
    id: "5f0c6f8e-8a43-4d3c-9a57-2f8d1b7f3c11",
    email: "sari@warungkopi.id",
    name: "Sari",
    role: "owner",
    locale: "id",
    createdAt: "2026-01-05T02:00:00+00:00",
  },
  accessToken,
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const unauthorized = () =>
  json(401, {
    type: "about:blank",
    title: "Unauthorized",
    status: 401,
    detail: "expired",
    code: "unauthenticated",
  });

const Pong = z.object({ pong: z.boolean() });

/** A fake API: the refresh cookie yields `fresh`, and /v1/ping only answers a request bearing it. */
function fakeApi({ refreshWorks }: { refreshWorks: boolean }) {
  const calls: { path: string; authorization: string | null }[] = [];
  const fetchMock = vi.fn(async (path: string, init: RequestInit) => {
    const authorization = new Headers(init.headers).get("Authorization");
    calls.push({ path, authorization });
    if (path === "/v1/auth/refresh") return refreshWorks ? json(200, session("fresh")) : unauthorized();
    return authorization === "Bearer fresh" ? json(200, { pong: true }) : unauthorized();
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

describe("apiRequest", () => {
  beforeEach(() => startSession(session("stale")));
  afterEach(() => {
    endSession();
    vi.unstubAllGlobals();
  });

  it("refreshes once on a 401 and retries with the new token", async () => {
    const calls = fakeApi({ refreshWorks: true });
    await expect(apiRequest("GET", "/v1/ping", { schema: Pong })).resolves.toEqual({ pong: true });
    expect(calls).toEqual([
      { path: "/v1/ping", authorization: "Bearer stale" },
      { path: "/v1/auth/refresh", authorization: "Bearer stale" },
      { path: "/v1/ping", authorization: "Bearer fresh" },
    ]);
  });

  it("shares one refresh between requests that fail together", async () => {
    const calls = fakeApi({ refreshWorks: true });
    await Promise.all([
      apiRequest("GET", "/v1/ping", { schema: Pong }),
      apiRequest("GET", "/v1/ping", { schema: Pong }),
    ]);
    expect(calls.filter(({ path }) => path === "/v1/auth/refresh")).toHaveLength(1);
  });

  it("ends the session and throws the problem when the refresh cookie is refused", async () => {
    const calls = fakeApi({ refreshWorks: false });
    const ended = vi.fn();
    const stopListening = onSessionEnded(ended);
    await expect(apiRequest("GET", "/v1/ping", { schema: Pong })).rejects.toMatchObject({
      problem: { code: "unauthenticated" },
    });
    stopListening();
    expect(ended).toHaveBeenCalledOnce();
    expect(calls).toHaveLength(2);
  });

  it("does not refresh for the auth routes themselves", async () => {
    const calls = fakeApi({ refreshWorks: true });
    await expect(apiRequest("POST", "/v1/auth/login", { body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(calls.map(({ path }) => path)).toEqual(["/v1/auth/login"]);
  });

  it("makes up a problem when the response has none, keeping Retry-After", async () => {
    vi.stubGlobal(
      "fetch",
      async () =>
        new Response("busy", {
          status: 429,
          statusText: "Too Many Requests",
          headers: { "Retry-After": "7" },
        }),
    );
    await expect(apiRequest("GET", "/v1/ping")).rejects.toMatchObject({
      problem: { status: 429, code: "http_error" },
      retryAfterSeconds: 7,
    });
  });

  it("takes the wait from a problem's retryAfterSeconds, which a cross-origin page can read", async () => {
    const lockout = {
      type: "https://sorot.id/problems/rate-limited",
      title: "Too many attempts",
      status: 429,
      detail: "Too many attempts for this account. Try again in 9 minutes.",
      code: "RATE_LIMITED",
      params: { retryAfterSeconds: 533 },
    };
    vi.stubGlobal("fetch", async () => Response.json(lockout, { status: 429 }));
    await expect(apiRequest("POST", "/v1/auth/login", { body: {} })).rejects.toMatchObject({
      retryAfterSeconds: 533,
    });
  });

  it("reports an unreachable server as a network problem", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(apiRequest("GET", "/v1/ping")).rejects.toMatchObject({ problem: { code: "network_error" } });
  });
});

describe("apiPath", () => {
  it("percent-encodes interpolated values", () => {
    expect(apiPath`/v1/invitations/${"a/b?c"}/accept`).toBe("/v1/invitations/a%2Fb%3Fc/accept");
  });
});

describe("headers and downloads", () => {
  beforeEach(() => startSession(session("fresh")));
  afterEach(() => {
    endSession();
    vi.unstubAllGlobals();
  });

  it("sends extra headers such as the Idempotency-Key", async () => {
    const seen: Headers[] = [];
    vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return json(201, { pong: true });
    });
    await apiRequest("POST", "/v1/ping", {
      body: {},
      schema: Pong,
      headers: { "Idempotency-Key": "abc-123-def" },
    });
    expect(seen[0]?.get("Idempotency-Key")).toBe("abc-123-def");
    expect(seen[0]?.get("Authorization")).toBe("Bearer fresh");
  });

  it("downloads a CSV with the asked-for Accept header and the server's file name", async () => {
    const seen: Headers[] = [];
    vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response("a,b\r\n", {
        status: 200,
        headers: {
          "Content-Type": "text/csv",
          "Content-Disposition": 'attachment; filename="sorot-ledger-1.csv"',
        },
      });
    });
    const { blob, filename } = await apiDownload("/v1/ledger", { accept: "text/csv" });
    expect(seen[0]?.get("Accept")).toBe("text/csv");
    expect(await blob.text()).toBe("a,b\r\n");
    expect(filename).toBe("sorot-ledger-1.csv");
  });

  it("throws the problem when a download fails", async () => {
    vi.stubGlobal("fetch", async () =>
      json(409, {
        type: "about:blank",
        title: "Conflict",
        status: 409,
        detail: "not paid",
        code: "INVALID_STATE",
      }),
    );
    await expect(apiDownload("/v1/receipt", { accept: "text/html" })).rejects.toMatchObject({
      problem: { status: 409, detail: "not paid" },
    });
  });

  it.each([
    ['attachment; filename="ledger.csv"', "ledger.csv"],
    ["attachment; filename=ledger.csv", "ledger.csv"],
    ['attachment; filename="../../etc/passwd"', null],
    [null, null],
  ])("reads the file name of %j as %j", (header, name) => {
    expect(filenameFrom(header)).toBe(name);
  });
});

describe("session hint", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("remembers that this browser holds a session, so a signed-out visit skips the refresh call", () => {
    const stored = new Map<string, string>();
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
      removeItem: (key: string) => stored.delete(key),
    });
    expect(mayHaveSession()).toBe(false);
    startSession(session("first"));
    expect(mayHaveSession()).toBe(true);
    endSession();
    expect(mayHaveSession()).toBe(false);
  });

  it("asks the server when storage is unavailable", () => {
    vi.stubGlobal("localStorage", undefined);
    expect(mayHaveSession()).toBe(true);
  });
});
