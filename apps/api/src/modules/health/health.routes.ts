import { Health, Readiness } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/healthz",
    { schema: { tags: ["operations"], summary: "The process is alive", response: { 200: Health } } },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags: ["operations"],
        summary: "PostgreSQL and Redis answer",
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [postgres, redis] = await Promise.all([app.pingDatabase(), app.pingRedis()]);
      const ready = postgres && redis;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? "ok" : "unavailable",
        checks: { postgres: postgres ? "ok" : "down", redis: redis ? "ok" : "down" },
      });
    },
  );
};

export default healthRoutes;
