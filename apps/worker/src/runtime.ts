import { createDb } from "@sorot/db";
import {
  assertRedisAnswers,
  bullConnection,
  createRedisClient,
  type DeliveryChange,
  deliveryChangesChannel,
  publishDeliveryChange,
} from "@sorot/delivery-state";
import { bullPrefix, JOB_PAYLOADS, type JobName, QUEUE_NAMES, type QueueName, SCHEDULES } from "@sorot/jobs";
import { createPaymentProvider } from "@sorot/money";
import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import { pino } from "pino";
import type { WorkerConfig } from "./config.js";
import { JOBS } from "./jobs/index.js";
import { createMailer } from "./mail.js";
import { backfillScopeReach } from "./reach-backfill.js";

export interface WorkerRuntime {
  queues: Record<QueueName, Queue>;
  /** Lets in-flight jobs finish (BullMQ returns unfinished ones to the queue as stalled), then disconnects. */
  close(): Promise<void>;
}

export async function startWorkerRuntime(config: WorkerConfig): Promise<WorkerRuntime> {
  // BullMQ waits forever for a Redis that is not there; ask first, with a deadline.
  await assertRedisAnswers(config.redis);
  const log = pino({ level: config.logLevel, base: { service: "worker" } });
  const database = createDb(config.databaseUrl, {
    // A job holds one connection at a time, the tally job one per loop.
    maxConnections: config.concurrency + config.tallyLoops + 1,
    applicationName: "sorot-worker",
  });
  const redis = createRedisClient(config.redis, { keyPrefix: config.redisPrefix, maxRetriesPerRequest: 2 });
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  // BullMQ needs maxRetriesPerRequest: null on its blocking connections.
  const bull = bullConnection(config.redis, { maxRetriesPerRequest: null });
  const { connection } = bull;
  const publishChange = async (change: DeliveryChange) => {
    await publishDeliveryChange(redis, deliveryChangesChannel(config.redisPrefix), change);
  };
  const mailer = createMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.mailFrom });
  const payments = {
    provider: createPaymentProvider(config.payment, config.publicUrl),
    reconcileIntervalS: config.payment.reconcileIntervalS,
  };

  const backfilled = await backfillScopeReach(database.db);
  if (backfilled > 0) log.info({ sketches: backfilled }, "campaign and business reach sketches backfilled");

  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [
      name,
      new Queue(name, { connection, prefix: bullPrefix(config.redisPrefix, name) }),
    ]),
  ) as Record<QueueName, Queue>;

  async function processJob(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const definition = JOBS[name];
    const schema = JOB_PAYLOADS[name];
    if (!definition || !schema) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const payload = schema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`bad payload for ${job.name}: ${payload.error.message}`);
    const jobLog = log.child({ job: job.name, jobId: job.id });
    // biome-ignore lint/suspicious/noExplicitAny: the registry pairs each name with its own payload type.
    return (definition as any).handle(payload.data, {
      db: database.db,
      redis,
      log: jobLog,
      publishDeliveryChange: publishChange,
      mailer,
      payments,
      tallyClaimIdleMs: config.tallyClaimIdleMs,
      tallyLoops: config.tallyLoops,
      jobId: job.id ?? "",
    });
  }

  const workers = QUEUE_NAMES.map(
    (name) =>
      new Worker(name, processJob, {
        connection,
        prefix: bullPrefix(config.redisPrefix, name),
        concurrency: config.concurrency,
        lockDuration: config.lockMs,
        stalledInterval: config.lockMs,
      }),
  );
  for (const worker of workers) {
    worker.on("failed", (job, error) =>
      log.error({ job: job?.name, jobId: job?.id, err: error }, "job failed"),
    );
    worker.on("error", (error) => log.error({ err: error }, "worker error"));
  }

  await reconcileSchedules(queues);
  log.info({ queues: QUEUE_NAMES, concurrency: config.concurrency }, "worker started");

  return {
    queues,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      await bull.close();
      await redis.quit().catch(() => redis.disconnect());
      await database.close();
    },
  };
}

/** Upserts the wanted schedulers and removes any left from an older version. */
async function reconcileSchedules(queues: Record<QueueName, Queue>): Promise<void> {
  for (const queueName of QUEUE_NAMES) {
    const queue = queues[queueName];
    const wanted = SCHEDULES.filter((schedule) => schedule.job.startsWith(`${queueName}.`));
    for (const schedule of wanted) {
      await queue.upsertJobScheduler(
        schedule.id,
        { every: schedule.everyMs },
        { name: schedule.job, data: {} },
      );
    }
    for (const existing of await queue.getJobSchedulers()) {
      if (!wanted.some((schedule) => schedule.id === existing.key))
        await queue.removeJobScheduler(existing.key);
    }
  }
}
