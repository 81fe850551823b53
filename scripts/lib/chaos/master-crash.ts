/**
 * A Redis Cluster master killed with SIGKILL in the middle of a run, watched through CLUSTER NODES
 * until its replica has taken over (and, when asked, until the old master is back as a replica).
 */
import type { ClusterNodeState, LocalCluster } from "../redis-cluster.js";
import { waitFor } from "./processes.js";

export interface MasterCrash {
  port: number;
  pid: number;
  killedAt: string;
  replicaPort: number;
  /** From the SIGKILL until CLUSTER NODES names the replica a master. */
  promotedAfterMs: number;
  /** From the SIGKILL until every live node reports cluster_state:ok with all slots served. */
  clusterOkAfterMs: number;
  /** From its restart until CLUSTER NODES names the old master a replica of the promoted one; null when not restarted. */
  rejoinedAsReplicaAfterMs: number | null;
}

const WATCH_TIMEOUT_MS = 60_000;

/** Kills the master `choose` picks (by index) among the masters that have a replica now. */
export async function crashMaster(
  cluster: LocalCluster,
  choose: (count: number) => number,
  options: { rejoin: boolean; log: (line: string) => void },
): Promise<MasterCrash> {
  let before: ClusterNodeState[] = [];
  // On a busy machine one CLUSTER NODES can miss its second; what matters is an answer.
  await waitFor("CLUSTER NODES", async () => {
    before = await cluster.nodeStates();
    return true;
  });
  const masters = before.filter(
    (node) =>
      node.flags.includes("master") &&
      !node.flags.some((flag) => flag.startsWith("fail")) &&
      before.some((other) => other.masterId === node.id),
  );
  const victim = masters[choose(masters.length)];
  const replica = before.find((node) => node.masterId === victim?.id);
  const port = victim?.port ?? 0;
  const pid = cluster.pid(port);
  if (!victim || !replica || pid === undefined)
    throw new Error(`no running master with a replica in CLUSTER NODES (${masters.length} masters)`);
  const killed = Date.now();
  await cluster.kill(port, "SIGKILL");
  options.log(
    `killed the Redis master on ${port} (pid ${pid}, SIGKILL) at ${new Date(killed).toISOString()}; its replica is on ${replica.port}`,
  );
  await waitFor(
    `the replica on ${replica.port} as master`,
    async () =>
      (await cluster.nodeStates()).some((node) => node.id === replica.id && node.flags.includes("master")),
    WATCH_TIMEOUT_MS,
  );
  const promotedAfterMs = Date.now() - killed;
  options.log(
    `CLUSTER NODES: the replica on ${replica.port} was promoted to master ${promotedAfterMs} ms after the kill`,
  );
  await cluster.waitUntilOk(WATCH_TIMEOUT_MS);
  const clusterOkAfterMs = Date.now() - killed;
  options.log(`cluster_state:ok on every live node ${clusterOkAfterMs} ms after the kill`);
  let rejoinedAsReplicaAfterMs: number | null = null;
  if (options.rejoin) {
    const restarted = Date.now();
    await cluster.restart(port);
    await waitFor(
      `the node on ${port} as a replica of ${replica.port}`,
      async () =>
        (await cluster.nodeStates()).some(
          (node) => node.id === victim.id && node.flags.includes("slave") && node.masterId === replica.id,
        ),
      WATCH_TIMEOUT_MS,
    );
    rejoinedAsReplicaAfterMs = Date.now() - restarted;
    options.log(
      `restarted the node on ${port}: a replica of ${replica.port} after ${rejoinedAsReplicaAfterMs} ms`,
    );
  }
  return {
    port,
    pid,
    killedAt: new Date(killed).toISOString(),
    replicaPort: replica.port,
    promotedAfterMs,
    clusterOkAfterMs,
    rejoinedAsReplicaAfterMs,
  };
}
