/**
 * One tenant floods the API while others work: the others must not notice, the flooder must be
 * told to slow down, and nothing may fail.
 *
 *   npm run flood [-- --seconds 30] [--limit 600] [--tenants 4]
 *
 * Starts its own api on a free port (database `sorot_flood` on DATABASE_URL's server, a key prefix
 * of its own on REDIS_URL) with a per-caller limit of --limit requests a minute. A few tenants read
 * their wallet, campaigns and profile at a normal pace: first alone (the quiet baseline), then while
 * one more tenant sends ten times its limit. Prints one JSON line (quiet p99, flooded p99, their
 * ratio, 429s, whether every 429 carried Retry-After, 5xx count); exit 1 if the others' p99 under
 * the flood exceeds twice the quiet one, the flooder got no 429 with Retry-After, or anything
 * answered 5xx.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runMigrations } from "@sorot/db";
import {
  apiAnswers,
  apiProcess,
  dropDatabase,
  freePort,
  freshDatabase,
  sleep,
  waitFor,
} from "./lib/chaos/processes.js";
import { Api, createBusiness, type Owner, signUpOwner } from "./lib/chaos/tenants.js";
import { deleteRedisKeys } from "./lib/redis-keys.js";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "30" },
    limit: { type: "string", default: "600" },
    tenants: { type: "string", default: "4" },
  },
});
const seconds = Number(args.seconds);
const limitPerMinute = Number(args.limit);
const tenantCount = Number(args.tenants);
if (
  !(seconds >= 5 && seconds <= 300) ||
  !(limitPerMinute >= 60) ||
  !(tenantCount >= 1 && tenantCount <= 20)
) {
  console.error("usage: npm run flood -- [--seconds 5-300] [--limit >=60] [--tenants 1-20]");
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`flood: ${line}\n`);

/** A normal tenant: one request every 500 ms, well under any sensible limit. */
const NORMAL_INTERVAL_MS = 500;

interface Worker {
  owner: Owner;
  businessId: string;
}

const routes = (tenant: Worker) => [
  `/v1/businesses/${tenant.businessId}/wallet`,
  `/v1/businesses/${tenant.businessId}/campaigns`,
  "/v1/me",
];

interface Tally {
  latencies: number[];
  statuses: Map<number, number>;
  retryAfterMissing: number;
  networkErrors: number;
}
const newTally = (): Tally => ({
  latencies: [],
  statuses: new Map(),
  retryAfterMissing: 0,
  networkErrors: 0,
});

async function request(api: Api, tenant: Worker, n: number, tally: Tally) {
  const url = new URL(routes(tenant)[n % 3] as string, api.base);
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: tenant.owner.auth, signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    tally.latencies.push(performance.now() - started);
    tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
    if (response.status === 429 && !response.headers.get("retry-after")) tally.retryAfterMissing += 1;
  } catch {
    tally.networkErrors += 1;
  }
}

/** Sends `perSecond` requests a second for `ms`, without waiting for answers (an open loop). */
async function openLoop(api: Api, tenant: Worker, perSecond: number, ms: number, tally: Tally) {
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < ms) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (sent < due) {
      const task: Promise<void> = request(api, tenant, sent, tally).finally(() => inFlight.delete(task));
      inFlight.add(task);
      sent += 1;
    }
    await sleep(5);
  }
  await Promise.all(inFlight);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const count5xx = (tally: Tally) =>
  [...tally.statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0) +
  tally.networkErrors;

/**
 * The flooder runs in a process of its own: sharing the measuring process's event loop and HTTP
 * pool, its 100 requests a second would slow the measurement itself, not only the api.
 */
interface FlooderTask {
  base: string;
  tenant: Worker;
  perSecond: number;
  ms: number;
}
const flooderTask = process.env.SOROT_FLOODER;
if (flooderTask) {
  const task = JSON.parse(flooderTask) as FlooderTask;
  const tally = newTally();
  await openLoop(new Api(task.base), task.tenant, task.perSecond, task.ms, tally);
  console.log(JSON.stringify({ ...tally, latencies: tally.latencies.length, statuses: [...tally.statuses] }));
  process.exit(0);
}

function runFlooder(task: FlooderTask): Promise<Tally> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
      env: { ...process.env, SOROT_FLOODER: JSON.stringify(task) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`the flooder exited with ${code}`));
      const result = JSON.parse(output) as Omit<Tally, "latencies" | "statuses"> & {
        latencies: number;
        statuses: [number, number][];
      };
      resolve({
        ...result,
        latencies: Array.from({ length: result.latencies }, () => 0),
        statuses: new Map(result.statuses),
      });
    });
  });
}

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = `sorot_flood_${process.pid}`;
const dataDir = await mkdtemp(path.join(tmpdir(), "sorot-flood-"));
const port = await freePort(42_100);
const databaseUrl = await freshDatabase(adminUrl, database);
await runMigrations(databaseUrl);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redisPrefix = `sorot-flood-${process.pid}:`;
const apiChild = apiProcess({ databaseUrl, redisUrl, redisPrefix, dataDir }, port, {
  RATE_LIMIT_PER_MINUTE: String(limitPerMinute),
  AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "1000",
});
let exitCode = 1;
try {
  apiChild.start();
  await waitFor(`api on ${port}`, () => apiAnswers(port));
  const api = new Api(`http://127.0.0.1:${port}`);
  const tenants: Worker[] = [];
  for (let i = 0; i <= tenantCount; i++) {
    const owner = await signUpOwner(api, `tenant-${i}`);
    const business = await createBusiness(api, owner, `Usaha ${i}`);
    tenants.push({ owner, businessId: business.id });
  }
  const flooder = tenants.pop() as Worker;
  const normalRate = 1000 / NORMAL_INTERVAL_MS;
  // Warm up (JIT, connection pools) so the baseline is not the cold start.
  await Promise.all(tenants.map((tenant) => openLoop(api, tenant, normalRate, 3_000, newTally())));

  log(`quiet: ${tenants.length} tenants at ${normalRate}/s each for ${seconds} s`);
  const quiet = newTally();
  await Promise.all(tenants.map((tenant) => openLoop(api, tenant, normalRate, seconds * 1000, quiet)));
  // A fresh rate-limit window for the flood, so the flooder's first minute is not cut short.
  await sleep(1_000);

  const floodRate = (limitPerMinute / 60) * 10;
  log(`flooded: the same, plus one tenant at ${floodRate}/s (10x its limit of ${limitPerMinute}/min)`);
  const flooded = newTally();
  const [flood] = await Promise.all([
    runFlooder({ base: api.base, tenant: flooder, perSecond: floodRate, ms: seconds * 1000 }),
    // The flooder's process takes a moment to start; the others' measured window begins with it.
    sleep(1_500).then(() =>
      Promise.all(
        tenants.map((tenant) => openLoop(api, tenant, normalRate, seconds * 1000 - 1_500, flooded)),
      ),
    ),
  ]);

  const quietP99 = percentile(quiet.latencies, 99);
  const floodedP99 = percentile(flooded.latencies, 99);
  const ratio = quietP99 > 0 ? floodedP99 / quietP99 : 0;
  const tooMany = flood.statuses.get(429) ?? 0;
  const othersLimited = (flooded.statuses.get(429) ?? 0) + (quiet.statuses.get(429) ?? 0);
  const serverErrors = count5xx(quiet) + count5xx(flooded) + count5xx(flood);
  const summary = {
    seconds,
    limitPerMinute,
    tenants: tenants.length,
    floodRatePerSecond: floodRate,
    quietRequests: quiet.latencies.length,
    quietP50Ms: Number(percentile(quiet.latencies, 50).toFixed(1)),
    quietP99Ms: Number(quietP99.toFixed(1)),
    floodedRequests: flooded.latencies.length,
    floodedP50Ms: Number(percentile(flooded.latencies, 50).toFixed(1)),
    floodedP99Ms: Number(floodedP99.toFixed(1)),
    p99Ratio: Number(ratio.toFixed(2)),
    flooderRequests: flood.latencies.length + flood.networkErrors,
    flooder2xx: [...flood.statuses].filter(([s]) => s < 300).reduce((sum, [, n]) => sum + n, 0),
    flooder429: tooMany,
    retryAfterOnEvery429: flood.retryAfterMissing === 0 && tooMany > 0,
    othersRateLimited: othersLimited,
    serverErrors,
  };
  const failures = [
    ratio <= 2 || `the others' p99 rose ${ratio.toFixed(2)}x under the flood (limit 2x)`,
    tooMany > 0 || "the flooder got no 429",
    summary.retryAfterOnEvery429 || "a 429 came without Retry-After",
    othersLimited === 0 || "a tenant under its limit was rate-limited",
    serverErrors === 0 || `${serverErrors} requests answered 5xx or not at all`,
  ].filter((result): result is string => result !== true);
  console.log(JSON.stringify({ ...summary, ok: failures.length === 0, failures }));
  exitCode = failures.length === 0 ? 0 : 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await apiChild.kill("SIGTERM");
  apiChild.close();
  await dropDatabase(adminUrl, database).catch(() => {});
  // The api's own keys, and its queues' under BullMQ's derived prefix ("<prefix>-bull:").
  await deleteRedisKeys(redisUrl, `${redisPrefix}*`).catch(() => {});
  await deleteRedisKeys(redisUrl, `${redisPrefix.slice(0, -1)}-bull:*`).catch(() => {});
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
