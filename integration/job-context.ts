import { createPaymentProvider } from "@sorot/money";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import type { JobContext } from "../apps/worker/src/job.js";
import { createMailer } from "../apps/worker/src/mail.js";

/**
 * What the worker hands a job, over the test api's own database and Redis prefix; its payment
 * provider is built from the same configuration the api read, as the worker builds it.
 */
export function jobContextFor(
  app: FastifyInstance,
  options: { reconcileIntervalS?: number } = {},
): JobContext {
  return {
    db: app.db,
    redis: app.redis,
    log: pino({ level: "silent" }),
    mailer: createMailer({ dataDir: "/tmp", from: "test@sorot.id" }),
    publishDeliveryChange: async () => {},
    tallyClaimIdleMs: 20_000,
    payments: {
      provider: createPaymentProvider(app.config.payment, app.config.publicUrl),
      reconcileIntervalS: options.reconcileIntervalS ?? app.config.payment.reconcileIntervalS,
    },
    jobId: "test",
  };
}
