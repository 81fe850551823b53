import { Report, type ReportRow } from "@sorot/contracts";
import { addLocalDays, datesInRange } from "@sorot/core";
import { spendSince } from "@sorot/db";
import { deliveryKeys } from "@sorot/delivery-state";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createAdFor,
  createBusinessFor,
  createCampaignFor,
  makeAdmin,
  rupiahMicros,
  type SignedUpUser,
  signUp,
  topUp,
  useTestApp,
} from "../apps/api/test/helpers.js";
import { tallyBatch } from "../apps/worker/src/jobs/delivery.tally.js";
import { jobContextFor } from "./job-context.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36";

afterEach(() => {
  vi.useRealTimers();
});

let reviewer: SignedUpUser | undefined;

interface LiveBusiness {
  owner: SignedUpUser;
  businessId: string;
  campaigns: { id: string; adIds: string[] }[];
}

/**
 * A funded business in `timeZone` whose campaigns are approved and active, through the real routes.
 * Every other business's campaigns are paused first, so traffic goes only to these.
 */
async function liveBusiness(
  timeZone: string,
  campaigns: { overrides: Record<string, unknown>; ads: number }[],
): Promise<LiveBusiness> {
  await t.app.db.execute(sql`update campaigns set status = 'paused' where status = 'active'`);
  reviewer ??= await makeAdmin(t.app, await signUp(t.app));
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner, `Warung ${timeZone}`);
  const patched = await t.app.inject({
    method: "PATCH",
    url: `/v1/businesses/${business.id}`,
    headers: owner.auth,
    payload: { timeZone },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  await topUp(t.app, owner, business.id, 1_000_000);
  const made: LiveBusiness["campaigns"] = [];
  for (const [index, spec] of campaigns.entries()) {
    const campaign = await createCampaignFor(t.app, owner, business.id, {
      name: `Kampanye ${index + 1}`,
      targeting: {},
      budget: { type: "daily", amountMicros: rupiahMicros(100_000) },
      bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(20_000) },
      pacing: "accelerated",
      ...spec.overrides,
    });
    const adIds: string[] = [];
    for (let n = 0; n < spec.ads; n++) {
      const where = { businessId: business.id, campaignId: campaign.id };
      const ad = await createAdFor(t.app, owner, where, { name: `Iklan ${index + 1}.${n + 1}` });
      adIds.push(ad.id);
    }
    const submitted = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/submit`,
      headers: owner.auth,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    for (const adId of adIds) {
      await t.app.inject({ method: "GET", url: `/v1/admin/reviews/${adId}`, headers: reviewer.auth });
      const decision = await t.app.inject({
        method: "POST",
        url: `/v1/admin/reviews/${adId}/decision`,
        headers: reviewer.auth,
        payload: { decision: "approve", version: 1 },
      });
      expect(decision.statusCode, decision.body).toBe(200);
    }
    made.push({ id: campaign.id, adIds });
  }
  await t.app.delivery.index.refresh();
  return { owner, businessId: business.id, campaigns: made };
}

interface ViewerContext {
  province?: string;
  ageBand?: string;
  gender?: string;
  device?: string;
}

/** One viewer's visit at the (faked) current time: a decision, the impression beacon, maybe the click. */
async function visit(viewerId: string, context: ViewerContext, click: boolean): Promise<boolean> {
  const decision = await t.app.inject({
    method: "POST",
    url: "/v1/decisions",
    headers: { "user-agent": BROWSER },
    payload: { placementId: "feed-main", context: { viewerId, language: "id", ...context } },
  });
  if (decision.statusCode !== 200) return false;
  const body = decision.json();
  const impression = await t.app.inject({
    method: "GET",
    url: body.impressionUrl,
    headers: { "user-agent": BROWSER },
  });
  expect(impression.statusCode).toBe(204);
  if (click) {
    const clicked = await t.app.inject({
      method: "GET",
      url: body.clickUrl,
      headers: { "user-agent": BROWSER },
    });
    expect(clicked.statusCode).toBe(302);
  }
  return true;
}

function tallyContext() {
  return jobContextFor(t.app);
}

async function tallyAll() {
  while ((await tallyBatch(tallyContext())) > 0);
}

async function getReport(live: LiveBusiness, query: Record<string, string>, accept = "application/json") {
  return t.app.inject({
    method: "GET",
    url: `/v1/businesses/${live.businessId}/reports?${new URLSearchParams(query)}`,
    headers: { ...live.owner.auth, accept },
  });
}

async function report(live: LiveBusiness, query: Record<string, string>): Promise<Report> {
  const response = await getReport(live, query);
  expect(response.statusCode, response.body).toBe(200);
  return Report.parse(response.json());
}

/** What the raw events say for local days [from, to] of `timeZone`: the ground truth reports must match. */
async function rawTruth(businessId: string, timeZone: string, from: string, to: string) {
  const [row] = (
    await t.app.db.execute(sql`
      select
        count(*) filter (where type = 'impression' and invalid_reason is null)::text as impressions,
        count(*) filter (where type = 'click' and invalid_reason is null)::text as clicks,
        coalesce(sum(cost_micros), 0)::text as spend,
        count(distinct viewer_id) filter (where type = 'impression' and invalid_reason is null)::text as reach
      from delivery_events
      where business_id = ${businessId}
        and (occurred_at at time zone ${timeZone})::date between ${from}::date and ${to}::date`)
  ).rows;
  return row as { impressions: string; clicks: string; spend: string; reach: string };
}

function sum(rows: readonly ReportRow[], field: "impressions" | "clicks" | "spendMicros" | "conversions") {
  return rows.reduce((total, row) => total + BigInt(row[field]), 0n).toString();
}

/** Within 2% of the exact count, and never above impressions. */
function expectReachClose(reach: string | null, exact: string, impressions: string) {
  expect(reach).not.toBeNull();
  const estimate = Number(reach);
  expect(Math.abs(estimate - Number(exact))).toBeLessThanOrEqual(Math.max(0.02 * Number(exact), 0));
  expect(BigInt(reach as string) <= BigInt(impressions)).toBe(true);
}

describe("reports after real traffic, in Asia/Jayapura (UTC+9)", () => {
  const timeZone = "Asia/Jayapura";
  const days = ["2030-03-01", "2030-03-02", "2030-03-03", "2030-03-04"];
  /** Traffic moments, chosen around local midnight: 15:30Z is already the next local day (00:30 WIT). */
  const moments = [
    { at: "2030-03-01T01:00:00Z", viewers: 6, localDay: "2030-03-01" },
    { at: "2030-03-01T14:30:00Z", viewers: 5, localDay: "2030-03-01" },
    { at: "2030-03-01T15:30:00Z", viewers: 7, localDay: "2030-03-02" },
    { at: "2030-03-02T10:00:00Z", viewers: 4, localDay: "2030-03-02" },
    { at: "2030-03-03T00:30:00Z", viewers: 8, localDay: "2030-03-03" },
    { at: "2030-03-03T14:59:00Z", viewers: 3, localDay: "2030-03-03" },
    { at: "2030-03-03T15:00:00Z", viewers: 5, localDay: "2030-03-04" },
  ];
  const profiles: ViewerContext[] = [
    { province: "ID-PA", ageBand: "18-24", gender: "female", device: "android" },
    { province: "ID-JK", ageBand: "25-34", gender: "male", device: "ios" },
    { province: "ID-PA", ageBand: "35-44", gender: "female", device: "desktop" },
    { province: "ID-JB", device: "android" },
  ];
  let live: LiveBusiness;
  /** Ledger spend added by each local day's tallies. */
  const ledgerByDay = new Map<string, bigint>();

  beforeAll(async () => {
    // Viewers in Papua see the CPC campaign, everyone else the CPM one.
    live = await liveBusiness(timeZone, [
      { overrides: { targeting: { provinces: ["ID-JK", "ID-JB"] } }, ads: 2 },
      {
        overrides: {
          objective: "traffic",
          bidding: { billingEvent: "cpc", bidMicros: rupiahMicros(1_500) },
          targeting: { provinces: ["ID-PA"] },
        },
        ads: 1,
      },
    ]);
    let serial = 0;
    for (const moment of moments) {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date(moment.at));
      for (let n = 0; n < moment.viewers; n++) {
        serial += 1;
        // Some viewers come back on other days: reach over a range is less than the sum of days.
        const viewerId = serial % 4 === 0 ? `regular-${serial % 3}` : `viewer-${serial}`;
        await visit(viewerId, profiles[serial % profiles.length] as ViewerContext, serial % 3 === 0);
      }
      const before = await spendSince(t.app.db, live.businessId, new Date(0));
      await tallyAll();
      const after = await spendSince(t.app.db, live.businessId, new Date(0));
      ledgerByDay.set(moment.localDay, (ledgerByDay.get(moment.localDay) ?? 0n) + (after - before));
      vi.useRealTimers();
    }
  }, 120_000);

  it("matches the ledger and the raw events to the micro for every range of whole local days", async () => {
    const truthTotal = await rawTruth(live.businessId, timeZone, days[0] as string, days.at(-1) as string);
    expect(Number(truthTotal.impressions)).toBeGreaterThan(20);
    expect(Number(truthTotal.clicks)).toBeGreaterThan(3);
    expect(BigInt(truthTotal.spend)).toBeGreaterThan(0n);
    for (let first = 0; first < days.length; first++) {
      for (let last = first; last < days.length; last++) {
        const from = days[first] as string;
        const to = days[last] as string;
        const body = await report(live, { from, to });
        const truth = await rawTruth(live.businessId, timeZone, from, to);
        const ledger = days
          .slice(first, last + 1)
          .reduce((total, day) => total + (ledgerByDay.get(day) ?? 0n), 0n);
        expect(body.totals.spendMicros, `${from}..${to}`).toBe(ledger.toString());
        expect(body.totals.spendMicros, `${from}..${to}`).toBe(truth.spend);
        expect(body.totals.impressions, `${from}..${to}`).toBe(truth.impressions);
        expect(body.totals.clicks, `${from}..${to}`).toBe(truth.clicks);
        expectReachClose(body.totals.reach, truth.reach, body.totals.impressions);
        // Rows and totals agree.
        expect(sum(body.rows, "spendMicros")).toBe(body.totals.spendMicros);
        expect(body.rows.map((row) => row.key)).toEqual(datesInRange({ from, to }));
      }
    }
    const everything = await spendSince(t.app.db, live.businessId, new Date(0));
    expect(BigInt(truthTotal.spend)).toBe(everything);
  });

  it("puts events on the business's local day, not the UTC day", async () => {
    const byDay = await report(live, { from: "2030-03-01", to: "2030-03-04" });
    const row = (day: string) => byDay.rows.find((r) => r.key === day) as ReportRow;
    // 01:00Z and 14:30Z are Mar 1 in Jayapura; 15:30Z the same UTC date is already Mar 2 there.
    const mar1 = await rawTruth(live.businessId, timeZone, "2030-03-01", "2030-03-01");
    expect(row("2030-03-01").impressions).toBe(mar1.impressions);
    const utcMar1 = (
      await t.app.db.execute(sql`
        select count(*)::text as n from delivery_events where business_id = ${live.businessId}
          and type = 'impression' and invalid_reason is null
          and occurred_at >= '2030-03-01T00:00:00Z' and occurred_at < '2030-03-02T00:00:00Z'`)
    ).rows[0] as { n: string };
    expect(Number(utcMar1.n)).toBeGreaterThan(Number(mar1.impressions));
    // The 15:00Z moment is the first second of Mar 4 WIT.
    expect(Number(row("2030-03-04").impressions)).toBeGreaterThan(0);
    expect(row("2030-03-04").impressions).toBe(
      (await rawTruth(live.businessId, timeZone, "2030-03-04", "2030-03-04")).impressions,
    );

    const hourly = await report(live, { from: "2030-03-02", to: "2030-03-02", granularity: "hour" });
    expect(hourly.rows).toHaveLength(24);
    expect(hourly.rows[0]?.key).toBe("2030-03-02T00:00:00+09:00");
    expect(hourly.rows[23]?.key).toBe("2030-03-02T23:00:00+09:00");
    // The 15:30Z visit is at 00:30 local.
    expect(Number(hourly.rows[0]?.impressions)).toBeGreaterThan(0);
    expect(hourly.rows[0]?.reach).toBeNull();
    expect(hourly.timeZone).toBe(timeZone);
  });

  it("sums to the same totals by hour, day and week, by campaign and by ad", async () => {
    const query = { from: "2030-03-01", to: "2030-03-04" };
    const byDay = await report(live, { ...query, granularity: "day" });
    const byHour = await report(live, { ...query, granularity: "hour" });
    const byWeek = await report(live, { ...query, granularity: "week" });
    const byCampaign = await report(live, { ...query, groupBy: "campaign" });
    const byAd = await report(live, { ...query, groupBy: "ad" });
    expect(byHour.rows).toHaveLength(96);
    expect(byWeek.rows.map((row) => row.key)).toEqual(["2030-02-25", "2030-03-04"]);
    for (const field of ["impressions", "clicks", "spendMicros"] as const) {
      for (const other of [byHour, byWeek, byCampaign, byAd]) {
        expect(other.totals[field]).toBe(byDay.totals[field]);
        expect(sum(other.rows, field)).toBe(byDay.totals[field]);
      }
    }
    expect(byHour.totals).toEqual(byDay.totals);

    // Each campaign's and ad's own figures, labels and reach.
    expect(byCampaign.rows.map((row) => row.label).sort()).toEqual(["Kampanye 1", "Kampanye 2"]);
    for (const row of byCampaign.rows) {
      const [truth] = (
        await t.app.db.execute(sql`
          select count(*) filter (where type = 'impression' and invalid_reason is null)::text as impressions,
                 count(distinct viewer_id) filter (where type = 'impression' and invalid_reason is null)::text as reach,
                 coalesce(sum(cost_micros), 0)::text as spend
          from delivery_events where campaign_id = ${row.key}`)
      ).rows as { impressions: string; reach: string; spend: string }[];
      expect(row.impressions).toBe(truth?.impressions);
      expect(row.spendMicros).toBe(truth?.spend);
      expectReachClose(row.reach, truth?.reach as string, row.impressions);
      expect(row.objective).toBe("traffic");
      expect(row.result).toBe(row.clicks);
    }
    const firstCampaign = live.campaigns[0] as LiveBusiness["campaigns"][number];
    expect(
      byAd.rows
        .filter((row) => row.campaignId === firstCampaign.id)
        .map((row) => row.key)
        .sort(),
    ).toEqual([...firstCampaign.adIds].sort());
    for (const row of byAd.rows) expect(row.label).toMatch(/^Iklan \d\.\d$/);

    // Drill-down to one campaign and one ad.
    const oneCampaign = await report(live, { ...query, campaignId: firstCampaign.id });
    const campaignRow = byCampaign.rows.find((row) => row.key === firstCampaign.id) as ReportRow;
    expect(oneCampaign.totals.spendMicros).toBe(campaignRow.spendMicros);
    expect(oneCampaign.totals.reach).toBe(campaignRow.reach);
    const adId = firstCampaign.adIds[0] as string;
    const oneAd = await report(live, { ...query, adId, groupBy: "ad" });
    expect(oneAd.rows.map((row) => row.key)).toEqual([adId]);
    expect(oneAd.totals.impressions).toBe(byAd.rows.find((row) => row.key === adId)?.impressions);
  });

  it("derives every ratio from sums, null when dividing by zero", async () => {
    const body = await report(live, { from: "2030-03-01", to: "2030-03-04" });
    const totals = body.totals;
    const impressions = BigInt(totals.impressions);
    const clicks = BigInt(totals.clicks);
    const spend = BigInt(totals.spendMicros);
    expect(totals.ctr).toBe(Math.round((Number(clicks) / Number(impressions)) * 10_000) / 10_000);
    expect(totals.cpmMicros).toBe(((spend * 1000n * 2n + impressions) / (2n * impressions)).toString());
    expect(totals.cpcMicros).toBe(((spend * 2n + clicks) / (2n * clicks)).toString());
    expect(totals.completionRate).toBeNull();
    expect(totals.conversionRate).toBe(0);
    expect(totals.objective).toBe("traffic");
    const quiet = await report(live, { from: "2030-01-01", to: "2030-01-31" });
    expect(quiet.totals).toMatchObject({
      impressions: "0",
      reach: "0",
      ctr: null,
      cpcMicros: null,
      cpmMicros: null,
      frequency: null,
      costPerResultMicros: null,
    });
    expect(quiet.rows).toHaveLength(31);
  });

  it("breaks down by age, gender, province and device from the daily dimension rollups", async () => {
    const query = { from: "2030-03-01", to: "2030-03-04" };
    const totals = (await report(live, query)).totals;
    const columns = { age: "age_band", gender: "gender", province: "province", device: "device" } as const;
    for (const [groupBy, column] of Object.entries(columns)) {
      const body = await report(live, { ...query, groupBy });
      expect(body.groupBy).toBe(groupBy);
      expect(sum(body.rows, "impressions")).toBe(totals.impressions);
      expect(sum(body.rows, "clicks")).toBe(totals.clicks);
      expect(sum(body.rows, "spendMicros")).toBe(totals.spendMicros);
      expect(body.totals).toEqual(totals);
      const truth = (
        await t.app.db.execute(sql`
          select coalesce(${sql.identifier(column)}, 'unknown') as value, count(*)::text as impressions
          from delivery_events where business_id = ${live.businessId} and type = 'impression'
            and invalid_reason is null group by 1`)
      ).rows as { value: string; impressions: string }[];
      expect(Object.fromEntries(body.rows.map((row) => [row.key, row.impressions]))).toEqual(
        Object.fromEntries(truth.map((row) => [row.value, row.impressions])),
      );
      for (const row of body.rows) {
        expect(row.reach).toBeNull();
        expect(row.videoStarts).toBeNull();
        expect(row.invalidEvents).toBeNull();
      }
    }
    const provinces = await report(live, { ...query, groupBy: "province" });
    expect(provinces.rows.find((row) => row.key === "ID-PA")?.label).toBe("Papua");
  });

  it("adds the previous period of equal length with compare=previous", async () => {
    const body = await report(live, { from: "2030-03-03", to: "2030-03-04", compare: "previous" });
    expect(body.previous?.from).toBe("2030-03-01");
    expect(body.previous?.to).toBe("2030-03-02");
    const direct = await report(live, { from: "2030-03-01", to: "2030-03-02" });
    expect(body.previous?.totals).toEqual(direct.totals);
    expect((await report(live, { from: "2030-03-03", to: "2030-03-04" })).previous).toBeUndefined();
  });

  it("keeps merged reach of settled days, and recounts a day once the tally writes to it again", async () => {
    const query = { from: "2030-03-01", to: "2030-03-04" };
    // Seen from 2030-03-10, every day of the range is settled: merges are kept in Redis.
    const asOfLater = async (q: Record<string, string>) => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2030-03-10T03:00:00Z"));
      const token = t.app.signAccessToken({ userId: live.owner.id, role: "owner" });
      const response = await t.app.inject({
        method: "GET",
        url: `/v1/businesses/${live.businessId}/reports?${new URLSearchParams(q)}`,
        headers: { authorization: `Bearer ${token}` },
      });
      vi.useRealTimers();
      expect(response.statusCode, response.body).toBe(200);
      return Report.parse(response.json());
    };
    const exactReach = async (where: ReturnType<typeof sql>) =>
      (
        (
          await t.app.db.execute(sql`
            select count(distinct viewer_id)::text as reach from delivery_events
            where business_id = ${live.businessId} and type = 'impression' and invalid_reason is null and ${where}`)
        ).rows[0] as { reach: string }
      ).reach;

    const campaignsBefore = await asOfLater({ ...query, groupBy: "campaign" });
    expect(await asOfLater({ ...query, groupBy: "campaign" })).toEqual(campaignsBefore);
    const daysBefore = await asOfLater(query);
    const keptKeys = await t.app.redis.keys(`${t.app.config.redisPrefix}reports:reach:*`);
    expect(keptKeys.length).toBeGreaterThan(0);

    // New people on 2 March (local), tallied later: the kept merges of that day no longer apply.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-03-02T05:00:00Z"));
    for (let n = 0; n < 6; n++) await visit(`late-${n}`, { province: "ID-JK" }, false);
    await tallyAll();
    vi.useRealTimers();

    const campaignsAfter = await asOfLater({ ...query, groupBy: "campaign" });
    const daysAfter = await asOfLater(query);
    const firstCampaign = (live.campaigns[0] as LiveBusiness["campaigns"][number]).id;
    const before = campaignsBefore.rows.find((row) => row.key === firstCampaign) as ReportRow;
    const after = campaignsAfter.rows.find((row) => row.key === firstCampaign) as ReportRow;
    expect(Number(after.reach)).toBeGreaterThan(Number(before.reach));
    expectReachClose(after.reach, await exactReach(sql`campaign_id = ${firstCampaign}`), after.impressions);
    const mar2 = (report: Report) => report.rows.find((row) => row.key === "2030-03-02") as ReportRow;
    expect(Number(mar2(daysAfter).reach)).toBeGreaterThan(Number(mar2(daysBefore).reach));
    expect(daysAfter.rows.find((row) => row.key === "2030-03-01")).toEqual(
      daysBefore.rows.find((row) => row.key === "2030-03-01"),
    );
    expectReachClose(daysAfter.totals.reach, await exactReach(sql`true`), daysAfter.totals.impressions);
  });

  it.each([
    { format: "standard", separator: ",", decimalMark: ".", headers: ["date", "impressions", "reach"] },
    { format: "excel-id", separator: ";", decimalMark: ",", headers: ["Tanggal", "Tayangan", "Jangkauan"] },
  ])(
    "streams the same rows as CSV in the $format form: UTF-8 with a BOM, ISO dates, exact rupiah",
    async ({ format, separator, decimalMark, headers }) => {
      const query = { from: "2030-03-01", to: "2030-03-04" };
      const json = await report(live, query);
      const csv = await getReport(live, { ...query, format }, "text/csv");
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="sorot-report-.*\.csv"$/);
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [header = [], ...lines]: string[][] = parse(csv.body, { delimiter: separator, bom: true });
      expect(header.slice(0, 3)).toEqual(headers);
      expect(lines).toHaveLength(json.rows.length);
      const column = (name: string) => header.indexOf(name);
      const [date, impressions, ctr, spend] = [
        column(headers[0] as string),
        column(headers[1] as string),
        column(format === "standard" ? "ctr" : "Rasio klik (CTR)"),
        column(format === "standard" ? "spend_idr" : "Biaya terpakai (Rp)"),
      ];
      for (const [index, cells] of lines.entries()) {
        const row = json.rows[index] as ReportRow;
        expect(cells[date]).toBe(row.key);
        expect(cells[impressions]).toBe(row.impressions);
        expect(cells[ctr]).toBe(row.ctr === null ? "" : String(row.ctr).replace(".", decimalMark));
        // Rupiah with six decimals read back by its digits: the micros exactly, no float on the way.
        const [whole, micros] = (cells[spend] as string).split(decimalMark);
        expect(micros).toMatch(/^\d{6}$/);
        expect(BigInt(`${whole}${micros}`)).toBe(BigInt(row.spendMicros));
      }
      const byAd = await getReport(live, { ...query, groupBy: "ad", format }, "text/csv");
      const [adHeader = []]: string[][] = parse(byAd.body, { delimiter: separator, bom: true, toLine: 1 });
      expect(adHeader.slice(0, 4)).toEqual(
        format === "standard"
          ? ["ad_id", "ad", "campaign_id", "impressions"]
          : ["ID iklan", "Iklan", "ID kampanye", "Tayangan"],
      );
    },
  );
});

describe("report requests", () => {
  let live: LiveBusiness;
  beforeAll(async () => {
    live = await liveBusiness("Asia/Jakarta", [{ overrides: {}, ads: 1 }]);
  }, 60_000);

  it.each([
    [{ from: "2030-03-05", to: "2030-03-01" }, "querystring.to"],
    [{ from: "2030-01-01", to: "2031-01-02" }, "querystring.to"],
    [{ from: "2030-02-30", to: "2030-03-01" }, "querystring.from"],
    [{ from: "1/3/2030", to: "2030-03-01" }, "querystring.from"],
    [{ from: "2030-01-01", to: "2030-03-01", granularity: "hour" }, "querystring.granularity"],
    [{ from: "2030-01-01", to: "2030-01-02", granularity: "month" }, "querystring.granularity"],
    [{ from: "2030-01-01", to: "2030-01-02", groupBy: "city" }, "querystring.groupBy"],
    [{ to: "2030-01-02" }, "querystring.from"],
  ])("refuses %j with a problem naming %s", async (query, path) => {
    const response = await getReport(live, query as Record<string, string>);
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it("accepts a full leap year of 366 days", async () => {
    const body = await report(live, { from: "2028-01-01", to: "2028-12-31" });
    expect(body.rows).toHaveLength(366);
  });

  it("answers 404 for another tenant's business, campaign or ad", async () => {
    const stranger = await signUp(t.app);
    const other = await createBusinessFor(t.app, stranger);
    const query = new URLSearchParams({ from: "2030-01-01", to: "2030-01-02" });
    const foreign = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${live.businessId}/reports?${query}`,
      headers: stranger.auth,
    });
    expect(foreign.statusCode).toBe(404);
    const campaign = await createCampaignFor(t.app, stranger, other.id);
    const withForeignCampaign = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${live.businessId}/reports?${query}&campaignId=${campaign.id}`,
      headers: live.owner.auth,
    });
    expect(withForeignCampaign.statusCode).toBe(404);
    const withUnknownAd = await getReport(live, {
      from: "2030-01-01",
      to: "2030-01-02",
      adId: "00000000-0000-4000-8000-000000000000",
    });
    expect(withUnknownAd.statusCode).toBe(404);
  });
});

describe("reach over ranges from daily HyperLogLog sketches", () => {
  it("stays within 2% of the exact count of 100,000 viewers, and never above impressions", async () => {
    const live = await liveBusiness("Asia/Makassar", [{ overrides: {}, ads: 2 }]);
    const campaign = live.campaigns[0] as LiveBusiness["campaigns"][number];
    const days = datesInRange({ from: "2031-01-01", to: "2031-01-05" });
    const viewers = 100_000;
    /** For each viewer, the days (indexes) and ads it was shown on. */
    const seen: { day: number; ad: number }[][] = [];
    for (let viewer = 0; viewer < viewers; viewer++) {
      const shows = [{ day: viewer % 5, ad: viewer % 2 }];
      if (viewer % 3 === 0) shows.push({ day: (viewer + 2) % 5, ad: (viewer + 1) % 2 });
      seen.push(shows);
    }
    // Impression events into the tally's stream, as the beacon route writes them (free: no charge).
    let serial = 0;
    for (let start = 0; start < viewers; start += 5_000) {
      const pipeline = t.app.redis.pipeline();
      for (let viewer = start; viewer < Math.min(start + 5_000, viewers); viewer++) {
        for (const show of seen[viewer] ?? []) {
          serial += 1;
          const localDate = days[show.day] as string;
          pipeline.xadd(
            deliveryKeys.eventsOf(live.businessId),
            "*",
            "e",
            JSON.stringify({
              eventId: `i-reach-${serial}`,
              type: "impression",
              // Noon in Makassar (UTC+8).
              occurredAt: `${localDate}T04:00:00.000Z`,
              businessId: live.businessId,
              campaignId: campaign.id,
              adId: campaign.adIds[show.ad],
              adVersion: 1,
              viewerId: `hll-viewer-${viewer}`,
              placementId: "feed-main",
              province: null,
              city: null,
              ageBand: null,
              gender: null,
              device: null,
              language: null,
              invalidReason: null,
              localDate,
              costMicros: "0",
            }),
          );
        }
      }
      await pipeline.exec();
    }
    await tallyAll();

    const exact = (fromDay: number, toDay: number, ad?: number) =>
      seen.filter((shows) =>
        shows.some(
          (show) => show.day >= fromDay && show.day <= toDay && (ad === undefined || show.ad === ad),
        ),
      ).length;
    const ranges: [number, number][] = [
      [0, 4],
      [0, 0],
      [1, 3],
      [3, 4],
    ];
    for (const [fromDay, toDay] of ranges) {
      const body = await report(live, { from: days[fromDay] as string, to: days[toDay] as string });
      const truth = exact(fromDay, toDay);
      expectReachClose(body.totals.reach, String(truth), body.totals.impressions);
      // Per-day rows unite each day's two ads.
      for (const row of body.rows) {
        const day = days.indexOf(row.key);
        expectReachClose(row.reach, String(exact(day, day)), row.impressions);
      }
    }
    expect(exact(0, 4)).toBe(viewers);
    const byAd = await report(live, { from: days[0] as string, to: days[4] as string, groupBy: "ad" });
    for (const row of byAd.rows) {
      const ad = campaign.adIds.indexOf(row.key);
      expectReachClose(row.reach, String(exact(0, 4, ad)), row.impressions);
    }
    const all = await report(live, { from: days[0] as string, to: days[4] as string });
    expect(all.totals.frequency).toBeCloseTo(Number(all.totals.impressions) / Number(all.totals.reach), 2);
    expect(addLocalDays(days[0] as string, 4)).toBe(days[4]);
  }, 240_000);
});
