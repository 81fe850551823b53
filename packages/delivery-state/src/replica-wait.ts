import calculateSlot from "cluster-key-slot";
import type { Cluster, Redis } from "ioredis";

/** How long a counted beacon waits for one replica to have its writes before it is acknowledged. */
export const DEFAULT_BEACON_WAIT_MS = 50;

/**
 * Waits (WAIT 1 <ms>) until one replica of the master that ran a beacon's script holds its writes,
 * so a failover right after the answer rarely loses a counted beacon. WAIT counts the writes of the
 * connection it is sent on: on a cluster that is the client's connection to the key's master.
 * It narrows the window, it does not close it: the replica has the write in memory, not on disk,
 * the wait may time out, and a master can still fail between the write and the WAIT. A server
 * without replicas would make every beacon wait the whole timeout for nothing, so it is skipped
 * there (checked once per node). Decisions never wait: a lost reservation is handled by its confirm.
 */
export function replicaWaiter(redis: Redis, timeoutMs: number): (key: string) => Promise<void> {
  if (timeoutMs <= 0) return async () => {};
  const hasReplicas = new Map<Redis, Promise<boolean>>();
  const replicasOf = (node: Redis) => {
    let known = hasReplicas.get(node);
    if (!known) {
      known = node
        .info("replication")
        .then((info) => Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0) > 0)
        .catch(() => false);
      hasReplicas.set(node, known);
    }
    return known;
  };
  return async (key) => {
    const node = redis.isCluster ? masterOf(redis as unknown as Cluster, key) : redis;
    if (!node || !(await replicasOf(node))) return;
    await node.call("WAIT", "1", String(timeoutMs)).catch(() => undefined);
  };
}

/** The client's connection to the master serving `key` (unprefixed: the hash tag decides the slot). */
function masterOf(cluster: Cluster, key: string): Redis | undefined {
  const nodeKey = cluster.slots[calculateSlot(key)]?.[0];
  return cluster.nodes("master").find((node) => `${node.options.host}:${node.options.port}` === nodeKey);
}
