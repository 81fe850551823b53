import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { type ClusterNode, withQuickRedis } from "@sorot/delivery-state";
import type { Redis } from "ioredis";

/**
 * A real Redis Cluster on this machine: 3 masters + 3 replicas of the machine's own redis-server,
 * the layout `npm run redis:cluster`, `npm run test:cluster`, CI and the chaos run use. Each node
 * keeps its data (AOF, nodes.conf) under `<dataDir>/<port>`, so a restart on the same folder
 * brings back the same cluster with its data.
 */

export const CLUSTER_NODE_COUNT = 6;
/** Redis talks cluster bus on port + 10000; a free port is only usable if its bus port is free too. */
const BUS_PORT_OFFSET = 10_000;
/** A dead master's replica takes over about 3 node timeouts later (about 6 s with 2000 ms here). */
export const CLUSTER_NODE_TIMEOUT_MS = 2_000;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const TOTAL_SLOTS = 16_384;

/** One line that says what to do; the callers print it instead of a stack trace. */
export class ClusterUnavailableError extends Error {
  override name = "ClusterUnavailableError";
}

export interface LocalCluster {
  nodes: ClusterNode[];
  /** The value of REDIS_CLUSTER_NODES that points a process at this cluster. */
  nodesEnv: string;
  /** The nodes that are masters now (they change after a failover). */
  masters(): Promise<ClusterNode[]>;
  /** Kills one node's process with `signal` (SIGKILL for a crash), leaving the others running. */
  kill(port: number, signal?: NodeJS.Signals): Promise<void>;
  /** The redis-server pid of a node this cluster started, while it runs. */
  pid(port: number): number | undefined;
  /**
   * Starts a stopped node again on its own folder: its nodes.conf makes it rejoin, and a master
   * whose replica took over while it was down comes back as that replica's replica.
   */
  restart(port: number): Promise<void>;
  /** CLUSTER NODES as the first node that answers sees it: who is master, whose replica, who failed. */
  nodeStates(): Promise<ClusterNodeState[]>;
  /** CPU (user + system, ms) the running nodes' redis-servers have used since they started, summed. */
  cpuMs(): Promise<number>;
  /** Resolves once every slot is served again by a master that answers. */
  waitUntilOk(timeoutMs?: number): Promise<void>;
  /** Stops every node cleanly (SHUTDOWN via SIGTERM: the AOF is flushed), SIGKILL after a deadline. */
  stop(): Promise<void>;
}

/** One line of CLUSTER NODES. */
export interface ClusterNodeState {
  id: string;
  port: number;
  /** `master` or `slave`, with `fail`, `fail?` or `myself` beside it when they apply. */
  flags: string[];
  /** The master's id for a replica, null for a master. */
  masterId: string | null;
}

export interface StartClusterOptions {
  portBase: number;
  dataDir: string;
  log?: (line: string) => void;
  /** Wipe `dataDir` first: tests and chaos runs start from an empty cluster. */
  fresh?: boolean;
}

const HOST = "127.0.0.1";

export async function startLocalCluster(options: StartClusterOptions): Promise<LocalCluster> {
  const log = options.log ?? (() => {});
  await assertRedisServerInstalled();
  const ports = Array.from({ length: CLUSTER_NODE_COUNT }, (_, i) => options.portBase + i);
  for (const port of ports) {
    if (!(await portIsFree(port)) || !(await portIsFree(port + BUS_PORT_OFFSET)))
      throw new ClusterUnavailableError(
        `port ${port} or its cluster bus port ${port + BUS_PORT_OFFSET} is taken: ` +
          "stop what uses it or pass another --port-base",
      );
  }
  if (options.fresh) await fs.rm(options.dataDir, { recursive: true, force: true });
  const children = new Map<number, ChildProcess>();
  const nodes = ports.map((port) => ({ host: HOST, port }));
  const cluster: LocalCluster = {
    nodes,
    nodesEnv: nodes.map((node) => `${node.host}:${node.port}`).join(","),
    masters: () => mastersOf(nodes),
    async kill(port, signal = "SIGKILL") {
      const child = children.get(port);
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill(signal);
      await exited;
    },
    pid(port) {
      const child = children.get(port);
      return isRunning(child) ? child?.pid : undefined;
    },
    async restart(port) {
      if (cluster.pid(port) !== undefined) return;
      children.set(port, await startNode(port, options.dataDir));
    },
    nodeStates: () => nodeStatesOf(nodes),
    async cpuMs() {
      const running = nodes.filter((node) => cluster.pid(node.port) !== undefined);
      const used = await Promise.all(
        running.map((node) =>
          withClient(node, async (redis) => {
            const info = await redis.info("cpu");
            const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
            return (seconds("used_cpu_user") + seconds("used_cpu_sys")) * 1000;
          }),
        ),
      );
      return used.reduce((sum, ms) => sum + ms, 0);
    },
    waitUntilOk: (timeoutMs = READY_TIMEOUT_MS) => waitUntilOk(nodes, children, timeoutMs),
    async stop() {
      await Promise.all([...children.keys()].map((port) => stopNode(children.get(port) as ChildProcess)));
    },
  };
  try {
    for (const port of ports) children.set(port, await startNode(port, options.dataDir));
    if (!(await clusterFormed(nodes[0] as ClusterNode))) {
      log(`forming the cluster on ports ${ports[0]}-${ports[ports.length - 1]} (3 masters, 3 replicas)`);
      await createCluster(nodes);
    }
    await cluster.waitUntilOk();
    await waitForReplicas(nodes);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** Six consecutive ports in [from, to] whose bus ports are free as well, for a cluster of one's own. */
export async function freeClusterPortBase(from: number, to: number): Promise<number> {
  for (let base = from; base + CLUSTER_NODE_COUNT - 1 <= to; base += 1) {
    let free = true;
    for (let port = base; port < base + CLUSTER_NODE_COUNT && free; port += 1)
      free = (await portIsFree(port)) && (await portIsFree(port + BUS_PORT_OFFSET));
    if (free) return base;
  }
  throw new ClusterUnavailableError(`no ${CLUSTER_NODE_COUNT} free consecutive ports in ${from}-${to}`);
}

async function assertRedisServerInstalled(): Promise<void> {
  for (const binary of ["redis-server", "redis-cli"]) {
    try {
      await run(binary, ["--version"]);
    } catch {
      throw new ClusterUnavailableError(
        `${binary} is not installed: install the Debian package redis-server (apt-get install redis-server)`,
      );
    }
  }
}

async function startNode(port: number, dataDir: string): Promise<ChildProcess> {
  const dir = path.join(dataDir, String(port));
  await fs.mkdir(dir, { recursive: true });
  const flags: [string, string][] = [
    ["port", String(port)],
    ["bind", HOST],
    ["dir", dir],
    ["cluster-enabled", "yes"],
    ["cluster-config-file", "nodes.conf"],
    ["cluster-node-timeout", String(CLUSTER_NODE_TIMEOUT_MS)],
    // Acknowledged beacons live in Redis until the tally moves them: at most a second lost on a crash.
    ["appendonly", "yes"],
    ["appendfsync", "everysec"],
    ["save", ""],
    ["maxmemory-policy", "noeviction"],
    ["logfile", "redis.log"],
  ];
  const child = spawn(
    "redis-server",
    flags.flatMap(([name, value]) => [`--${name}`, value]),
    { stdio: "ignore" },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await answers({ host: HOST, port })) return child;
    const code = await Promise.race([exited, sleep(100).then(() => undefined)]);
    if (code !== undefined)
      throw new ClusterUnavailableError(
        `redis-server on port ${port} exited (${code}); its log is ${path.join(dir, "redis.log")}`,
      );
  }
  child.kill("SIGKILL");
  throw new ClusterUnavailableError(`redis-server on port ${port} did not answer within 10 s`);
}

/** A child killed by a signal keeps exitCode null: only both being null means it runs. */
function isRunning(child: ChildProcess | undefined): boolean {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

async function stopNode(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function createCluster(nodes: ClusterNode[]): Promise<void> {
  try {
    await run("redis-cli", [
      "--cluster",
      "create",
      ...nodes.map((node) => `${node.host}:${node.port}`),
      "--cluster-replicas",
      "1",
      "--cluster-yes",
    ]);
  } catch (error) {
    throw new ClusterUnavailableError(
      `redis-cli --cluster create failed (${(error as Error).message.split("\n")[0]}); ` +
        "if the data folder holds an older cluster of other ports, remove it",
    );
  }
}

async function clusterFormed(node: ClusterNode): Promise<boolean> {
  const info = await clusterInfo(node);
  return Number(info.cluster_known_nodes) === CLUSTER_NODE_COUNT && Number(info.cluster_slots_assigned) > 0;
}

async function waitUntilOk(
  nodes: ClusterNode[],
  children: Map<number, ChildProcess>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no node answered";
  while (Date.now() < deadline) {
    const alive = nodes.filter((node) => isRunning(children.get(node.port)));
    const infos = await Promise.all(alive.map((node) => clusterInfo(node).catch(() => undefined)));
    const ok = infos.every(
      (info) => info?.cluster_state === "ok" && Number(info.cluster_slots_ok) === TOTAL_SLOTS,
    );
    if (alive.length > 0 && ok) return;
    last = infos.map((info) => info?.cluster_state ?? "down").join(",");
    await sleep(200);
  }
  throw new ClusterUnavailableError(
    `the cluster did not reach cluster_state:ok within ${timeoutMs} ms (${last})`,
  );
}

/** A freshly created cluster answers ok before its replicas have synced; a failover needs them in sync. */
async function waitForReplicas(nodes: ClusterNode[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const masters = await mastersOf(nodes);
    const replicated = await Promise.all(
      masters.map((node) =>
        withClient(node, async (redis) =>
          /slave0:[^\r\n]*state=online/.test(await redis.info("replication")),
        ),
      ),
    );
    if (masters.length === CLUSTER_NODE_COUNT / 2 && replicated.every(Boolean)) return;
    await sleep(200);
  }
  throw new ClusterUnavailableError("the replicas did not connect to their masters within 30 s");
}

async function mastersOf(nodes: ClusterNode[]): Promise<ClusterNode[]> {
  const masters: ClusterNode[] = [];
  for (const node of nodes) {
    const role = await withClient(node, async (redis) => (await redis.role())[0]).catch(() => undefined);
    if (role === "master") masters.push(node);
  }
  return masters;
}

async function nodeStatesOf(nodes: ClusterNode[]): Promise<ClusterNodeState[]> {
  for (const node of nodes) {
    const text = await withClient(node, (redis) => redis.cluster("NODES") as Promise<string>).catch(
      () => undefined,
    );
    if (text !== undefined) return parseClusterNodesReply(text);
  }
  throw new ClusterUnavailableError("no node of the cluster answered CLUSTER NODES");
}

/** `<id> <ip:port@bus> <flags> <master id or -> …` per line. */
function parseClusterNodesReply(text: string): ClusterNodeState[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [id = "", address = "", flags = "", master = "-"] = line.split(" ");
      return {
        id,
        port: Number(/:(\d+)/.exec(address)?.[1]),
        flags: flags.split(","),
        masterId: master === "-" ? null : master,
      };
    });
}

async function clusterInfo(node: ClusterNode): Promise<Record<string, string>> {
  const text = await withClient(node, (redis) => redis.cluster("INFO") as Promise<string>);
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .filter((line) => line.includes(":"))
      .map((line) => line.split(":", 2) as [string, string]),
  );
}

async function answers(node: ClusterNode): Promise<boolean> {
  return withClient(node, async (redis) => (await redis.ping()) === "PONG").catch(() => false);
}

/** A check against one node, within a second. */
function withClient<T>(node: ClusterNode, use: (redis: Redis) => Promise<T>): Promise<T> {
  return withQuickRedis(node, 1_000, use);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${stderr || stdout || error.message}`.trim()));
      else resolve(stdout);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
