import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creatorWithProfile, sendBrief } from "./creator-helpers.js";
import { createBusinessFor, makeAdmin, signUp, useTestApp } from "./helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

function post(url: string, auth: { authorization: string }, payload?: object) {
  return t.app.inject({ method: "POST", url, headers: auth, payload });
}

async function auditActions(entityType: string, entityId: string) {
  const result = await t.app.db.execute(
    sql`select action from audit_log where entity_type = ${entityType} and entity_id = ${entityId} order by id`,
  );
  return (result.rows as { action: string }[]).map(({ action }) => action);
}

async function acceptedRequest() {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner, "Toko Batik");
  const creator = await creatorWithProfile(t.app);
  const request = (await sendBrief(t.app, owner, business.id, creator.id)).json();
  await post(`/v1/creator/requests/${request.id}/decision`, creator.auth, { decision: "accept" });
  return { owner, business, creator, requestId: request.id as string };
}

describe("reports and moderation", () => {
  it("reach the admin queue from both sides, with what they are about", async () => {
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const { owner, business, creator, requestId } = await acceptedRequest();

    const profileReport = await post(
      `/v1/businesses/${business.id}/creators/${creator.id}/report`,
      owner.auth,
      {
        reason: "impersonation",
        details: "Memakai foto kreator lain.",
      },
    );
    expect(profileReport.statusCode, profileReport.body).toBe(201);

    const message = (
      await post(`/v1/businesses/${business.id}/creator-requests/${requestId}/messages`, owner.auth, {
        body: "Transfer ke rekening pribadi saya ya, jangan lewat mana-mana.",
      })
    ).json();
    const messageReport = await post(`/v1/creator/requests/${requestId}/report`, creator.auth, {
      reason: "scam",
      messageId: message.id,
    });
    expect(messageReport.statusCode, messageReport.body).toBe(201);

    const queue = await t.app.inject({
      method: "GET",
      url: "/v1/admin/creator-reports",
      headers: admin.auth,
    });
    expect(queue.statusCode).toBe(200);
    const items = queue.json().items as { id: string; target: string }[];
    expect(items.map(({ target }) => target)).toEqual(["profile", "message"]);
    expect(queue.json().items[1]).toMatchObject({
      reason: "scam",
      reporter: { side: "creator", email: creator.email },
      business: { id: business.id, status: "active" },
      messageBody: message.body,
      requestId,
    });
    expect(await auditActions("creator_report", profileReport.json().id)).toEqual(["creator_report.create"]);

    const resolved = await post(`/v1/admin/creator-reports/${items[0]?.id}/resolve`, admin.auth, {
      outcome: "dismissed",
      note: "Foto milik kreator sendiri.",
    });
    expect(resolved.json()).toMatchObject({
      status: "dismissed",
      resolutionNote: "Foto milik kreator sendiri.",
    });
    const again = await post(`/v1/admin/creator-reports/${items[0]?.id}/resolve`, admin.auth, {
      outcome: "actioned",
    });
    expect(again.statusCode).toBe(409);
    const open = await t.app.inject({ method: "GET", url: "/v1/admin/creator-reports", headers: admin.auth });
    expect(open.json().items.map(({ id }: { id: string }) => id)).toEqual([items[1]?.id]);
    const done = await t.app.inject({
      method: "GET",
      url: "/v1/admin/creator-reports?status=resolved",
      headers: admin.auth,
    });
    expect(done.json().items.map(({ id }: { id: string }) => id)).toEqual([items[0]?.id]);
  });

  it("refuse a message of another request, and reports of requests the caller is not party to", async () => {
    const reports = async () => {
      const count = await t.app.db.execute(sql`select count(*)::int as n from creator_reports`);
      return (count.rows[0] as { n: number }).n;
    };
    const before = await reports();
    const first = await acceptedRequest();
    const second = await acceptedRequest();
    const message = (
      await post(`/v1/creator/requests/${second.requestId}/messages`, second.creator.auth, { body: "Halo" })
    ).json();
    const wrongThread = await post(`/v1/creator/requests/${first.requestId}/report`, first.creator.auth, {
      reason: "spam",
      messageId: message.id,
    });
    expect(wrongThread.statusCode).toBe(404);
    const notMine = await post(`/v1/creator/requests/${second.requestId}/report`, first.creator.auth, {
      reason: "spam",
    });
    expect(notMine.statusCode).toBe(404);
    const oversized = await post(`/v1/creator/requests/${first.requestId}/report`, first.creator.auth, {
      reason: "spam",
      details: "x".repeat(1001),
    });
    expect(oversized.statusCode).toBe(400);
    expect(await reports()).toBe(before);
  });

  it("lets admins hide a profile (out of the directory) and suspend a creator (out of creator routes), audited", async () => {
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const { owner, business, creator, requestId } = await acceptedRequest();
    const directory = async () =>
      (
        await t.app.inject({
          method: "GET",
          url: `/v1/businesses/${business.id}/creators?q=${creator.handle}`,
          headers: owner.auth,
        })
      ).json().items as unknown[];
    expect(await directory()).toHaveLength(1);

    const hidden = await post(`/v1/admin/creators/${creator.id}/hide`, admin.auth, {
      reason: "Foto menyesatkan",
    });
    expect(hidden.json()).toMatchObject({ hidden: true, hiddenReason: "Foto menyesatkan", suspended: false });
    expect(await directory()).toHaveLength(0);
    expect(
      (await post(`/v1/admin/creators/${creator.id}/hide`, admin.auth, { reason: "Lagi" })).statusCode,
    ).toBe(409);
    const own = await t.app.inject({ method: "GET", url: "/v1/creator/profile", headers: creator.auth });
    expect(own.json().hidden).toBe(true);

    const suspended = await post(`/v1/admin/creators/${creator.id}/suspend`, admin.auth, {
      reason: "Penipuan",
    });
    expect(suspended.json()).toMatchObject({ suspended: true, suspensionReason: "Penipuan" });
    const refused = await t.app.inject({ method: "GET", url: "/v1/creator/requests", headers: creator.auth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("ACCOUNT_SUSPENDED");
    const message = await post(`/v1/creator/requests/${requestId}/messages`, creator.auth, { body: "Halo?" });
    expect(message.statusCode).toBe(403);

    await post(`/v1/admin/creators/${creator.id}/unsuspend`, admin.auth);
    await post(`/v1/admin/creators/${creator.id}/unhide`, admin.auth);
    expect(await directory()).toHaveLength(1);
    expect(await auditActions("creator_profile", creator.id)).toEqual([
      "creator.profile.create",
      "creator.hide",
      "creator.suspend",
      "creator.unsuspend",
      "creator.unhide",
    ]);
  });

  it("keeps suspended businesses from sending briefs", async () => {
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const creator = await creatorWithProfile(t.app);
    await post(`/v1/admin/businesses/${business.id}/suspend`, admin.auth, { reason: "Laporan penipuan" });
    const response = await sendBrief(t.app, owner, business.id, creator.id);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("BUSINESS_SUSPENDED");
  });

  it("lets operators send briefs and analysts only read", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const creator = await creatorWithProfile(t.app);
    const analyst = await signUp(t.app);
    await t.app.db.execute(
      sql`insert into memberships (user_id, business_id, role) values (${analyst.id}, ${business.id}, 'analyst')`,
    );
    const list = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/creators`,
      headers: analyst.auth,
    });
    expect(list.statusCode).toBe(200);
    const send = await sendBrief(t.app, analyst, business.id, creator.id);
    expect(send.statusCode).toBe(403);
    expect(send.json().code).toBe("ROLE_NOT_ALLOWED");
  });
});
