/**
 * `npm start`: finds or starts PostgreSQL and Redis, migrates, seeds the demo, builds the dashboard
 * when its sources changed, then runs the api and the worker until Ctrl-C stops all of it in order:
 * api and worker first (they drain against live services), then Redis, then PostgreSQL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  DEMO_ADMIN_EMAIL,
  DEMO_CREATOR_EMAIL,
  DEMO_OWNER_EMAIL,
  DEMO_PASSWORD,
  runMigrations,
  seedDemo,
} from "@sorot/db";
import { createRedisClient, redisTargetFromEnv } from "@sorot/delivery-state";
import { bullKeysPattern } from "@sorot/jobs";
import pg from "pg";
import { deleteRedisKeys } from "./lib/redis-keys.js";
import {
  type ResolvedService,
  resolvePostgres,
  resolveRedis,
  ServiceUnavailableError,
} from "./lib/services.js";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const DATA_DIR = join(REPO_ROOT, ".data");
/** The pid of the running start and the process groups it launched, for the next start after a SIGKILL. */
const RUN_FILE = join(DATA_DIR, "start.json");
const READY_TIMEOUT_MS = 60_000;
/** The api drains within 10 s (close-with-grace); a worker job cut short returns to its queue. */
const CHILD_STOP_GRACE_MS = 10_000;
/** Everything the dashboard bundle is built from, including the workspace packages it imports. */
const WEB_BUILD_INPUTS = [
  "apps/web/src",
  "apps/web/public",
  "apps/web/index.html",
  "apps/web/vite.config.ts",
  "packages/contracts/src",
  "packages/core/src",
];

const nodeEnv = process.env.NODE_ENV ?? "development";
const port = process.env.PORT ?? "3000";
const startedAt = Date.now();

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<string>;
}

const children = new Set<Child>();
const services: ResolvedService[] = [];
let serviceInFlight: Promise<unknown> = Promise.resolve();
let stopping: Promise<void> | undefined;

/** A reason not to start that the user can act on; printed as its one line. */
class StartupError extends Error {}

function log(line: string): void {
  console.log(`${label("start")} ${line}`);
}

function label(name: string): string {
  return `[${name}]`.padEnd(8);
}

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (!stopping) log(`${signal}: stopping`);
      void stopEverything(0);
    });
  }
  watchLauncher();
  await claimRunFile();
  await assertPortFree();

  const postgres = await keep(resolvePostgres({ dataDir: DATA_DIR, log }));
  if (stopping) return;
  const redis = await keep(resolveRedis({ dataDir: DATA_DIR, log }));
  if (stopping) return;
  await forgetOtherDatabasesRedisState(postgres.url, redis.url);
  log("applying migrations");
  await runMigrations(postgres.url);
  if (nodeEnv !== "production") {
    log("seeding the demo data");
    await seedDemo(postgres.url, { dataDir: DATA_DIR });
  }
  if (stopping) return;
  await buildWebIfStale();
  if (stopping) return;

  const env = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    NODE_ENV: nodeEnv,
    PORT: port,
  };
  // `node --import tsx` rather than the tsx CLI, whose signal relay SIGKILLs a child that takes over
  // 30 ms to acknowledge a signal: on a busy machine that cut graceful shutdowns short.
  const running = [
    startChild("api", process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], env),
    startChild("worker", process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], env),
  ];
  for (const child of running) {
    void child.exited.then((how) => {
      if (stopping) return;
      log(`the ${child.name} ${how} unexpectedly: stopping everything`);
      void stopEverything(1);
    });
  }
  await writeRunFile(Object.fromEntries(running.map((child) => [child.name, child.process.pid])));

  if (!(await waitForReady(`http://127.0.0.1:${port}/readyz`))) {
    if (stopping) return;
    log(`the api did not answer /readyz with 200 within ${READY_TIMEOUT_MS / 1000} s: stopping everything`);
    void stopEverything(1);
    return;
  }
  printBanner();
}

/** Registered the moment it resolves, so a shutdown that began meanwhile still stops it. */
/**
 * Redis holds live state of one database: delivery's balances and budget counters, reservations,
 * queues. A Redis that served another database (a deleted `.data`, another DATABASE_URL) would
 * have that state taken for this one's (the demo business keeps its id across seeds), so its keys
 * under the app's prefixes are cleared when the database is not the one Redis last served.
 */
async function forgetOtherDatabasesRedisState(databaseUrl: string, redisUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let identity: string;
  try {
    const { rows } = await client.query<{ identity: string }>(
      `select (select system_identifier from pg_control_system())::text || '/' || d.oid::text as identity
       from pg_database d where d.datname = current_database()`,
    );
    identity = rows[0]?.identity ?? "";
  } catch (error) {
    log(`Redis: could not tell which database this is (${messageOf(error)}); keeping its keys`);
    return;
  } finally {
    await client.end();
  }
  const prefix = process.env.REDIS_PREFIX ?? "sorot:";
  const marker = `${prefix}served-database`;
  const target = redisTargetFromEnv({ ...process.env, REDIS_URL: redisUrl });
  const redis = createRedisClient(target, { maxRetriesPerRequest: 2 });
  try {
    const served = await redis.get(marker);
    if (served === identity) return;
    const cleared =
      (await deleteRedisKeys(target, `${prefix}*`)) +
      (await deleteRedisKeys(target, bullKeysPattern(prefix)));
    if (cleared > 0) log(`Redis: cleared ${cleared} keys left by another database`);
    await redis.set(marker, identity);
  } finally {
    redis.disconnect();
  }
}

function keep(resolving: Promise<ResolvedService>): Promise<ResolvedService> {
  const kept = resolving.then((service) => {
    services.push(service);
    return service;
  });
  serviceInFlight = kept.catch(() => {});
  return kept;
}

function stopEverything(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    await Promise.all([...children].map((child) => stopChild(child)));
    await serviceInFlight;
    for (const service of services.reverse()) {
      await service.stop().catch((error: unknown) => log(`could not stop a service: ${messageOf(error)}`));
    }
    await rm(RUN_FILE, { force: true });
    process.exit(exitCode);
  })();
  return stopping;
}

/**
 * Each child leads its own process group: a Ctrl-C in the terminal then reaches only this script,
 * which stops the children in order, and a signal to the group also reaches what the child started.
 */
function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  const exited = new Promise<string>((resolve) => {
    child.once("error", (error) => resolve(`could not start (${error.message})`));
    child.once("exit", (code, signal) => {
      // Whatever the leader left behind in its group goes with it.
      if (child.pid) signalGroup(child.pid, "SIGKILL");
      resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`);
    });
  });
  const entry: Child = { name, process: child, exited };
  children.add(entry);
  void exited.then(() => children.delete(entry));
  return entry;
}

function prefixLines(name: string, input: Readable, output: NodeJS.WriteStream): void {
  createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
    output.write(`${label(name)} ${line}\n`);
  });
}

async function stopChild(child: Child): Promise<void> {
  const pid = child.process.pid;
  if (!pid || !signalGroup(pid, "SIGTERM")) return;
  const inTime = await Promise.race([
    child.exited.then(() => true),
    sleep(CHILD_STOP_GRACE_MS).then(() => false),
  ]);
  if (inTime) return;
  log(`the ${child.name} did not stop within ${CHILD_STOP_GRACE_MS / 1000} s: killing it`);
  signalGroup(pid, "SIGKILL");
  await child.exited;
}

function signalGroup(leader: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-leader, signal);
    return true;
  } catch {
    return false;
  }
}

async function buildWebIfStale(): Promise<void> {
  const built = await stat(join(REPO_ROOT, "apps/web/dist/index.html")).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  if (built !== undefined && (await newestChange(WEB_BUILD_INPUTS)) <= built) return;
  log(
    built === undefined
      ? "building the dashboard (first run)"
      : "rebuilding the dashboard (its sources changed)",
  );
  // A development NODE_ENV would make Vite emit React's development build.
  const build = startChild("web", "npm", ["run", "build", "-w", "@sorot/web"], {
    ...process.env,
    NODE_ENV: "production",
  });
  const how = await build.exited;
  if (stopping) return;
  if (how !== "exited with code 0") throw new StartupError(`the dashboard build ${how}; its output is above`);
}

async function newestChange(relativePaths: string[]): Promise<number> {
  let newest = 0;
  for (const relativePath of relativePaths) {
    const root = join(REPO_ROOT, relativePath);
    const info = await stat(root).catch(() => undefined);
    if (!info) continue;
    // A directory's own mtime moves when a file in it is deleted or renamed.
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) continue;
    for (const entry of await readdir(root, { recursive: true })) {
      const entryInfo = await stat(join(root, entry)).catch(() => undefined);
      newest = Math.max(newest, entryInfo?.mtimeMs ?? 0);
    }
  }
  return newest;
}

/** Another program on the port would answer /readyz in our api's place. */
async function assertPortFree(): Promise<void> {
  const host = process.env.HOST ?? "127.0.0.1";
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port: Number(port), host, exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new StartupError(
      `port ${port} on ${host} is taken by another program: stop it, or set PORT to a free port`,
    );
  }
}

async function waitForReady(url: string): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stopping && Date.now() < deadline) {
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return true;
    await sleep(300);
  }
  return false;
}

interface RunRecord {
  pid: number;
  processGroups: Record<string, number>;
}

/**
 * A start killed with SIGKILL leaves its api and worker running (holding the port); they are
 * stopped here. PostgreSQL and Redis left behind are picked up again by services.ts.
 */
async function claimRunFile(): Promise<void> {
  const previous = await readFile(RUN_FILE, "utf8").then(
    (text) => JSON.parse(text) as RunRecord,
    () => undefined,
  );
  if (previous && isStartProcess(previous.pid)) {
    console.error(
      `Sorot is already running from this folder (process ${previous.pid}): ` +
        `stop it with Ctrl-C in its terminal, or kill ${previous.pid}`,
    );
    process.exit(1);
  }
  for (const [name, group] of Object.entries(previous?.processGroups ?? {})) {
    if (!signalGroup(group, "SIGTERM")) continue;
    log(`stopping the ${name} left running by a start that was killed (process group ${group})`);
    const deadline = Date.now() + CHILD_STOP_GRACE_MS;
    while (signalGroup(group, 0) && Date.now() < deadline) await sleep(100);
    signalGroup(group, "SIGKILL");
  }
  await mkdir(DATA_DIR, { recursive: true });
  await writeRunFile({});
}

async function writeRunFile(processGroups: Record<string, number | undefined>): Promise<void> {
  await writeFile(RUN_FILE, `${JSON.stringify({ pid: process.pid, processGroups }, null, 2)}\n`);
}

/** On Linux the command line also rules out an unrelated process that reused the pid. */
function isStartProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("scripts/start.ts");
  } catch {
    if (process.platform === "linux") return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** If whatever launched this script is killed with SIGKILL, nobody would ever stop it: stop by itself. */
function watchLauncher(): void {
  const launcher = process.ppid;
  setInterval(() => {
    if (process.ppid === launcher || stopping) return;
    log("the process that launched npm start is gone: stopping");
    void stopEverything(1);
  }, 1_000).unref();
}

function printBanner(): void {
  const url = `http://localhost:${port}`;
  const lines = [
    "",
    `  Sorot is running (${nodeEnv}), ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    `    Dashboard  ${url}`,
    `    API docs   ${url}/docs`,
  ];
  if (nodeEnv !== "production") {
    lines.push(
      `    Demo logins (development only), password ${DEMO_PASSWORD}`,
      `      owner    ${DEMO_OWNER_EMAIL}`,
      `      admin    ${DEMO_ADMIN_EMAIL}`,
      `      creator  ${DEMO_CREATOR_EMAIL}`,
    );
  }
  lines.push("  Ctrl-C stops everything.", "");
  console.log(lines.join("\n"));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  // A step that fails because the shutdown already took its service away is not news.
  if (stopping) return;
  const oneLine = error instanceof ServiceUnavailableError || error instanceof StartupError;
  console.error(oneLine ? error.message : error);
  void stopEverything(1);
});
