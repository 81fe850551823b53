import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NOTIFICATION_KINDS, notificationText } from "@sorot/core";
import { businessAccounts, recordSpend, SYSTEM_ACTOR } from "@sorot/db";
import { JOB_PAYLOADS } from "@sorot/jobs";
import { applyProviderTransaction, withBalanceChanges } from "@sorot/money";
import type { Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createBusinessFor, makeAdmin, type SignedUpUser, signUp } from "../apps/api/test/accounts.js";
import { creatorWithProfile, sendBrief } from "../apps/api/test/creator-helpers.js";
import {
  createAdFor,
  createCampaignFor,
  idempotencyKey,
  openTopUp,
  rupiahMicros,
  topUp,
  useTestApp,
} from "../apps/api/test/helpers.js";
import type { JobContext } from "../apps/worker/src/job.js";
import { sendNotification } from "../apps/worker/src/jobs/notifications.send.js";
import { sweepNotifications } from "../apps/worker/src/jobs/notifications.sweep.js";
import { lowBalance } from "../apps/worker/src/jobs/wallet.low-balance.js";
import { createMailer } from "../apps/worker/src/mail.js";
import { mailNotificationsWith } from "../apps/worker/src/notify.js";
import { jobContextFor } from "./job-context.js";
import { readMailbox } from "./mailbox.js";

/**
 * Every notification that matters, caused by its real event (api routes, money functions, worker
 * jobs over this file's PostgreSQL and Redis) and found twice: in the business's inbox, worded by
 * core's catalogue as the dashboard shows it, and as a mail in the local file mailbox, in Indonesian.
 */
const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const mailDir = mkdtempSync(join(tmpdir(), "sorot-mailbox-"));
let context: JobContext;
let queue: Queue;
let admin: SignedUpUser;

beforeAll(async () => {
  context = {
    ...jobContextFor(t.app),
    mailer: createMailer({ dataDir: mailDir, from: "Sorot <no-reply@sorot.id>" }),
  };
  queue = t.app.queue("notifications");
  admin = await makeAdmin(t.app, await signUp(t.app));
});

/** Runs the queued notifications.send jobs as the worker would, twice each: the second tells nobody. */
async function deliverQueued() {
  for (const job of await queue.getJobs(["waiting", "delayed", "prioritized"])) {
    const payload = JOB_PAYLOADS["notifications.send"].parse(job.data);
    await sendNotification.handle(payload, context);
    await sendNotification.handle(payload, context);
    await job.remove();
  }
}

/** English words Indonesian copy never needs; a leak of the English catalogue would carry them. */
const ENGLISH = /\b(the|your|was|has|and|with|until|balance|approved|request|reviewer)\b/i;

async function inbox(owner: SignedUpUser, businessId: string) {
  const response = await t.app.inject({
    method: "GET",
    url: `/v1/businesses/${businessId}/notifications`,
    headers: owner.auth,
  });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    kind: Parameters<typeof notificationText>[0];
    payload: Record<string, unknown>;
  }[];
}

/** The one in-app notification of that kind and the one mail to `to` that says it, both Indonesian. */
async function toldInIndonesian(
  owner: SignedUpUser,
  businessId: string,
  kind: Parameters<typeof notificationText>[0],
) {
  const items = (await inbox(owner, businessId)).filter((item) => item.kind === kind);
  expect(items).toHaveLength(1);
  const inApp = notificationText(kind, items[0]?.payload ?? {}, "id");
  const mails = readMailbox(mailDir).filter(
    (mail) => mail.to.includes(owner.email) && mail.subject === inApp.title,
  );
  expect(mails).toHaveLength(1);
  const mail = mails[0];
  expect(mail?.text).toBe(inApp.body.join("\n\n"));
  expect(`${mail?.subject}\n${mail?.text}`).not.toMatch(ENGLISH);
  return { inApp, mail: mail as NonNullable<typeof mail> };
}

const inAnHour = () => new Date(Date.now() + 3_600_000);

/** The provider's word that an open top-up was paid, as the webhook or the reconciliation hears it. */
async function paidTopUp(owner: SignedUpUser, businessId: string, rupiah: number) {
  const topup = await openTopUp(t.app, owner, businessId, rupiah);
  return {
    orderId: topup.id,
    transactionStatus: "settlement",
    grossAmount: `${rupiah}.00`,
    instructions: {},
  };
}

async function ownerWithBusiness() {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  return { owner, businessId: business.id as string };
}

describe("notifications, in-app and mailed, in the owner's Indonesian", () => {
  it("a paid top-up, told by its credit, once however often the payment is reported", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const topup = await topUp(t.app, owner, businessId, 150_000);
    // In the inbox with the credit's commit, before any job ran.
    expect((await inbox(owner, businessId)).map((item) => item.kind)).toEqual(["topup_paid"]);
    await deliverQueued();
    for (let retry = 0; retry < 2; retry += 1) {
      const again = await t.app.inject({ method: "POST", url: `/sandbox/pay/${topup.id}/paid` });
      expect(again.statusCode).toBe(303);
      await deliverQueued();
    }
    expect(await sweepNotifications.handle({}, { ...context, clock: () => inAnHour() })).toEqual({ told: 0 });
    const { mail } = await toldInIndonesian(owner, businessId, "topup_paid");
    expect(mail.subject).toBe("Isi saldo berhasil");
    expect(mail.text).toContain("Rp 150.000");
  });

  it("a paid top-up whose mail was lost after the commit is mailed once by the sweep", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const paid = await paidTopUp(owner, businessId, 60_000);
    // Credited as the api does, but the process dies before queueing the mail: no mailer runs.
    const credit = () =>
      withBalanceChanges(t.app.db, t.app.delivery.scripts, (changes) =>
        applyProviderTransaction(t.app.db, changes, paid, SYSTEM_ACTOR),
      );
    expect(await credit()).toBe("credited");
    expect(await credit()).toBe("ignored");
    expect((await inbox(owner, businessId)).map((item) => item.kind)).toEqual(["topup_paid"]);
    expect(await sweepNotifications.handle({}, context)).toEqual({ told: 0 });
    expect(readMailbox(mailDir).filter((mail) => mail.to.includes(owner.email))).toEqual([]);
    const later = { ...context, clock: () => inAnHour() };
    await sweepNotifications.handle({}, later);
    expect(await sweepNotifications.handle({}, later)).toEqual({ told: 0 });
    expect((await toldInIndonesian(owner, businessId, "topup_paid")).mail.text).toContain("Rp 60.000");
  });

  it("a top-up the worker's reconciliation credits is mailed by that job", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const settled = await paidTopUp(owner, businessId, 80_000);
    for (let run = 0; run < 2; run += 1) {
      await withBalanceChanges(
        t.app.db,
        t.app.delivery.scripts,
        (changes) => applyProviderTransaction(t.app.db, changes, settled, SYSTEM_ACTOR),
        mailNotificationsWith(t.app.db, context.mailer),
      );
    }
    expect((await toldInIndonesian(owner, businessId, "topup_paid")).mail.text).toContain("Rp 80.000");
  });

  it("promo credit granted, and a warning once before it expires", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const granted = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${businessId}/credits`,
      headers: { ...admin.auth, "idempotency-key": idempotencyKey() },
      payload: {
        amountMicros: rupiahMicros(50_000),
        expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        reason: "Promo pembukaan",
      },
    });
    expect(granted.statusCode).toBe(201);
    await deliverQueued();
    const grant = await toldInIndonesian(owner, businessId, "promo_granted");
    expect(grant.mail.text).toContain("kredit promo Rp 50.000");

    await sweepNotifications.handle({}, context);
    await sweepNotifications.handle({}, context);
    const expiring = await toldInIndonesian(owner, businessId, "promo_expiring");
    expect(expiring.mail.subject).toBe("Kredit promo segera berakhir");
  });

  it("a withdrawal approved, and one refused with its reason", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    await topUp(t.app, owner, businessId, 200_000);
    const decide = async (decision: "approve" | "reject", note?: string) => {
      const requested = await t.app.inject({
        method: "POST",
        url: `/v1/businesses/${businessId}/withdrawals`,
        headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
        payload: {
          amountMicros: rupiahMicros(40_000),
          bankCode: "bca",
          accountNumber: "1234567890",
          accountName: "Sari Dewi",
        },
      });
      expect(requested.statusCode).toBe(201);
      const decided = await t.app.inject({
        method: "POST",
        url: `/v1/admin/withdrawals/${requested.json().id}/decision`,
        headers: admin.auth,
        payload: { decision, ...(note ? { note } : {}) },
      });
      expect(decided.statusCode).toBe(200);
    };
    await decide("approve");
    await decide("reject", "Nama pemilik rekening tidak sama dengan nama usaha.");
    await deliverQueued();
    expect((await toldInIndonesian(owner, businessId, "withdrawal_approved")).mail.text).toContain(
      "Rp 40.000",
    );
    const refused = await toldInIndonesian(owner, businessId, "withdrawal_rejected");
    expect(refused.mail.text).toContain("ditolak: Nama pemilik rekening tidak sama dengan nama usaha.");
  });

  it("an ad approved and an ad rejected with how to fix it", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    await topUp(t.app, owner, businessId, 100_000);
    const campaign = await createCampaignFor(t.app, owner, businessId);
    const first = await createAdFor(t.app, owner, { businessId, campaignId: campaign.id });
    const second = await createAdFor(
      t.app,
      owner,
      { businessId, campaignId: campaign.id },
      { name: "Kopi 2" },
    );
    const submit = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${businessId}/campaigns/${campaign.id}/submit`,
      headers: owner.auth,
    });
    expect(submit.statusCode).toBe(200);
    for (const [adId, body] of [
      [first.id, { decision: "approve", reasons: [] }],
      [second.id, { decision: "reject", reasons: ["health_claim"], note: "Hapus kata 'pasti sembuh'." }],
    ] as const) {
      await t.app.inject({
        method: "GET",
        url: `/v1/admin/reviews/${adId}`,
        headers: admin.auth,
      });
      const decided = await t.app.inject({
        method: "POST",
        url: `/v1/admin/reviews/${adId}/decision`,
        headers: admin.auth,
        payload: { version: 1, ...body },
      });
      expect(decided.statusCode).toBe(200);
    }
    await deliverQueued();
    await toldInIndonesian(owner, businessId, "ad_approved");
    const rejected = await toldInIndonesian(owner, businessId, "ad_rejected");
    expect(rejected.mail.text).toContain("Cara memperbaikinya:");
    expect(rejected.mail.text).toContain("Catatan peninjau: Hapus kata 'pasti sembuh'.");
  });

  it.each([
    // Rp 95.000 of Rp 100.000 spent over the last week: what is left lasts under a day.
    [95_000_000_000n, "habis hari ini"],
    // Rp 75.000 spent: Rp 25.000 left at about Rp 11.000 a day.
    [75_000_000_000n, "cukup ±2 hari"],
  ])("a balance running out (%s micros spent of Rp 100.000): %s", async (spentMicros, runway) => {
    const { owner, businessId } = await ownerWithBusiness();
    await topUp(t.app, owner, businessId, 100_000);
    await t.app.db.execute(
      sql`insert into campaigns (business_id, name, objective, status, budget_type, budget_micros, billing_event, bid_micros, targeting)
          values (${businessId}, 'Kopi', 'traffic', 'active', 'daily', 50000000000, 'cpm', 20000000000, '{}'::jsonb)`,
    );
    await t.app.db.transaction(async (tx) => {
      await businessAccounts(tx, businessId, { lock: true });
      await recordSpend(tx, {
        businessId,
        amountMicros: spentMicros,
        idempotencyKey: `spend-low-${businessId}`,
        causeType: "test",
        causeId: "1",
        at: new Date(Date.now() - 6.5 * 86_400_000),
      });
    });
    await lowBalance.handle({}, context);
    await lowBalance.handle({}, context);
    const { mail } = await toldInIndonesian(owner, businessId, "low_balance");
    expect(mail.text).toContain(`saldo Anda ${runway}.`);
    expect(mail.text).not.toMatch(/\b0 hari/);
  });

  it("an operator's budget raise: asked (to the owners), then turned down and approved (to the operator)", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const operator = await signUp(t.app, { name: "Dewi Operator" });
    const invited = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${businessId}/invitations`,
      headers: owner.auth,
      payload: { email: operator.email, role: "operator" },
    });
    const accepted = await t.app.inject({
      method: "POST",
      url: `/v1/invitations/${invited.json().token}/accept`,
      headers: operator.auth,
    });
    expect(accepted.statusCode).toBe(200);
    const campaign = await createCampaignFor(t.app, owner, businessId, { name: "Kopi Pagi" });
    const campaignUrl = `/v1/businesses/${businessId}/campaigns/${campaign.id}`;
    const raiseTo = async (rupiah: number) => {
      const raised = await t.app.inject({
        method: "PATCH",
        url: campaignUrl,
        headers: operator.auth,
        payload: { budget: { type: "daily", amountMicros: rupiahMicros(rupiah) } },
      });
      expect(raised.statusCode).toBe(200);
      return raised.json().pendingBudgetRequest.id as string;
    };
    const decide = async (requestId: string, decision: "approve" | "reject") => {
      const decided = await t.app.inject({
        method: "POST",
        url: `${campaignUrl}/budget-requests/${requestId}/decision`,
        headers: owner.auth,
        payload: { decision },
      });
      expect(decided.statusCode).toBe(200);
    };

    await decide(await raiseTo(80_000), "reject");
    await deliverQueued();
    const asked = await toldInIndonesian(owner, businessId, "budget_request_proposed");
    expect(asked.mail.subject).toBe('Permintaan kenaikan anggaran "Kopi Pagi"');
    expect(asked.mail.text).toContain("Dewi Operator meminta anggaran kampanye");
    expect(asked.mail.text).toContain("dari Rp 50.000 menjadi Rp 80.000");

    await decide(await raiseTo(120_000), "approve");
    await deliverQueued();
    const decisions = (await inbox(owner, businessId)).filter(
      (item) => item.kind === "budget_request_decided",
    );
    expect(decisions.map((item) => item.payload.decision)).toEqual(["approved", "rejected"]);
    const mailed = readMailbox(mailDir).filter((mail) => mail.to.includes(operator.email));
    for (const decision of decisions) {
      const text = notificationText("budget_request_decided", decision.payload, "id");
      const mail = mailed.filter((one) => one.subject === text.title);
      expect(mail).toHaveLength(1);
      expect(mail[0]?.text).toBe(text.body.join("\n\n"));
      expect(`${mail[0]?.subject}\n${mail[0]?.text}`).not.toMatch(ENGLISH);
    }
    expect(mailed.map((mail) => mail.subject).sort()).toEqual([
      'Kenaikan anggaran "Kopi Pagi" disetujui',
      'Kenaikan anggaran "Kopi Pagi" ditolak',
      "Undangan bergabung dengan Warung Uji di Sorot",
    ]);
    // Decisions are the asker's news: the owner who made them gets no mail of them.
    expect(readMailbox(mailDir).filter((mail) => mail.to.includes(owner.email))).toHaveLength(2);
  });

  it("a brief to a creator (mailed to the creator) and the creator's answer (to the business)", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const creator = await creatorWithProfile(t.app);
    const sent = await sendBrief(t.app, owner, businessId, creator.id);
    expect(sent.statusCode).toBe(201);
    await deliverQueued();
    const proposal = readMailbox(mailDir).filter((mail) => mail.to.includes(creator.email));
    expect(proposal).toHaveLength(1);
    expect(proposal[0]?.subject).toBe("Permintaan kerja sama dari Warung Uji");
    expect(proposal[0]?.text).toContain("anggaran Rp 500.000 sampai Rp 1.500.000");
    expect(proposal[0]?.text).not.toMatch(ENGLISH);

    const decided = await t.app.inject({
      method: "POST",
      url: `/v1/creator/requests/${sent.json().id}/decision`,
      headers: creator.auth,
      payload: { decision: "decline", note: "Jadwal saya penuh bulan ini." },
    });
    expect(decided.statusCode).toBe(200);
    await deliverQueued();
    const answer = await toldInIndonesian(owner, businessId, "creator_request_decided");
    expect(answer.mail.subject).toContain("menolak permintaan Anda");
    expect(answer.mail.text).toContain("Pesan: Jadwal saya penuh bulan ini.");
  });

  it("an invitation mailed to the invitee with its link", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const email = `undangan-${Date.now()}@warung.example.id`;
    const invited = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${businessId}/invitations`,
      headers: owner.auth,
      payload: { email, role: "operator" },
    });
    expect(invited.statusCode).toBe(201);
    await deliverQueued();
    const mails = readMailbox(mailDir).filter((mail) => mail.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Undangan bergabung dengan Warung Uji di Sorot");
    expect(mails[0]?.text).toContain(invited.json().inviteUrl);
    expect(mails[0]?.text).not.toMatch(ENGLISH);
  });

  it("a business suspended, with its reason", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    const suspended = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${businessId}/suspend`,
      headers: admin.auth,
      payload: { reason: "Menjual produk terlarang" },
    });
    expect(suspended.statusCode).toBe(200);
    await deliverQueued();
    const { mail } = await toldInIndonesian(owner, businessId, "business_suspended");
    expect(mail.text).toContain("Bisnis Anda ditangguhkan: Menjual produk terlarang.");
  });

  it("mails an owner who reads English in English, and no one twice", async () => {
    const { owner, businessId } = await ownerWithBusiness();
    await t.app.inject({ method: "PATCH", url: "/v1/me", headers: owner.auth, payload: { locale: "en" } });
    await topUp(t.app, owner, businessId, 75_000);
    await deliverQueued();
    const mails = readMailbox(mailDir).filter((mail) => mail.to.includes(owner.email));
    expect(mails.map((mail) => mail.subject)).toEqual(["Top-up received"]);
  });

  it("has caused every kind of the catalogue above", async () => {
    const inApp = await t.app.db.execute(sql`select distinct kind from notifications`);
    // Mailed to one person outside any business, so in no inbox: a brief and an invitation.
    const mailedOnly = ["creator_request_proposed", "invitation"];
    expect([...inApp.rows.map((row) => String(row.kind)), ...mailedOnly].sort()).toEqual(
      [...NOTIFICATION_KINDS].sort(),
    );
  });
});
