/**
 * The processes a fault run drives: its own redis-server, api instances and workers, each started
 * as a child of the run and stopped (or killed) by its own pid, never by name.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function freePort(first: number): Promise<number> {
  for (let port = first; port < first + 200; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${first}`);
}

/** Waits until `probe` resolves true, or throws after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

/** A child whose output goes to a log file; `kill` sends a signal to this pid only. */
export class Child {
  private process: ChildProcess | undefined;
  private log: WriteStream | undefined;
  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {}

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Started and not exited (a process that gave up at start, say, is not). */
  get running(): boolean {
    const child = this.process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  start(): void {
    this.log ??= createWriteStream(this.logFile, { flags: "a" });
    const log = this.log;
    const child = spawn(this.command, this.args, {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.process = child;
  }

  /** Resolves once the process has exited (at once when it is not running). */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }

  close(): void {
    this.log?.end();
  }
}

export interface Stack {
  databaseUrl: string;
  redisUrl: string;
  /** REDIS_CLUSTER_NODES of a Redis Cluster, which then replaces redisUrl; none for the one server. */
  redisClusterNodes?: string;
  redisPrefix: string;
  dataDir: string;
}

/** Set even when empty, so a REDIS_CLUSTER_NODES in the run's own environment cannot leak in. */
function redisEnv(stack: Stack): NodeJS.ProcessEnv {
  return {
    REDIS_URL: stack.redisUrl,
    REDIS_CLUSTER_NODES: stack.redisClusterNodes ?? "",
    REDIS_PREFIX: stack.redisPrefix,
  };
}

/** An api instance on `port`, with rate limits out of the way unless `env` sets them. */
export function apiProcess(stack: Stack, port: number, env: NodeJS.ProcessEnv = {}): Child {
  return new Child(
    `api:${port}`,
    process.execPath,
    ["--import", "tsx", "apps/api/src/server.ts"],
    {
      DATABASE_URL: stack.databaseUrl,
      ...redisEnv(stack),
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      DATA_DIR: stack.dataDir,
      RATE_LIMIT_PER_MINUTE: "10000000",
      ...env,
    },
    path.join(stack.dataDir, `api-${port}.log`),
  );
}

export function workerProcess(stack: Stack, index: number): Child {
  return new Child(
    `worker:${index}`,
    process.execPath,
    ["--import", "tsx", "apps/worker/src/main.ts"],
    {
      DATABASE_URL: stack.databaseUrl,
      ...redisEnv(stack),
      LOG_LEVEL: "warn",
      DATA_DIR: stack.dataDir,
      // A killed worker's jobs and stream entries are taken over within seconds, not minutes.
      WORKER_LOCK_MS: "5000",
      TALLY_CLAIM_IDLE_MS: "3000",
      WORKER_CONCURRENCY: "2",
    },
    path.join(stack.dataDir, `worker-${index}.log`),
  );
}

export async function apiAnswers(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.status === 200;
}

/**
 * A redis-server of the run's own, on its own port and directory: append-only with no eviction,
 * fsyncing every second or (`crashSafe`) before every reply, as docker-compose runs it.
 * `restart` is a clean SHUTDOWN (which fsyncs the AOF) and a start on the same files, so it keeps
 * every write; `crash` is a SIGKILL and a start, which keeps what the fsync policy made durable.
 */
export class OwnRedis {
  readonly child: Child;
  constructor(
    readonly port: number,
    readonly dir: string,
    readonly crashSafe = false,
  ) {
    this.child = new Child(
      "redis",
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "yes",
        "--appendfsync",
        crashSafe ? "always" : "everysec",
        "--maxmemory-policy",
        "noeviction",
        "--daemonize",
        "no",
      ],
      {},
      path.join(dir, "redis.log"),
    );
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    this.child.start();
    await waitFor("redis-server", () => this.answers(), 20_000);
  }

  async answers(): Promise<boolean> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on("error", () => {});
    try {
      await client.connect();
      return (await client.ping()) === "PONG";
    } finally {
      client.disconnect();
    }
  }

  /** SHUTDOWN makes Redis fsync the AOF and exit; the child's exit is awaited before the restart. */
  async restart(): Promise<number> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => {});
    const down = Date.now();
    await client.shutdown("SAVE").catch(() => {});
    client.disconnect();
    await this.child.kill("SIGTERM");
    await this.start();
    return Date.now() - down;
  }

  /** kill -9: nothing flushed on the way out; the AOF holds what its fsync policy wrote. */
  async crash(): Promise<number> {
    const down = Date.now();
    await this.child.kill("SIGKILL");
    await this.start();
    return Date.now() - down;
  }

  async stop(): Promise<void> {
    await this.child.kill("SIGTERM");
    this.child.close();
  }
}

/** Drops and recreates `database` on the server of `adminUrl`; returns its URL. */
export async function freshDatabase(adminUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [database],
    );
    await client.query(`drop database if exists ${client.escapeIdentifier(database)}`);
    await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Ends every session of the app's roles on `database` (what a PostgreSQL failover does to them). */
export async function terminateAppSessions(adminUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result = await client.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = $1 and pid <> pg_backend_pid() and application_name like 'sorot%'`,
      [database],
    );
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
