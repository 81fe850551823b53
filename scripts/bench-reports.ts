/**
 * Report latency benchmark: `npm run bench:reports`.
 *
 * Builds its own database (sorot_bench_reports on BENCH_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, and generates rollups with bulk SQL:
 * one business with 200 campaigns of 2 ads each and 90 days of hourly rows (864,000), its daily and
 * daily-by-dimension rollups and one reach sketch per ad per day (and per campaign and business
 * per day, merged from those, and the worker's blocks of 4 to 64 days per ad and campaign);
 * around it OTHERS businesses (default 100) of OTHER_CAMPAIGNS campaigns each (default 20, a tenth of the main business: the
 * full size would be 87 million hourly rows and ~25 GB, too much for a 2-core machine), generated
 * hour by hour so every business's rows are interleaved on disk as a live tally would leave them.
 *
 * Then it starts the real API (buildApp, listening on a loopback port) and measures, over HTTP,
 * p50/p95 of the report for 7, 30 and 90 days by day and by campaign, and the time to first byte
 * of the 90-day ad-level CSV (and, with the extras, the 90-day ad-level JSON), each also cold (`coldMs`: the first request to a fresh api instance with
 * an empty merge cache, PostgreSQL warm). It prints EXPLAIN (ANALYZE, BUFFERS) of the main statements to stderr
 * and one JSON line of figures to stdout. KEEP=1 keeps the database for a second run (REUSE=1);
 * PROFILE=1 adds a CPU profile of each cold request (self time by function and area) to stderr.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { addLocalDays, localDate, startOfLocalDate } from "@sorot/core";
import { createDb, runMigrations } from "@sorot/db";
import { PgDialect } from "drizzle-orm/pg-core";
import { Redis } from "ioredis";
import pg from "pg";
import { buildApp } from "../apps/api/src/app.js";
import { loadConfig } from "../apps/api/src/config.js";
import { backfillScopeReach } from "../apps/worker/src/reach-backfill.js";
import { buildReachBlocks } from "../apps/worker/src/reach-blocks.js";
import { cpuProfile } from "./lib/cpu-profile.js";
import { deleteRedisKeys } from "./lib/redis-keys.js";

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE = "sorot_bench_reports";
const DAYS = 90;
const MAIN_CAMPAIGNS = 200;
const ADS_PER_CAMPAIGN = 2;
const OTHERS = Number(process.env.OTHERS ?? 100);
const OTHER_CAMPAIGNS = Number(process.env.OTHER_CAMPAIGNS ?? 20);
const SAMPLES = Number(process.env.SAMPLES ?? 40);
/** PROFILE=1: a CPU profile of each cold request (this process runs the api), printed to stderr. */
const PROFILE = process.env.PROFILE === "1";
const profileLines: string[] = [];
const WARMUP = 3;
const TIME_ZONE = "Asia/Jakarta";
const REUSE = process.env.REUSE === "1";

const databaseUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

function log(message: string) {
  process.stderr.write(`[bench:reports] ${message}\n`);
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** The last day of data is yesterday in Jakarta, so "last 7/30/90 days" are the ranges an owner picks. */
const LAST_DAY = addLocalDays(localDate(new Date(), TIME_ZONE), -1);
const FIRST_DAY = addLocalDays(LAST_DAY, -(DAYS - 1));

async function createDatabase() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  await runMigrations(databaseUrl);
}

async function generate(client: pg.Client): Promise<{ businessId: string; userId: string }> {
  // Bulk load: no row triggers (the daily rollup is built in one statement below, as the migration's
  // backfill does) and no FK checks; the data is made consistent by construction.
  await client.query("set session_replication_role = replica");
  await client.query("set synchronous_commit = off");
  const { rows: users } = await client.query<{ id: string }>(
    `insert into users (email, name, password_hash) values ('bench@sorot.example', 'Bench Owner', 'x') returning id`,
  );
  const userId = users[0]?.id as string;
  await client.query(`
    create unlogged table bench_businesses as
      select gen_random_uuid() as id, n, case when n = 0 then ${MAIN_CAMPAIGNS} else ${OTHER_CAMPAIGNS} end as campaigns
      from generate_series(0, ${OTHERS}) n`);
  await client.query(`
    insert into businesses (id, name, time_zone)
      select id, case when n = 0 then 'Bench Utama' else 'Bench Lain ' || n end, '${TIME_ZONE}' from bench_businesses`);
  const { rows: main } = await client.query<{ id: string }>("select id from bench_businesses where n = 0");
  const businessId = main[0]?.id as string;
  await client.query(`insert into memberships (user_id, business_id, role) values ($1, $2, 'owner')`, [
    userId,
    businessId,
  ]);
  await client.query(`
    create unlogged table bench_campaigns as
      select gen_random_uuid() as id, b.id as business_id, c as n
      from bench_businesses b cross join lateral generate_series(1, b.campaigns) c`);
  await client.query(`
    insert into campaigns (id, business_id, name, objective, status, budget_type, budget_micros, billing_event, bid_micros, targeting)
      select id, business_id, 'Kampanye ' || n,
        (array['traffic', 'reach', 'video_views', 'conversions'])[1 + n % 4], 'completed', 'daily',
        200000000000, 'cpm', 20000000000, '{}'::jsonb
      from bench_campaigns`);
  await client.query(`
    create unlogged table bench_ads as
      select gen_random_uuid() as ad_id, c.id as campaign_id, c.business_id,
        (row_number() over ())::int as seq, a as n
      from bench_campaigns c cross join generate_series(1, ${ADS_PER_CAMPAIGN}) a`);
  await client.query(`
    insert into ads (id, campaign_id, business_id, name)
      select ad_id, campaign_id, business_id, 'Iklan ' || seq from bench_ads`);
  const { rows: adCount } = await client.query<{ n: string }>("select count(*)::text as n from bench_ads");
  log(`businesses ${OTHERS + 1}, ads ${adCount[0]?.n}`);

  // Hourly rows, hour by hour across every business (so one business's rows are spread over the
  // heap like a live tally's): a daily curve (quiet at night, busy in the evening, Jakarta time)
  // times a per-ad level, with a pseudo-random wobble.
  const start = `${FIRST_DAY}T00:00:00+07:00`;
  await timed("hourly rows", () =>
    client.query(`
      insert into ad_hourly_stats (ad_id, hour, campaign_id, business_id, impressions, clicks, video_starts,
        video_q25, video_q50, video_q75, video_completes, conversions, invalid_events, spend_micros)
      select a.ad_id, t.hour, a.campaign_id, a.business_id, v.impressions, v.impressions / 25,
        case when a.n = 2 then v.impressions / 2 else 0 end,
        case when a.n = 2 then v.impressions * 2 / 5 else 0 end,
        case when a.n = 2 then v.impressions * 3 / 10 else 0 end,
        case when a.n = 2 then v.impressions / 5 else 0 end,
        case when a.n = 2 then v.impressions / 7 else 0 end,
        v.impressions / 200, (a.seq + h.i) % 5 / 4, v.impressions * 20000
      from generate_series(0, ${DAYS * 24 - 1}) h(i)
      cross join lateral (select '${start}'::timestamptz + h.i * interval '1 hour' as hour) t
      cross join bench_ads a
      cross join lateral (select
        ((array[2,1,1,1,1,2,4,6,8,9,9,10,11,10,9,9,10,11,13,15,16,14,9,5])[1 + (h.i % 24)]
          * (4 + a.seq % 7) + (a.seq * 7919 + h.i * 104729) % 13)::bigint as impressions) v`),
  );
  // The daily rollups (per ad and per campaign), built by the function the migration backfills with.
  await timed("daily rollups", () => client.query("select ad_daily_stats_rebuild(null)"));
  await timed("dimension rollup", () =>
    client.query(`
      insert into ad_daily_dimension_stats (ad_id, day, dimension, value, campaign_id, business_id, impressions,
        clicks, conversions, video_completes, spend_micros)
      select d.ad_id, d.day, v.dimension, v.value, d.campaign_id, d.business_id,
        d.impressions * v.share / 100, d.clicks * v.share / 100, d.conversions * v.share / 100,
        d.video_completes * v.share / 100, d.impressions * v.share / 100 * 20000
      from ad_daily_stats d
      cross join (values
        ('age', '18-24', 22), ('age', '25-34', 31), ('age', '35-44', 23), ('age', '45-54', 14), ('age', '55+', 10),
        ('gender', 'female', 52), ('gender', 'male', 48),
        ('province', 'ID-JK', 30), ('province', 'ID-JB', 25), ('province', 'ID-JT', 15), ('province', 'ID-JI', 15),
        ('province', 'ID-BT', 10), ('province', 'unknown', 5),
        ('device', 'android', 82), ('device', 'ios', 12), ('device', 'desktop', 6)
      ) v(dimension, value, share)
      order by d.day`),
  );
  return { businessId, userId };
}

/**
 * One HyperLogLog per ad per day of the main business, made by Redis from synthetic viewers: each
 * day an ad reaches 60% of its impressions in distinct people, drawn from 400,000 people, so the
 * same people come back across days and ads, as they do.
 */
async function generateSketches(client: pg.Client, redis: Redis, businessId: string) {
  const { rows } = await client.query<{
    ad_id: string;
    campaign_id: string;
    day: string;
    impressions: string;
  }>(
    `select ad_id, campaign_id, day::text as day, impressions::text as impressions
       from ad_daily_stats where business_id = $1 order by day, ad_id`,
    [businessId],
  );
  const population = 400_000;
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  let bytes = 0;
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const pipeline = redis.pipeline();
    chunk.forEach((row, index) => {
      const reach = Math.max(1, Math.round(Number(row.impressions) * 0.6));
      const offset = Math.floor(random() * population);
      const step = 1 + Math.floor(random() * 97);
      const viewers: string[] = [];
      for (let k = 0; k < reach; k++) viewers.push(`v${(offset + k * step) % population}`);
      pipeline.pfadd(`sketch:${index}`, ...viewers);
    });
    await pipeline.exec();
    const read = redis.pipeline();
    chunk.forEach((_, index) => {
      read.getBuffer(`sketch:${index}`);
    });
    read.del(...chunk.map((_, index) => `sketch:${index}`));
    const results = (await read.exec()) ?? [];
    const sketches = chunk.map((_, index) => results[index]?.[1] as Buffer);
    bytes += sketches.reduce((total, sketch) => total + sketch.length, 0);
    await client.query(
      `insert into ad_daily_reach (ad_id, day, campaign_id, business_id, sketch)
         select * from unnest($1::uuid[], $2::date[], $3::uuid[], $4::uuid[], $5::bytea[])`,
      [
        chunk.map((row) => row.ad_id),
        chunk.map((row) => row.day),
        chunk.map((row) => row.campaign_id),
        chunk.map(() => businessId),
        sketches,
      ],
    );
  }
  // The trigger that versions each day's sketches is off during the bulk load.
  await client.query(
    "insert into ad_daily_reach_versions (business_id, day, version) select distinct business_id, day, 1 from ad_daily_reach",
  );
  log(`reach sketches: ${rows.length}, ${(bytes / rows.length).toFixed(0)} bytes on average`);
}

async function tableSizes(client: pg.Client) {
  const { rows } = await client.query<{ name: string; rows: string; size: string }>(`
    select c.relname as name, c.reltuples::bigint::text as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size
    from pg_class c where c.relname in ('ad_hourly_stats', 'ad_daily_stats', 'ad_daily_dimension_stats', 'ad_daily_reach',
      'scope_daily_reach', 'reach_block_sketches')
    order by c.relname`);
  return Object.fromEntries(rows.map((row) => [row.name, { rows: Number(row.rows), size: row.size }]));
}

interface Timing {
  status: number;
  /** Until the first byte of the body. */
  firstByteMs: number;
  /** Until the whole body arrived. */
  totalMs: number;
  bytes: number;
}

function get(port: number, path: string, headers: Record<string, string>): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = -1;
    let bytes = 0;
    const req = request({ host: "127.0.0.1", port, path, headers }, (response) => {
      response.on("data", (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - started;
        bytes += chunk.length;
      });
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          firstByteMs,
          totalMs: performance.now() - started,
          bytes,
        }),
      );
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function percentile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round((sorted[index] as number) * 10) / 10;
}

async function measure(port: number, token: string, path: string, csv = false) {
  const headers = { authorization: `Bearer ${token}`, accept: csv ? "text/csv" : "application/json" };
  const cold = await get(port, path, headers);
  if (cold.status !== 200) throw new Error(`${path}: HTTP ${cold.status}`);
  for (let n = 1; n < WARMUP; n++) await get(port, path, headers);
  const samples: Timing[] = [];
  for (let n = 0; n < SAMPLES; n++) samples.push(await get(port, path, headers));
  const pick = (field: "firstByteMs" | "totalMs") =>
    samples.map((sample) => sample[field]).sort((a, b) => a - b);
  const field = csv ? "firstByteMs" : "totalMs";
  return {
    p50: percentile(pick(field), 0.5),
    p95: percentile(pick(field), 0.95),
    ...(csv ? { totalP50: percentile(pick("totalMs"), 0.5) } : {}),
    firstMs: Math.round((csv ? cold.firstByteMs : cold.totalMs) * 10) / 10,
    bytes: samples[0]?.bytes ?? 0,
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement the report service runs for one request. */
async function explainReport(
  client: pg.Client,
  app: Awaited<ReturnType<typeof buildApp>>,
  businessId: string,
  query: Record<string, string>,
) {
  const { buildReport } = await import("../apps/api/src/modules/reports/reports.service.js");
  const statements: { sql: string; params: unknown[] }[] = [];
  const dialect = new PgDialect();
  const recording = new Proxy(app.db, {
    get(target, property, receiver) {
      if (property === "execute") {
        return (query: Parameters<typeof target.execute>[0]) => {
          const built = dialect.sqlToQuery(query as Parameters<typeof dialect.sqlToQuery>[0]);
          statements.push({ sql: built.sql, params: built.params });
          return target.execute(query);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  const business = await app.db.query.businesses.findFirst({ where: (b, { eq }) => eq(b.id, businessId) });
  if (!business) throw new Error("no bench business");
  await buildReport(recording, app.redis, { ...business, role: "owner" }, {
    granularity: "day",
    ...query,
  } as Parameters<typeof buildReport>[3]);
  for (const statement of statements) {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(
      `explain (analyze, buffers, costs off) ${statement.sql}`,
      statement.params as unknown[],
    );
    log(
      `\n--- ${JSON.stringify(query)}\n${statement.sql.replace(/\s+/g, " ").slice(0, 400)}\n${rows.map((row) => row["QUERY PLAN"]).join("\n")}`,
    );
  }
}

async function main() {
  const redis = new Redis(REDIS_URL, { keyPrefix: `bench-reports-gen-${process.pid}:` });
  let businessId: string;
  let userId: string;
  const client = new pg.Client({ connectionString: databaseUrl });
  if (!REUSE) {
    await timed("create and migrate database", createDatabase);
    await client.connect();
    ({ businessId, userId } = await generate(client));
    await timed("reach sketches", () => generateSketches(client, redis, businessId));
    // The campaign and business day sketches, merged from the per-ad ones as the worker's start-up does.
    await timed("campaign and business sketches", async () => {
      const handle = createDb(databaseUrl, { maxConnections: 2, applicationName: "sorot-bench-reports" });
      try {
        await backfillScopeReach(handle.db);
      } finally {
        await handle.close();
      }
    });
    await client.query("set session_replication_role = origin");
  } else {
    // A kept database may predate the latest migrations (the block sketches'): apply them.
    await runMigrations(databaseUrl);
    await client.connect();
    const { rows } = await client.query<{ business_id: string; user_id: string }>(
      "select business_id, user_id from memberships limit 1",
    );
    businessId = rows[0]?.business_id as string;
    userId = rows[0]?.user_id as string;
  }
  // The blocks of 4 to 64 days the worker's reach-blocks job keeps (only those not built yet).
  await timed("reach blocks", async () => {
    const handle = createDb(databaseUrl, { maxConnections: 2, applicationName: "sorot-bench-reports" });
    try {
      log(`reach blocks built: ${await buildReachBlocks(handle.db, new Date())}`);
    } finally {
      await handle.close();
    }
  });
  await timed("vacuum analyze", () => client.query("vacuum analyze"));
  await redis.quit();
  const sizes = await tableSizes(client);
  log(`tables: ${JSON.stringify(sizes)}`);

  const prefix = `bench-reports-${process.pid}:`;
  const startApi = async (redisPrefix: string) => {
    const api = await buildApp(
      loadConfig({
        NODE_ENV: "test",
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        LOG_LEVEL: "silent",
        WEB_DIST_DIR: "/nonexistent",
        DATA_DIR: "/tmp/sorot-bench-reports",
        RATE_LIMIT_PER_MINUTE: "1000000",
      }),
      { logger: false },
    );
    await api.listen({ host: "127.0.0.1", port: 0 });
    return { api, port: (api.server.address() as AddressInfo).port };
  };
  const { api: app, port } = await startApi(prefix);
  const token = app.signAccessToken({ userId, role: "owner" });
  const path = (query: Record<string, string>) =>
    `/v1/businesses/${businessId}/reports?${new URLSearchParams(query)}`;
  let colds = 0;
  /**
   * Cold as the goal defines it: a fresh api instance whose merge cache (its Redis prefix) is empty,
   * asked once, after the warm samples left PostgreSQL's cache warm. The instance shares this
   * process, so the JIT is warm: what it leaves out is the code's first compilation, not the merge.
   */
  const cold = async (query: Record<string, string>, csv = false) => {
    const coldPrefix = `bench-reports-cold-${process.pid}-${colds++}:`;
    const { api, port: coldPort } = await startApi(coldPrefix);
    try {
      const headers = { authorization: `Bearer ${token}`, accept: csv ? "text/csv" : "application/json" };
      const ask = () => get(coldPort, path(query), headers);
      const first = PROFILE
        ? await cpuProfile(profileLines, `cold ${csv ? "CSV " : ""}${new URLSearchParams(query)}`, ask)
        : await ask();
      if (first.status !== 200) throw new Error(`cold ${path(query)}: HTTP ${first.status}`);
      return Math.round((csv ? first.firstByteMs : first.totalMs) * 10) / 10;
    } finally {
      await api.close();
      await deleteRedisKeys(REDIS_URL, `${coldPrefix.slice(0, -1)}*`);
    }
  };
  const measured = async (query: Record<string, string>, csv = false) => ({
    ...(await measure(port, token, path(query), csv)),
    coldMs: await cold(query, csv),
  });

  const results: Record<string, unknown> = {};
  try {
    for (const days of [7, 30, 90]) {
      const range = { from: addLocalDays(LAST_DAY, -(days - 1)), to: LAST_DAY };
      results[`${days}d_by_day`] = await measured({ ...range, granularity: "day" });
      results[`${days}d_by_campaign`] = await measured({ ...range, groupBy: "campaign" });
    }
    const range90 = { from: FIRST_DAY, to: LAST_DAY };
    results["90d_by_ad_csv_ttfb"] = await measured({ ...range90, groupBy: "ad" }, true);
    // Not in the goal, for the record: the report screen's other requests.
    results.extra = {
      "30d_by_day_compare": await measure(
        port,
        token,
        path({ from: addLocalDays(LAST_DAY, -29), to: LAST_DAY, compare: "previous" }),
      ),
      "30d_by_province": await measure(
        port,
        token,
        path({ from: addLocalDays(LAST_DAY, -29), to: LAST_DAY, groupBy: "province" }),
      ),
      "7d_by_hour": await measure(
        port,
        token,
        path({ from: addLocalDays(LAST_DAY, -6), to: LAST_DAY, granularity: "hour" }),
      ),
      "90d_by_ad": await measured({ ...range90, groupBy: "ad" }),
    };
    if (PROFILE) log(profileLines.join("\n"));
    if (process.env.EXPLAIN !== "0") {
      await explainReport(client, app, businessId, { ...range90, granularity: "day" });
      await explainReport(client, app, businessId, { ...range90, groupBy: "campaign" });
      await explainReport(client, app, businessId, {
        from: addLocalDays(LAST_DAY, -29),
        to: LAST_DAY,
        groupBy: "province",
      });
      // Where the daily rollup's time would go without it: the same 90 days grouped from the hourly rows.
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        `explain (analyze, buffers, costs off)
         select (hour at time zone '${TIME_ZONE}')::date, sum(impressions), sum(clicks), sum(spend_micros)
         from ad_hourly_stats where business_id = $1 and hour >= $2 and hour < $3 group by 1`,
        [
          businessId,
          startOfLocalDate(FIRST_DAY, TIME_ZONE),
          startOfLocalDate(addLocalDays(LAST_DAY, 1), TIME_ZONE),
        ],
      );
      log(
        `\n--- 90 days by day from the hourly rollup (for comparison)\n${rows.map((row) => row["QUERY PLAN"]).join("\n")}`,
      );
    }
  } finally {
    await app.close();
    await client.end();
    // The api's keys (merged reach per day, its queues): a rerun on kept data builds them anew.
    await deleteRedisKeys(REDIS_URL, `${prefix.slice(0, -1)}*`);
    if (process.env.KEEP !== "1") {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${DATABASE} with (force)`);
      await admin.end();
    }
  }

  const goalMet =
    [7, 30, 90].every(
      (days) =>
        (results[`${days}d_by_day`] as { p95: number }).p95 < 50 &&
        (results[`${days}d_by_campaign`] as { p95: number }).p95 < 50,
    ) && (results["90d_by_ad_csv_ttfb"] as { p95: number }).p95 < 100;
  process.stdout.write(
    `${JSON.stringify({
      bench: "reports",
      data: {
        mainBusiness: { campaigns: MAIN_CAMPAIGNS, ads: MAIN_CAMPAIGNS * ADS_PER_CAMPAIGN, days: DAYS },
        others: {
          businesses: OTHERS,
          campaignsEach: OTHER_CAMPAIGNS,
          adsEach: OTHER_CAMPAIGNS * ADS_PER_CAMPAIGN,
        },
        tables: sizes,
        range: { from: FIRST_DAY, to: LAST_DAY, timeZone: TIME_ZONE },
      },
      samples: SAMPLES,
      unit: "ms",
      results,
      goal: { jsonP95Ms: 50, csvFirstByteP95Ms: 100, met: goalMet },
    })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
