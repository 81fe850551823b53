import { fileURLToPath } from "node:url";
import { describeEnvIssue } from "@sorot/core";
import { RedisEnv, type RedisTarget, redisTargetFromEnv } from "@sorot/delivery-state";
import { checkPaymentEnv, type PaymentConfig, PaymentEnv, paymentConfigOf } from "@sorot/money";
import { z } from "zod";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// URL" }),
    ...RedisEnv.shape,
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** How long a job's lock lasts; a killed worker's job is retried once it lapses. */
    WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
    /** Stream entries a crashed tally read but never acknowledged are taken over after this long. */
    TALLY_CLAIM_IDLE_MS: z.coerce.number().int().min(500).default(20_000),
    /**
     * Concurrent tally loops in the tally job, each on the shards it holds the lock of: one loop
     * waits on PostgreSQL most of a batch, so a second one fills that wait.
     */
    TALLY_LOOPS: z.coerce.number().int().min(1).max(16).default(2),
    SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
    MAIL_FROM: z.string().min(3).default("Sorot <no-reply@sorot.id>"),
    DATA_DIR: z.string().default(fileURLToPath(new URL("../../../.data", import.meta.url))),
    /** The dashboard's origin, which payment providers send payers back to. */
    PUBLIC_URL: z.url().default("http://localhost:3000"),
    ...PaymentEnv.shape,
  })
  .superRefine(checkPaymentEnv);

export interface WorkerConfig {
  env: z.infer<typeof EnvSchema>["NODE_ENV"];
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  databaseUrl: string;
  /** A single Redis (REDIS_URL) or a cluster (REDIS_CLUSTER_NODES). */
  redis: RedisTarget;
  redisPrefix: string;
  concurrency: number;
  lockMs: number;
  tallyClaimIdleMs: number;
  tallyLoops: number;
  smtpUrl?: string;
  mailFrom: string;
  dataDir: string;
  publicUrl: string;
  payment: PaymentConfig;
}

export class ConfigError extends Error {}

/** The worker's only reader of the environment: a bad value becomes one line naming the variable. */
export function loadWorkerConfig(source: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(describeEnvIssue(parsed.error.issues[0], source));
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redis: redisTargetFromEnv(env),
    redisPrefix: env.REDIS_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    lockMs: env.WORKER_LOCK_MS,
    tallyClaimIdleMs: env.TALLY_CLAIM_IDLE_MS,
    tallyLoops: env.TALLY_LOOPS,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    dataDir: env.DATA_DIR,
    publicUrl: env.PUBLIC_URL,
    payment: paymentConfigOf(env),
  };
}
