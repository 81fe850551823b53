/**
 * The chaos run: proof that crashes and restarts never lose an acknowledged event, double-charge,
 * overspend a budget or take a balance below zero.
 *
 *   npm run chaos [-- --minutes 6] [--rate 30] [--seed 1] [--redis-crash] [--api-port 41100]
 *   npm run chaos -- --cluster [--cluster-ports 7300-7399] [--rejoin] [--minutes 2]
 *
 * Starts its own stack on this machine: a database `sorot_chaos` on DATABASE_URL's server (default
 * the local PostgreSQL), its own redis-server (append-only, fsync every second, noeviction) on a
 * free port, two api instances and two workers. Six businesses with budgets made to run out get
 * traffic from the census viewer generator while a gateway streams signed top-up notifications,
 * each redelivered up to 7 times, shuffled, to either instance. Meanwhile it kills a worker with
 * SIGKILL at random moments (at least 10 times), SIGKILLs one api instance and restarts it,
 * restarts Redis once (SHUTDOWN + start: the AOF keeps every write) and terminates the app's
 * PostgreSQL sessions once. When the tally has caught up it checks the invariants and prints one
 * JSON line; exit 1 if any failed. The whole run stops by itself (setup + minutes + at most 2 min).
 *
 * What this run cannot lose, and what it could: beacons are answered only after the Lua script
 * wrote the event to the Redis stream, and Redis here fsyncs its AOF every second. A clean restart
 * (as here) loses nothing. A kill -9 of Redis, or of the machine, can lose up to the last second of
 * acknowledged beacons together with their reservation and pending changes (one script's writes
 * land in the AOF together), so such events are never counted and never billed, not billed twice.
 * Closing that window means fsyncing before answering (appendfsync always, or WAITAOF on Redis
 * 7.2+) rather than a PostgreSQL write per beacon; the run reports any such loss as `lost`.
 * `--redis-crash` runs Redis as docker-compose does (appendfsync always) and kills it with
 * SIGKILL instead of the clean restart: the proof that the closed window loses nothing.
 *
 * `--cluster` runs the same on a Redis Cluster of its own (3 masters + 3 replicas on the first free
 * ports of --cluster-ports, AOF fsync every second, empty, removed afterwards), the apis and workers
 * pointed at it with REDIS_CLUSTER_NODES. Instead of the Redis restart it SIGKILLs one master's
 * redis-server halfway, watches CLUSTER NODES until that master's replica is promoted, and with
 * `--rejoin` starts the killed node again and waits until it is the new master's replica. What the
 * crash may lose is what the master had acknowledged and not yet replicated; the run reports it as
 * `lost`, like every other check. The Redis checks go through a cluster client: the tally's backlog
 * is read on every shard's stream and the balances on every business's keys, whichever master holds them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, runMigrations } from "@sorot/db";
import { createRedisClient, type RedisTarget, redisTargetFromEnv, tallyBacklog } from "@sorot/delivery-state";
import type { Redis } from "ioredis";
import { checkBooks } from "./lib/books.js";
import {
  countedEvents,
  ledgerProblems,
  negativeBalances,
  overspendMicros,
  spendAgreement,
  statusOfTopups,
  topupCredits,
} from "./lib/chaos/invariants.js";
import { crashMaster, type MasterCrash } from "./lib/chaos/master-crash.js";
import {
  apiAnswers,
  apiProcess,
  type Child,
  dropDatabase,
  freePort,
  freshDatabase,
  OwnRedis,
  type Stack,
  sleep,
  terminateAppSessions,
  waitFor,
  workerProcess,
} from "./lib/chaos/processes.js";
import {
  Api,
  type CampaignPlan,
  createBusiness,
  createTopup,
  launchCampaign,
  type Owner,
  payTopup,
  promoteToAdmin,
  signUpOwner,
} from "./lib/chaos/tenants.js";
import { Gateway, ViewerTraffic } from "./lib/chaos/traffic.js";
import { freeClusterPortBase, type LocalCluster, startLocalCluster } from "./lib/redis-cluster.js";
import { mulberry32 } from "./lib/traffic.js";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "6" },
    rate: { type: "string", default: "30" },
    seed: { type: "string", default: "1" },
    "redis-crash": { type: "boolean", default: false },
    "api-port": { type: "string", default: "41100" },
    cluster: { type: "boolean", default: false },
    "cluster-ports": { type: "string", default: "7300-7399" },
    rejoin: { type: "boolean", default: false },
  },
});
const minutes = Number(args.minutes);
const rate = Number(args.rate);
const seed = Number(args.seed);
const apiPort = Number(args["api-port"]);
const onCluster = args.cluster === true;
const [clusterFrom, clusterTo] = (args["cluster-ports"] ?? "").split("-").map(Number) as [number, number];
if (
  !(minutes > 0 && minutes <= 7) ||
  !(rate > 0 && rate <= 500) ||
  !Number.isInteger(seed) ||
  !(Number.isInteger(apiPort) && apiPort > 0 && apiPort < 65_000) ||
  !(Number.isInteger(clusterFrom) && Number.isInteger(clusterTo) && clusterFrom <= clusterTo) ||
  (onCluster && args["redis-crash"] === true) ||
  (args.rejoin === true && !onCluster)
) {
  console.error(
    "usage: npm run chaos -- [--minutes 0.5-7] [--rate 1-500] [--seed N] [--api-port 41100] " +
      "[--redis-crash | --cluster [--cluster-ports 7300-7399] [--rejoin]]",
  );
  process.exit(2);
}

const log = (line: string) => process.stderr.write(`chaos: ${line}\n`);
const rupiah = (amount: number) => BigInt(amount) * 1_000_000n;
const DATABASE = "sorot_chaos";
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const random = mulberry32(seed * 7919 + 13);

const dataDir = await mkdtemp(path.join(tmpdir(), "sorot-chaos-"));
const redisCrash = args["redis-crash"] === true;
const redis = onCluster
  ? undefined
  : new OwnRedis(await freePort(46_379), path.join(dataDir, "redis"), redisCrash);
let cluster: LocalCluster | undefined;
const children: Child[] = [];

async function cleanUp() {
  await Promise.all(children.map((child) => child.kill("SIGTERM")));
  for (const child of children) child.close();
  await redis?.stop();
  await cluster?.stop();
}

/** Tenants and their campaigns: budgets small enough to hit caps and run out of funds within minutes. */
const TENANTS: { name: string; fundRupiah: number; campaigns: CampaignPlan[] }[] = [
  {
    name: "Kopi Cepat",
    fundRupiah: 1_000_000,
    campaigns: [
      {
        name: "Cap harian cepat",
        budget: { type: "daily", amountMicros: rupiah(30_000) },
        billingEvent: "cpm",
        bidMicros: rupiah(30_000),
        pacing: "accelerated",
      },
    ],
  },
  {
    name: "Batik Standar",
    fundRupiah: 100_000,
    campaigns: [
      {
        name: "Cap harian standar",
        budget: { type: "daily", amountMicros: rupiah(20_000) },
        billingEvent: "cpm",
        bidMicros: rupiah(20_000),
        pacing: "standard",
      },
    ],
  },
  {
    name: "Ojek Klik",
    fundRupiah: 300_000,
    campaigns: [
      {
        name: "Per klik",
        budget: { type: "daily", amountMicros: rupiah(20_000) },
        billingEvent: "cpc",
        bidMicros: rupiah(1_500),
        pacing: "accelerated",
      },
    ],
  },
  {
    name: "Warung Tipis",
    fundRupiah: 50_000,
    campaigns: [
      {
        name: "Saldo tipis",
        budget: { type: "daily", amountMicros: rupiah(50_000) },
        billingEvent: "cpm",
        bidMicros: rupiah(25_000),
        pacing: "accelerated",
      },
    ],
  },
  {
    name: "Toko Seumur",
    fundRupiah: 200_000,
    campaigns: [
      {
        name: "Anggaran seumur",
        budget: { type: "lifetime", amountMicros: rupiah(80_000) },
        billingEvent: "cpm",
        bidMicros: rupiah(25_000),
        pacing: "accelerated",
        endAt: new Date(Date.now() + 30 * 3_600_000).toISOString(),
      },
    ],
  },
  {
    name: "Pasar Besar",
    fundRupiah: 10_000_000,
    campaigns: [
      {
        name: "Besar standar",
        budget: { type: "daily", amountMicros: rupiah(5_000_000) },
        billingEvent: "cpm",
        bidMicros: rupiah(10_000),
        pacing: "standard",
      },
      {
        name: "Penampung",
        budget: { type: "daily", amountMicros: rupiah(2_000_000) },
        billingEvent: "cpm",
        bidMicros: rupiah(5_000),
        pacing: "accelerated",
        targeting: { devices: ["android"] },
      },
    ],
  },
];

/** The tally has caught up when no shard's stream holds an event it has not acknowledged. */
async function groupDrained(client: Redis): Promise<boolean> {
  return (await tallyBacklog(client)) === 0;
}

const started = Date.now();
let exitCode = 1;
try {
  const databaseUrl = await freshDatabase(adminUrl, DATABASE);
  await runMigrations(databaseUrl);
  if (redis) {
    log(`database ${DATABASE}, own redis on ${redis.port}, files in ${dataDir}`);
    await redis.start();
  } else {
    cluster = await startLocalCluster({
      portBase: await freeClusterPortBase(clusterFrom, clusterTo),
      dataDir: path.join(dataDir, "redis-cluster"),
      fresh: true,
      log,
    });
    log(`database ${DATABASE}, own Redis Cluster ${cluster.nodesEnv}, files in ${dataDir}`);
  }
  // The children read DELIVERY_SHARDS from the same environment: the checks name the same shards.
  const { deliveryShards } = redisTargetFromEnv(process.env);
  const target: RedisTarget = cluster
    ? { url: "redis://127.0.0.1:6379", clusterNodes: cluster.nodes, deliveryShards }
    : { url: (redis as OwnRedis).url, clusterNodes: [], deliveryShards };
  const stack: Stack = {
    databaseUrl,
    redisUrl: target.url,
    redisClusterNodes: cluster?.nodesEnv ?? "",
    redisPrefix: "sorot:",
    dataDir,
  };
  const firstApiPort = await freePort(apiPort);
  const ports = [firstApiPort, await freePort(firstApiPort + 1)] as const;
  const apis = ports.map((port) => apiProcess(stack, port));
  const workers = [workerProcess(stack, 1), workerProcess(stack, 2)];
  children.push(...apis, ...workers);
  for (const child of [...apis, ...workers]) child.start();
  // Four processes compiling TypeScript at once on two busy cores can take over a minute, and on
  // such a machine a start-up check of Redis can miss its 3 s and stop a process: it starts again.
  const restartIfExited = (child: Child) => {
    if (!child.running) child.start();
  };
  await Promise.all(
    ports.map((port, i) =>
      waitFor(
        `api on ${port}`,
        () => {
          restartIfExited(apis[i] as Child);
          return apiAnswers(port);
        },
        180_000,
      ),
    ),
  );
  for (const worker of workers) restartIfExited(worker);
  const up = new Set<number>(ports);
  const liveApis = () =>
    ports.filter((port) => up.has(port)).map((port) => new Api(`http://127.0.0.1:${port}`));
  const liveBases = () => liveApis().map((api) => api.base);

  const api = new Api(`http://127.0.0.1:${ports[0]}`);
  const admin = await promoteToAdmin(api, databaseUrl, await signUpOwner(api, "admin"));
  const tenants: { owner: Owner; businessId: string }[] = [];
  for (const tenant of TENANTS) {
    const owner = await signUpOwner(api, tenant.name);
    const business = await createBusiness(api, owner, tenant.name);
    await payTopup(api, await createTopup(api, owner, business.id, rupiah(tenant.fundRupiah)));
    for (const plan of tenant.campaigns) await launchCampaign(api, owner, admin, business.id, plan);
    tenants.push({ owner, businessId: business.id });
  }
  log(`${tenants.length} businesses live after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await sleep(1_000);

  const runMs = minutes * 60_000;
  const t0 = Date.now();
  const until = t0 + runMs;
  const faults = {
    workerKills: 0,
    apiKills: 0,
    redisRestarts: 0,
    redisRestart: cluster
      ? "cluster: a master killed -9, its replica promoted"
      : redisCrash
        ? "kill -9, appendfsync always"
        : "shutdown, appendfsync everysec",
    postgresTerminations: 0,
    redisDownMs: 0,
    masterCrash: null as MasterCrash | null,
  };
  const traffic = new ViewerTraffic(liveBases, seed);
  const gateway = new Gateway(liveApis, mulberry32(seed + 1));

  async function at(fraction: number) {
    const wait = t0 + fraction * runMs - Date.now();
    if (wait > 0) await sleep(wait);
  }
  async function killWorkers() {
    const kills = 12;
    for (let i = 0; i < kills; i++) {
      await at(0.05 + (0.85 * (i + random())) / kills);
      const worker = workers[Math.floor(random() * workers.length)] as Child;
      await worker.kill("SIGKILL");
      faults.workerKills += 1;
      log(`killed ${worker.name} (kill ${faults.workerKills})`);
      await sleep(500 + random() * 1_500);
      worker.start();
    }
  }
  async function killApi() {
    await at(0.3);
    const port = ports[1];
    // Killed with requests in flight, as a crash would; traffic moves to the other instance after.
    await (apis[1] as Child).kill("SIGKILL");
    up.delete(port);
    faults.apiKills += 1;
    log(`killed api on ${port}`);
    await sleep(2_000);
    (apis[1] as Child).start();
    await waitFor(`api on ${port}`, () => apiAnswers(port));
    up.add(port);
    log(`api on ${port} is back`);
  }
  async function restartRedis() {
    await at(0.5);
    if (cluster) {
      faults.masterCrash = await crashMaster(cluster, (count) => Math.floor(random() * count), {
        rejoin: args.rejoin === true,
        log,
      });
      faults.redisDownMs = faults.masterCrash.promotedAfterMs;
      faults.redisRestarts += 1;
      return;
    }
    if (!redis) return;
    faults.redisDownMs = redisCrash ? await redis.crash() : await redis.restart();
    faults.redisRestarts += 1;
    log(
      `${redisCrash ? "killed (kill -9) and restarted" : "restarted"} redis (${faults.redisDownMs} ms down)`,
    );
  }
  async function terminatePostgres() {
    await at(0.7);
    const ended = await terminateAppSessions(adminUrl, DATABASE);
    faults.postgresTerminations += 1;
    log(`terminated ${ended} PostgreSQL sessions of the app`);
  }
  async function progress() {
    while (Date.now() < until) {
      await sleep(30_000);
      log(
        `${((Date.now() - t0) / 1000).toFixed(0)} s: decisions ${traffic.counts.decisions} served ${traffic.counts.served} ` +
          `acknowledged ${traffic.acknowledged.length} top-ups ${gateway.counts.topupsCreated} deliveries ${gateway.counts.deliveries}`,
      );
    }
  }

  // Webhooks that still fail are retried for up to a minute after the traffic stops.
  await Promise.all([
    traffic.run(rate, until),
    gateway.run(tenants, 2_000, until, until + 60_000),
    killWorkers(),
    killApi(),
    restartRedis(),
    terminatePostgres(),
    progress(),
  ]);
  log("load stopped; waiting for the tally to catch up");

  const probe = createRedisClient(target, { keyPrefix: stack.redisPrefix, maxRetriesPerRequest: 1 });
  probe.on("error", () => {});
  const drainDeadline = Date.now() + 90_000;
  // Twice in a row, so a batch read but not yet acknowledged is not mistaken for the end.
  let drainedTwice = 0;
  while (Date.now() < drainDeadline && drainedTwice < 2) {
    drainedTwice = (await groupDrained(probe).catch(() => false)) ? drainedTwice + 1 : 0;
    await sleep(1_000);
  }
  probe.disconnect();
  const drainedAfterMs = Date.now() - until;
  await Promise.all(children.map((child) => child.kill("SIGTERM")));

  const database = createDb(databaseUrl, { maxConnections: 2, applicationName: "chaos-check" });
  const db = database.db;
  const events = await countedEvents(db, traffic.acknowledged);
  const over = await overspendMicros(db);
  const negative = await negativeBalances(db);
  const credits = await topupCredits(db);
  const statuses = await statusOfTopups(db, [...gateway.intended.keys()]);
  const wrongOutcome = [...gateway.intended].filter(([id, want]) => statuses.get(id) !== want).length;
  const ledger = await ledgerProblems(db);
  const spend = await spendAgreement(db);
  const booksRedis = createRedisClient(target, { keyPrefix: stack.redisPrefix, maxRetriesPerRequest: 2 });
  const books = await checkBooks(db, booksRedis);
  booksRedis.disconnect();
  await database.close();

  const lost = traffic.acknowledged.length - events.counted;
  const summary = {
    minutes,
    rate,
    seed,
    eventsSent: traffic.counts.beaconsSent,
    beaconsFailed: traffic.counts.beaconsFailed,
    decisions: traffic.counts.decisions,
    decisionErrors: traffic.counts.decisionErrors,
    served: traffic.counts.served,
    acknowledged: traffic.acknowledged.length,
    counted: events.counted,
    lost,
    countedUnacknowledged: events.written - events.counted,
    duplicates: events.duplicates,
    overspendMicros: over.micros.toString(),
    overspentCampaigns: over.campaigns,
    negativeBalances: negative,
    webhooks: {
      topups: gateway.counts.topupsCreated,
      toPay: gateway.counts.topupsToPay,
      toDeny: gateway.counts.topupsToDeny,
      deliveries: gateway.counts.deliveries,
      failedDeliveries: gateway.counts.deliveryFailures,
      paid: credits.paid,
      creditedOnce: credits.creditedOnce,
      creditedTwice: credits.creditedTwice,
      creditedUnpaid: credits.creditedUnpaid,
      wrongOutcome,
    },
    ledgerProblems: ledger,
    balanceDrift: books.drift,
    spendMicros: {
      raw: spend.rawMicros.toString(),
      reports: spend.rollupMicros.toString(),
      ledger: spend.ledgerMicros.toString(),
    },
    reportLedgerMismatches: spend.mismatchedBusinesses,
    faults,
    tallyDrained: drainedTwice >= 2,
    drainedAfterSeconds: Math.round(drainedAfterMs / 1000),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const failures = [
    summary.tallyDrained || "the tally did not catch up",
    lost === 0 || `${lost} acknowledged events were not counted`,
    events.duplicates === 0 || `${events.duplicates} events written twice`,
    over.micros === 0n || `spend passed budgets by ${over.micros} micros`,
    negative === 0 || `${negative} negative balances`,
    (credits.paid === credits.creditedOnce && credits.creditedTwice === 0 && credits.creditedUnpaid === 0) ||
      "a paid top-up was not credited exactly once",
    wrongOutcome === 0 || `${wrongOutcome} top-ups ended other than the gateway said`,
    ledger === 0 || "the ledger does not verify",
    books.drift.length === 0 || `${books.drift.length} businesses' Redis balance differs from the ledger`,
    spend.mismatchedBusinesses === 0 || "report totals differ from ledger totals",
    faults.workerKills >= 10 || "fewer than 10 worker kills",
    traffic.acknowledged.length > 0 || "no beacon was acknowledged",
  ].filter((result): result is string => result !== true);
  console.log(JSON.stringify({ ...summary, ok: failures.length === 0, failures }));
  exitCode = failures.length === 0 ? 0 : 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 4_000));
} finally {
  await cleanUp();
  // A failed run keeps its logs and database (sorot_chaos) for a look; a passing one leaves nothing.
  if (exitCode === 0) {
    await rm(dataDir, { recursive: true, force: true });
    await dropDatabase(adminUrl, DATABASE).catch(() => {});
  } else log(`logs and the ${DATABASE} database are kept: logs in ${dataDir}`);
}
process.exit(exitCode);
