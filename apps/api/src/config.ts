import { fileURLToPath } from "node:url";
import { TaxId } from "@sorot/contracts";
import { describeEnvIssue } from "@sorot/core";
import {
  DEFAULT_BEACON_WAIT_MS,
  RedisEnv,
  type RedisTarget,
  redisTargetFromEnv,
} from "@sorot/delivery-state";
import { checkPaymentEnv, type PaymentConfig, PaymentEnv, paymentConfigOf } from "@sorot/money";
import { z } from "zod";

const DEV_JWT_SECRET = "sorot-development-jwt-secret-change-me-0123456789";
const DEV_TRACKING_SECRET = "sorot-development-tracking-secret-change-me-0123";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// URL" }),
    ...RedisEnv.shape,
    JWT_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).default(DEV_JWT_SECRET),
    TRACKING_SECRET: z
      .string()
      .min(32, { message: "must be at least 32 characters" })
      .default(DEV_TRACKING_SECRET),
    PUBLIC_URL: z.url().default("http://localhost:3000"),
    CORS_ORIGIN: z.url().optional(),
    WEB_DIST_DIR: z.string().default(fileURLToPath(new URL("../../web/dist", import.meta.url))),
    DATA_DIR: z.string().default(fileURLToPath(new URL("../../../.data", import.meta.url))),
    PPN_RATE_BASIS_POINTS: z.coerce.number().int().min(0).max(5_000).default(1_100),
    RECEIPT_ISSUER_NAME: z.string().trim().min(2).default("PT Sorot Iklan Nusantara (development)"),
    RECEIPT_ISSUER_NPWP: TaxId.default("0000000000000000"),
    RECEIPT_ISSUER_ADDRESS: z.string().trim().min(5).default("Jakarta, Indonesia"),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    AUTH_ATTEMPTS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    AUTH_ATTEMPTS_PER_EMAIL_PER_15_MINUTES: z.coerce.number().int().min(1).default(10),
    METRICS_TOKEN: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
    METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    BEACON_WAIT_MS: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_BEACON_WAIT_MS),
    DELIVERY_LEASES: z.enum(["on", "off"]).default("off"),
    ...PaymentEnv.shape,
  })
  .superRefine((env, ctx) => {
    checkPaymentEnv(env, ctx);
    if (env.NODE_ENV !== "production") return;
    if (env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: "custom", path: ["JWT_SECRET"], message: "must be set in production" });
    }
    if (env.TRACKING_SECRET === DEV_TRACKING_SECRET) {
      ctx.addIssue({ code: "custom", path: ["TRACKING_SECRET"], message: "must be set in production" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  host: string;
  port: number;
  logLevel: Env["LOG_LEVEL"];
  databaseUrl: string;
  /** A single Redis (REDIS_URL) or a cluster (REDIS_CLUSTER_NODES). */
  redis: RedisTarget;
  redisPrefix: string;
  jwtSecret: string;
  /** The payment provider and its keys, shared with the worker (@sorot/money's PaymentEnv). */
  payment: PaymentConfig;
  /** Signs tracking tokens (HMAC-SHA256). */
  trackingSecret: string;
  publicUrl: string;
  corsOrigin: string;
  webDistDir: string;
  dataDir: string;
  /** PPN (VAT) shown on receipts, in basis points: 1100 = 11%. */
  ppnRateBasisPoints: bigint;
  /** Who issues receipts: Sorot's legal entity. */
  receiptIssuer: { name: string; npwp: string; address: string };
  rateLimits: {
    perCallerPerMinute: number;
    authPerIpPerMinute: number;
    authPerEmailPer15Minutes: number;
  };
  /**
   * How long (ms) a counted beacon waits for a replica to hold its writes (WAIT 1 <ms>); 0: never.
   * Skipped on a Redis without replicas.
   */
  beaconWaitMs: number;
  /**
   * Whether CPM decisions spend from budget slices this process leases from Redis (one lease call
   * per slice) instead of one reservation call each.
   */
  deliveryLeases: boolean;
  metrics: {
    /** Bearer token a scrape of /metrics must present; without one, /metrics on `port` is closed. */
    token: string | undefined;
    /** An internal port that serves /metrics instead of the api's own port. */
    port: number | undefined;
  };
}

export class ConfigError extends Error {}

/** The only reader of the environment: a bad value becomes one line naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(describeEnvIssue(parsed.error.issues[0], source));
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redis: redisTargetFromEnv(env),
    redisPrefix: env.REDIS_PREFIX,
    jwtSecret: env.JWT_SECRET,
    payment: paymentConfigOf(env),
    trackingSecret: env.TRACKING_SECRET,
    publicUrl: env.PUBLIC_URL,
    corsOrigin: env.CORS_ORIGIN ?? env.PUBLIC_URL,
    webDistDir: env.WEB_DIST_DIR,
    dataDir: env.DATA_DIR,
    ppnRateBasisPoints: BigInt(env.PPN_RATE_BASIS_POINTS),
    receiptIssuer: {
      name: env.RECEIPT_ISSUER_NAME,
      npwp: env.RECEIPT_ISSUER_NPWP,
      address: env.RECEIPT_ISSUER_ADDRESS,
    },
    rateLimits: {
      perCallerPerMinute: env.RATE_LIMIT_PER_MINUTE,
      authPerIpPerMinute: env.AUTH_ATTEMPTS_PER_IP_PER_MINUTE,
      authPerEmailPer15Minutes: env.AUTH_ATTEMPTS_PER_EMAIL_PER_15_MINUTES,
    },
    beaconWaitMs: env.BEACON_WAIT_MS,
    deliveryLeases: env.DELIVERY_LEASES === "on",
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT },
  };
}
