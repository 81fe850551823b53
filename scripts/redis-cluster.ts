import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ClusterUnavailableError, startLocalCluster } from "./lib/redis-cluster.js";

/**
 * `npm run redis:cluster [-- --port-base 7000]`: a local Redis Cluster (3 masters + 3 replicas of
 * this machine's redis-server, AOF on, data under .data/redis-cluster) until Ctrl-C. Point Sorot at
 * it with the REDIS_CLUSTER_NODES line it prints.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { "port-base": { type: "string", default: "7000" } } });
const portBase = Number(values["port-base"]);
if (!Number.isInteger(portBase) || portBase < 1 || portBase > 55_000) {
  console.error(
    `--port-base must be a port between 1 and 55000 (its bus ports are +10000), not ${values["port-base"]}`,
  );
  process.exit(2);
}
const log = (line: string) => console.log(`[redis:cluster] ${line}`);

try {
  const cluster = await startLocalCluster({
    portBase,
    dataDir: `${root}.data/redis-cluster/${portBase}`,
    log,
  });
  log(`cluster_state:ok on ports ${portBase}-${portBase + cluster.nodes.length - 1}; Ctrl-C stops it`);
  log(`REDIS_CLUSTER_NODES=${cluster.nodesEnv}`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log("stopping every node");
      await cluster.stop();
      log("stopped");
      process.exit(0);
    });
} catch (error) {
  if (!(error instanceof ClusterUnavailableError)) throw error;
  console.error(`[redis:cluster] ${error.message}`);
  process.exit(1);
}
