import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createPaymentProvider, type PaymentProvider } from "@sorot/money";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import adminRoutes from "./modules/admin/admin.routes.js";
import adsRoutes from "./modules/ads/ads.routes.js";
import auditRoutes from "./modules/audit/audit.routes.js";
import authRoutes from "./modules/auth/auth.routes.js";
import businessesRoutes from "./modules/businesses/businesses.routes.js";
import campaignsRoutes from "./modules/campaigns/campaigns.routes.js";
import campaignLifecycleRoutes from "./modules/campaigns/lifecycle.routes.js";
import creatorsRoutes from "./modules/creators/creators.routes.js";
import creatorReportsRoutes from "./modules/creators/reports.routes.js";
import creatorRequestsRoutes from "./modules/creators/requests.routes.js";
import deliveryRoutes from "./modules/delivery/delivery.routes.js";
import trackingRoutes from "./modules/delivery/tracking.routes.js";
import healthRoutes from "./modules/health/health.routes.js";
import invitationsRoutes from "./modules/members/invitations.routes.js";
import membersRoutes from "./modules/members/members.routes.js";
import notificationsRoutes from "./modules/notifications/notifications.routes.js";
import paymentsRoutes from "./modules/payments/payments.routes.js";
import reportsRoutes from "./modules/reports/reports.routes.js";
import ownerReviewRoutes from "./modules/reviews/owner.routes.js";
import reviewsRoutes from "./modules/reviews/reviews.routes.js";
import { createLocalDiskStorage } from "./modules/uploads/storage.js";
import uploadsRoutes from "./modules/uploads/uploads.routes.js";
import usersRoutes from "./modules/users/users.routes.js";
import creditsRoutes from "./modules/wallet/credits.routes.js";
import latePaymentsRoutes from "./modules/wallet/late-payments.routes.js";
import receiptsRoutes from "./modules/wallet/receipts.routes.js";
import topupsRoutes from "./modules/wallet/topups.routes.js";
import walletRoutes from "./modules/wallet/wallet.routes.js";
import withdrawalDecisionsRoutes from "./modules/wallet/withdrawal-decisions.routes.js";
import withdrawalsRoutes from "./modules/wallet/withdrawals.routes.js";
import type { Access } from "./plugins/auth.js";
import authPlugin from "./plugins/auth.js";
import dbPlugin from "./plugins/db.js";
import deliveryPlugin from "./plugins/delivery.js";
import errorsPlugin, { clientErrorHandler, frameworkErrors } from "./plugins/errors.js";
import metricsPlugin from "./plugins/metrics.js";
import moneyPlugin from "./plugins/money.js";
import openapiPlugin from "./plugins/openapi.js";
import queueDashboardPlugin from "./plugins/queue-dashboard.js";
import queuesPlugin from "./plugins/queues.js";
import redisPlugin from "./plugins/redis.js";
import securityPlugin from "./plugins/security.js";
import webPlugin from "./plugins/web.js";

export interface RouteSummary {
  method: string;
  url: string;
  access: Access;
}

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    paymentProvider: PaymentProvider;
    /** Every route with its declared access, for the route-walking security tests and operators. */
    routeTable: RouteSummary[];
  }
}

export interface BuildOptions {
  /** Tests pass false to keep their output clean; the server logs JSON lines through pino. */
  logger?: boolean;
}

/** Builds the whole API without listening, so tests drive it with `inject` and no port is opened. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    // Tracking tokens travel as path parameters and carry their signed claims: longer than 100 chars.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2_048 },
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("config", config);
  app.decorate("paymentProvider", createPaymentProvider(config.payment, config.publicUrl));
  app.decorate("routeTable", [] as RouteSummary[]);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const declared = (route.config as { access?: Access } | undefined)?.access;
    for (const method of methods) {
      app.routeTable.push({
        method,
        url: route.url,
        access: declared ?? (route.url.startsWith("/v1/") ? "user" : "public"),
      });
    }
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  // Cross-cutting plugins first, then the application's routes.
  await app.register(errorsPlugin);
  await app.register(dbPlugin, { databaseUrl: config.databaseUrl });
  await app.register(redisPlugin, { target: config.redis, keyPrefix: config.redisPrefix });
  await app.register(queuesPlugin, { target: config.redis, redisPrefix: config.redisPrefix });
  await app.register(deliveryPlugin, { redisPrefix: config.redisPrefix });
  await app.register(moneyPlugin);
  await app.register(securityPlugin, { corsOrigin: config.corsOrigin, rateLimits: config.rateLimits });
  await app.register(authPlugin, { jwtSecret: config.jwtSecret });
  await app.register(openapiPlugin);
  // After the document's plugin, which only sees routes registered after it: /metrics is documented.
  await app.register(metricsPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(businessesRoutes);
  await app.register(membersRoutes);
  await app.register(invitationsRoutes);
  await app.register(auditRoutes);
  await app.register(walletRoutes);
  await app.register(topupsRoutes);
  await app.register(receiptsRoutes);
  await app.register(latePaymentsRoutes);
  await app.register(withdrawalsRoutes);
  await app.register(withdrawalDecisionsRoutes);
  await app.register(creditsRoutes);
  await app.register(adminRoutes);
  await app.register(campaignsRoutes);
  await app.register(campaignLifecycleRoutes);
  await app.register(adsRoutes);
  await app.register(reviewsRoutes);
  await app.register(ownerReviewRoutes);
  await app.register(reportsRoutes);
  await app.register(notificationsRoutes);
  await app.register(creatorsRoutes);
  await app.register(creatorRequestsRoutes);
  await app.register(creatorReportsRoutes);
  await app.register(deliveryRoutes);
  await app.register(trackingRoutes);
  await app.register(uploadsRoutes, { storage: createLocalDiskStorage(join(config.dataDir, "uploads")) });
  await app.register(paymentsRoutes);

  await app.register(queueDashboardPlugin, {
    jwtSecret: config.jwtSecret,
    secureCookie: config.publicUrl.startsWith("https://"),
  });
  await app.register(webPlugin, { webDistDir: config.webDistDir });
  return app;
}
