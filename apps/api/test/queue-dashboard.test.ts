import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeAdmin, signUp, useTestApp } from "./helpers.js";

const t = useTestApp();

async function ticketOf(authorization: { authorization: string }) {
  const response = await t.app.inject({
    method: "POST",
    url: "/v1/admin/queues/session",
    headers: authorization,
  });
  return { response, cookie: response.cookies.find((cookie) => cookie.name === "sorot_queues") };
}

function openDashboard(url: string, ticket?: string) {
  return t.app.inject({ method: "GET", url, cookies: ticket ? { sorot_queues: ticket } : {} });
}

function expectRefused(response: Awaited<ReturnType<typeof openDashboard>>, status: 401 | 403) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(response.body).not.toContain("__UI_CONFIG__");
}

describe("job queue dashboard", () => {
  it("opens for an admin through a ticket cookie scoped to /admin/queues", async () => {
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const { response, cookie } = await ticketOf(admin.auth);
    expect(response.statusCode).toBe(204);
    expect(cookie).toMatchObject({ path: "/admin/queues", httpOnly: true, sameSite: "Strict" });

    const page = await openDashboard("/admin/queues", cookie?.value);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("__UI_CONFIG__");
    // Nothing from another origin: the CSP would refuse it.
    expect(page.body).not.toMatch(/(href|src)="https?:/);
    const queues = await openDashboard("/admin/queues/api/queues", cookie?.value);
    expect(queues.statusCode).toBe(200);
    expect(
      queues
        .json()
        .queues.map((queue: { name: string }) => queue.name)
        .sort(),
    ).toEqual(["delivery", "notifications", "review", "system", "wallet"]);
  });

  it("refuses the signed out, owners, forged tickets and demoted admins with problem+json", async () => {
    for (const url of ["/admin/queues", "/admin/queues/api/queues", "/admin/queues/static/js/main.js"])
      expectRefused(await openDashboard(url), 401);

    const owner = await signUp(t.app);
    expect((await ticketOf(owner.auth)).response.statusCode).toBe(403);
    expect((await ticketOf({ authorization: "" })).response.statusCode).toBe(401);
    // An owner's access token is no ticket, nor is a ticket with another user's id in it.
    expectRefused(await openDashboard("/admin/queues", owner.accessToken), 401);

    const admin = await makeAdmin(t.app, await signUp(t.app));
    const ticket = (await ticketOf(admin.auth)).cookie?.value ?? "";
    const [, expiresAt, signature] = ticket.split(".");
    expectRefused(await openDashboard("/admin/queues", `${owner.id}.${expiresAt}.${signature}`), 401);
    // Nor does a ticket stand in for an access token.
    const asBearer = await t.app.inject({
      method: "GET",
      url: "/v1/admin/audit",
      headers: { authorization: `Bearer ${ticket}` },
    });
    expect(asBearer.statusCode).toBe(401);

    await t.app.db.execute(sql`update users set role = 'owner' where id = ${admin.id}`);
    expectRefused(await openDashboard("/admin/queues", ticket), 403);
  });
});
