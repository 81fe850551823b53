import { deliveryKeys } from "@sorot/core";
import fp from "fastify-plugin";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

declare module "fastify" {
  interface FastifyInstance {
    metrics: {
      decisions: Counter<"result">;
      beacons: Counter<"kind" | "result">;
    };
  }
}

/** Prometheus metrics at /metrics: request latency by route, delivery counters, tally backlog. */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
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
    new Gauge({
      name: "sorot_tally_backlog_events",
      help: "Accepted events not yet moved into PostgreSQL by the tally (lag + pending)",
      registers: [registry],
      async collect() {
        try {
          const groups = (await app.redis.xinfo("GROUPS", deliveryKeys.events())) as unknown[][];
          let backlog = 0;
          for (const fields of groups) {
            const group: Record<string, unknown> = {};
            for (let i = 0; i < fields.length; i += 2) group[String(fields[i])] = fields[i + 1];
            if (group.name === "tally") backlog = Number(group.lag ?? 0) + Number(group.pending ?? 0);
          }
          this.set(backlog);
        } catch {
          this.set(0);
        }
      },
    });
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
    app.get(
      "/metrics",
      { config: { access: "public", rateLimit: false }, schema: { hide: true } },
      async (_request, reply) => {
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  },
  { name: "metrics", dependencies: ["redis"] },
);
