import { bullConnection, type RedisTarget } from "@sorot/delivery-state";
import {
  bullPrefix,
  JOB_PAYLOADS,
  type JobName,
  type JobPayload,
  jobIdFor,
  type QueueName,
  queueOf,
} from "@sorot/jobs";
import { Queue } from "bullmq";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * Hands work to the worker. `key` makes the job id deterministic, so enqueuing the same work
     * twice (a retried request) adds one job. Call after the transaction that makes the work real
     * has committed; the worker's sweeps pick up anything a crash in between dropped.
     */
    enqueue<N extends JobName>(name: N, payload: JobPayload<N>, key: string): Promise<void>;
    /** One BullMQ queue of the worker's, shared by everything in the api that reads or adds jobs. */
    queue(name: QueueName): Queue;
  }
}

export default fp<{ target: RedisTarget; redisPrefix: string }>(
  async (app, { target, redisPrefix }) => {
    const queues = new Map<QueueName, Queue>();
    const { connection, close } = bullConnection(target, {
      maxRetriesPerRequest: 2,
      enableOfflineQueue: false,
    });
    const queue = (queueName: QueueName) => {
      let found = queues.get(queueName);
      if (!found) {
        found = new Queue(queueName, { connection, prefix: bullPrefix(redisPrefix, queueName) });
        found.on("error", (error) =>
          app.log.warn({ err: error, queue: queueName }, "queue connection error"),
        );
        queues.set(queueName, found);
      }
      return found;
    };
    app.decorate("queue", queue);
    app.decorate("enqueue", async <N extends JobName>(name: N, payload: JobPayload<N>, key: string) => {
      await queue(queueOf(name)).add(name, JOB_PAYLOADS[name].parse(payload), {
        jobId: jobIdFor(name, key),
        attempts: 5,
        backoff: { type: "exponential", delay: 1_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      });
    });
    app.addHook("onClose", async () => {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await close();
    });
  },
  { name: "queues" },
);
