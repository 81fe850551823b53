import { jobIdFor, queueOf } from "@sorot/jobs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  createAdFor,
  createBusinessFor,
  createCampaignFor,
  makeAdmin,
  type SignedUpUser,
  signUp,
  topUp,
  useTestApp,
} from "../apps/api/test/helpers.js";
import { makePng } from "../apps/api/test/media.js";
import { prescreenVersion } from "../apps/worker/src/jobs/review.prescreen.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

interface Submitted {
  owner: SignedUpUser;
  businessId: string;
  campaignId: string;
  adId: string;
}

async function submittedAd(content: Record<string, string> = {}): Promise<Submitted> {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  const campaign = await createCampaignFor(t.app, owner, business.id);
  const square = { name: "kopi.png", type: "image/png", bytes: makePng(1080, 1080) };
  const ad = await createAdFor(
    t.app,
    owner,
    { businessId: business.id, campaignId: campaign.id },
    content,
    square,
  );
  await topUp(t.app, owner, business.id, 100_000);
  const submit = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/submit`,
    headers: owner.auth,
  });
  expect(submit.statusCode).toBe(200);
  return { owner, businessId: business.id, campaignId: campaign.id, adId: ad.id };
}

const admins: SignedUpUser[] = [];
async function admin(index: number): Promise<SignedUpUser> {
  while (admins.length <= index) admins.push(await makeAdmin(t.app, await signUp(t.app)));
  return admins[index] as SignedUpUser;
}

function open(reviewer: SignedUpUser, adId: string) {
  return t.app.inject({ method: "GET", url: `/v1/admin/reviews/${adId}`, headers: reviewer.auth });
}

function claim(reviewer: SignedUpUser, adId: string) {
  return t.app.inject({ method: "POST", url: `/v1/admin/reviews/${adId}/claim`, headers: reviewer.auth });
}

function decide(reviewer: SignedUpUser, adId: string, body: Record<string, unknown>) {
  return t.app.inject({
    method: "POST",
    url: `/v1/admin/reviews/${adId}/decision`,
    headers: reviewer.auth,
    payload: { version: 1, reasons: [], ...body },
  });
}

function ownerAd(s: Submitted) {
  return t.app.inject({
    method: "GET",
    url: `/v1/businesses/${s.businessId}/campaigns/${s.campaignId}/ads/${s.adId}`,
    headers: s.owner.auth,
  });
}

describe("review queue", () => {
  it("lists ads in review oldest first, with business, format, objective and time waiting", async () => {
    const first = await submittedAd();
    const second = await submittedAd();
    await t.app.db.execute(
      sql`update ad_versions set submitted_at = now() - interval '2 hours' where ad_id = ${first.adId}`,
    );
    const reviewer = await admin(0);
    const queue = await t.app.inject({
      method: "GET",
      url: "/v1/admin/reviews?status=pending",
      headers: reviewer.auth,
    });
    expect(queue.statusCode).toBe(200);
    const ids = queue.json().items.map((item: { adId: string }) => item.adId);
    expect(ids.indexOf(first.adId)).toBeLessThan(ids.indexOf(second.adId));
    const item = queue.json().items.find((entry: { adId: string }) => entry.adId === first.adId);
    expect(item).toMatchObject({ format: "image", objective: "traffic", version: 1, isAppeal: false });
    expect(item.waitingSeconds).toBeGreaterThanOrEqual(7_199);

    const old = await t.app.inject({
      method: "GET",
      url: "/v1/admin/reviews?minWaitMinutes=60",
      headers: reviewer.auth,
    });
    expect(old.json().items.map((entry: { adId: string }) => entry.adId)).toContain(first.adId);
    expect(old.json().items.map((entry: { adId: string }) => entry.adId)).not.toContain(second.adId);
    const owner = await t.app.inject({ method: "GET", url: "/v1/admin/reviews", headers: first.owner.auth });
    expect(owner.statusCode).toBe(403);
  });

  it("opens an ad without claiming it; a decider claims it explicitly, until the claim lapses", async () => {
    const s = await submittedAd();
    const [a, b] = [await admin(0), await admin(1)];
    const opened = await open(a, s.adId);
    expect(opened.json().claim).toEqual({ claimedBy: null, claimedUntil: null, mine: false });
    expect((await open(b, s.adId)).json().claim.claimedBy).toBeNull();

    const claimed = await claim(a, s.adId);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ claimedBy: a.id, mine: true });
    const minutes = (Date.parse(claimed.json().claimedUntil) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4);
    expect(minutes).toBeLessThanOrEqual(5);
    expect((await open(a, s.adId)).json().claim).toMatchObject({ mine: true, claimedBy: a.id });
    expect((await open(b, s.adId)).json().claim).toMatchObject({ mine: false, claimedBy: a.id });
    expect((await claim(a, s.adId)).statusCode).toBe(200);

    const taken = await claim(b, s.adId);
    expect(taken.statusCode).toBe(409);
    expect(taken.headers["content-type"]).toContain("application/problem+json");
    expect(taken.json().code).toBe("CLAIMED_BY_OTHER");
    const blocked = await decide(b, s.adId, { decision: "approve" });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe("CLAIMED_BY_OTHER");

    await t.app.db.execute(
      sql`update ad_versions set claimed_until = now() - interval '1 second' where ad_id = ${s.adId}`,
    );
    expect((await claim(b, s.adId)).json()).toMatchObject({ claimedBy: b.id, mine: true });
    expect((await decide(b, s.adId, { decision: "approve" })).statusCode).toBe(200);
    const decided = await claim(b, s.adId);
    expect(decided.statusCode).toBe(409);
    expect(decided.json().code).toBe("INVALID_STATE");
  });

  it("lets only a permitted decider claim, and marks the reviewer's own businesses in the queue", async () => {
    const s = await submittedAd();
    const other = await submittedAd();
    const insider = await admin(3);
    await t.app.db.execute(
      sql`insert into memberships (user_id, business_id, role) values (${insider.id}, ${s.businessId}, 'analyst')`,
    );
    const refused = await claim(insider, s.adId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("SELF_REVIEW");
    expect((await open(insider, s.adId)).json().claim.claimedBy).toBeNull();

    const queue = await t.app.inject({
      method: "GET",
      url: "/v1/admin/reviews?limit=100",
      headers: insider.auth,
    });
    const own = (adId: string) =>
      queue.json().items.find((item: { adId: string }) => item.adId === adId)?.ownBusiness;
    expect(own(s.adId)).toBe(true);
    expect(own(other.adId)).toBe(false);

    const rejecter = await admin(0);
    await decide(rejecter, other.adId, { decision: "reject", reasons: ["health_claim"] });
    await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${other.businessId}/campaigns/${other.campaignId}/ads/${other.adId}/appeal`,
      headers: other.owner.auth,
      payload: { reason: "Produk kami kopi biasa, tidak ada klaim kesehatan sama sekali." },
    });
    const ownAppeal = await claim(rejecter, other.adId);
    expect(ownAppeal.statusCode).toBe(403);
    expect(ownAppeal.json().code).toBe("OWN_APPEAL");
    const missing = await claim(rejecter, "00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
  });
});

describe("decisions", () => {
  it("approves: the ad delivers, the campaign becomes active, and the owner is notified", async () => {
    const s = await submittedAd();
    const reviewer = await admin(0);
    await open(reviewer, s.adId);
    const approved = await decide(reviewer, s.adId, { decision: "approve" });
    expect(approved.statusCode).toBe(200);
    const ad = (await ownerAd(s)).json();
    expect(ad).toMatchObject({
      reviewStatus: "approved",
      delivering: { version: 1 },
      review: { decision: "approve" },
    });
    const campaign = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${s.businessId}/campaigns/${s.campaignId}`,
      headers: s.owner.auth,
    });
    expect(campaign.json().status).toBe("active");
    const log = await t.app.db.execute(
      sql`select action from audit_log where business_id = ${s.businessId} and action like 'review.%'`,
    );
    expect(log.rows).toEqual([{ action: "review.approve" }]);

    const jobs = await t.app.queue("notifications").getJobs(["waiting"]);
    const kinds = jobs
      .filter((job) => job.data.businessId === s.businessId)
      .map((job) => job.data.kind)
      .sort();
    // The wallet's funding told the owner once too (topup_paid); the decision adds these two.
    expect(kinds).toEqual(["ad_approved", "campaign_started", "topup_paid"]);
  });

  it("rejects with reasons the owner reads with how to fix them, in both languages", async () => {
    const s = await submittedAd();
    const reviewer = await admin(0);
    await open(reviewer, s.adId);
    const rejected = await decide(reviewer, s.adId, {
      decision: "reject",
      reasons: ["misleading_claim", "landing_page_mismatch"],
      note: "Diskon 20% tidak ada di halaman tujuan.",
    });
    expect(rejected.statusCode).toBe(200);
    const ad = (await ownerAd(s)).json();
    expect(ad.reviewStatus).toBe("rejected");
    expect(ad.review).toMatchObject({
      decision: "reject",
      note: "Diskon 20% tidak ada di halaman tujuan.",
      canAppeal: true,
    });
    expect(ad.review.reasons.map((reason: { code: string }) => reason.code)).toEqual([
      "misleading_claim",
      "landing_page_mismatch",
    ]);
    expect(ad.review.reasons[0].howToFix.id.length).toBeGreaterThan(20);
    expect(ad.review.reasons[0].howToFix.en.length).toBeGreaterThan(20);
  });

  it("refuses bad decisions and changes nothing", async () => {
    const s = await submittedAd();
    const reviewer = await admin(0);
    await open(reviewer, s.adId);
    const noReason = await decide(reviewer, s.adId, { decision: "reject", reasons: [] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe("body.reasons");
    const unknownReason = await decide(reviewer, s.adId, { decision: "reject", reasons: ["ugly"] });
    expect(unknownReason.statusCode).toBe(400);
    const stale = await decide(reviewer, s.adId, { decision: "approve", version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("STALE_VERSION");
    expect((await ownerAd(s)).json().reviewStatus).toBe("in_review");

    expect((await decide(reviewer, s.adId, { decision: "approve" })).statusCode).toBe(200);
    const again = await decide(reviewer, s.adId, { decision: "reject", reasons: ["other"] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("INVALID_STATE");
    expect((await ownerAd(s)).json().reviewStatus).toBe("approved");
  });

  it("bans an admin from reviewing a business they belong to", async () => {
    const s = await submittedAd();
    const insider = await admin(2);
    await t.app.db.execute(
      sql`insert into memberships (user_id, business_id, role) values (${insider.id}, ${s.businessId}, 'analyst')`,
    );
    const response = await decide(insider, s.adId, { decision: "approve" });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("SELF_REVIEW");
  });
});

describe("after a rejection", () => {
  it("takes an edited ad back to the queue as a new version", async () => {
    const s = await submittedAd();
    const reviewer = await admin(0);
    await open(reviewer, s.adId);
    await decide(reviewer, s.adId, { decision: "reject", reasons: ["misleading_claim"] });
    const edited = await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${s.businessId}/campaigns/${s.campaignId}/ads/${s.adId}`,
      headers: s.owner.auth,
      payload: { text: "Diskon 10% setiap pagi" },
    });
    expect(edited.json()).toMatchObject({ reviewStatus: "in_review", current: { version: 2 } });
    const item = (await open(reviewer, s.adId)).json();
    expect(item.version).toBe(2);
    expect(item.history.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const reviewerName = (await t.app.inject({ method: "GET", url: "/v1/me", headers: reviewer.auth })).json()
      .user.name;
    // Admins read who decided by name, not by an id.
    expect(item.history.decisions).toMatchObject([
      { version: 1, decision: "reject", reasons: ["misleading_claim"], reviewerName },
    ]);
    expect((await decide(reviewer, s.adId, { decision: "approve", version: 2 })).statusCode).toBe(200);
  });

  it("allows one appeal per version, decided by a different admin", async () => {
    const s = await submittedAd();
    const [first, second] = [await admin(0), await admin(1)];
    await open(first, s.adId);
    await decide(first, s.adId, { decision: "reject", reasons: ["health_claim"] });
    const url = `/v1/businesses/${s.businessId}/campaigns/${s.campaignId}/ads/${s.adId}/appeal`;
    const appeal = await t.app.inject({
      method: "POST",
      url,
      headers: s.owner.auth,
      payload: { reason: "Produk kami kopi biasa, tidak ada klaim kesehatan sama sekali." },
    });
    expect(appeal.statusCode).toBe(200);
    expect(appeal.json()).toMatchObject({
      reviewStatus: "in_review",
      review: { appeal: { status: "pending" } },
    });
    const twice = await t.app.inject({
      method: "POST",
      url,
      headers: s.owner.auth,
      payload: { reason: "Sekali lagi, mohon ditinjau." },
    });
    expect(twice.statusCode).toBe(409);

    await open(first, s.adId);
    const own = await decide(first, s.adId, { decision: "approve" });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe("OWN_APPEAL");
    await open(second, s.adId);
    expect((await decide(second, s.adId, { decision: "approve" })).statusCode).toBe(200);
    expect((await ownerAd(s)).json()).toMatchObject({
      reviewStatus: "approved",
      review: { appeal: { status: "overturned" } },
    });
    const tooLong = await t.app.inject({
      method: "POST",
      url,
      headers: s.owner.auth,
      payload: { reason: "x".repeat(2_001) },
    });
    expect(tooLong.statusCode).toBe(400);
  });
});

describe("pre-screen", () => {
  it("is enqueued for every version that goes to review, on submit and on an edit after it", async () => {
    const s = await submittedAd();
    const queue = t.app.queue(queueOf("review.prescreen"));
    const versionIds = async () =>
      (
        await t.app.db.execute(sql`select id from ad_versions where ad_id = ${s.adId} order by version`)
      ).rows.map((row) => String(row.id));
    const jobFor = async (adVersionId: string | undefined) =>
      (await queue.getJob(jobIdFor("review.prescreen", String(adVersionId))))?.data;

    const [submitted] = await versionIds();
    expect(await jobFor(submitted)).toEqual({ adVersionId: submitted });

    const edit = await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${s.businessId}/campaigns/${s.campaignId}/ads/${s.adId}`,
      headers: s.owner.auth,
      payload: { text: "Diskon 25% setiap pagi" },
    });
    expect(edit.statusCode).toBe(200);
    const [, edited] = await versionIds();
    expect(edited).toBeDefined();
    expect(await jobFor(edited)).toEqual({ adVersionId: edited });
  });

  it("flags policy words in Bahasa Indonesia and English for the reviewer, and runs on demand for the owner", async () => {
    const gambling = await submittedAd({
      headline: "Slot gacor maxwin hari ini",
      text: "Deposit pulsa, pasti JP!!!",
    });
    const loans = await submittedAd({
      headline: "Fast cash loans",
      text: "Guaranteed returns, double your money",
    });
    const clean = await submittedAd();
    for (const s of [gambling, loans, clean]) {
      const [version] = (await t.app.db.execute(sql`select id from ad_versions where ad_id = ${s.adId}`))
        .rows;
      await prescreenVersion(t.app.db, String(version?.id));
    }
    const reviewer = await admin(0);
    const codes = async (s: Submitted) =>
      (await open(reviewer, s.adId)).json().flags.map((flag: { code: string }) => flag.code);
    expect(await codes(gambling)).toEqual(
      expect.arrayContaining(["keyword_gambling", "text_repeated_punctuation"]),
    );
    expect(await codes(loans)).toContain("keyword_unlicensed_finance");
    expect(await codes(clean)).toEqual([]);
    const flagged = await t.app.inject({
      method: "GET",
      url: "/v1/admin/reviews?flag=keyword_gambling",
      headers: reviewer.auth,
    });
    expect(flagged.json().items.map((item: { adId: string }) => item.adId)).toEqual([gambling.adId]);

    const preflight = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${clean.businessId}/prescreen`,
      headers: clean.owner.auth,
      payload: {
        headline: "Obat kuat alami",
        text: "Sembuh total 100% ampuh",
        landingUrl: "https://bit.ly/abc",
      },
    });
    const preflightCodes = preflight.json().flags.map((flag: { code: string }) => flag.code);
    expect(preflightCodes).toEqual(expect.arrayContaining(["keyword_health_claims", "url_shortener"]));
    expect(preflight.json().flags[0].howToFix.id.length).toBeGreaterThan(10);
  });
});

describe("standing and metrics", () => {
  it("suspends a business: it cannot submit, and unsuspending restores it", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const campaign = await createCampaignFor(t.app, owner, business.id);
    const reviewer = await admin(0);
    const suspended = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${business.id}/suspend`,
      headers: reviewer.auth,
      payload: { reason: "Menjual produk terlarang" },
    });
    expect(suspended.json()).toMatchObject({ status: "suspended" });
    const submit = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/submit`,
      headers: owner.auth,
    });
    expect(submit.statusCode).toBe(409);
    expect(submit.json().code).toBe("BUSINESS_SUSPENDED");
    const restored = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${business.id}/unsuspend`,
      headers: reviewer.auth,
    });
    expect(restored.json().status).toBe("active");
  });

  it("notifies a suspension once, however often its job is enqueued again", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const reviewer = await admin(0);
    const standing = (action: "suspend" | "unsuspend") =>
      t.app.inject({
        method: "POST",
        url: `/v1/admin/businesses/${business.id}/${action}`,
        headers: reviewer.auth,
        ...(action === "suspend" ? { payload: { reason: "Menjual produk terlarang" } } : {}),
      });
    const queue = t.app.queue("notifications");
    const suspensionJobs = async () =>
      (await queue.getJobs(["waiting"])).filter(
        (job) => job.data.businessId === business.id && job.data.kind === "business_suspended",
      );
    const suspensions = async () =>
      (
        await t.app.db.execute(
          sql`select id from audit_log where business_id = ${business.id} and action = 'business.suspend' order by id`,
        )
      ).rows.map((row) => String(row.id));

    expect((await standing("suspend")).statusCode).toBe(200);
    const [first] = await suspensions();
    const [job] = await suspensionJobs();
    expect(job?.id).toBe(jobIdFor("notifications.send", `suspended-${first}`));
    expect(job?.data.dedupeKey).toBe(`suspended-${first}`);
    await t.app.enqueue("notifications.send", job?.data, `suspended-${first}`);
    expect(await suspensionJobs()).toHaveLength(1);

    expect((await standing("suspend")).statusCode).toBe(409);
    expect(await suspensionJobs()).toHaveLength(1);
    expect((await standing("unsuspend")).statusCode).toBe(200);
    expect((await standing("suspend")).statusCode).toBe(200);
    const [, second] = await suspensions();
    expect((await suspensionJobs()).map((found) => found.data.dedupeKey).sort()).toEqual(
      [`suspended-${first}`, `suspended-${second}`].sort(),
    );
  });

  it("reports queue length, decision time percentiles and reasons", async () => {
    const reviewer = await admin(0);
    const s = await submittedAd();
    await t.app.db.execute(
      sql`update ad_versions set submitted_at = now() - interval '10 minutes' where ad_id = ${s.adId}`,
    );
    await open(reviewer, s.adId);
    await decide(reviewer, s.adId, { decision: "reject", reasons: ["low_quality_creative"] });
    const metrics = await t.app.inject({
      method: "GET",
      url: "/v1/admin/reviews/metrics",
      headers: reviewer.auth,
    });
    expect(metrics.statusCode).toBe(200);
    const body = metrics.json();
    expect(body.last7Days.decisions).toBeGreaterThan(0);
    expect(body.last7Days.byReason.low_quality_creative).toBeGreaterThanOrEqual(1);
    expect(body.last7Days.p95Seconds).toBeGreaterThanOrEqual(body.last7Days.medianSeconds);
    const promise = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${s.businessId}/review-promise`,
      headers: s.owner.auth,
    });
    expect(promise.json().medianSeconds).toBe(body.last7Days.medianSeconds);
  });
});
