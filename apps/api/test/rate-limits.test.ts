import { describe, expect, it } from "vitest";
import { signUp, useTestApp } from "./helpers.js";

const t = useTestApp({ AUTH_ATTEMPTS_PER_EMAIL_PER_15_MINUTES: "3", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "6" });

describe("rate limits", () => {
  it("limits sign-in attempts per email with 429 and Retry-After", async () => {
    const user = await signUp(t.app);
    const attempt = () =>
      t.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        payload: { email: user.email, password: "wrong password" },
      });
    // sign-up counted once for this email already
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("counts failed sign-ins only, and says the wait in minutes", async () => {
    const user = await signUp(t.app);
    // Two addresses, so the per-IP limit (6 a minute here) stays out of the way.
    const attempt = (password: string, remoteAddress: string) =>
      t.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        remoteAddress,
        payload: { email: user.email, password },
      });
    for (let n = 0; n < 5; n++) {
      expect((await attempt("kopi susu gula aren 2026", "10.1.2.3")).statusCode).toBe(200);
    }
    const failures: number[] = [];
    for (let n = 0; n < 4; n++) failures.push((await attempt("wrong password", "10.1.2.4")).statusCode);
    expect(failures).toEqual([401, 401, 401, 429]);
    // Locked out: even the right password waits.
    const limited = await attempt("kopi susu gula aren 2026", "10.1.2.4");
    expect(limited.statusCode).toBe(429);
    const { retryAfterSeconds } = limited.json().params;
    expect(retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(limited.headers["retry-after"]).toBe(String(retryAfterSeconds));
    expect(limited.json().detail).toBe("Too many attempts for this account. Try again in 15 minutes.");
  });

  it("limits attempts per IP across emails", async () => {
    const fromOneIp = (n: number) =>
      t.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        remoteAddress: "10.9.8.7",
        payload: { email: `someone${n}@warung.example.id`, password: "whatever password" },
      });
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) statuses.push((await fromOneIp(n)).statusCode);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const limited = await fromOneIp(99);
    expect(limited.headers["retry-after"]).toBeDefined();
    expect(limited.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("sends security headers", async () => {
    const response = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["strict-transport-security"]).toBeDefined();
  });

  it("allows CORS only for the dashboard's origin", async () => {
    const allowed = await t.app.inject({
      method: "OPTIONS",
      url: "/v1/me",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "GET" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    const other = await t.app.inject({
      method: "OPTIONS",
      url: "/v1/me",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
