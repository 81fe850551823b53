import calculateSlot from "cluster-key-slot";
import type { Cluster, Redis } from "ioredis";

/** How long a counted beacon waits for one replica to have its writes before it is acknowledged. */
export const DEFAULT_BEACON_WAIT_MS = 50;

/** How long a node's answer to "do you have a replica?" is trusted. */
const REPLICAS_KNOWN_MS = 5_000;

/**
 * Waits (WAIT 1 <ms>) until one replica of the master that ran a beacon's script holds its writes,
 * so a failover right after the answer rarely loses a counted beacon. WAIT counts the writes of the
 * connection it is sent on: on a cluster that is the client's connection to the key's master.
 * It narrows the window, it does not close it: the replica has the write in memory, not on disk,
 * the wait may time out, and a master can still fail between the write and the WAIT. A server
 * without replicas would make every beacon wait the whole timeout for nothing, so it is skipped
 * there. Whether a node has a replica is asked again after REPLICAS_KNOWN_MS: a failover leaves the
 * promoted master without one until its old master rejoins, and a cached "none" would skip WAIT
 * there for good. Decisions never wait: a lost reservation is handled by its confirm.
 */
export function replicaWaiter(redis: Redis, timeoutMs: number): (key: string) => Promise<void> {
  if (timeoutMs <= 0) return async () => {};
  const hasReplicas = new Map<Redis, { answer: Promise<boolean>; askedAt: number }>();
  const replicasOf = (node: Redis) => {
    const known = hasReplicas.get(node);
    if (known && Date.now() - known.askedAt < REPLICAS_KNOWN_MS) return known.answer;
    const answer = node
      .info("replication")
      .then((info) => Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0) > 0)
      .catch(() => false);
    hasReplicas.set(node, { answer, askedAt: Date.now() });
    return answer;
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
