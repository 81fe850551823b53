import { createHash, timingSafeEqual } from "node:crypto";
import { Problem } from "@sorot/contracts";
import { AppError } from "@sorot/core";
import { deliveryKeys, pipelineByShard, tallyBacklog } from "@sorot/delivery-state";
import { QUEUE_NAMES } from "@sorot/jobs";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { z } from "zod";
import errorsPlugin from "./errors.js";

declare module "fastify" {
  interface FastifyInstance {
    metrics: {
      decisions: Counter<"result">;
      beacons: Counter<"kind" | "result">;
    };
    /** Serves /metrics on the internal port when METRICS_PORT is set; server.ts makes it listen. */
    metricsServer: FastifyInstance | undefined;
  }
}

const JOB_STATES = ["waiting", "active", "delayed", "failed"] as const;

/**
 * prom-client's sums of the per-type gauges nodejs_active_{handles,requests,resources}: gauges
 * named like counters (`promtool check metrics` refuses them) that say nothing the sums of the
 * per-type series do not.
 */
const MISNAMED_DEFAULT_GAUGES = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * The money held, queue depths and traffic are for operators only: a scrape presents the bearer
 * token; with no token configured, /metrics on the api's own port answers every scrape with 401.
 */
function requireToken(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  return async (request: FastifyRequest) => {
    const presented = request.headers.authorization;
    if (expected && presented !== undefined && timingSafeEqual(digest(presented), expected)) return;
    throw new AppError(
      401,
      "METRICS_TOKEN_REQUIRED",
      "Not signed in",
      "Metrics need the bearer token of METRICS_TOKEN.",
      undefined,
      { "www-authenticate": 'Bearer realm="metrics"' },
    );
  };
}

/** The tally's backlog and the job queues' depths. */
function watchDelivery(app: FastifyInstance, registry: Registry) {
  new Gauge({
    name: "sorot_tally_backlog_events",
    help: "Accepted events not yet moved into PostgreSQL by the tally (lag + pending)",
    registers: [registry],
    async collect() {
      try {
        this.set(await tallyBacklog(app.redis));
      } catch {
        this.set(0);
      }
    },
  });
  new Gauge({
    name: "sorot_queue_jobs",
    help: "BullMQ jobs by queue and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      await Promise.all(
        QUEUE_NAMES.map(async (name) => {
          const counts = await app
            .queue(name)
            .getJobCounts(...JOB_STATES)
            .catch(() => ({}) as Record<string, number>);
          for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }),
      );
    },
  });
}

function watchHeldMoney(app: FastifyInstance, registry: Registry) {
  // Money held in Redis for the businesses now delivering: reserved by ad decisions not yet
  // confirmed, and confirmed by a beacon but not yet billed by the tally.
  const readHeld = async () => {
    const businessIds = [...new Set(app.delivery.index.ads.map((ad) => ad.businessId))];
    const held = { reserved: 0n, pending: 0n, open: 0 };
    if (businessIds.length === 0) return held;
    const perBusiness = await pipelineByShard(
      app.redis,
      businessIds,
      (businessId) => businessId,
      (pipeline, businessId) =>
        pipeline
          .get(deliveryKeys.reserved(businessId))
          .get(deliveryKeys.pending(businessId))
          .zcard(deliveryKeys.reservationExpiry(businessId)),
    );
    for (const [reserved, pending, open] of perBusiness) {
      held.reserved += BigInt((reserved as string | null) ?? "0");
      held.pending += BigInt((pending as string | null) ?? "0");
      held.open += Number(open ?? 0);
    }
    return held;
  };
  // A scrape collects every metric at once: the three gauges share the read in flight.
  let reading: ReturnType<typeof readHeld> | undefined;
  const heldNow = () => {
    reading ??= readHeld().finally(() => {
      reading = undefined;
    });
    return reading;
  };
  // A metric is a float by nature; micro-rupiah stay exact in it up to 9e15.
  const heldGauge = (
    name: string,
    help: string,
    pick: (held: Awaited<ReturnType<typeof readHeld>>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await heldNow().catch(() => ({ reserved: 0n, pending: 0n, open: 0 }))));
      },
    });
  heldGauge("sorot_reserved_micros", "Micro-rupiah held by open reservations", (held) =>
    Number(held.reserved),
  );
  heldGauge(
    "sorot_pending_micros",
    "Micro-rupiah confirmed by beacons, not yet billed by the tally",
    (held) => Number(held.pending),
  );
  heldGauge("sorot_reservations_open", "Reservations not yet confirmed or released", (held) => held.open);
}

/** /metrics on the api's port behind a bearer token, or on an internal port (METRICS_PORT). */
async function serveMetrics(app: FastifyInstance, registry: Registry) {
  const { token, port } = app.config.metrics;
  // On the internal port the network keeps scrapers apart; a token, when set, is asked there too.
  const metricsServer = port === undefined ? undefined : Fastify({ logger: false });
  app.decorate("metricsServer", metricsServer);
  if (metricsServer) {
    await metricsServer.register(errorsPlugin);
    app.addHook("onClose", () => metricsServer.close());
  }
  (metricsServer ?? app).get(
    "/metrics",
    {
      config: { access: "public", rateLimit: false },
      // Documented where the api's own document describes it; the internal port has no document.
      schema: metricsServer
        ? { hide: true }
        : {
            tags: ["operations"],
            summary:
              "Prometheus metrics (text exposition format) for operators: the bearer token of METRICS_TOKEN, or the internal METRICS_PORT",
            security: [{ metricsToken: [] }],
            response: {
              200: { content: { "text/plain": { schema: z.string() } } },
              401: Problem,
            },
          },
      ...(metricsServer && token === undefined ? {} : { onRequest: requireToken(token) }),
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}

/**
 * Prometheus metrics at /metrics: request latency by route, delivery counters, tally backlog, job
 * queue depths and the money held in reservations.
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    for (const name of MISNAMED_DEFAULT_GAUGES) registry.removeSingleMetric(name);
    const latency = new Histogram({
      name: "sorot_http_request_duration_seconds",
      help: "HTTP request latency by route",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const decisions = new Counter({
      name: "sorot_decisions_total",
      help: "Ad decisions by result (served or no_fill)",
      labelNames: ["result"],
      registers: [registry],
    });
    const beacons = new Counter({
      name: "sorot_beacons_total",
      help: "Tracking beacons by kind and result (counted or invalid)",
      labelNames: ["kind", "result"],
      registers: [registry],
    });
    watchDelivery(app, registry);
    watchHeldMoney(app, registry);
    app.decorate("metrics", { decisions, beacons });
    app.addHook("onResponse", async (request, reply) => {
      latency.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? "unmatched",
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    await serveMetrics(app, registry);
  },
  { name: "metrics", dependencies: ["redis", "queues"] },
);
