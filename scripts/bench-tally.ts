/**
 * Tally throughput with many paying businesses:
 * `npm run bench:tally [-- --businesses 5000 --events 200000 --tally-workers 2]`.
 *
 * Builds its own database (sorot_bench_tally on BENCH_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, and creates with bulk SQL N businesses
 * (default 5,000), each with one campaign and one ad and a funded cash account (a balanced top-up
 * posting each). Then it XADDs the events as the beacon scripts write them, spread evenly over all
 * the ads (so each of the 64 shards' batches holds the events of about 78 paying businesses at
 * 5,000), and drains them with the worker's own tallyBatch, as bench:delivery's tally phase does,
 * in `--tally-workers` concurrent loops (default 1, as earlier figures; the worker's TALLY_LOOPS
 * defaults to 2), each on the shards it holds the lock of. It checks that every event was stored
 * once and rollup spend = ledger ad revenue, and prints one JSON line.
 * Run it under `flock /tmp/sorot-bench.lock`: the database name is fixed.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createDb, platformAccount, runMigrations } from "@sorot/db";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import pg from "pg";
import { deleteRedisKeys } from "./lib/redis-keys.js";
import { type Deliverable, drain, pushEvents, tallyContext } from "./lib/tally-load.js";

const { values: args } = parseArgs({
  options: {
    businesses: { type: "string", default: "5000" },
    events: { type: "string", default: "200000" },
    "tally-seconds": { type: "string", default: "120" },
    "tally-workers": { type: "string", default: "1" },
  },
});
const BUSINESSES = Number(args.businesses);
const EVENTS = Number(args.events);
const TALLY_SECONDS = Number(args["tally-seconds"]);
const TALLY_WORKERS = Number(args["tally-workers"]);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE = "sorot_bench_tally";
const CPM_COST = 20_000_000n;
const FUNDING = 1_000_000_000_000n;
const GOAL = 20_000;

const progress = (line: string) => process.stderr.write(`[bench:tally] ${line}\n`);

async function main() {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  const benchUrl = url.toString();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  await runMigrations(benchUrl);

  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  // Businesses, campaigns, ads and each business's accounts and top-up, in a few set statements.
  await client.query(`
    create temporary table bench as
      select gen_random_uuid() as business_id, gen_random_uuid() as campaign_id, gen_random_uuid() as ad_id,
        gen_random_uuid() as topup_id, n from generate_series(1, ${BUSINESSES}) n`);
  await client.query(`insert into businesses (id, name) select business_id, 'Warung Tally ' || n from bench`);
  await client.query(`
    insert into campaigns (id, business_id, name, objective, status, budget_type, budget_micros, billing_event, bid_micros, targeting)
      select campaign_id, business_id, 'Kampanye ' || n, 'traffic', 'active', 'daily', 200000000000, 'cpm', 20000000000, '{}'::jsonb
      from bench`);
  await client.query(
    `insert into ads (id, campaign_id, business_id, name) select ad_id, campaign_id, business_id, 'Iklan ' || n from bench`,
  );
  await client.query(`
    insert into ledger_accounts (business_id, kind)
      select business_id, k from bench cross join unnest(array['cash', 'promo', 'withdrawal_hold']) k`);
  await client.query("begin");
  await client.query(`
    insert into ledger_transactions (id, business_id, kind, idempotency_key, cause_type, cause_id, description)
      select topup_id, business_id, 'topup', 'bench-topup-' || business_id, 'topup', business_id, 'Top-up via bench' from bench`);
  await client.query(`
    insert into ledger_entries (transaction_id, account_id, amount_micros)
      select b.topup_id, a.id, ${FUNDING} from bench b join ledger_accounts a on a.business_id = b.business_id and a.kind = 'cash'
      union all
      select b.topup_id, (select id from ledger_accounts where business_id is null and kind = 'payment_clearing'), -${FUNDING} from bench b`);
  await client.query(
    `update ledger_accounts set balance_micros = ${FUNDING} where kind = 'cash' and business_id is not null`,
  );
  await client.query(`
    update ledger_accounts set balance_micros = -${FUNDING} * ${BUSINESSES} where business_id is null and kind = 'payment_clearing'`);
  await client.query("commit");
  await client.query("vacuum analyze");
  const { rows } = await client.query<{ business_id: string; campaign_id: string; ad_id: string }>(
    "select business_id, campaign_id, ad_id from bench",
  );
  await client.end();
  const ads: Deliverable[] = rows.map((row) => ({
    businessId: row.business_id,
    campaignId: row.campaign_id,
    adId: row.ad_id,
    adVersion: 1,
    timeZone: "Asia/Jakarta",
    costMicros: CPM_COST,
  }));

  const prefix = `sorot-bench-tally-${randomUUID().slice(0, 8)}:`;
  const redis = new Redis(REDIS_URL, { keyPrefix: prefix, maxRetriesPerRequest: 2 });
  const worker = createDb(benchUrl, {
    maxConnections: 2 + TALLY_WORKERS,
    applicationName: "sorot-bench-tally",
  });
  const dataDir = mkdtempSync(join(tmpdir(), "sorot-bench-tally-"));
  try {
    progress(`pushing ${EVENTS} events over ${BUSINESSES} businesses`);
    const pushed = await pushEvents(redis, ads, EVENTS);
    progress("draining into PostgreSQL");
    const cpuBefore = process.cpuUsage();
    const drained = await drain(tallyContext(worker.db, redis, dataDir), TALLY_SECONDS, TALLY_WORKERS);
    const cpu = process.cpuUsage(cpuBefore);
    const [stored] = (
      await worker.db.execute(sql`select
        (select count(*) from delivery_events)::text as events,
        (select coalesce(sum(spend_micros), 0) from ad_hourly_stats)::text as spend,
        (select count(distinct business_id) from ledger_transactions where kind = 'spend')::text as payers`)
    ).rows as { events: string; spend: string; payers: string }[];
    const revenue = (await platformAccount(worker.db, "ad_revenue")).balanceMicros;
    const consistent =
      Number(stored?.events) === drained.moved &&
      BigInt(stored?.spend ?? "0") === revenue &&
      (!drained.complete || revenue === pushed.costMicros);
    const eventsPerSecond = Math.round(drained.moved / drained.seconds);
    const cpuMsPerEvent =
      drained.moved > 0
        ? Math.round(((cpu.user + cpu.system) / 1000 / drained.moved) * 10_000) / 10_000
        : null;
    progress(
      `${drained.moved} events in ${drained.seconds.toFixed(1)} s: ${eventsPerSecond}/s (goal ≥ ${GOAL}), ` +
        `${stored?.payers} businesses charged, consistent: ${consistent}`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: "tally",
        businesses: BUSINESSES,
        payingBusinesses: Number(stored?.payers),
        events: EVENTS,
        tallyWorkers: TALLY_WORKERS,
        drained: drained.moved,
        seconds: Math.round(drained.seconds * 100) / 100,
        tallyEventsPerSecond: eventsPerSecond,
        cpuMsPerEvent,
        complete: drained.complete,
        consistent,
        failedBatches: [...drained.failures.values()].reduce((sum, n) => sum + n, 0),
        goal: { tallyEventsPerSecond: GOAL, met: eventsPerSecond >= GOAL },
        loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
      })}\n`,
    );
    if (!consistent) process.exitCode = 1;
  } finally {
    redis.disconnect();
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
    await deleteRedisKeys(REDIS_URL, `${prefix.slice(0, -1)}*`);
    if (process.env.KEEP !== "1") {
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${DATABASE} with (force)`);
      await cleanup.end();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
