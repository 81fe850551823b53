import { PAYMENT_PROVIDERS } from "@sorot/core";
import { z } from "zod";
import { createMidtransProvider } from "./midtrans-provider.js";
import { createSandboxProvider, type PaymentProvider } from "./payment-provider.js";

const DEV_PAYMENT_SERVER_KEY = "SB-Mid-server-sorot-development-key";

/**
 * The payment variables, read by the api and the worker alike: each app's config module spreads
 * this shape into its own schema and runs `checkPaymentEnv` in its refinement.
 */
export const PaymentEnv = z.object({
  PAYMENT_PROVIDER: z.enum(PAYMENT_PROVIDERS).default("sandbox"),
  /** The sandbox gateway's key; Midtrans's is MIDTRANS_SERVER_KEY. */
  PAYMENT_SERVER_KEY: z.string().min(8).default(DEV_PAYMENT_SERVER_KEY),
  MIDTRANS_SERVER_KEY: z.string().min(8).optional(),
  MIDTRANS_CLIENT_KEY: z.string().min(8).optional(),
  MIDTRANS_IS_PRODUCTION: z.stringbool().default(false),
  MIDTRANS_API_BASE_URL: z.url({ protocol: /^https?$/, message: "must be an http(s):// URL" }).optional(),
  MIDTRANS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  PAYMENT_RECONCILE_INTERVAL_S: z.coerce.number().int().min(10).max(86_400).default(300),
});
type PaymentEnv = z.infer<typeof PaymentEnv>;

export function checkPaymentEnv(env: PaymentEnv & { NODE_ENV: string }, ctx: z.RefinementCtx): void {
  const issue = (path: keyof PaymentEnv, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (env.PAYMENT_PROVIDER === "midtrans") {
    if (!env.MIDTRANS_SERVER_KEY) issue("MIDTRANS_SERVER_KEY", "must be set when PAYMENT_PROVIDER=midtrans");
    if (!env.MIDTRANS_CLIENT_KEY) issue("MIDTRANS_CLIENT_KEY", "must be set when PAYMENT_PROVIDER=midtrans");
  } else if (env.NODE_ENV === "production" && env.PAYMENT_SERVER_KEY === DEV_PAYMENT_SERVER_KEY) {
    issue("PAYMENT_SERVER_KEY", "must be set in production");
  }
}

export type PaymentConfig =
  | { provider: "sandbox"; serverKey: string; reconcileIntervalS: number }
  | {
      provider: "midtrans";
      serverKey: string;
      clientKey: string;
      isProduction: boolean;
      apiBaseUrl?: string;
      timeoutMs: number;
      reconcileIntervalS: number;
    };

/** After `checkPaymentEnv` passed: the keys a midtrans configuration needs are there. */
export function paymentConfigOf(env: PaymentEnv): PaymentConfig {
  const reconcileIntervalS = env.PAYMENT_RECONCILE_INTERVAL_S;
  if (env.PAYMENT_PROVIDER === "sandbox") {
    return { provider: "sandbox", serverKey: env.PAYMENT_SERVER_KEY, reconcileIntervalS };
  }
  return {
    provider: "midtrans",
    serverKey: env.MIDTRANS_SERVER_KEY ?? "",
    clientKey: env.MIDTRANS_CLIENT_KEY ?? "",
    isProduction: env.MIDTRANS_IS_PRODUCTION,
    ...(env.MIDTRANS_API_BASE_URL ? { apiBaseUrl: env.MIDTRANS_API_BASE_URL } : {}),
    timeoutMs: env.MIDTRANS_TIMEOUT_MS,
    reconcileIntervalS,
  };
}

export function createPaymentProvider(config: PaymentConfig, publicUrl: string): PaymentProvider {
  if (config.provider === "sandbox") return createSandboxProvider(publicUrl, config.serverKey);
  return createMidtransProvider({ ...config, publicUrl });
}
