/**
 * `npm run test:e2e`: the browser journeys of e2e/ against the real system.
 *
 * Builds the dashboard (into a temporary folder), makes its own database (`sorot_e2e`, dropped
 * first) on the PostgreSQL at DATABASE_URL and migrates and seeds it, uses Redis at REDIS_URL under
 * its own key prefix, starts the real api and worker as children on a free loopback port, waits for
 * /readyz, runs the journeys in headless Chromium, then stops everything it started and drops what
 * it made, whatever happened (Ctrl-C included). Screenshots, the CSV and the children's logs go to
 * e2e/artifacts/. The last line is `e2e: N passed, M failed`; the exit code is non-zero when a
 * journey failed. Two runs at once on one machine would share the database and prefix: don't.
 *
 *   DATABASE_URL      default postgres://postgres@127.0.0.1:5432/postgres (the server to make it on)
 *   REDIS_URL         default redis://127.0.0.1:6379
 *   CHROMIUM_PATH     default /usr/bin/chromium
 *   E2E_PORT          default a free loopback port (the api's)
 *   E2E_KEEP=1        keep the database, Redis keys and temporary files afterwards, to look around
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, constants as fsConstants } from "node:fs";
import { access, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runMigrations, seedDemo } from "@sorot/db";
import {
  assertRedisAnswers,
  describeRedisTarget,
  type RedisTarget,
  redisTargetFromEnv,
} from "@sorot/delivery-state";
import { bullKeysPattern } from "@sorot/jobs";
import pg from "pg";
import type { JourneyResult } from "../e2e/lib/harness.js";
import { CHROMIUM_PATH, closeBrowser, JOURNEYS, runJourneys } from "../e2e/run.js";
import { deleteRedisKeys } from "./lib/redis-keys.js";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const ARTIFACTS_DIR = join(REPO_ROOT, "e2e", "artifacts");
const LOGS_DIR = join(ARTIFACTS_DIR, "logs");
const DATABASE_NAME = "sorot_e2e";
const REDIS_PREFIX = "sorot-e2e:";
/** The app's keys and BullMQ's next to them. */
const REDIS_PATTERNS = [`${REDIS_PREFIX}*`, bullKeysPattern(REDIS_PREFIX)];
const READY_TIMEOUT_MS = 90_000;
/** The api drains within 10 s and the worker within 25 s; past this the group is killed. */
const STOP_GRACE_MS = 30_000;

const startedAt = Date.now();
const children = new Set<Child>();
let cleanup: (() => Promise<void>) | undefined;
let interrupted = false;
let stopping: Promise<void> | undefined;

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<string>;
}

function log(line: string): void {
  console.log(line === "" ? "" : `[e2e ${elapsed()}] ${line}`);
}

function elapsed(): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)}s`;
}

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const redisTarget = redisTargetFromEnv(process.env);
  const databaseUrl = withDatabase(adminUrl, DATABASE_NAME);
  const keep = process.env.E2E_KEEP === "1";
  // Checked before anything is built or started: without the browser no journey can run.
  await access(CHROMIUM_PATH, fsConstants.X_OK).catch(() => {
    throw new SetupError(
      `no Chromium at ${CHROMIUM_PATH}: the browser journeys need Debian's chromium ` +
        "(apt-get install chromium), or set CHROMIUM_PATH",
    );
  });

  await clearArtifacts();
  await mkdir(LOGS_DIR, { recursive: true });
  const workDir = await mkdtemp(join(tmpdir(), "sorot-e2e-"));
  const dataDir = join(workDir, "data");
  const webDistDir = join(workDir, "web");
  await mkdir(dataDir);
  cleanup = async () => {
    if (keep) {
      log(`kept: database ${DATABASE_NAME}, Redis keys ${REDIS_PATTERNS.join(" ")}, files ${workDir}`);
      return;
    }
    await rm(workDir, { recursive: true, force: true }).catch(() => {});
    await clearRedis(redisTarget).catch((error: unknown) =>
      log(`could not clear Redis: ${messageOf(error)}`),
    );
    await dropDatabase(adminUrl).catch((error: unknown) =>
      log(`could not drop ${DATABASE_NAME}: ${messageOf(error)}`),
    );
  };

  // Into a folder of its own: apps/web/dist may be rebuilt by someone else while the journeys run,
  // and the page would then ask for hashed bundles that no longer exist.
  log("building the dashboard (npm run build -w @sorot/web)");
  const build = await run(
    "web-build",
    "npm",
    ["run", "build", "-w", "@sorot/web", "--", "--outDir", webDistDir, "--emptyOutDir"],
    process.env,
  );
  if (build !== 0)
    throw new SetupError(`the dashboard build failed (exit ${build}): see ${relative("web-build")}`);

  log(`database: recreating ${DATABASE_NAME}, migrating, seeding`);
  await dropDatabase(adminUrl).catch((error: unknown) => {
    throw new SetupError(`cannot use PostgreSQL at ${hostOf(adminUrl)} (DATABASE_URL): ${messageOf(error)}`);
  });
  await withClient(adminUrl, (client) => client.query(`create database ${DATABASE_NAME}`));
  await runMigrations(databaseUrl);
  await seedDemo(databaseUrl);

  log(`redis: clearing ${REDIS_PATTERNS.join(" ")}`);
  await clearRedis(redisTarget).catch((error: unknown) => {
    throw new SetupError(`cannot use ${describeRedisTarget(redisTarget)}: ${messageOf(error)}`);
  });

  // A machine shared by several checkouts gives each its own range; otherwise any free port.
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisTarget.url,
    REDIS_PREFIX,
    DATA_DIR: dataDir,
    WEB_DIST_DIR: webDistDir,
    RATE_LIMIT_PER_MINUTE: "100000",
    AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "10000",
    AUTH_ATTEMPTS_PER_EMAIL_PER_15_MINUTES: "10000",
  };
  log(`starting api and worker on ${baseUrl} (logs in ${relative("")})`);
  const api = startChild("api", ["--import", "tsx", "apps/api/src/server.ts"], env);
  const worker = startChild("worker", ["--import", "tsx", "apps/worker/src/main.ts"], env);
  const died = Promise.race(
    [api, worker].map((child) =>
      child.exited.then((how) => `the ${child.name} ${how} (see ${relative(child.name)})`),
    ),
  );
  const ready = await Promise.race([waitForReady(`${baseUrl}/readyz`), died]);
  if (ready !== true) throw new SetupError(typeof ready === "string" ? ready : "the api never became ready");
  log("api ready");

  const diedDuring = died.then((how): never => {
    throw new SetupError(`${how} during the journeys`);
  });
  // Stopping the children at the end settles this too; that is no failure.
  diedDuring.catch(() => {});
  const results = await Promise.race([
    runJourneys({ baseUrl, artifactsDir: ARTIFACTS_DIR, log }),
    diedDuring,
  ]);
  return report(results);
}

class SetupError extends Error {}

function report(results: JourneyResult[]): number {
  const passed = results.filter((result) => result.status === "passed").length;
  const failed = results.length - passed;
  closingLine = `e2e: ${passed} passed, ${failed} failed`;
  return failed === 0 ? 0 : 1;
}

/** What CI reads; every journey counts as failed until the journeys report. */
let closingLine = `e2e: 0 passed, ${JOURNEYS.length} failed`;

/** Closes the browser, stops the children (their whole process groups), then drops what this run made. */
function stopEverything(): Promise<void> {
  stopping ??= (async () => {
    await closeBrowser();
    await Promise.all([...children].map((child) => stopChild(child)));
    await cleanup?.();
  })();
  return stopping;
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const out = createWriteStream(join(LOGS_DIR, `${name}.log`));
  // Its own process group, so one signal reaches everything it started (tsx's esbuild service too).
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      out.end();
      resolve(signal ? `stopped by ${signal}` : `exited with code ${code}`);
    });
    child.once("error", (error) => resolve(`could not start: ${error.message}`));
  });
  const entry = { name, process: child, exited };
  children.add(entry);
  void exited.then(() => children.delete(entry));
  return entry;
}

async function stopChild(child: Child): Promise<void> {
  const pid = child.process.pid;
  if (pid === undefined || child.process.exitCode !== null || child.process.signalCode !== null) {
    killGroup(pid, "SIGKILL");
    return;
  }
  killGroup(pid, "SIGTERM");
  const how = await Promise.race([
    child.exited,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), STOP_GRACE_MS)),
  ]);
  if (how === null) {
    log(`the ${child.name} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
    killGroup(pid, "SIGKILL");
    await child.exited;
  }
  // Anything left in its group (a helper process) goes too.
  killGroup(pid, "SIGKILL");
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a command to its end with its output in the logs folder; resolves with its exit code. */
function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const out = createWriteStream(join(LOGS_DIR, `${name}.log`));
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  return new Promise((resolve) => {
    child.once("error", () => resolve(127));
    child.once("close", (code) => {
      out.end();
      resolve(code ?? 1);
    });
  });
}

async function waitForReady(url: string): Promise<true | string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return true;
      last = `answered ${response.status}`;
    } catch (error) {
      last = messageOf(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return `${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (${last})`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "sorot-e2e" });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`drop database if exists ${DATABASE_NAME} with (force)`),
  );
}

/** Every master of a cluster is scanned: REDIS_CLUSTER_NODES, when set, points the journeys at one. */
async function clearRedis(target: RedisTarget): Promise<void> {
  await assertRedisAnswers(target);
  for (const pattern of REDIS_PATTERNS) await deleteRedisKeys(target, pattern);
}

/** Old screenshots would pass for new ones; the folder is git-ignored. */
async function clearArtifacts(): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  for (const entry of await readdir(ARTIFACTS_DIR))
    await rm(join(ARTIFACTS_DIR, entry), { recursive: true, force: true });
}

function relative(name: string): string {
  return join("e2e", "artifacts", "logs", name ? `${name}.log` : "");
}

/** host:port of a URL, without credentials, for messages. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "an unreadable URL";
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping`);
    void stopEverything().finally(() => {
      log(`stopped after ${signal}`);
      console.log(closingLine);
      process.exit(130);
    });
  });
}
// A last resort if the script dies another way: no child outlives it.
process.once("exit", () => {
  for (const child of children) killGroup(child.process.pid, "SIGKILL");
});

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  if (!interrupted)
    log(
      error instanceof SetupError
        ? error.message
        : `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  exitCode = 1;
} finally {
  await stopEverything();
}
// After a signal, its handler says the last word (and the exit code).
if (interrupted) await new Promise(() => {});
log(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
console.log(closingLine);
process.exit(exitCode);
