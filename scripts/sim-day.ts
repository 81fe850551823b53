/**
 * A simulated ad day: a whole local day of 50 businesses in compressed time, deterministic for a seed.
 *
 *   npm run sim:day -- --seed 7 [--requests 40000] [--json-only]
 *
 * A virtual clock steps through the day in 5-minute steps and is passed into the real code: the
 * decision function and its Redis Lua reservation scripts, the beacon's confirmation script, and
 * the worker's own jobs (tally, pacing, lifecycle, reservation release, promo expiry) with their SQL.
 * Traffic follows the diurnal curve; top-ups arrive, promo lots lapse, and ads are approved and
 * rejected during the day. After every step it checks that no campaign passed its budget (Redis
 * counters and rollups), no balance is negative, the ledger verifies and nothing reserved is below
 * zero. It prints each campaign's budget utilisation, the hourly pacing error of standard campaigns
 * and one JSON summary line. Math.random is replaced by a generator seeded from --seed and every
 * id is derived from it, so the same seed prints the same output however fast the machine is: no
 * Redis lifetime decides anything within the day (a pacing ceiling ends at a time on the caller's
 * clock, carried in its value), and visits run in phases (see runRequests). Uses its own database
 * (sorot_sim_<pid>, dropped at the end) on DATABASE_URL's server and a key prefix of its own on REDIS_URL. Exit 1 on any
 * invariant violation or when a standard campaign with enough traffic ends outside 95-100%.
 */
import { parseArgs } from "node:util";
import {
  type Assignment,
  addLocalDays,
  DEFAULT_TRAFFIC_CURVE,
  expectedCostPerImpression,
  localClock,
  rankCandidates,
  startOfLocalDate,
} from "@sorot/core";
import {
  businessAccounts,
  createDb,
  insertAdWithFirstVersion,
  insertAsset,
  insertBusiness,
  insertCampaign,
  insertPromoLot,
  insertTopup,
  insertUser,
  platformAccount,
  postLedgerTransaction,
  runMigrations,
  setApprovedVersion,
  settleTopup,
  transitionCampaign,
} from "@sorot/db";
import {
  deliveryChangesChannel,
  deliveryKeys,
  deliveryScripts,
  getOfBusinesses,
  RESERVATION_TTL_SECONDS,
} from "@sorot/delivery-state";
import { type BalanceChanges, createSandboxProvider, creditTopup, withBalanceChanges } from "@sorot/money";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { pino } from "pino";
import {
  countClick,
  countImpression,
  type Decision,
  decide,
} from "../apps/api/src/modules/delivery/delivery.service.js";
import { DeliveryIndex } from "../apps/api/src/modules/delivery/delivery-index.js";
import { readToken } from "../apps/api/src/modules/delivery/tokens.js";
import type { JobContext } from "../apps/worker/src/job.js";
import { lifecycle } from "../apps/worker/src/jobs/delivery.lifecycle.js";
import { pacing } from "../apps/worker/src/jobs/delivery.pacing.js";
import { releaseReservations } from "../apps/worker/src/jobs/delivery.release-reservations.js";
import { tallyBatch } from "../apps/worker/src/jobs/delivery.tally.js";
import { expirePromo } from "../apps/worker/src/jobs/wallet.expire-promo.js";
import { createMailer } from "../apps/worker/src/mail.js";
import { ledgerProblems, negativeBalances, spendAgreement } from "./lib/chaos/invariants.js";
import { dropDatabase, freshDatabase } from "./lib/chaos/processes.js";
import { deleteRedisKeys } from "./lib/redis-keys.js";
import {
  type PlannedBusiness,
  planPopulation,
  SIM_DAY,
  STEP_MINUTES,
  simUuid,
} from "./lib/sim/population.js";
import { createTraffic, mulberry32, trafficMultiplier, willClick } from "./lib/traffic.js";

const { values: args } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    requests: { type: "string", default: "120000" },
    "keep-database": { type: "boolean", default: false },
  },
});
const seed = Number(args.seed);
const dailyRequests = Number(args.requests);
if (!Number.isInteger(seed) || !(dailyRequests >= 1_000 && dailyRequests <= 1_000_000)) {
  console.error("usage: npm run sim:day -- --seed N [--requests 1000-1000000]");
  process.exit(2);
}
// Every Math.random draw (pacing participation, ad rotation) now comes from the seed.
Math.random = mulberry32(seed * 2_654_435_761);
const setupRandom = mulberry32(seed);
const errors = (line: string) => process.stderr.write(`sim:day: ${line}\n`);

const STEP_MS = STEP_MINUTES * 60_000;
const TALLY_EVERY_STEPS = 3;
const TRACKING_SECRET = "sorot-sim-day-tracking-secret-0123456789abcdef";
const DATABASE = `sorot_sim_${process.pid}`;
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redisPrefix = `sorot-sim-${seed}-${process.pid}:`;

const plan = planPopulation(setupRandom);
const zones = [...new Set(plan.map((business) => business.timeZone))];
const dayStartOf = (timeZone: string) => startOfLocalDate(SIM_DAY, timeZone);
const localHourAt = (business: PlannedBusiness, hour: number) =>
  new Date(dayStartOf(business.timeZone).getTime() + hour * 3_600_000);
// From the first local midnight (the easternmost zone) to the last local day's end (Jakarta).
const simStart = new Date(Math.min(...zones.map((zone) => dayStartOf(zone).getTime())));
const simEnd = new Date(
  Math.max(...zones.map((zone) => startOfLocalDate(addLocalDays(SIM_DAY, 1), zone).getTime())),
);

const databaseUrl = await freshDatabase(adminUrl, DATABASE);
await runMigrations(databaseUrl);
const database = createDb(databaseUrl, { maxConnections: 4, applicationName: "sorot-sim" });
const { db } = database;
const redis = new Redis(redisUrl, { keyPrefix: redisPrefix });
const scripts = deliveryScripts(redis);
const log = pino({ level: "silent" });

let now = simStart;
let changed = true;
const context: JobContext = {
  db,
  redis,
  log,
  mailer: createMailer({ dataDir: "/tmp", from: "sim@sorot.id" }),
  publishDeliveryChange: async () => {
    changed = true;
  },
  tallyClaimIdleMs: 3_600_000,
  payments: {
    provider: createSandboxProvider("http://localhost:3000", "SB-Mid-server-test"),
    reconcileIntervalS: 300,
  },
  jobId: "sim",
  clock: () => now,
};

/** Counts eligible requests per campaign for the pacing forecast, on the virtual clock's minutes. */
class SimIndex extends DeliveryIndex {
  readonly eligibleThisStep = new Map<string, number>();
  /** The campaigns found eligible by the decision running now (decide notes them before its first await). */
  current: string[] = [];
  /** The virtual time of the decision running now. */
  at = new Date(0);
  override noteRequest(request: Assignment): void {
    this.current = this.eligibleCampaigns(request, this.at);
    for (const campaignId of this.current)
      this.eligibleThisStep.set(campaignId, (this.eligibleThisStep.get(campaignId) ?? 0) + 1);
  }
}
const index = new SimIndex(db, redis, deliveryChangesChannel(redisPrefix), log as never);

async function setUp() {
  const owner = await insertUser(db, {
    email: "sim@sorot.example.id",
    name: "Sim",
    passwordHash: "-",
    role: "owner",
  });
  if (!owner) throw new Error("no owner");
  const grants = await platformAccount(db, "promo_grants");
  for (const [b, business] of plan.entries()) {
    const start = dayStartOf(business.timeZone);
    const before = new Date(start.getTime() - 3_600_000);
    await withBalanceChanges(db, scripts, (changes) =>
      db.transaction(async (tx) => {
        await insertBusiness(tx, { id: business.id, name: business.key, timeZone: business.timeZone });
        await credit(tx, changes, business, business.cashMicros, before, owner.id);
        if (business.promo) {
          const expiresAt =
            business.promo.expiresAtHour === null
              ? new Date(start.getTime() + 30 * 86_400_000)
              : localHourAt(business, business.promo.expiresAtHour);
          const lot = await insertPromoLot(tx, {
            id: simUuid(0x9, b),
            businessId: business.id,
            grantedMicros: business.promo.micros,
            remainingMicros: business.promo.micros,
            expiresAt,
            reason: "sim",
            grantedBy: owner.id,
          });
          const accounts = await businessAccounts(tx, business.id, { lock: true });
          await postLedgerTransaction(tx, {
            businessId: business.id,
            kind: "promo_grant",
            idempotencyKey: `promo-grant-${lot.id}`,
            causeType: "promo_lot",
            causeId: lot.id,
            description: "Promo credit: sim",
            at: before,
            entries: [
              { accountId: grants.id, amountMicros: -business.promo.micros },
              { accountId: accounts.promo.id, amountMicros: business.promo.micros },
            ],
          });
        }
        const asset = await insertAsset(tx, {
          id: simUuid(0xa5, b),
          businessId: business.id,
          kind: "image",
          mimeType: "image/png",
          bytes: 100,
          width: 1080,
          height: 1080,
          storageKey: `${business.id}/sim.png`,
          sha256: "sim",
          originalName: "sim.png",
          createdBy: owner.id,
        });
        for (const campaign of business.campaigns) {
          const liveNow = campaign.approvedAtHour === null;
          await insertCampaign(tx, {
            id: campaign.id,
            businessId: business.id,
            name: campaign.key,
            objective: "traffic",
            status: liveNow ? "active" : "draft",
            budgetType: campaign.budgetType,
            budgetMicros: campaign.budgetMicros,
            billingEvent: campaign.billingEvent,
            bidMicros: campaign.bidMicros,
            pacing: campaign.pacing,
            targeting: { ...campaign.targeting, cities: [], genders: [], interests: [], languages: [] },
            closures: [],
            createdBy: owner.id,
            submittedAt: before,
            startAt: start,
            endAt: new Date(start.getTime() + 86_400_000),
          });
          const content = {
            assetId: asset.id,
            headline: "Promo hari ini",
            text: "Diskon untuk pelanggan setia",
            callToAction: "order_now",
            landingUrl: "https://warung.example/promo",
            submittedAt: before,
            createdBy: owner.id,
          } as const;
          const [firstId, secondId] = campaign.adIds as [string, string];
          await insertAdWithFirstVersion(
            tx,
            { id: firstId, campaignId: campaign.id, businessId: business.id, name: `${campaign.key}-a1` },
            { ...content, reviewStatus: liveNow ? "approved" : "in_review" },
          );
          if (liveNow) await setApprovedVersion(tx, firstId, 1);
          if (campaign.secondAdRejectedAtHour !== null) {
            await insertAdWithFirstVersion(
              tx,
              { id: secondId, campaignId: campaign.id, businessId: business.id, name: `${campaign.key}-a2` },
              { ...content, reviewStatus: "in_review" },
            );
          }
        }
      }),
    );
  }
  return owner.id;
}

/** A top-up paid at `at`, credited through the same money function as the payment webhook. */
async function credit(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  changes: BalanceChanges,
  business: PlannedBusiness,
  amount: bigint,
  at: Date,
  ownerId: string,
) {
  const topup = await insertTopup(tx, {
    businessId: business.id,
    amountMicros: amount,
    method: "qris",
    provider: "sandbox",
    paymentInstructions: { qrisPayload: "sim" },
    createdBy: ownerId,
    expiresAt: new Date(at.getTime() + 86_400_000),
  });
  await settleTopup(tx, topup.id, "paid", at);
  await creditTopup(tx, changes, topup, at);
}

/** Mid-day events due in [from, to): top-ups paid, ads approved, second ads rejected. */
async function applyEvents(from: Date, to: Date, ownerId: string): Promise<string[]> {
  const due = (business: PlannedBusiness, hour: number | null) => {
    if (hour === null) return false;
    const at = localHourAt(business, hour).getTime();
    return at >= from.getTime() && at < to.getTime();
  };
  const happened: string[] = [];
  for (const business of plan) {
    if (business.topup && due(business, business.topup.atHour)) {
      const amount = business.topup.micros;
      await withBalanceChanges(db, scripts, (changes) =>
        db.transaction((tx) => credit(tx, changes, business, amount, now, ownerId)),
      );
      happened.push(`${business.key} top-up`);
    }
    for (const campaign of business.campaigns) {
      const [firstId, secondId] = campaign.adIds as [string, string];
      if (due(business, campaign.approvedAtHour)) {
        await db.transaction(async (tx) => {
          await tx.execute(
            sql`update ad_versions set review_status = 'approved', decided_at = ${now} where ad_id = ${firstId}`,
          );
          await setApprovedVersion(tx, firstId, 1);
          await transitionCampaign(tx, campaign.id, ["draft"], "active");
        });
        happened.push(`${campaign.key} approved`);
        changed = true;
      }
      if (due(business, campaign.secondAdRejectedAtHour)) {
        await db.execute(
          sql`update ad_versions set review_status = 'rejected', decided_at = ${now} where ad_id = ${secondId}`,
        );
        happened.push(`${campaign.key} second ad rejected`);
      }
    }
  }
  return happened;
}

const traffic = createTraffic({ seed });
const requestsPerStepAt = (instant: Date) => {
  // Viewers live mostly in WIB: the feed's traffic follows Jakarta's local hours.
  const hour = localClock(instant, "Asia/Jakarta").hour;
  return Math.round((dailyRequests / ((24 * 60) / STEP_MINUTES)) * trafficMultiplier(hour));
};

interface Totals {
  requests: number;
  served: number;
  impressions: number;
  clicks: number;
}
const totals: Totals = { requests: 0, served: 0, impressions: 0, clicks: 0 };
const violations: string[] = [];
const eligibleByCampaign = new Map<string, number>();
const winnable = new Map<string, number>();
/** Each campaign's best position in the auction's order, recomputed when the index reloads. */
const rankOf = new Map<string, number>();
function rerank() {
  rankOf.clear();
  for (const [position, ad] of rankCandidates(index.ads).entries()) {
    if (!rankOf.has(ad.campaignId)) rankOf.set(ad.campaignId, position);
  }
}

/** One viewer's visit at `at`: whether the ad will be seen and, if so, whether it will be clicked. */
interface Visit {
  at: Date;
  viewer: ReturnType<typeof traffic.nextViewer>;
  viewable: boolean;
  clickRoll: number;
}

/** The visit's decision; it also counts the campaigns that could have won it. */
async function decideVisit({ at, viewer }: Visit) {
  totals.requests += 1;
  index.current = [];
  index.at = at;
  const deciding = decide(index, scripts, TRACKING_SECRET, { id: "feed-main" }, viewer, at);
  const eligible = index.current;
  const decision = await deciding;
  // A request a campaign could have won: it was eligible and nobody ranked above it took the request.
  const winner = decision ? (rankOf.get(decision.ad.campaignId) ?? 0) : Number.POSITIVE_INFINITY;
  for (const campaignId of new Set(eligible)) {
    if ((rankOf.get(campaignId) ?? 0) <= winner)
      winnable.set(campaignId, (winnable.get(campaignId) ?? 0) + 1);
  }
  if (decision) totals.served += 1;
  return decision;
}

/** The impression beacon's script of a seen ad; the claims a click would carry, once it counted. */
async function seeVisit(visit: Visit, decision: Decision | undefined) {
  if (!decision || !visit.viewable) return undefined;
  const check = readToken(decision.impressionToken, TRACKING_SECRET, Math.floor(visit.at.getTime() / 1000));
  if (!check.ok) throw new Error(`a fresh token did not verify: ${check.reason}`);
  const impression = await countImpression(scripts, check.claims, visit.at, true);
  if (!impression.counted) return undefined;
  totals.impressions += 1;
  return willClick(visit.clickRoll, decision.ad.adId, visit.viewer) ? check.claims : undefined;
}

const VISITS_IN_FLIGHT = 32;

/**
 * Runs a step's visits 32 at a time on one Redis connection, in phases: the decisions, then the
 * impressions, then the clicks. Within a phase every visit takes the same path, so its commands go
 * out (and its Math.random draws happen) in the same order however Redis's replies are split into
 * reads; mixed in one flight, a click's charge would race the other visits' reservations and the
 * order would follow the machine's timing.
 */
async function runRequests(stepStart: Date) {
  const count = requestsPerStepAt(stepStart);
  for (let first = 0; first < count; first += VISITS_IN_FLIGHT) {
    const visits: Visit[] = [];
    for (let i = first; i < Math.min(count, first + VISITS_IN_FLIGHT); i++) {
      visits.push({
        at: new Date(stepStart.getTime() + Math.floor((i * STEP_MS) / count)),
        viewer: traffic.nextViewer(),
        viewable: traffic.random() < 0.95,
        clickRoll: traffic.random(),
      });
    }
    const decisions = await Promise.all(visits.map(decideVisit));
    const clicks = await Promise.all(visits.map((visit, i) => seeVisit(visit, decisions[i])));
    const counted = await Promise.all(
      clicks.map((claims, i) =>
        claims ? countClick(scripts, claims, (visits[i] as Visit).at, true) : undefined,
      ),
    );
    totals.clicks += counted.filter((click) => click?.counted).length;
  }
}

/** Hands the step's eligible counts to the pacing job the way the api does: per minute, in Redis. */
async function flushEligible(stepStart: Date) {
  const firstMinute = Math.floor(stepStart.getTime() / 60_000);
  const pipeline = redis.pipeline();
  for (const [campaignId, count] of index.eligibleThisStep) {
    eligibleByCampaign.set(campaignId, (eligibleByCampaign.get(campaignId) ?? 0) + count);
    for (let m = 0; m < STEP_MINUTES; m++) {
      const share = Math.floor(count / STEP_MINUTES) + (m < count % STEP_MINUTES ? 1 : 0);
      if (share > 0) pipeline.hincrby(deliveryKeys.eligible(firstMinute + m), campaignId, share);
    }
  }
  index.eligibleThisStep.clear();
  await pipeline.exec();
}

async function tallyAll() {
  while ((await tallyBatch(context)) > 0);
}

const campaignById = new Map(
  plan.flatMap((business) => business.campaigns.map((c) => [c.id, { c, business }])),
);

async function checkInvariants(label: string) {
  const problems: string[] = [];
  for (const { c, business } of campaignById.values()) {
    const key =
      c.budgetType === "daily"
        ? deliveryKeys.campaignDay(business.id, c.id, SIM_DAY)
        : deliveryKeys.campaignTotal(business.id, c.id);
    const used = BigInt((await redis.get(key)) ?? "0");
    if (used > c.budgetMicros) problems.push(`${c.key} Redis counter ${used} > budget ${c.budgetMicros}`);
  }
  const reserved = await getOfBusinesses(
    redis,
    plan.map((business) => business.id),
    deliveryKeys.reserved,
  );
  reserved.forEach((value, i) => {
    if (BigInt(value ?? "0") < 0n) problems.push(`${plan[i]?.key} reserved ${value} < 0`);
  });
  const spent = (
    await db.execute(
      sql`select campaign_id, sum(spend_micros)::text as spend from ad_hourly_stats group by 1`,
    )
  ).rows as { campaign_id: string; spend: string }[];
  for (const row of spent) {
    const campaign = campaignById.get(row.campaign_id)?.c;
    if (campaign && BigInt(row.spend) > campaign.budgetMicros)
      problems.push(`${campaign.key} billed ${row.spend} > budget ${campaign.budgetMicros}`);
  }
  const negative = await negativeBalances(db);
  if (negative > 0) problems.push(`${negative} negative balances`);
  const ledger = await ledgerProblems(db);
  if (ledger > 0) problems.push(`ledger verification found ${ledger} problems`);
  for (const problem of problems) violations.push(`${label}: ${problem}`);
}

const ownerId = await setUp();
let steps = 0;
const timings = { jobs: 0, requests: 0, tally: 0, checks: 0 };
const happenings: string[] = [];
for (let stepStart = simStart; stepStart < simEnd; stepStart = new Date(stepStart.getTime() + STEP_MS)) {
  now = stepStart;
  const stepEnd = new Date(stepStart.getTime() + STEP_MS);
  let mark = performance.now();
  const lap = (phase: keyof typeof timings) => {
    const at = performance.now();
    timings[phase] += at - mark;
    mark = at;
  };
  happenings.push(...(await applyEvents(stepStart, stepEnd, ownerId)));
  await expirePromo.handle({}, context);
  await lifecycle.handle({}, context);
  await pacing.handle({}, context);
  await releaseReservations.handle({}, context);
  if (changed) {
    await index.refresh();
    rerank();
    changed = false;
  }
  lap("jobs");
  await runRequests(stepStart);
  lap("requests");
  now = stepEnd;
  await flushEligible(stepStart);
  // The real tally runs every second; here every third step, so its per-business work (account
  // locks, ledger postings) is spread over batches of realistic size instead of dominating.
  if (steps % TALLY_EVERY_STEPS === TALLY_EVERY_STEPS - 1) await tallyAll();
  lap("tally");
  steps += 1;
  await checkInvariants(`step ${steps} (${stepStart.toISOString()})`);
  lap("checks");
}
// Reservations nobody confirmed lapse after 15 minutes: run the release past that and tally the rest.
now = new Date(simEnd.getTime() + RESERVATION_TTL_SECONDS * 1000 + STEP_MS);
await releaseReservations.handle({}, context);
await tallyAll();
await checkInvariants("end of day");

const spendRows = (
  await db.execute(sql`select campaign_id, sum(spend_micros)::text as spend,
      sum(impressions)::int as impressions, sum(clicks)::int as clicks from ad_hourly_stats group by 1`)
).rows as { campaign_id: string; spend: string; impressions: number; clicks: number }[];
const spendOf = new Map(spendRows.map((row) => [row.campaign_id, row]));
const hourly = (
  await db.execute(sql`select campaign_id, hour, spend_micros::text as spend from ad_hourly_stats`)
).rows as { campaign_id: string; hour: string | Date; spend: string }[];

const lines: string[] = [];
lines.push(
  `seed ${seed}: ${plan.length} businesses, ${campaignById.size} campaigns, ${steps} steps of ${STEP_MINUTES} min`,
);
lines.push(
  "campaign  zone            budget      pacing         bill  spend         util%  eligible  winnable  note",
);
let standardChecked = 0;
const standardMissed: string[] = [];
const pacingErrors = Array.from({ length: 24 }, () => [] as number[]);
const BUDGET_PPM = 1_000_000n;
for (const { c, business } of campaignById.values()) {
  const row = spendOf.get(c.id);
  const spend = BigInt(row?.spend ?? "0");
  // Spend comes in whole events: the most a budget can buy is a whole number of them.
  const eventCost = c.billingEvent === "cpm" ? (c.bidMicros + 999n) / 1_000n : c.bidMicros;
  const spendable = (c.budgetMicros / eventCost) * eventCost;
  const utilisationPpm = Number((spend * BUDGET_PPM) / spendable);
  const eligible = eligibleByCampaign.get(c.id) ?? 0;
  const couldWin = winnable.get(c.id) ?? 0;
  // What one won request was worth to it: its CPM price, or its click price times the click-through
  // rate it actually had (the simulated viewers click some ads more than others).
  const perImpression =
    c.billingEvent === "cpc" && row && row.impressions > 0
      ? (c.bidMicros * BigInt(row.clicks)) / BigInt(row.impressions)
      : expectedCostPerImpression({
          campaignId: c.id,
          adId: c.id,
          billingEvent: c.billingEvent,
          bidMicros: c.bidMicros,
        });
  // Enough traffic: live all day, and the requests it could have won would buy its budget 3 times.
  const enough = c.approvedAtHour === null && BigInt(couldWin) * perImpression >= c.budgetMicros * 3n;
  let note = "";
  if (c.pacing === "standard" && c.budgetType === "daily" && enough) {
    const funded =
      business.cashMicros + (business.promo?.micros ?? 0n) >= c.budgetMicros * 2n &&
      business.promo?.expiresAtHour == null;
    if (funded) {
      standardChecked += 1;
      if (utilisationPpm < 950_000 || utilisationPpm > 1_000_000) {
        standardMissed.push(c.key);
        note = "MISSED 95-100%";
      } else note = "ok";
      const start = dayStartOf(business.timeZone).getTime();
      for (const entry of hourly.filter((h) => h.campaign_id === c.id)) {
        const hour = Math.floor((new Date(entry.hour).getTime() - start) / 3_600_000);
        if (hour < 0 || hour > 23) continue;
        const actual = Number((BigInt(entry.spend) * BUDGET_PPM) / c.budgetMicros) / 1e6;
        (pacingErrors[hour] as number[]).push(actual);
      }
    } else note = "short of funds";
  } else if (!enough) note = "thin traffic";
  if (c.approvedAtHour !== null) note = `approved ${c.approvedAtHour}:00`;
  lines.push(
    `${c.key.padEnd(9)} ${business.timeZone.padEnd(15)} ${(c.budgetMicros / 1_000_000n).toString().padStart(7)} Rp ${`${c.budgetType}/${c.pacing.slice(0, 5)}`.padEnd(14)} ${c.billingEvent.padEnd(4)} ${(spend / 1_000_000n).toString().padStart(9)} Rp ${(utilisationPpm / 10_000).toFixed(2).padStart(6)} ${String(eligible).padStart(8)} ${String(couldWin).padStart(9)}  ${note}`,
  );
}

// Hourly pacing error: per local hour, the mean absolute gap between the share of the day's budget a
// standard campaign spent in that hour and the traffic curve's share of the hour, in points.
const hourlyError = pacingErrors.map((shares, hour) => {
  if (standardChecked === 0) return 0;
  const expected = DEFAULT_TRAFFIC_CURVE[hour] ?? 0;
  const sum = shares.reduce((acc, share) => acc + Math.abs(share - expected), 0);
  const missing = standardChecked - shares.length;
  return ((sum + missing * expected) / standardChecked) * 100;
});
lines.push(
  "hourly pacing error (points of the daily budget, mean |actual share - curve share| over checked standard campaigns):",
);
lines.push(
  hourlyError.map((error, hour) => `${String(hour).padStart(2, "0")}h ${error.toFixed(2)}`).join("  "),
);

const agreement = await spendAgreement(db);
if (agreement.mismatchedBusinesses > 0)
  violations.push(`${agreement.mismatchedBusinesses} businesses: raw, rollup and ledger spend differ`);
const [unfunded] = (
  await db.execute(sql`select count(*)::int as n from delivery_events where invalid_reason = 'unfunded'`)
).rows as { n: number }[];
const summary = {
  seed,
  businesses: plan.length,
  campaigns: campaignById.size,
  steps,
  requests: totals.requests,
  served: totals.served,
  impressions: totals.impressions,
  clicks: totals.clicks,
  spendMicros: agreement.ledgerMicros.toString(),
  unfundedEvents: unfunded?.n ?? 0,
  midDay: happenings.length,
  invariantViolations: violations.length,
  standardCampaignsChecked: standardChecked,
  standardOutside95to100: standardMissed.length,
  meanHourlyPacingErrorPoints: Number((hourlyError.reduce((a, b) => a + b, 0) / 24).toFixed(3)),
};
for (const line of lines) console.log(line);
for (const violation of violations.slice(0, 20)) console.log(`VIOLATION ${violation}`);
console.log(JSON.stringify(summary));
errors(
  `seconds per phase: ${Object.entries(timings)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)}`)
    .join(", ")}`,
);

await deleteRedisKeys(redisUrl, `${redisPrefix}*`);
redis.disconnect();
await database.close();
if (!args["keep-database"]) await dropDatabase(adminUrl, DATABASE);
process.exit(violations.length === 0 && standardMissed.length === 0 ? 0 : 1);
