import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createBusinessFor, makeAdmin, signUp, useTestApp } from "./helpers.js";

const t = useTestApp();

async function auditActions(businessId: string): Promise<string[]> {
  const result = await t.app.db.execute(
    sql`select action from audit_log where business_id = ${businessId} order by id`,
  );
  return result.rows.map((row) => String(row.action));
}

async function invite(
  owner: { auth: Record<string, string> },
  businessId: string,
  email: string,
  role: string,
) {
  const response = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/invitations`,
    headers: owner.auth,
    payload: { email, role },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; token: string; inviteUrl: string };
}

async function joinAs(
  role: "owner" | "operator" | "analyst",
  owner: { auth: Record<string, string> },
  businessId: string,
) {
  const member = await signUp(t.app);
  const invitation = await invite(owner, businessId, member.email, role);
  const accepted = await t.app.inject({
    method: "POST",
    url: `/v1/invitations/${invitation.token}/accept`,
    headers: member.auth,
  });
  expect(accepted.statusCode).toBe(200);
  return member;
}

describe("businesses", () => {
  it("creates a business in Asia/Jakarta by default, lists it, and audits the creation", async () => {
    const owner = await signUp(t.app);
    const created = await t.app.inject({
      method: "POST",
      url: "/v1/businesses",
      headers: owner.auth,
      payload: { name: "Toko Batik Sekar" },
    });
    expect(created.statusCode).toBe(201);
    const business = created.json();
    expect(business).toMatchObject({
      name: "Toko Batik Sekar",
      timeZone: "Asia/Jakarta",
      role: "owner",
      status: "active",
    });
    const me = await t.app.inject({ method: "GET", url: "/v1/me", headers: owner.auth });
    expect(me.json().businesses.map((b: { id: string }) => b.id)).toEqual([business.id]);
    expect(await auditActions(business.id)).toEqual(["business.create"]);
  });

  it("renames and changes the time zone, with before and after in the audit log", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner, "Kopi Senja");
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${business.id}`,
      headers: owner.auth,
      payload: { name: "Kopi Senja Makassar", timeZone: "Asia/Makassar" },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: "Kopi Senja Makassar", timeZone: "Asia/Makassar" });
    const [entry] = (
      await t.app.db.execute(
        sql`select before, after, actor_user_id, ip from audit_log where business_id = ${business.id} and action = 'business.update'`,
      )
    ).rows;
    expect(entry).toMatchObject({
      before: { name: "Kopi Senja", timeZone: "Asia/Jakarta" },
      after: { name: "Kopi Senja Makassar", timeZone: "Asia/Makassar" },
      actor_user_id: owner.id,
      ip: "127.0.0.1",
    });
  });

  it("refuses a time zone outside Indonesia's three", async () => {
    const owner = await signUp(t.app);
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/businesses",
      headers: owner.auth,
      payload: { name: "Warung", timeZone: "Europe/London" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe("body.timeZone");
  });
});

describe("tenant isolation", () => {
  it("answers another tenant's business exactly like one that does not exist", async () => {
    const alice = await signUp(t.app);
    const mallory = await signUp(t.app);
    const business = await createBusinessFor(t.app, alice);
    const stranger = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}`,
      headers: mallory.auth,
    });
    const missing = await t.app.inject({
      method: "GET",
      url: "/v1/businesses/00000000-0000-4000-8000-000000000000",
      headers: mallory.auth,
    });
    expect(stranger.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const { requestId: _a, ...strangerBody } = stranger.json();
    const { requestId: _b, ...missingBody } = missing.json();
    expect(strangerBody).toEqual(missingBody);
    const rename = await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${business.id}`,
      headers: mallory.auth,
      payload: { name: "Pwned" },
    });
    expect(rename.statusCode).toBe(404);
    const unchanged = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}`,
      headers: alice.auth,
    });
    expect(unchanged.json().name).toBe("Warung Uji");
  });
});

describe("members, roles and invitations", () => {
  it("invites by a single-use link that only the invited email can accept", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const invitee = await signUp(t.app);
    const other = await signUp(t.app);
    const invitation = await invite(owner, business.id, invitee.email.toUpperCase(), "operator");
    expect(invitation.inviteUrl).toBe(`http://localhost:3000/invite/${invitation.token}`);

    const preview = await t.app.inject({ method: "GET", url: `/v1/invitations/${invitation.token}` });
    expect(preview.json()).toMatchObject({
      businessName: "Warung Uji",
      email: invitee.email,
      role: "operator",
    });

    const wrongAccount = await t.app.inject({
      method: "POST",
      url: `/v1/invitations/${invitation.token}/accept`,
      headers: other.auth,
    });
    expect(wrongAccount.statusCode).toBe(403);

    const accepted = await t.app.inject({
      method: "POST",
      url: `/v1/invitations/${invitation.token}/accept`,
      headers: invitee.auth,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: business.id, role: "operator" });

    const again = await t.app.inject({
      method: "POST",
      url: `/v1/invitations/${invitation.token}/accept`,
      headers: invitee.auth,
    });
    expect(again.statusCode).toBe(404);
    const members = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/members`,
      headers: owner.auth,
    });
    expect(members.json().items.map((m: { role: string }) => m.role)).toEqual(["owner", "operator"]);
    expect(await auditActions(business.id)).toEqual([
      "business.create",
      "invitation.create",
      "invitation.accept",
    ]);
  });

  it("lists pending invitations without their tokens and lets the owner revoke one", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const invitation = await invite(owner, business.id, "kasir@warung.example.id", "analyst");
    const list = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/invitations`,
      headers: owner.auth,
    });
    expect(list.json().items).toHaveLength(1);
    expect(JSON.stringify(list.json())).not.toContain(invitation.token);
    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/v1/businesses/${business.id}/invitations/${invitation.id}`,
      headers: owner.auth,
    });
    expect(revoke.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: "GET", url: `/v1/invitations/${invitation.token}` })).statusCode,
    ).toBe(404);
  });

  it("lets operators read but not manage members; analysts only read", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const operator = await joinAs("operator", owner, business.id);
    const analyst = await joinAs("analyst", owner, business.id);

    for (const member of [operator, analyst]) {
      const read = await t.app.inject({
        method: "GET",
        url: `/v1/businesses/${business.id}/members`,
        headers: member.auth,
      });
      expect(read.statusCode).toBe(200);
      const inviteAttempt = await t.app.inject({
        method: "POST",
        url: `/v1/businesses/${business.id}/invitations`,
        headers: member.auth,
        payload: { email: "x@warung.example.id", role: "owner" },
      });
      expect(inviteAttempt.statusCode).toBe(403);
      expect(inviteAttempt.json().code).toBe("ROLE_NOT_ALLOWED");
      const rename = await t.app.inject({
        method: "PATCH",
        url: `/v1/businesses/${business.id}`,
        headers: member.auth,
        payload: { name: "Mine now" },
      });
      expect(rename.statusCode).toBe(403);
    }
  });

  it("never leaves a business without an owner, even when two owners demote each other at once", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const coOwner = await joinAs("owner", owner, business.id);

    const [a, b] = await Promise.all([
      t.app.inject({
        method: "PATCH",
        url: `/v1/businesses/${business.id}/members/${coOwner.id}`,
        headers: owner.auth,
        payload: { role: "analyst" },
      }),
      t.app.inject({
        method: "PATCH",
        url: `/v1/businesses/${business.id}/members/${owner.id}`,
        headers: coOwner.auth,
        payload: { role: "analyst" },
      }),
    ]);
    // The loser either finds itself no longer an owner (403) or would leave no owner (409).
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const owners = await t.app.db.execute(
      sql`select count(*)::int as n from memberships where business_id = ${business.id} and role = 'owner'`,
    );
    expect(owners.rows[0]?.n).toBe(1);
  });

  it("refuses to remove the last owner, and removes others", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const analyst = await joinAs("analyst", owner, business.id);
    const self = await t.app.inject({
      method: "DELETE",
      url: `/v1/businesses/${business.id}/members/${owner.id}`,
      headers: owner.auth,
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe("LAST_OWNER");
    const removed = await t.app.inject({
      method: "DELETE",
      url: `/v1/businesses/${business.id}/members/${analyst.id}`,
      headers: owner.auth,
    });
    expect(removed.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}`,
      headers: analyst.auth,
    });
    expect(gone.statusCode).toBe(404);
  });
});

describe("audit log", () => {
  it("shows owners their business's log, newest first, with cursor paging", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    for (const name of ["Satu", "Dua", "Tiga"]) {
      await t.app.inject({
        method: "PATCH",
        url: `/v1/businesses/${business.id}`,
        headers: owner.auth,
        payload: { name },
      });
    }
    const first = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/audit?limit=2`,
      headers: owner.auth,
    });
    const firstPage = first.json();
    expect(firstPage.items.map((e: { after: { name: string } }) => e.after.name)).toEqual(["Tiga", "Dua"]);
    expect(firstPage.items[0].actorEmail).toBe(owner.email);
    const second = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/audit?limit=2&cursor=${firstPage.nextCursor}`,
      headers: owner.auth,
    });
    expect(second.json().items.map((e: { action: string }) => e.action)).toEqual([
      "business.update",
      "business.create",
    ]);
    expect(second.json().nextCursor).toBeNull();
    const badCursor = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/audit?cursor=not-a-cursor`,
      headers: owner.auth,
    });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0].path).toBe("query.cursor");
  });

  it("filters the log by who, what and when", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const before = new Date(Date.now() - 1_000).toISOString();
    await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${business.id}`,
      headers: owner.auth,
      payload: { name: "Warung Baru" },
    });
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const actions = async (query: string, caller = owner, base = `/v1/businesses/${business.id}/audit`) => {
      const response = await t.app.inject({ method: "GET", url: `${base}?${query}`, headers: caller.auth });
      expect(response.statusCode, query).toBe(200);
      return response.json().items.map((entry: { action: string }) => entry.action);
    };
    expect(await actions("action=business.update")).toEqual(["business.update"]);
    expect(await actions(`actorUserId=${owner.id}&entityType=business`)).toEqual([
      "business.update",
      "business.create",
    ]);
    expect(await actions(`actorUserId=${admin.id}`)).toEqual([]);
    expect(await actions(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual(
      [],
    );
    expect(await actions(`to=${encodeURIComponent(before)}`)).toEqual([]);
    expect(await actions(`actorUserId=${owner.id}&action=business.create`, admin, "/v1/admin/audit")).toEqual(
      ["business.create"],
    );
    const backwards = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/audit?from=2026-12-02T00:00:00%2B07:00&to=2026-12-01T00:00:00%2B07:00`,
      headers: owner.auth,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe("querystring.to");
  });
  it("exports the filtered log as CSV in both forms, for owners and admins", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${business.id}`,
      headers: owner.auth,
      payload: { name: 'Warung "Baru"; Kopi, Teh' },
    });
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const download = async (url: string, caller = owner) => {
      const response = await t.app.inject({
        method: "GET",
        url,
        headers: { ...caller.auth, accept: "text/csv" },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="sorot-audit.*\.csv"$/);
      expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      return response.body;
    };

    const standard: string[][] = parse(await download(`/v1/businesses/${business.id}/audit`), { bom: true });
    expect(standard[0]).toEqual([
      "created_at",
      "actor_email",
      "actor_user_id",
      "action",
      "entity_type",
      "entity_id",
      "business_id",
      "ip",
      "before",
      "after",
    ]);
    expect(standard.slice(1).map((row) => row[3])).toEqual(["business.update", "business.create"]);
    const update = standard[1] as string[];
    expect(update.slice(1, 4)).toEqual([owner.email, owner.id, "business.update"]);
    expect(JSON.parse(update[9] as string)).toMatchObject({ name: 'Warung "Baru"; Kopi, Teh' });

    const excel: string[][] = parse(
      await download(`/v1/businesses/${business.id}/audit?format=excel-id&action=business.update`),
      { delimiter: ";", bom: true },
    );
    expect(excel[0]?.slice(0, 4)).toEqual(["Waktu", "Email pelaku", "ID pelaku", "Tindakan"]);
    expect(excel).toHaveLength(2);
    expect(excel[1]).toEqual(update);

    const platform: string[][] = parse(
      await download(`/v1/admin/audit?actorUserId=${owner.id}&entityType=business&format=excel-id`, admin),
      { delimiter: ";", bom: true },
    );
    expect(platform.slice(1).map((row) => [row[3], row[6]])).toEqual([
      ["business.update", business.id],
      ["business.create", business.id],
    ]);

    const unknownForm = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/audit?format=xlsx`,
      headers: { ...owner.auth, accept: "text/csv" },
    });
    expect(unknownForm.statusCode).toBe(400);
    expect(unknownForm.json().errors[0].path).toBe("querystring.format");
  });
});
