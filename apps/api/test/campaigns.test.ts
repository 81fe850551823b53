import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  createBusinessFor,
  createCampaignFor,
  DEFAULT_CAMPAIGN,
  rupiahMicros,
  type SignedUpUser,
  signUp,
  topUp,
  useTestApp,
} from "./helpers.js";
import { makePng, multipart } from "./media.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

async function setup() {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  return { owner, business };
}

async function uploadPng(user: SignedUpUser, businessId: string) {
  const body = multipart("file", "kopi.png", "image/png", makePng(1080, 1080));
  const response = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/uploads`,
    headers: { ...user.auth, ...body.headers },
    payload: body.payload,
  });
  return response.json().assetId as string;
}

async function addAd(
  user: SignedUpUser,
  businessId: string,
  campaignId: string,
  overrides: Record<string, unknown> = {},
) {
  const assetId = await uploadPng(user, businessId);
  const response = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/campaigns/${campaignId}/ads`,
    headers: user.auth,
    payload: {
      name: "Kopi 1",
      assetId,
      headline: "Kopi susu gula aren",
      text: "Diskon 20% setiap pagi",
      callToAction: "order_now",
      landingUrl: "https://kopi.example/menu",
      ...overrides,
    },
  });
  return response;
}

function campaignUrl(businessId: string, campaignId: string, suffix = "") {
  return `/v1/businesses/${businessId}/campaigns/${campaignId}${suffix}`;
}

async function join(owner: SignedUpUser, businessId: string, role: "operator" | "analyst") {
  const member = await signUp(t.app);
  const invitation = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/invitations`,
    headers: owner.auth,
    payload: { email: member.email, role },
  });
  await t.app.inject({
    method: "POST",
    url: `/v1/invitations/${invitation.json().token}/accept`,
    headers: member.auth,
  });
  return member;
}

describe("campaigns", () => {
  it("creates a draft with spend, worst case and ad counts, in exact budget arithmetic", async () => {
    const { owner, business } = await setup();
    const response = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns`,
      headers: owner.auth,
      payload: DEFAULT_CAMPAIGN,
    });
    expect(response.statusCode).toBe(201);
    const campaign = response.json();
    expect(campaign).toMatchObject({
      status: "draft",
      spendTodayMicros: "0",
      spendTotalMicros: "0",
      pacing: "standard",
      budget: { type: "daily", amountMicros: rupiahMicros(50_000) },
      targeting: { provinces: ["ID-JK"], cities: [], interests: [] },
      worstCase: {
        todayMicros: rupiahMicros(50_000),
        next7DaysMicros: rupiahMicros(350_000),
        totalMicros: null,
      },
      adCounts: { total: 0 },
    });
  });

  it("names every broken rule at once: budget minimum, lifetime without end, unknown targeting", async () => {
    const { owner, business } = await setup();
    const tooSmall = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns`,
      headers: owner.auth,
      payload: { ...DEFAULT_CAMPAIGN, budget: { type: "daily", amountMicros: rupiahMicros(19_999) } },
    });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().errors).toEqual(
      expect.arrayContaining([
        {
          path: "body.budget.amountMicros",
          code: "BUDGET_BELOW_MINIMUM",
          params: { minimumMicros: "20000000000" },
          message: expect.stringMatching(/20\.000/),
        },
      ]),
    );

    const lifetime = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns`,
      headers: owner.auth,
      payload: {
        ...DEFAULT_CAMPAIGN,
        budget: { type: "lifetime", amountMicros: rupiahMicros(100_000) },
        targeting: { provinces: ["ID-XX"], ageBands: ["13-17"] },
      },
    });
    expect(lifetime.statusCode).toBe(400);
    const paths = lifetime.json().errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["body.targeting.ageBands.0"]));

    const noEnd = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns`,
      headers: owner.auth,
      payload: { ...DEFAULT_CAMPAIGN, budget: { type: "lifetime", amountMicros: rupiahMicros(100_000) } },
    });
    expect(noEnd.json().errors).toContainEqual({
      path: "body.schedule.endAt",
      code: "LIFETIME_END_REQUIRED",
      params: {},
      message: "is required for a lifetime budget",
    });
  });

  it("estimates audience and reach live, and flags problems without failing", async () => {
    const { owner, business } = await setup();
    const response = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns/estimate`,
      headers: owner.auth,
      payload: {
        targeting: { provinces: ["ID-JK"], ageBands: ["25-34"] },
        budget: { type: "daily", amountMicros: rupiahMicros(50_000) },
        bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(20_000) },
      },
    });
    expect(response.statusCode).toBe(200);
    const estimate = response.json();
    expect(estimate.populationHigh).toBeGreaterThan(estimate.populationLow);
    expect(estimate.dailyReachHigh).toBeGreaterThan(0);
    expect(estimate.dailyReachHigh).toBeLessThanOrEqual(estimate.populationHigh);
    expect(estimate).toMatchObject({ availability: "estimated", citiesWithoutFigure: [], problems: [] });
  });

  it("says the estimate is not available for a regency without a census figure, never a guess", async () => {
    const { owner, business } = await setup();
    const estimateOf = async (cities: string[]) => {
      const response = await t.app.inject({
        method: "POST",
        url: `/v1/businesses/${business.id}/campaigns/estimate`,
        headers: owner.auth,
        payload: {
          targeting: { provinces: ["ID-JB"], cities },
          budget: { type: "daily", amountMicros: rupiahMicros(50_000) },
        },
      });
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    // Kabupaten Garut (32.05) has no figure in Sorot's census table; Kota Bandung (32.73) has one.
    expect(await estimateOf(["32.73", "32.05"])).toMatchObject({
      availability: "not_available",
      populationLow: null,
      populationHigh: null,
      dailyReachLow: null,
      dailyReachHigh: null,
      citiesWithoutFigure: ["32.05"],
      problems: [],
    });
    expect(await estimateOf(["bandung"])).toMatchObject({ availability: "estimated", problems: [] });
  });

  it("refuses to submit without ads or money, saying what is missing, then submits", async () => {
    const { owner, business } = await setup();
    const campaign = await createCampaignFor(t.app, owner, business.id);
    const empty = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, "/submit"),
      headers: owner.auth,
    });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe("NOT_READY");
    expect(empty.json().detail).toMatch(/ads needs at least one ad/);
    expect(empty.json().detail).toMatch(/top up/);
    expect(empty.json().errors).toEqual([
      { path: "ads", code: "CAMPAIGN_WITHOUT_ADS", params: {}, message: "needs at least one ad" },
      {
        path: "balance",
        code: "BALANCE_BELOW_ONE_DAY",
        params: { neededMicros: rupiahMicros(50_000), availableMicros: "0" },
        message: "is Rp 0, less than one day of this budget (Rp 50.000): top up first",
      },
    ]);

    expect((await addAd(owner, business.id, campaign.id)).statusCode).toBe(201);
    await topUp(t.app, owner, business.id, 100_000);
    const submitted = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, "/submit"),
      headers: owner.auth,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: "draft", adCounts: { total: 1, inReview: 1 } });
    expect(submitted.json().submittedAt).not.toBeNull();
    const twice = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, "/submit"),
      headers: owner.auth,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("ALREADY_SUBMITTED");
  });

  it("answers illegal status changes with 409 and changes nothing", async () => {
    const { owner, business } = await setup();
    const campaign = await createCampaignFor(t.app, owner, business.id);
    for (const action of ["pause", "resume"]) {
      const response = await t.app.inject({
        method: "POST",
        url: campaignUrl(business.id, campaign.id, `/${action}`),
        headers: owner.auth,
      });
      expect(response.statusCode, action).toBe(409);
      expect(response.json().code).toBe("INVALID_STATE");
    }
    const archived = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, "/archive"),
      headers: owner.auth,
    });
    expect(archived.json().status).toBe("archived");
    const edit = await t.app.inject({
      method: "PATCH",
      url: campaignUrl(business.id, campaign.id),
      headers: owner.auth,
      payload: { name: "Baru" },
    });
    expect(edit.statusCode).toBe(409);
  });

  it("pauses and resumes a running campaign, audited, and a racing second pause loses", async () => {
    const { owner, business } = await setup();
    const campaign = await createCampaignFor(t.app, owner, business.id);
    await t.app.db.execute(sql`update campaigns set status = 'active' where id = ${campaign.id}`);
    const [a, b] = await Promise.all([
      t.app.inject({
        method: "POST",
        url: campaignUrl(business.id, campaign.id, "/pause"),
        headers: owner.auth,
      }),
      t.app.inject({
        method: "POST",
        url: campaignUrl(business.id, campaign.id, "/pause"),
        headers: owner.auth,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const resumed = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, "/resume"),
      headers: owner.auth,
    });
    expect(resumed.json().status).toBe("active");
    const log = await t.app.db.execute(
      sql`select action from audit_log where entity_id = ${campaign.id} order by id`,
    );
    expect(log.rows.map((row) => row.action)).toEqual([
      "campaign.create",
      "campaign.pause",
      "campaign.resume",
    ]);
  });

  it("makes an operator's budget raise wait for an owner, while lowering applies at once", async () => {
    const { owner, business } = await setup();
    const operator = await join(owner, business.id, "operator");
    const campaign = await createCampaignFor(t.app, owner, business.id);
    const raise = await t.app.inject({
      method: "PATCH",
      url: campaignUrl(business.id, campaign.id),
      headers: operator.auth,
      payload: { budget: { type: "daily", amountMicros: rupiahMicros(80_000) } },
    });
    expect(raise.statusCode).toBe(200);
    expect(raise.json().budget.amountMicros).toBe(rupiahMicros(50_000));
    const request = raise.json().pendingBudgetRequest;
    expect(request).toMatchObject({ toMicros: rupiahMicros(80_000), status: "pending" });

    const operatorApproves = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, `/budget-requests/${request.id}/decision`),
      headers: operator.auth,
      payload: { decision: "approve" },
    });
    expect(operatorApproves.statusCode).toBe(403);
    const approved = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, `/budget-requests/${request.id}/decision`),
      headers: owner.auth,
      payload: { decision: "approve" },
    });
    expect(approved.json()).toMatchObject({
      budget: { amountMicros: rupiahMicros(80_000) },
      pendingBudgetRequest: null,
    });

    const lower = await t.app.inject({
      method: "PATCH",
      url: campaignUrl(business.id, campaign.id),
      headers: operator.auth,
      payload: { budget: { type: "daily", amountMicros: rupiahMicros(30_000) } },
    });
    expect(lower.json()).toMatchObject({
      budget: { amountMicros: rupiahMicros(30_000) },
      pendingBudgetRequest: null,
    });
  });

  it("lets analysts read campaigns but not write them", async () => {
    const { owner, business } = await setup();
    const analyst = await join(owner, business.id, "analyst");
    const campaign = await createCampaignFor(t.app, owner, business.id);
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: campaignUrl(business.id, campaign.id),
          headers: analyst.auth,
        })
      ).statusCode,
    ).toBe(200);
    const create = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns`,
      headers: analyst.auth,
      payload: DEFAULT_CAMPAIGN,
    });
    expect(create.statusCode).toBe(403);
  });

  it("duplicates a campaign with its ads as drafts", async () => {
    const { owner, business } = await setup();
    const campaign = await createCampaignFor(t.app, owner, business.id);
    await addAd(owner, business.id, campaign.id);
    const copy = await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, "/duplicate"),
      headers: owner.auth,
    });
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({
      status: "draft",
      name: "Kopi Pagi Promo (salinan)",
      adCounts: { total: 1 },
    });
    const list = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/campaigns?limit=1`,
      headers: owner.auth,
    });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().nextCursor).not.toBeNull();
  });
});

describe("ads", () => {
  it("checks headline, text, call to action and landing URL rules", async () => {
    const { owner, business } = await setup();
    const campaign = await createCampaignFor(t.app, owner, business.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ headline: "x".repeat(41) }, "body.headline"],
      [{ text: "y".repeat(101) }, "body.text"],
      [{ callToAction: "buy_everything" }, "body.callToAction"],
      [{ landingUrl: "http://kopi.example" }, "body.landingUrl"],
      [{ landingUrl: "https://192.168.1.10/menu" }, "body.landingUrl"],
      [{ landingUrl: "https://localhost/menu" }, "body.landingUrl"],
      [{ landingUrl: `https://kopi.example/${"a".repeat(2050)}` }, "body.landingUrl"],
    ];
    for (const [override, path] of cases) {
      const response = await addAd(owner, business.id, campaign.id, override);
      expect(response.statusCode, JSON.stringify(override).slice(0, 60)).toBe(400);
      expect(response.json().errors[0].path).toBe(path);
    }
  });

  it("refuses another business's creative", async () => {
    const { owner, business } = await setup();
    const other = await setup();
    const campaign = await createCampaignFor(t.app, owner, business.id);
    const foreignAsset = await uploadPng(other.owner, other.business.id);
    const response = await addAd(owner, business.id, campaign.id, { assetId: foreignAsset });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe("body.assetId");
  });

  it("versions an approved ad's edit: the approved version keeps delivering while the new one is reviewed", async () => {
    const { owner, business } = await setup();
    const campaign = await createCampaignFor(t.app, owner, business.id);
    const ad = (await addAd(owner, business.id, campaign.id)).json();
    await topUp(t.app, owner, business.id, 100_000);
    await t.app.inject({
      method: "POST",
      url: campaignUrl(business.id, campaign.id, "/submit"),
      headers: owner.auth,
    });
    await t.app.db.execute(sql`update ad_versions set review_status = 'approved' where ad_id = ${ad.id}`);
    await t.app.db.execute(sql`update ads set approved_version = 1 where id = ${ad.id}`);

    const renamed = await t.app.inject({
      method: "PATCH",
      url: campaignUrl(business.id, campaign.id, `/ads/${ad.id}`),
      headers: owner.auth,
      payload: { name: "Kopi pagi" },
    });
    expect(renamed.json()).toMatchObject({
      name: "Kopi pagi",
      reviewStatus: "approved",
      current: { version: 1 },
    });

    const edited = await t.app.inject({
      method: "PATCH",
      url: campaignUrl(business.id, campaign.id, `/ads/${ad.id}`),
      headers: owner.auth,
      payload: { headline: "Kopi susu baru" },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      reviewStatus: "in_review",
      current: { version: 2, headline: "Kopi susu baru" },
      delivering: { version: 1, headline: "Kopi susu gula aren" },
    });
    const again = await t.app.inject({
      method: "PATCH",
      url: campaignUrl(business.id, campaign.id, `/ads/${ad.id}`),
      headers: owner.auth,
      payload: { text: "Diskon 30%" },
    });
    expect(again.json()).toMatchObject({ current: { version: 3 }, delivering: { version: 1 } });
    const versions = await t.app.db.execute(
      sql`select version, review_status from ad_versions where ad_id = ${ad.id} order by version`,
    );
    expect(versions.rows).toEqual([
      { version: 1, review_status: "approved" },
      { version: 2, review_status: "superseded" },
      { version: 3, review_status: "in_review" },
    ]);
  });
});
