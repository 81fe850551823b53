import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { BRIEF, type Creator, creatorWithProfile, PROFILE, sendBrief } from "./creator-helpers.js";
import { createBusinessFor, rupiahMicros, signUp, topUp, useTestApp } from "./helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });

async function ownerWithBusiness(name = "Kopi Nusantara") {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner, name);
  return { owner, business };
}

function get(url: string, auth: { authorization: string }) {
  return t.app.inject({ method: "GET", url, headers: auth });
}

function expectNoContactOf(creator: Creator, body: string) {
  expect(body).not.toContain(creator.contact.email);
  expect(body).not.toContain(creator.contact.whatsapp);
}

async function tableCount(table: "ledger_entries" | "ledger_transactions" | "creator_requests") {
  const result = await t.app.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return (result.rows[0] as { n: number }).n;
}

describe("creator accounts", () => {
  it("are chosen at sign-up, never as admin", async () => {
    const creator = await signUp(t.app, { accountKind: "creator" });
    const me = await get("/v1/me", creator.auth);
    expect(me.json()).toMatchObject({ user: { role: "creator" }, businesses: [] });

    const admin = await t.app.inject({
      method: "POST",
      url: "/v1/auth/signup",
      payload: {
        email: "calon-admin@kreator.example.id",
        password: "kopi susu gula aren 2026",
        name: "X",
        accountKind: "admin",
      },
    });
    expect(admin.statusCode).toBe(400);
    expect(admin.json().errors[0].path).toBe("body.accountKind");
  });

  it("cannot create or join businesses, nor reach business routes", async () => {
    const creator = await signUp(t.app, { accountKind: "creator" });
    const created = await t.app.inject({
      method: "POST",
      url: "/v1/businesses",
      headers: creator.auth,
      payload: { name: "Usaha Kreator" },
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().code).toBe("CREATOR_ACCOUNT");

    const { business } = await ownerWithBusiness();
    const directory = await get(`/v1/businesses/${business.id}/creators`, creator.auth);
    expect(directory.statusCode).toBe(403);
    expect(directory.json().code).toBe("CREATOR_ACCOUNT");
  });

  it("owns the creator routes: an owner is refused there", async () => {
    const { owner } = await ownerWithBusiness();
    const response = await get("/v1/creator/requests", owner.auth);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("CREATOR_ONLY");
  });
});

describe("creator profile", () => {
  it("is created and read back with its contact; 404 before the first save", async () => {
    const fresh = await signUp(t.app, { accountKind: "creator" });
    expect((await get("/v1/creator/profile", fresh.auth)).statusCode).toBe(404);

    const creator = await creatorWithProfile(t.app, { handle: "@Sari.Kuliner" });
    const profile = await get("/v1/creator/profile", creator.auth);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      handle: "sari.kuliner",
      niches: ["food_drink", "travel"],
      startingRateMicros: PROFILE.startingRateMicros,
      contact: creator.contact,
      hidden: false,
    });
  });

  it.each([
    ["a non-https sample link", { sampleLinks: ["http://tiktok.com/@sari"] }, "body.sampleLinks.0"],
    ["a javascript: link", { sampleLinks: ["javascript:alert(1)"] }, "body.sampleLinks.0"],
    ["an oversized bio", { bio: "x".repeat(501) }, "body.bio"],
    ["a niche outside the taxonomy", { niches: ["astrology"] }, "body.niches.0"],
    ["a city of another province", { city: "bandung" }, "body.city"],
    ["a negative rate", { startingRateMicros: "-1" }, "body.startingRateMicros"],
    ["a rate as a number", { startingRateMicros: 750000 }, "body.startingRateMicros"],
    ["no contact at all", { contact: {} }, "body.contact"],
  ])("refuses %s with 400 and changes nothing", async (_what, change, path) => {
    const creator = await creatorWithProfile(t.app);
    const before = (await get("/v1/creator/profile", creator.auth)).body;
    const response = await t.app.inject({
      method: "PUT",
      url: "/v1/creator/profile",
      headers: creator.auth,
      payload: { ...PROFILE, handle: creator.handle, contact: creator.contact, ...change },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    expect((await get("/v1/creator/profile", creator.auth)).body).toBe(before);
  });

  it("keeps handles unique", async () => {
    const first = await creatorWithProfile(t.app);
    const second = await creatorWithProfile(t.app);
    const response = await t.app.inject({
      method: "PUT",
      url: "/v1/creator/profile",
      headers: second.auth,
      payload: { ...PROFILE, handle: first.handle, contact: second.contact },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "HANDLE_TAKEN", errors: [{ path: "body.handle" }] });
  });
});

describe("directory", () => {
  it("finds creators by niche, province, language, audience and rate, page by page, without contacts", async () => {
    const { owner, business } = await ownerWithBusiness();
    const niche = "crafts_handmade";
    const bali = await creatorWithProfile(t.app, {
      niches: [niche],
      province: "ID-BA",
      city: "denpasar",
      languages: ["id", "en"],
      audience: [{ platform: "youtube", band: "100k_500k" }],
      startingRateMicros: rupiahMicros(2_000_000),
    });
    const baliSmall = await creatorWithProfile(t.app, {
      niches: [niche, "fashion"],
      province: "ID-BA",
      languages: ["id"],
      audience: [{ platform: "tiktok", band: "1k_10k" }],
      startingRateMicros: null,
    });
    const jogja = await creatorWithProfile(t.app, { niches: [niche], province: "ID-YO", languages: ["jv"] });
    await creatorWithProfile(t.app, { niches: [niche], province: "ID-BA", acceptsRequests: false });

    const search = async (query: string) => {
      const response = await get(`/v1/businesses/${business.id}/creators?${query}`, owner.auth);
      expect(response.statusCode, response.body).toBe(200);
      for (const creator of [bali, baliSmall, jogja]) expectNoContactOf(creator, response.body);
      return response.json() as { items: { id: string; handle: string }[]; nextCursor: string | null };
    };
    const handles = (found: { items: { handle: string }[] }) =>
      found.items.map(({ handle }) => handle).sort();

    expect(handles(await search(`niche=${niche}&province=ID-BA`))).toEqual(
      [bali.handle, baliSmall.handle].sort(),
    );
    expect(handles(await search(`niche=${niche}&language=jv`))).toEqual([jogja.handle]);
    expect(handles(await search(`niche=${niche}&minAudience=50k_100k`))).toEqual([bali.handle]);
    expect(handles(await search(`niche=${niche}&maxRateMicros=${rupiahMicros(1_000_000)}`))).toEqual([
      jogja.handle,
    ]);
    expect(handles(await search(`niche=${niche}&province=ID-BA&city=denpasar`))).toEqual([bali.handle]);

    const first = await search(`niche=${niche}&limit=2`);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await search(`niche=${niche}&limit=2&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect(handles({ items: [...first.items, ...second.items] })).toEqual(
      [bali.handle, baliSmall.handle, jogja.handle].sort(),
    );

    const profile = await get(`/v1/businesses/${business.id}/creators/${bali.id}`, owner.auth);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      handle: bali.handle,
      declaredAudience: [{ platform: "youtube" }],
    });
    expectNoContactOf(bali, profile.body);
  });

  it("refuses bad filters with 400", async () => {
    const { owner, business } = await ownerWithBusiness();
    for (const query of [
      "niche=astrology",
      "province=ID-XX",
      "maxRateMicros=1.5",
      "minAudience=huge",
      "limit=500",
    ]) {
      const response = await get(`/v1/businesses/${business.id}/creators?${query}`, owner.auth);
      expect(response.statusCode, query).toBe(400);
    }
  });
});

describe("collaboration requests", () => {
  it("go from brief to accepted thread, with contacts shown only after acceptance", async () => {
    const { owner, business } = await ownerWithBusiness();
    const creator = await creatorWithProfile(t.app);

    const sent = await sendBrief(t.app, owner, business.id, creator.id);
    expect(sent.statusCode, sent.body).toBe(201);
    const request = sent.json();
    expect(request).toMatchObject({ status: "pending", contacts: null, business: { name: business.name } });
    expectNoContactOf(creator, sent.body);

    const creatorView = await get(`/v1/creator/requests/${request.id}`, creator.auth);
    expect(creatorView.json()).toMatchObject({ status: "pending", contacts: null, product: BRIEF.product });
    expect(creatorView.body).not.toContain(BRIEF.contact.email);
    const inbox = await get("/v1/creator/requests?status=pending", creator.auth);
    expect(inbox.json().items.map(({ id }: { id: string }) => id)).toEqual([request.id]);
    expect(inbox.body).not.toContain(BRIEF.contact.email);
    const businessList = await get(`/v1/businesses/${business.id}/creator-requests`, owner.auth);
    expectNoContactOf(creator, businessList.body);

    const early = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/creator-requests/${request.id}/messages`,
      headers: owner.auth,
      payload: { body: "Halo!" },
    });
    expect(early.statusCode).toBe(409);

    const accepted = await t.app.inject({
      method: "POST",
      url: `/v1/creator/requests/${request.id}/decision`,
      headers: creator.auth,
      payload: { decision: "accept", note: "Siap, kabari detailnya." },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const contacts = { business: BRIEF.contact, creator: creator.contact };
    expect(accepted.json()).toMatchObject({ status: "accepted", contacts });
    const businessView = await get(
      `/v1/businesses/${business.id}/creator-requests/${request.id}`,
      owner.auth,
    );
    expect(businessView.json()).toMatchObject({
      status: "accepted",
      contacts,
      decisionNote: "Siap, kabari detailnya.",
    });

    for (const [url, auth, text] of [
      [
        `/v1/businesses/${business.id}/creator-requests/${request.id}/messages`,
        owner.auth,
        "Kapan bisa syuting?",
      ],
      [`/v1/creator/requests/${request.id}/messages`, creator.auth, "Sabtu pagi bisa."],
    ] as const) {
      const message = await t.app.inject({ method: "POST", url, headers: auth, payload: { body: text } });
      expect(message.statusCode, message.body).toBe(201);
    }
    for (const [url, auth] of [
      [`/v1/businesses/${business.id}/creator-requests/${request.id}/messages`, owner.auth],
      [`/v1/creator/requests/${request.id}/messages`, creator.auth],
    ] as const) {
      const thread = await get(url, auth);
      expect(
        thread.json().items.map((m: { senderSide: string; body: string }) => [m.senderSide, m.body]),
      ).toEqual([
        ["business", "Kapan bisa syuting?"],
        ["creator", "Sabtu pagi bisa."],
      ]);
    }

    const closed = await t.app.inject({
      method: "POST",
      url: `/v1/creator/requests/${request.id}/close`,
      headers: creator.auth,
    });
    expect(closed.json()).toMatchObject({ status: "closed", closedBy: "creator", contacts });
    const late = await t.app.inject({
      method: "POST",
      url: `/v1/creator/requests/${request.id}/messages`,
      headers: creator.auth,
      payload: { body: "Satu lagi" },
    });
    expect(late.statusCode).toBe(409);
  });

  it("can be declined, which never shares contacts, and not decided twice", async () => {
    const { owner, business } = await ownerWithBusiness();
    const creator = await creatorWithProfile(t.app);
    const request = (await sendBrief(t.app, owner, business.id, creator.id)).json();
    const decide = (decision: string) =>
      t.app.inject({
        method: "POST",
        url: `/v1/creator/requests/${request.id}/decision`,
        headers: creator.auth,
        payload: { decision, note: "Jadwal penuh bulan ini." },
      });
    const declined = await decide("decline");
    expect(declined.json()).toMatchObject({ status: "declined", contacts: null });
    expect((await decide("accept")).statusCode).toBe(409);
    const businessView = await get(
      `/v1/businesses/${business.id}/creator-requests/${request.id}`,
      owner.auth,
    );
    expect(businessView.json()).toMatchObject({ status: "declined", contacts: null });
    expectNoContactOf(creator, businessView.body);
  });

  it.each([
    ["a non-https link", { link: "http://kopi.example" }, "body.link"],
    ["an oversized brief", { wanted: "x".repeat(2001) }, "body.wanted"],
    ["a budget range upside down", { budgetMinMicros: rupiahMicros(2_000_000) }, "body.budgetMaxMicros"],
    ["a budget in a JS number", { budgetMinMicros: 500000 }, "body.budgetMinMicros"],
    ["no contact", { contact: {} }, "body.contact"],
  ])("refuses %s with 400 and writes nothing", async (_what, change, path) => {
    const { owner, business } = await ownerWithBusiness();
    const creator = await creatorWithProfile(t.app);
    const before = await tableCount("creator_requests");
    const response = await sendBrief(t.app, owner, business.id, creator.id, change);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(await tableCount("creator_requests")).toBe(before);
  });

  it("refuses briefs to a paused (409) or hidden (404) creator", async () => {
    const { owner, business } = await ownerWithBusiness();
    const paused = await creatorWithProfile(t.app, { acceptsRequests: false });
    const response = await sendBrief(t.app, owner, business.id, paused.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("CREATOR_PAUSED");

    const hidden = await creatorWithProfile(t.app);
    await t.app.db.execute(sql`update creator_profiles set hidden_at = now() where user_id = ${hidden.id}`);
    expect((await sendBrief(t.app, owner, business.id, hidden.id)).statusCode).toBe(404);
    expect((await get(`/v1/businesses/${business.id}/creators/${hidden.id}`, owner.auth)).statusCode).toBe(
      404,
    );
  });

  it("answers 404 for another tenant's request, and nothing changes", async () => {
    const alice = await ownerWithBusiness("Warung Alice");
    const mallory = await ownerWithBusiness("Warung Mallory");
    const creator = await creatorWithProfile(t.app);
    const otherCreator = await creatorWithProfile(t.app);
    const request = (await sendBrief(t.app, alice.owner, alice.business.id, creator.id)).json();

    const malloryUrl = `/v1/businesses/${mallory.business.id}/creator-requests/${request.id}`;
    expect((await get(malloryUrl, mallory.owner.auth)).statusCode).toBe(404);
    const close = await t.app.inject({
      method: "POST",
      url: `${malloryUrl}/close`,
      headers: mallory.owner.auth,
    });
    expect(close.statusCode).toBe(404);
    expect((await get(`/v1/creator/requests/${request.id}`, otherCreator.auth)).statusCode).toBe(404);
    const decision = await t.app.inject({
      method: "POST",
      url: `/v1/creator/requests/${request.id}/decision`,
      headers: otherCreator.auth,
      payload: { decision: "accept" },
    });
    expect(decision.statusCode).toBe(404);

    const still = await get(`/v1/creator/requests/${request.id}`, creator.auth);
    expect(still.json().status).toBe("pending");
  });

  it("allows at most 5 a day per business, even sent all at once", async () => {
    const { owner, business } = await ownerWithBusiness();
    const creators = await Promise.all(Array.from({ length: 8 }, () => creatorWithProfile(t.app)));
    const responses = await Promise.all(
      creators.map((creator) => sendBrief(t.app, owner, business.id, creator.id)),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = responses.find((response) => response.statusCode === 429);
    expect(refused?.json().code).toBe("REQUEST_LIMIT_REACHED");
    expect(Number(refused?.headers["retry-after"])).toBeGreaterThan(0);
    const stored = await t.app.db.execute(
      sql`select count(*)::int as n from creator_requests where business_id = ${business.id}`,
    );
    expect((stored.rows[0] as { n: number }).n).toBe(5);
  });

  it("limits messages to 30 a minute per person", async () => {
    const { owner, business } = await ownerWithBusiness();
    const creator = await creatorWithProfile(t.app);
    const request = (await sendBrief(t.app, owner, business.id, creator.id)).json();
    await t.app.inject({
      method: "POST",
      url: `/v1/creator/requests/${request.id}/decision`,
      headers: creator.auth,
      payload: { decision: "accept" },
    });
    const url = `/v1/creator/requests/${request.id}/messages`;
    const oversized = await t.app.inject({
      method: "POST",
      url,
      headers: creator.auth,
      payload: { body: "x".repeat(2001) },
    });
    expect(oversized.statusCode).toBe(400);
    expect(oversized.json().errors[0].path).toBe("body.body");
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      const response = await t.app.inject({
        method: "POST",
        url,
        headers: creator.auth,
        payload: { body: `#${i}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
    const thread = await get(`${url}?limit=100`, creator.auth);
    expect(thread.json().items).toHaveLength(30);
  });
});

describe("separation from ad spend", () => {
  it("writes no ledger entry through a whole collaboration", async () => {
    const { owner, business } = await ownerWithBusiness();
    await topUp(t.app, owner, business.id, 250_000);
    const creator = await creatorWithProfile(t.app);
    const entries = await tableCount("ledger_entries");
    const transactions = await tableCount("ledger_transactions");
    const wallet = (await get(`/v1/businesses/${business.id}/wallet`, owner.auth)).json();

    const request = (await sendBrief(t.app, owner, business.id, creator.id)).json();
    const steps = [
      {
        url: `/v1/creator/requests/${request.id}/decision`,
        auth: creator.auth,
        payload: { decision: "accept" },
      },
      {
        url: `/v1/creator/requests/${request.id}/messages`,
        auth: creator.auth,
        payload: { body: "Deal Rp 1 juta." },
      },
      {
        url: `/v1/businesses/${business.id}/creator-requests/${request.id}/messages`,
        auth: owner.auth,
        payload: { body: "Setuju, saya transfer langsung." },
      },
      { url: `/v1/businesses/${business.id}/creator-requests/${request.id}/close`, auth: owner.auth },
    ];
    for (const step of steps) {
      const response = await t.app.inject({
        method: "POST",
        url: step.url,
        headers: step.auth,
        payload: step.payload,
      });
      expect(response.statusCode, `${step.url} ${response.body}`).toBeLessThan(300);
    }

    expect(await tableCount("ledger_entries")).toBe(entries);
    expect(await tableCount("ledger_transactions")).toBe(transactions);
    expect((await get(`/v1/businesses/${business.id}/wallet`, owner.auth)).json()).toEqual(wallet);
  });

  it("has no foreign key from creator tables to wallet, ledger, campaign or delivery tables", async () => {
    const result = await t.app.db.execute(sql`
      select distinct tc.table_name as from_table, ccu.table_name as to_table
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_name like 'creator\\_%'`);
    const references = result.rows as { from_table: string; to_table: string }[];
    expect(references.length).toBeGreaterThan(0);
    const targets = [...new Set(references.map(({ to_table }) => to_table))].sort();
    expect(targets).toEqual([
      "businesses",
      "creator_messages",
      "creator_profiles",
      "creator_requests",
      "users",
    ]);
  });
});
