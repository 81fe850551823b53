/**
 * Measures the delivery pipeline of the real API, in one run that cleans up after itself:
 *
 *   npm run bench:delivery [-- --campaigns 200 --duration 10 --connections 16 --events 200000 --tally-seconds 60 --profile --leases]
 *   npm run bench:delivery -- --cluster [--cluster-ports 7300-7399] [--tally-workers 3] [--shards 64]
 *
 * It builds the API in this process (buildApp + loadConfig, listening on a loopback port) on a
 * database of its own (`sorot_bench_delivery`, dropped and re-created on DATABASE_URL's server,
 * default postgres://postgres@127.0.0.1:5432) and a Redis key prefix of its own (REDIS_URL, default
 * redis://127.0.0.1:6379). It sets up --campaigns live campaigns (default 200, four to a business,
 * so 20,000 is 5,000 businesses): one business, campaign and approved image ad made through the
 * real routes, the rest copied from those rows with COPY, every wallet funded through the ledger;
 * accelerated pacing; half the campaigns nationwide, about a third one province, the rest narrow
 * (a city, age bands, a gender, an interest). It measures the decision index's heap (after a GC,
 * before and after its first full build) and a full rebuild. Then, with autocannon running in a
 * worker thread (its own core, loopback only):
 *
 *  1. baseline: a bare route registered on the same app (same hooks: helmet, CORS, auth check)
 *     and, for reference, a route on a second, empty Fastify server in the same process;
 *  2. `POST /v1/decisions` at peak (a new viewer id every request), then at half that rate with
 *     autocannon `overallRate`, and at the same rate from an open-loop client that spaces requests
 *     evenly (autocannon sends each connection's per-second quota back to back, in bursts);
 *  3. the tally: N valid events XADDed to the event stream as the beacons' scripts write them,
 *     then drained into PostgreSQL (raw events, rollups, ledger spend) with the worker's tallyBatch,
 *     for at most --tally-seconds (the rate is what was drained in that time).
 *
 * Prints a few human lines, then one JSON line:
 *   {"baseline":{rps,p50,p99},"decisions":{rps,p50,p99,ratio},"halfPeak":{rate,p99,pacedP99},
 *    "tally":{events,seconds,eventsPerSecond,pushed,complete},"bareFastify":{...},"settings":{...}}
 * and last a flat one with the headline figures:
 *   {"campaigns","decisionsPerSecond","cpuMsPerDecision","bareRouteRatio","p99MsAtHalfPeak",
 *    "tallyEventsPerSecond","payingBusinesses","indexMemoryMB","rebuildMs"}
 * with "workers" (tally loops), "shards" (delivery shards, each its own event stream), "cluster"
 * (whether Redis was a cluster) and, on the run's own cluster only, "redisCpuMsPerDecision" and
 * "redisCpuMsPerTallyEvent" (every node's redis-server CPU during the peak phase and the drain,
 * less what the idle cluster used in as long).
 * `--cluster` runs every phase against a Redis Cluster of its own (3 masters + 3 replicas of this
 * machine's redis-server on the first free ports of --cluster-ports, empty, removed afterwards)
 * instead of REDIS_URL, the api and the tally connected as REDIS_CLUSTER_NODES connects them.
 * `--leases` runs the api with DELIVERY_LEASES=on (CPM decisions spend from budget slices).
 * `--shards` sets DELIVERY_SHARDS for the run (default: the environment's, else 64).
 * Latencies are milliseconds. `--profile` adds a breakdown of where a decision and a tally batch
 * spend their time (phase timings and CPU profiles of the main thread), printed before the JSON.
 * Exits 1 when the tally's results do not add up (events, rollups, ledger, pending counters).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver, performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import {
  PROVINCES as ALL_PROVINCES,
  CITIES,
  costOfEvent,
  everyone,
  INTERESTS,
  type Targeting,
  viewerAssignment,
} from "@sorot/core";
import {
  businessAccounts,
  createDb,
  type Db,
  platformAccount,
  postLedgerTransaction,
  runMigrations,
} from "@sorot/db";
import {
  createRedisClient,
  deliveryKeys,
  deliveryScripts,
  deliveryShardCount,
  getOfBusinesses,
  pipelineByShard,
  type RedisTarget,
  redisTargetFromEnv,
  tallyBacklog,
} from "@sorot/delivery-state";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance, type InjectOptions } from "fastify";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { buildApp } from "../apps/api/src/app.js";
import { loadConfig } from "../apps/api/src/config.js";
import { decide } from "../apps/api/src/modules/delivery/delivery.service.js";
import { makePng, multipart } from "../apps/api/test/media.js";
import {
  instrumentPool,
  type LoadJob,
  type LoadResult,
  mainThreadCpuMs,
  round,
  runLoad,
  stopLoads,
  Timings,
  timeMethod,
} from "./lib/bench.js";
import { cpuProfile } from "./lib/cpu-profile.js";
import { freeClusterPortBase, type LocalCluster, startLocalCluster } from "./lib/redis-cluster.js";
import { deleteRedisKeys } from "./lib/redis-keys.js";
import {
  AGE_BANDS,
  DEVICES,
  type Deliverable,
  drain,
  GENDERS,
  PROVINCES,
  pick,
  pushEvents,
  tallyContext,
} from "./lib/tally-load.js";

const DATABASE_NAME = "sorot_bench_delivery";
const PREFIX_STEM = "sorot-bench-delivery-";
const CAMPAIGNS_PER_BUSINESS = 4;
const BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36";
const PASSWORD = "kopi susu gula aren 2026";
const rupiah = (amount: number) => BigInt(amount) * 1_000_000n;
/** Per business: far more than the whole run can spend (at most a few Rp million). */
const FUNDING = rupiah(100_000_000);
/** Per campaign per day: never the reason a decision is refused during the run. */
const DAILY_BUDGET = rupiah(50_000_000);

const GOALS = { ratio: 0.5, halfPeakP99Ms: 10, tallyEventsPerSecond: 20_000 };

const args = (() => {
  try {
    return parseArgs({
      options: {
        campaigns: { type: "string", default: "200" },
        duration: { type: "string", default: "10" },
        connections: { type: "string", default: "16" },
        events: { type: "string", default: "200000" },
        "tally-seconds": { type: "string", default: "60" },
        "tally-workers": { type: "string", default: "1" },
        profile: { type: "boolean", default: false },
        leases: { type: "boolean", default: false },
        cluster: { type: "boolean", default: false },
        shards: { type: "string" },
        "cluster-ports": { type: "string", default: "7300-7399" },
      },
    }).values;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
/** Live campaigns, CAMPAIGNS_PER_BUSINESS to a business (20,000: 5,000 businesses). */
const CAMPAIGNS = positive("campaigns", args.campaigns);
const BUSINESSES = Math.ceil(CAMPAIGNS / CAMPAIGNS_PER_BUSINESS);
const DURATION = positive("duration", args.duration);
const CONNECTIONS = positive("connections", args.connections);
const EVENTS = positive("events", args.events);
/** The drain stops after this long even with events left, so a slow tally cannot hold the run up. */
const TALLY_SECONDS = positive("tally-seconds", args["tally-seconds"]);
/** Concurrent tally loops, as several worker processes reading the same stream would run. */
const TALLY_WORKERS = positive("tally-workers", args["tally-workers"]);

const CLUSTER = args.cluster === true;
const CLUSTER_PORTS = (() => {
  const [from, to] = (args["cluster-ports"] ?? "").split("-").map(Number);
  if (!Number.isInteger(from) || !Number.isInteger(to) || (from as number) > (to as number)) {
    console.error("--cluster-ports must be a range like 7300-7399");
    process.exit(2);
  }
  return { from: from as number, to: to as number };
})();

function positive(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    console.error(`--${name} must be a positive whole number`);
    process.exit(2);
  }
  return number;
}

const progress = (line: string) => console.error(`[bench] ${line}`);

v8.setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
/** Heap in use after a full collection: what live objects hold, not garbage waiting for a GC. */
function collectedHeapBytes(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// ---------------------------------------------------------------------------------------------
// Resources, released in reverse order whatever happens (a failure, Ctrl-C).

const cleanups: (() => Promise<unknown>)[] = [];
let cleaningUp: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    await stopLoads();
    for (const step of cleanups.reverse()) {
      await step().catch((error) => progress(`cleanup step failed: ${String(error)}`));
    }
  })();
  return cleaningUp;
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    progress(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "sorot-bench-admin" });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Setup: --campaigns live, approved, funded campaigns.

async function expectStatus(app: FastifyInstance, what: string, status: number, options: InjectOptions) {
  const response = await app.inject(options);
  if (response.statusCode !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
  return response;
}

async function signUp(app: FastifyInstance, email: string, name: string) {
  const response = await expectStatus(app, "sign-up", 201, {
    method: "POST",
    url: "/v1/auth/signup",
    payload: { email, password: PASSWORD, name },
  });
  const body = response.json() as { user: { id: string }; accessToken: string };
  return { id: body.user.id, email, auth: { authorization: `Bearer ${body.accessToken}` } };
}

/** Credits a business's cash the way a paid top-up does: one balanced ledger posting. */
async function fund(db: Db, businessId: string, amountMicros: bigint) {
  await db.transaction(async (tx) => {
    const accounts = await businessAccounts(tx, businessId, { lock: true });
    const clearing = await platformAccount(tx, "payment_clearing");
    await postLedgerTransaction(tx, {
      businessId,
      kind: "topup",
      idempotencyKey: `bench-topup-${businessId}`,
      causeType: "topup",
      causeId: businessId,
      description: "Top-up via bench",
      entries: [
        { accountId: clearing.id, amountMicros: -amountMicros },
        { accountId: accounts.cash.id, amountMicros },
      ],
    });
  });
}

/**
 * One owner, one business, one campaign with one image ad, submitted and approved, all through the
 * real routes; returns the ids. Its rows are the template the other campaigns are copied from.
 */
async function templateCampaign(app: FastifyInstance, stamp: string) {
  const owner = await signUp(app, `bench-owner-${stamp}@warung.example.id`, "Bench Owner");
  const reviewer = await signUp(app, `bench-admin-${stamp}@sorot.example.id`, "Bench Admin");
  await app.db.execute(sql`update users set role = 'admin' where id = ${reviewer.id}`);
  const login = await expectStatus(app, "admin login", 200, {
    method: "POST",
    url: "/v1/auth/login",
    payload: { email: reviewer.email, password: PASSWORD },
  });
  const admin = { authorization: `Bearer ${(login.json() as { accessToken: string }).accessToken}` };

  const business = (
    await expectStatus(app, "create business", 201, {
      method: "POST",
      url: "/v1/businesses",
      headers: owner.auth,
      payload: { name: "Warung Bench 0" },
    })
  ).json() as { id: string };
  // Submitting checks that a day of the budget is funded.
  await fund(app.db, business.id, FUNDING);
  const campaign = (
    await expectStatus(app, "create campaign", 201, {
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns`,
      headers: owner.auth,
      payload: {
        name: "Bench 0-0",
        objective: "traffic",
        budget: { type: "daily", amountMicros: DAILY_BUDGET.toString() },
        bidding: { billingEvent: "cpm", bidMicros: rupiah(20_000).toString() },
        pacing: "accelerated",
        targeting: {},
      },
    })
  ).json() as { id: string };
  const upload = multipart("file", "kopi.png", "image/png", makePng(1080, 1920));
  const asset = (
    await expectStatus(app, "upload", 201, {
      method: "POST",
      url: `/v1/businesses/${business.id}/uploads`,
      headers: { ...owner.auth, ...upload.headers },
      payload: upload.payload,
    })
  ).json() as { assetId: string };
  const ad = (
    await expectStatus(app, "create ad", 201, {
      method: "POST",
      url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/ads`,
      headers: owner.auth,
      payload: {
        name: "Kopi",
        assetId: asset.assetId,
        headline: "Kopi susu gula aren",
        text: "Diskon 20% setiap pagi",
        callToAction: "order_now",
        landingUrl: "https://kopi.example/menu",
      },
    })
  ).json() as { id: string };
  await expectStatus(app, "submit", 200, {
    method: "POST",
    url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/submit`,
    headers: owner.auth,
  });
  await expectStatus(app, "open review", 200, {
    method: "GET",
    url: `/v1/admin/reviews/${ad.id}`,
    headers: admin,
  });
  await expectStatus(app, "approve", 200, {
    method: "POST",
    url: `/v1/admin/reviews/${ad.id}/decision`,
    headers: admin,
    payload: { decision: "approve", version: 1 },
  });
  return { ownerId: owner.id, businessId: business.id, campaignId: campaign.id, adId: ad.id };
}

/** One template row with every column as PostgreSQL's own text, ready to be copied with changes. */
type RawRow = Record<string, string | null>;

async function rawRow(client: pg.Client, table: string, where: string, value: string): Promise<RawRow> {
  const result = await client.query<RawRow>(`select * from ${table} where ${where} = $1 limit 1`, [value]);
  const row = result.rows[0];
  if (!row) throw new Error(`template row missing in ${table}`);
  return row;
}

const csvField = (value: string | null) => (value === null ? "" : `"${value.replaceAll('"', '""')}"`);

/** Streams rows (the template with each row's changes) into `table` with one COPY. */
async function copyRows(client: pg.Client, table: string, template: RawRow, rows: Iterable<RawRow>) {
  const columns = Object.keys(template);
  const target = client.query(
    copyFrom(
      `copy ${table} (${columns.map((column) => `"${column}"`).join(", ")}) from stdin with (format csv)`,
    ),
  );
  const lines = function* () {
    for (const changes of rows) {
      const row: RawRow = { ...template, ...changes };
      yield `${columns.map((column) => csvField(row[column] ?? null)).join(",")}\n`;
    }
  };
  await pipeline(Readable.from(lines()), target);
}

/**
 * The targeting of the n-th campaign: half nationwide, about a third one province (half of them
 * one of the provinces the load sends), the rest narrow (a city, two age bands, one gender, an
 * interest). Codes come from core's region list, as opaque strings.
 */
function benchTargeting(n: number): Targeting {
  const kind = n % 20;
  if (kind < 10) return everyone();
  if (kind < 17) {
    const province =
      n % 2 === 0
        ? (PROVINCES[n % PROVINCES.length] as string)
        : ALL_PROVINCES[n % ALL_PROVINCES.length]?.code;
    return { ...everyone(), provinces: [province as string] };
  }
  const city = CITIES[n % CITIES.length] as (typeof CITIES)[number];
  return {
    ...everyone(),
    provinces: [city.provinceCode],
    cities: [city.code],
    ageBands: [AGE_BANDS[n % AGE_BANDS.length] as string, AGE_BANDS[(n + 1) % AGE_BANDS.length] as string],
    genders: [GENDERS[n % GENDERS.length] as string],
    interests: [INTERESTS[n % INTERESTS.length] as string],
  };
}

/**
 * Copies the template's rows (business, membership, campaign, asset, ad and its approved version)
 * with COPY to make CAMPAIGNS campaigns, CAMPAIGNS_PER_BUSINESS to a business: the same rows the
 * routes wrote, with new ids, names, bids and targeting, then funds every business through the ledger.
 */
async function cloneCampaigns(
  db: Db,
  benchUrl: string,
  template: Awaited<ReturnType<typeof templateCampaign>>,
) {
  const client = new pg.Client({
    connectionString: benchUrl,
    application_name: "sorot-bench-copy",
    // Every value as PostgreSQL's text: copied back as it came, whatever its type.
    types: { getTypeParser: () => (value: string) => value },
  });
  await client.connect();
  const businessIds = [template.businessId];
  try {
    const business = await rawRow(client, "businesses", "id", template.businessId);
    const membership = await rawRow(client, "memberships", "business_id", template.businessId);
    const campaign = await rawRow(client, "campaigns", "id", template.campaignId);
    const ad = await rawRow(client, "ads", "id", template.adId);
    const version = await rawRow(client, "ad_versions", "ad_id", template.adId);
    const asset = await rawRow(client, "assets", "id", version.asset_id as string);
    if (campaign.status !== "active" || version.review_status !== "approved") {
      throw new Error(
        `template is not live: campaign ${campaign.status}, ad version ${version.review_status}`,
      );
    }
    const businesses: RawRow[] = [];
    const campaigns: RawRow[] = [];
    const assets: RawRow[] = [];
    const ads: RawRow[] = [];
    const versions: RawRow[] = [];
    for (let b = 0; b < BUSINESSES; b++) {
      const businessId = b === 0 ? template.businessId : randomUUID();
      if (b > 0) {
        businessIds.push(businessId);
        businesses.push({ id: businessId, name: `Warung Bench ${b}` });
      }
      for (
        let c = b === 0 ? 1 : 0;
        c < CAMPAIGNS_PER_BUSINESS && b * CAMPAIGNS_PER_BUSINESS + c < CAMPAIGNS;
        c++
      ) {
        const n = b * CAMPAIGNS_PER_BUSINESS + c;
        const campaignId = randomUUID();
        const assetId = randomUUID();
        const adId = randomUUID();
        campaigns.push({
          id: campaignId,
          business_id: businessId,
          name: `Bench ${b}-${c}`,
          // CPM bids from Rp 10.000 to Rp 29.500: a real auction, not N ties.
          bid_micros: rupiah(10_000 + (n % 40) * 500).toString(),
          targeting: JSON.stringify(benchTargeting(n)),
        });
        assets.push({ id: assetId, business_id: businessId });
        ads.push({ id: adId, campaign_id: campaignId, business_id: businessId });
        versions.push({ id: randomUUID(), ad_id: adId, asset_id: assetId });
      }
    }
    await client.query("begin");
    await copyRows(client, "businesses", business, businesses);
    await copyRows(
      client,
      "memberships",
      membership,
      businesses.map((row) => ({ business_id: row.id as string })),
    );
    await copyRows(client, "campaigns", campaign, campaigns);
    await copyRows(client, "assets", asset, assets);
    await copyRows(client, "ads", ad, ads);
    await copyRows(client, "ad_versions", version, versions);
    await client.query("commit");
    // As a live database's autovacuum would have: right after COPY the tables have no statistics,
    // and the index's load of 20,000 ads took 6-9 s of its rebuild (at load 13).
    await client.query("analyze businesses, memberships, campaigns, assets, ads, ad_versions");
  } finally {
    await client.end();
  }
  // A few at a time: each is one ledger transaction through the money function.
  const rest = businessIds.slice(1);
  for (let i = 0; i < rest.length; i += 8) {
    await Promise.all(rest.slice(i, i + 8).map((businessId) => fund(db, businessId, FUNDING)));
  }
  return businessIds;
}

// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
// Profiling (--profile).

const profileLines: string[] = [];

/** One decision at a time, timing its awaited Redis calls; the CPU profile of a run at peak says where the rest goes. */
async function profileDecisions(app: FastifyInstance, count: number): Promise<string[]> {
  const { index, scripts } = app.delivery;
  const secret = app.config.trackingSecret;
  const timings = new Timings();
  const restoreMget = timeMethod(app.redis, "mget", "Redis MGET, CPC click check (await)", timings);
  const restoreReserve = timeMethod(scripts, "reserve", "Redis reserve Lua script (await)", timings);
  const contexts = Array.from({ length: count }, (_, n) => ({
    viewerId: `profile-${n}`,
    province: pick(PROVINCES),
    ageBand: pick(AGE_BANDS),
    gender: pick(GENDERS),
    device: pick(DEVICES),
    language: "id",
  }));
  let served = 0;
  const started = performance.now();
  try {
    for (const context of contexts) {
      const decision = await timings.time("decide() total", () =>
        decide(index, scripts, secret, { id: "feed-main" }, context),
      );
      if (decision) served += 1;
    }
  } finally {
    restoreMget();
    restoreReserve();
  }
  const wall = performance.now() - started;

  return [
    `decide() called directly, one at a time, ${count} times: ${(wall / count).toFixed(3)} ms each, ${served} served`,
    ...timings.lines("  "),
  ];
}

async function profileTally(
  benchUrl: string,
  redisTarget: RedisTarget,
  prefix: string,
  dataDir: string,
  ads: Deliverable[],
  count: number,
): Promise<string[]> {
  const sqlTimings = new Timings();
  const redisTimings = new Timings();
  const handle = createDb(benchUrl, { maxConnections: 4, applicationName: "sorot-bench-tally-profile" });
  instrumentPool(handle.pool, sqlTimings);
  const redis = createRedisClient(redisTarget, { keyPrefix: prefix, maxRetriesPerRequest: 2 });
  try {
    await pushEvents(redis, ads, count);
    deliveryScripts(redis); // defines the Lua commands on this client, so they can be wrapped
    for (const name of ["xautoclaim", "xreadgroup", "getBuffer", "xack", "sorotSettle", "xgroup"]) {
      timeMethod(redis, name, `redis ${name}`, redisTimings);
    }
    const originalPipeline = redis.pipeline.bind(redis);
    (redis as unknown as { pipeline: () => unknown }).pipeline = () => {
      const pipeline = originalPipeline();
      timeMethod(pipeline, "exec", "redis pipeline PFADD reach", redisTimings);
      return pipeline;
    };
    const context = tallyContext(handle.db, redis, dataDir);
    const result = await cpuProfile(profileLines, "tally drain", () =>
      drain(context, Math.min(TALLY_SECONDS, 30)),
    );
    const sqlTotal = sqlTimings.wall();
    const redisTotal = redisTimings.wall();
    const wall = result.seconds * 1000;
    return [
      `tally drain of ${result.moved} events with timing wrappers: ${wall.toFixed(0)} ms (${Math.round(
        result.moved / result.seconds,
      )} events/s)`,
      ...[...result.failures].map(([error, n]) => `  failed batches: ${n}× ${error}`),
      `  SQL statements (awaited, by statement): ${sqlTotal.toFixed(0)} ms = ${((sqlTotal / wall) * 100).toFixed(0)}%`,
      ...sqlTimings.lines("    "),
      `  Redis calls (awaited): ${redisTotal.toFixed(0)} ms = ${((redisTotal / wall) * 100).toFixed(0)}%`,
      ...redisTimings.lines("    "),
      `  the rest (JSON parse, building rows and SQL text in drizzle, BigInt sums): ${(wall - sqlTotal - redisTotal).toFixed(0)} ms`,
    ];
  } finally {
    redis.disconnect();
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------

interface RedisCpuMark {
  cpuMs: number;
  atMs: number;
}

async function redisCpuMark(cluster: LocalCluster | undefined): Promise<RedisCpuMark | undefined> {
  return cluster ? { cpuMs: await cluster.cpuMs(), atMs: performance.now() } : undefined;
}

/**
 * Redis's own CPU per unit of work since `mark`, over every node, replicas included (what a
 * deployment must provision), less what the idle cluster burns in as long (`idleMsPerMs`: its cron
 * and cluster bus, measured before the load), which at a few hundred decisions a second is of the
 * same order as the work. Only the run's own cluster is measured; a shared REDIS_URL serves others
 * too, so there it is null.
 */
async function redisCpuMsPer(
  cluster: LocalCluster | undefined,
  mark: RedisCpuMark | undefined,
  idleMsPerMs: number,
  units: number,
  digits = 3,
): Promise<number | null> {
  if (!cluster || mark === undefined || units === 0) return null;
  const used = (await cluster.cpuMs()) - mark.cpuMs - idleMsPerMs * (performance.now() - mark.atMs);
  return round(Math.max(used, 0) / units, digits);
}

/**
 * The main thread's event-loop delay during a run (ms): a p99 well above the request's own time
 * means something blocked the loop (a flush, an index update, GC), not that requests queued.
 */
type LoopDelay = { p99: number; max: number; longestGcMs: number };
type MeasuredLoad = LoadResult & { cpuMsPerRequest: number | null; loopDelay: LoopDelay };

function describe(label: string, result: MeasuredLoad): string {
  const codes = Object.entries(result.statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  return (
    `${label.padEnd(34)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms` +
    `  (raw p99 ${result.raw.p99.toFixed(2)}, max ${result.raw.max.toFixed(1)}; ${codes}` +
    `${result.errors ? `; ${result.errors} errors` : ""}${result.timeouts ? `; ${result.timeouts} timeouts` : ""})` +
    (result.cpuMsPerRequest === null ? "" : `  main-thread CPU ${result.cpuMsPerRequest.toFixed(3)} ms/req`) +
    `  loop delay p99 ${result.loopDelay.p99.toFixed(1)} max ${result.loopDelay.max.toFixed(1)} ms` +
    ` (longest GC pause ${result.loopDelay.longestGcMs.toFixed(1)} ms)`
  );
}

async function main() {
  const postgresServer = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const adminUrl = withDatabase(postgresServer, "postgres");
  const benchUrl = withDatabase(postgresServer, DATABASE_NAME);
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const stamp = randomBytes(4).toString("hex");
  const prefix = `${PREFIX_STEM}${stamp}:`;
  // The shard count in force in this process (the api's and the tally's keys) from here on.
  const redisTarget: RedisTarget = redisTargetFromEnv({
    REDIS_URL: redisUrl,
    DELIVERY_SHARDS: args.shards ?? process.env.DELIVERY_SHARDS,
  });
  let cluster: LocalCluster | undefined;
  if (CLUSTER) {
    const clusterDir = mkdtempSync(join(tmpdir(), "sorot-bench-cluster-"));
    cleanups.push(async () => rmSync(clusterDir, { recursive: true, force: true }));
    cluster = await startLocalCluster({
      portBase: await freeClusterPortBase(CLUSTER_PORTS.from, CLUSTER_PORTS.to),
      dataDir: clusterDir,
      fresh: true,
      log: progress,
    });
    const started = cluster;
    cleanups.push(() => started.stop());
    redisTarget.clusterNodes = cluster.nodes;
    progress(`own Redis Cluster: REDIS_CLUSTER_NODES=${cluster.nodesEnv}`);
  }

  progress(`database ${DATABASE_NAME} on ${new URL(postgresServer).host}, Redis prefix ${prefix}`);
  // Keys an interrupted earlier run left behind (its database is dropped below anyway).
  const stale = await deleteRedisKeys(redisTarget, `${PREFIX_STEM}*`);
  if (stale > 0) progress(`deleted ${stale} Redis keys left by an earlier run`);
  cleanups.push(async () => {
    const deleted = await deleteRedisKeys(redisTarget, `${prefix.slice(0, -1)}*`);
    progress(`deleted ${deleted} Redis keys`);
  });
  await withAdmin(adminUrl, async (client) => {
    await client.query(`drop database if exists "${DATABASE_NAME}" with (force)`);
    await client.query(`create database "${DATABASE_NAME}"`);
  });
  cleanups.push(async () => {
    await withAdmin(adminUrl, (client) =>
      client.query(`drop database if exists "${DATABASE_NAME}" with (force)`),
    );
    progress(`dropped database ${DATABASE_NAME}`);
  });
  await runMigrations(benchUrl);

  const dataDir = mkdtempSync(join(tmpdir(), "sorot-bench-"));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: benchUrl,
    REDIS_URL: redisUrl,
    REDIS_CLUSTER_NODES: redisTarget.clusterNodes.map((node) => `${node.host}:${node.port}`).join(","),
    DELIVERY_SHARDS: String(redisTarget.deliveryShards),
    REDIS_PREFIX: prefix,
    LOG_LEVEL: "silent",
    WEB_DIST_DIR: "/nonexistent",
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: "100000000",
    AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000",
    AUTH_ATTEMPTS_PER_EMAIL_PER_15_MINUTES: "100000",
    DELIVERY_LEASES: args.leases ? "on" : "off",
  });
  const app = await buildApp(config, { logger: false });
  cleanups.push(() => app.close());
  // The baseline: the same app, its hooks (helmet, CORS, request id, access check), no work.
  app.get(
    "/bench/baseline",
    { config: { access: "public", rateLimit: false }, schema: { hide: true } },
    async () => ({ ok: true }),
  );
  await app.ready();
  await app.listen({ host: "127.0.0.1", port: 0 });
  const apiUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const bare = Fastify({ logger: false });
  bare.get("/", async () => ({ ok: true }));
  await bare.listen({ host: "127.0.0.1", port: 0 });
  cleanups.push(() => bare.close());
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

  const loadBefore = loadavg()[0] ?? 0;
  const setupStarted = performance.now();
  const template = await templateCampaign(app, stamp);
  const businessIds = await cloneCampaigns(app.db, benchUrl, template);
  progress(`setup: ${businessIds.length} businesses, ${CAMPAIGNS} campaigns copied and funded`);
  // The index's own memory: the heap after a full build less the heap before it, both after a GC.
  const heapBefore = collectedHeapBytes();
  await app.delivery.index.refresh();
  const indexMemoryMB = round((collectedHeapBytes() - heapBefore) / 2 ** 20, 1);
  const firstBuildMs = app.delivery.index.lastRebuildMs;
  // A rebuild as a detected gap runs it: with the old index still answering.
  await app.delivery.index.refresh();
  const rebuildMs = round(app.delivery.index.lastRebuildMs, 0);
  const indexed = app.delivery.index.ads;
  const jakartans = app.delivery.index.matching(viewerAssignment({ province: "ID-JK" }, ["image", "video"]));
  progress(
    `setup: ${indexed.length} ads in the decision index (${jakartans.length} campaigns match a viewer in ID-JK) in ${(
      (performance.now() - setupStarted) / 1000
    ).toFixed(
      1,
    )} s; index heap ${indexMemoryMB} MB, first build ${firstBuildMs.toFixed(0)} ms, rebuild ${rebuildMs} ms`,
  );
  if (indexed.length !== CAMPAIGNS) {
    throw new Error(`expected ${CAMPAIGNS} ads in the index, found ${indexed.length}`);
  }
  const probe = await fetch(`${apiUrl}/v1/decisions`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": BROWSER },
    body: JSON.stringify({ placementId: "feed-main", context: { viewerId: "probe", province: "ID-JK" } }),
  });
  if (probe.status !== 200)
    throw new Error(`a first decision answered ${probe.status}: ${await probe.text()}`);

  /** One load run, with the main thread's CPU time per completed request (the server's side). */
  const load = async (
    job: Omit<LoadJob, "connections" | "duration"> & Partial<LoadJob>,
  ): Promise<MeasuredLoad> => {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    let longestGcMs = 0;
    const gc = new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) longestGcMs = Math.max(longestGcMs, entry.duration);
    });
    gc.observe({ entryTypes: ["gc"] });
    const cpuBefore = mainThreadCpuMs();
    const result = await runLoad({ connections: CONNECTIONS, duration: DURATION, ...job });
    const cpuAfter = mainThreadCpuMs();
    loop.disable();
    gc.disconnect();
    const loopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, longestGcMs };
    const cpuMsPerRequest =
      cpuBefore === null || cpuAfter === null || result.completed === 0
        ? null
        : round((cpuAfter - cpuBefore) / result.completed, 3);
    return { ...result, cpuMsPerRequest, loopDelay };
  };
  const decisionJob = {
    url: apiUrl,
    path: "/v1/decisions",
    method: "POST" as const,
    headers: { "content-type": "application/json", "user-agent": BROWSER },
    decisionBodies: { placements: ["feed-main", "feed-story", "article-inline"] },
  };

  progress(`baseline: ${DURATION} s, ${CONNECTIONS} connections (after a 2 s warm-up)`);
  await load({ url: apiUrl, path: "/bench/baseline", method: "GET", duration: 2 });
  const baseline = await load({ url: apiUrl, path: "/bench/baseline", method: "GET" });
  await load({ url: bareUrl, path: "/", method: "GET", duration: 2 });
  const bareBaseline = await load({ url: bareUrl, path: "/", method: "GET" });

  progress(`decisions at peak: ${DURATION} s, ${CONNECTIONS} connections (after a 3 s warm-up)`);
  await load({ ...decisionJob, duration: 3 });
  const idleMark = await redisCpuMark(cluster);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const idleRedisMsPerMs =
    cluster && idleMark
      ? ((await cluster.cpuMs()) - idleMark.cpuMs) / (performance.now() - idleMark.atMs)
      : 0;
  const redisCpuBefore = await redisCpuMark(cluster);
  const decisions = await load(decisionJob);
  const redisCpuMsPerDecision = await redisCpuMsPer(
    cluster,
    redisCpuBefore,
    idleRedisMsPerMs,
    decisions.completed,
  );
  const halfRate = Math.max(1, Math.round(decisions.rps / 2));
  progress(`decisions at half peak: ${halfRate} req/s for ${DURATION} s (autocannon overallRate)`);
  const halfPeak = await load({ ...decisionJob, overallRate: halfRate });
  progress(`decisions at half peak: ${halfRate} req/s for ${DURATION} s, evenly spaced (open loop)`);
  const halfPeakPaced = await load({ ...decisionJob, pacedRate: halfRate });

  progress(`tally: pushing ${EVENTS} events into the stream`);
  const deliverables: Deliverable[] = indexed.map((ad) => ({
    businessId: ad.businessId,
    campaignId: ad.campaignId,
    adId: ad.adId,
    adVersion: ad.adVersion,
    timeZone: ad.timeZone,
    costMicros: costOfEvent({
      strategy: ad.strategy,
      billingEvent: ad.billingEvent,
      bidMicros: ad.bidMicros,
    }),
  }));
  // The worker's own connections: a pool and a Redis client with the app's key prefix.
  const worker = createDb(benchUrl, {
    maxConnections: TALLY_WORKERS + 2,
    applicationName: "sorot-bench-tally",
  });
  const workerRedis = createRedisClient(redisTarget, { keyPrefix: prefix, maxRetriesPerRequest: 2 });
  cleanups.push(async () => {
    workerRedis.disconnect();
    await worker.close();
  });
  const revenueBefore = (await platformAccount(app.db, "ad_revenue")).balanceMicros;
  const pushStarted = performance.now();
  const pushed = await pushEvents(workerRedis, deliverables, EVENTS);
  const pushSeconds = (performance.now() - pushStarted) / 1000;
  progress(`tally: draining into PostgreSQL`);
  const tallyCpuBefore = mainThreadCpuMs();
  const tallyRedisCpuBefore = await redisCpuMark(cluster);
  const drained = await drain(
    tallyContext(worker.db, workerRedis, dataDir, TALLY_WORKERS > 1 ? 10_000 : 20_000),
    TALLY_SECONDS,
    TALLY_WORKERS,
  );
  const tallyCpuAfter = mainThreadCpuMs();
  const redisCpuMsPerTallyEvent = await redisCpuMsPer(
    cluster,
    tallyRedisCpuBefore,
    idleRedisMsPerMs,
    drained.moved,
    4,
  );
  // The worker's own share (JSON, building the SQL, BigInt sums); PostgreSQL's is not in it.
  const tallyCpuMsPerEvent =
    tallyCpuBefore === null || tallyCpuAfter === null || drained.moved === 0
      ? null
      : round((tallyCpuAfter - tallyCpuBefore) / drained.moved, 4);

  const [stored] = (
    await app.db.execute(sql`select
        (select count(*) from delivery_events)::text as events,
        (select coalesce(sum(impressions), 0) from ad_hourly_stats)::text as impressions,
        (select coalesce(sum(clicks), 0) from ad_hourly_stats)::text as clicks,
        (select coalesce(sum(invalid_events), 0) from ad_hourly_stats)::text as invalid,
        (select coalesce(sum(spend_micros), 0) from ad_hourly_stats)::text as spend`)
  ).rows as { events: string; impressions: string; clicks: string; invalid: string; spend: string }[];
  const revenue = (await platformAccount(app.db, "ad_revenue")).balanceMicros - revenueBefore;
  const pending = await getOfBusinesses(workerRedis, businessIds, deliveryKeys.pending);
  const pendingLeft = pending.reduce((sum, value) => sum + BigInt(value ?? "0"), 0n);
  // What the tally leaves in Redis: acknowledged stream entries and settled event ids.
  const streamLength = await tallyBacklog(workerRedis);
  const settled = await pipelineByShard(
    workerRedis,
    businessIds,
    (id) => id,
    (pipeline, id) => pipeline.scard(deliveryKeys.settled(id)),
  );
  const settledIds = settled.reduce((sum, [n]) => sum + Number(n ?? 0), 0);
  // Whatever was drained: each event stored once, rollup spend = ledger spend, and pending holds
  // exactly the cost of the events not drained yet.
  const consistent =
    Number(stored?.events) === drained.moved &&
    BigInt(stored?.spend ?? "0") === revenue &&
    pendingLeft === pushed.costMicros - revenue &&
    (!drained.complete || (drained.moved === EVENTS && revenue === pushed.costMicros));

  let profile: string[] = [];
  if (args.profile) {
    progress("profile: decide() phases");
    profile = await profileDecisions(app, 2_000);
    progress("profile: CPU profile of a decisions run at peak");
    await cpuProfile(profileLines, "decisions at peak", () => load(decisionJob));
    progress("profile: tally phases");
    profile.push(
      ...(await profileTally(benchUrl, redisTarget, prefix, dataDir, deliverables, Math.min(EVENTS, 20_000))),
    );
    profile.push(...profileLines);
  }

  const ratio = decisions.rps / baseline.rps;
  const tallyRate = drained.moved / drained.seconds;
  const summary = {
    baseline: {
      rps: round(baseline.rps, 0),
      p50: baseline.p50,
      p99: baseline.p99,
      cpuMsPerRequest: baseline.cpuMsPerRequest,
    },
    decisions: {
      rps: round(decisions.rps, 0),
      p50: decisions.p50,
      p99: decisions.p99,
      ratio: round(ratio, 3),
      cpuMsPerRequest: decisions.cpuMsPerRequest,
      // Baseline CPU per request / decision CPU per request: the ratio the code itself sets,
      // whatever else the machine is running.
      cpuRatio:
        baseline.cpuMsPerRequest && decisions.cpuMsPerRequest
          ? round(baseline.cpuMsPerRequest / decisions.cpuMsPerRequest, 3)
          : null,
    },
    halfPeak: { rate: halfRate, p99: halfPeak.p99, pacedP99: round(halfPeakPaced.p99) },
    tally: {
      events: drained.moved,
      seconds: round(drained.seconds, 2),
      eventsPerSecond: round(tallyRate, 0),
      pushed: EVENTS,
      complete: drained.complete,
      workers: TALLY_WORKERS,
      cpuMsPerEvent: tallyCpuMsPerEvent,
      failedBatches: [...drained.failures.values()].reduce((sum, n) => sum + n, 0),
    },
    bareFastify: { rps: round(bareBaseline.rps, 0), p50: bareBaseline.p50, p99: bareBaseline.p99 },
    settings: {
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      campaigns: indexed.length,
      leases: args.leases === true,
      cores: availableParallelism(),
      // What the run's own idle cluster (all six nodes) used per second before the load.
      idleRedisCpuMsPerSecond: cluster ? round(idleRedisMsPerMs * 1000, 1) : null,
      loadAverage: [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)],
    },
  };
  const goal = (met: boolean) => (met ? "met" : "MISSED");
  const lines = [
    describe("baseline (route on the app)", baseline),
    describe("bare Fastify (second server)", bareBaseline),
    describe("POST /v1/decisions at peak", decisions),
    describe(`POST /v1/decisions at ${halfRate}/s`, halfPeak),
    describe(`  same rate, evenly spaced`, halfPeakPaced),
    `tally: ${EVENTS} events XADDed in ${pushSeconds.toFixed(1)} s; ${drained.moved} drained in ${drained.seconds.toFixed(1)} s ` +
      `(${Math.round(tallyRate)} events/s${drained.complete ? "" : `, stopped at the ${TALLY_SECONDS} s limit`}` +
      `${tallyCpuMsPerEvent === null ? "" : `; worker-side CPU ${tallyCpuMsPerEvent} ms/event`}); ` +
      `stored ${stored?.events} events, ${stored?.impressions} impressions, ${stored?.clicks} clicks, ` +
      `${stored?.invalid} invalid; rollup spend ${stored?.spend}, ledger ad revenue +${revenue}, pending left ` +
      `${pendingLeft} of ${pushed.costMicros} micros: ${consistent ? "consistent" : "INCONSISTENT"}`,
    `tally, ${TALLY_WORKERS} worker loop${TALLY_WORKERS > 1 ? "s" : ""}: ${
      drained.failures.size === 0
        ? "no failed batches"
        : `failed batches: ${[...drained.failures].map(([error, n]) => `${n}× ${error}`).join("; ")}`
    }; the Redis stream still holds ${streamLength} entries and the ` +
      `settled sets ${settledIds} event ids`,
    `goals: ratio ${ratio.toFixed(2)} ≥ ${GOALS.ratio} ${goal(ratio >= GOALS.ratio)}` +
      (summary.decisions.cpuRatio === null
        ? "; "
        : ` (by main-thread CPU per request: ${summary.decisions.cpuRatio}); `) +
      `p99 at half peak ${halfPeak.p99.toFixed(2)} ms < ${GOALS.halfPeakP99Ms} ms ${goal(halfPeak.p99 < GOALS.halfPeakP99Ms)}; ` +
      `tally ${Math.round(tallyRate)}/s ≥ ${GOALS.tallyEventsPerSecond} ${goal(tallyRate >= GOALS.tallyEventsPerSecond)}`,
  ];
  for (const [label, run] of [
    ["at peak", decisions],
    ["at half peak", halfPeak],
    ["at half peak, evenly spaced", halfPeakPaced],
  ] as const) {
    const served = run.statusCodes["200"] ?? 0;
    if (served < run.completed * 0.99) {
      lines.push(`warning: only ${served} of ${run.completed} decisions ${label} served an ad (200)`);
    }
  }
  const busy = Math.max(loadBefore, loadavg()[0] ?? 0);
  if (busy > availableParallelism() * 0.75) {
    lines.push(
      `warning: the machine was busy (1-minute load average ${busy.toFixed(1)} on ${availableParallelism()} cores) ` +
        "with other work: these numbers understate what the code can do",
    );
  }
  for (const line of [...profile, ...lines]) console.log(line);
  console.log(JSON.stringify(summary));
  // The headline figures, flat, last: what issue #17 compares across --campaigns.
  console.log(
    JSON.stringify({
      campaigns: indexed.length,
      decisionsPerSecond: round(decisions.rps, 0),
      cpuMsPerDecision: decisions.cpuMsPerRequest,
      bareRouteRatio: round(ratio, 3),
      p99MsAtHalfPeak: halfPeak.p99,
      tallyEventsPerSecond: round(tallyRate, 0),
      payingBusinesses: pushed.payingBusinesses,
      indexMemoryMB,
      rebuildMs,
      workers: TALLY_WORKERS,
      shards: deliveryShardCount(),
      cluster: CLUSTER,
      leases: args.leases === true,
      redisCpuMsPerDecision,
      redisCpuMsPerTallyEvent,
    }),
  );
  if (!consistent) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  if (!interrupted) {
    console.error(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  process.exitCode = 1;
} finally {
  await cleanup();
}
