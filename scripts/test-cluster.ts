import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ClusterUnavailableError, freeClusterPortBase, startLocalCluster } from "./lib/redis-cluster.js";

/**
 * `npm run test:cluster -- [--ports 7100-7199] <test paths…>`: the given test files against a Redis
 * Cluster of their own (3 masters + 3 replicas on free ports, empty, removed afterwards), through
 * REDIS_CLUSTER_NODES, which every test's Redis connection honours. Everything else is `npm test`.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const log = (line: string) => console.log(`[test:cluster] ${line}`);

const args = process.argv.slice(2);
const portsFlag = args.indexOf("--ports");
const [from, to] = (portsFlag >= 0 ? (args.splice(portsFlag, 2)[1] ?? "") : "7100-7199")
  .split("-")
  .map(Number);
if (!Number.isInteger(from) || !Number.isInteger(to) || (from as number) > (to as number)) {
  console.error("[test:cluster] --ports must be a range like 7100-7199");
  process.exit(2);
}

const dataDir = await mkdtemp(path.join(tmpdir(), "sorot-test-cluster-"));
let code = 1;
try {
  const cluster = await startLocalCluster({
    portBase: await freeClusterPortBase(from as number, to as number),
    dataDir,
    fresh: true,
    log,
  });
  log(`cluster_state:ok, REDIS_CLUSTER_NODES=${cluster.nodesEnv}`);
  try {
    const vitest = spawn(process.execPath, ["--import", "tsx", "scripts/test.ts", ...args], {
      cwd: root,
      stdio: "inherit",
      // A test that needs a cluster of its own (to kill a master) takes its ports from the same range.
      env: { ...process.env, REDIS_CLUSTER_NODES: cluster.nodesEnv, SOROT_CLUSTER_PORTS: `${from}-${to}` },
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => vitest.kill(signal));
    code = await new Promise<number>((resolve) => vitest.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  } finally {
    await cluster.stop();
    log("cluster stopped");
  }
} catch (error) {
  if (!(error instanceof ClusterUnavailableError)) throw error;
  console.error(`[test:cluster] ${error.message}`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(code);
