import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signUp, useTestApp } from "./helpers.js";

const t = useTestApp();
const PASSWORD = "kopi susu gula aren 2026";

function refreshWith(cookie: string) {
  return t.app.inject({ method: "POST", url: "/v1/auth/refresh", cookies: { sorot_refresh: cookie } });
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("sign-up", () => {
  it("creates an owner, sets an httpOnly refresh cookie and returns an access token", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/auth/signup",
      payload: { email: "  Siti@Warung.Example.ID ", password: PASSWORD, name: "Siti", locale: "en" },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({
      email: "siti@warung.example.id",
      role: "owner",
      locale: "en",
      name: "Siti",
    });
    expect(body.accessToken.split(".")).toHaveLength(3);
    const cookie = response.cookies.find((c) => c.name === "sorot_refresh");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/v1/auth" });
    const [row] = (await t.app.db.execute(sql`select password_hash from users where id = ${body.user.id}`))
      .rows;
    expect(String(row?.password_hash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("never creates an admin: unknown fields such as role are refused", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/auth/signup",
      payload: { email: "sneaky@warung.example.id", password: PASSWORD, name: "Sneaky", role: "admin" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ path: "body" })]);
    const count = await t.app.db.execute(
      sql`select count(*)::int as n from users where email = 'sneaky@warung.example.id'`,
    );
    expect(count.rows[0]?.n).toBe(0);
  });

  it("treats emails case-insensitively: a second account for the same address is a 409", async () => {
    await signUp(t.app, { email: "budi@warung.example.id" });
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/auth/signup",
      payload: { email: "BUDI@warung.example.id", password: PASSWORD, name: "Budi 2" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "EMAIL_TAKEN", errors: [{ path: "body.email" }] });
  });

  it("refuses short and common passwords next to the password field", async () => {
    for (const password of ["short", "Password123", "bismillah123"]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/v1/auth/signup",
        payload: { email: `weak-${password.length}@warung.example.id`, password, name: "Weak" },
      });
      expect(response.statusCode, password).toBe(400);
      expect(response.json().errors[0].path).toBe("body.password");
    }
  });
});

describe("sign-in and tokens", () => {
  it("signs in with the right password and refuses a wrong one or an unknown email alike", async () => {
    const user = await signUp(t.app);
    const ok = await t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { email: user.email, password: PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const wrong = await t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { email: user.email, password: "not the password" },
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { email: "nobody@warung.example.id", password: PASSWORD },
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "INVALID_CREDENTIALS", status: 401 });
    }
  });

  it("returns the user and their businesses from /v1/me", async () => {
    const user = await signUp(t.app);
    const me = await t.app.inject({ method: "GET", url: "/v1/me", headers: user.auth });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.id, role: "owner" }, businesses: [] });
  });

  it("refuses alg:none, a wrong key, a tampered payload and an expired token", async () => {
    const user = await signUp(t.app);
    const [header, payload] = user.accessToken.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const none = `${base64url({ alg: "none", typ: "JWT" })}.${payload}.`;
    const wrongKeyBody = `${header}.${payload}`;
    const wrongKey = `${wrongKeyBody}.${createHmac("sha256", "not-the-server-secret-not-the-server-secret").update(wrongKeyBody).digest("base64url")}`;
    const tampered = `${header}.${base64url({ ...claims, role: "admin" })}.${user.accessToken.split(".")[2]}`;
    const expired = t.app.jwt.sign({ sub: user.id, role: "owner" }, { expiresIn: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (const token of [none, wrongKey, tampered, expired]) {
      const response = await t.app.inject({
        method: "GET",
        url: "/v1/me",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe("INVALID_TOKEN");
    }
  });

  it("rotates the refresh token on every use", async () => {
    const user = await signUp(t.app);
    const first = await refreshWith(user.refreshCookie);
    expect(first.statusCode).toBe(200);
    const rotated = first.cookies.find((c) => c.name === "sorot_refresh")?.value;
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(user.refreshCookie);
    const second = await refreshWith(rotated as string);
    expect(second.statusCode).toBe(200);
  });

  it("revokes the whole family when a rotated token is presented again", async () => {
    const user = await signUp(t.app);
    const stolenCopy = user.refreshCookie;
    const legit = await refreshWith(user.refreshCookie);
    const current = legit.cookies.find((c) => c.name === "sorot_refresh")?.value as string;

    const replay = await refreshWith(stolenCopy);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe("REFRESH_REUSED");
    // The legitimate holder's newer token died with the family.
    const afterTheft = await refreshWith(current);
    expect(afterTheft.statusCode).toBe(401);
  });

  it("lets only one of two simultaneous refreshes with the same token through", async () => {
    const user = await signUp(t.app);
    const results = await Promise.all([refreshWith(user.refreshCookie), refreshWith(user.refreshCookie)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it("revokes the session on logout", async () => {
    const user = await signUp(t.app);
    const logout = await t.app.inject({
      method: "POST",
      url: "/v1/auth/logout",
      cookies: { sorot_refresh: user.refreshCookie },
    });
    expect(logout.statusCode).toBe(204);
    expect((await refreshWith(user.refreshCookie)).statusCode).toBe(401);
  });

  it("answers a refresh without a cookie with 401", async () => {
    const response = await t.app.inject({ method: "POST", url: "/v1/auth/refresh" });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("SESSION_ENDED");
  });
});
