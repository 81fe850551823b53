import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import { AppError } from "@sorot/core";
import fp from "fastify-plugin";
import type { Config } from "../config.js";

/** Security headers, CORS for the dashboard's origin only, and Redis-backed rate limits. */
export default fp<{ corsOrigin: string; rateLimits: Config["rateLimits"] }>(
  async (app, { corsOrigin, rateLimits }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", "data:", "blob:"],
          mediaSrc: ["'self'", "blob:"],
          // The API reference at /docs styles itself inline.
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    });
    await app.register(cors, { origin: [corsOrigin], credentials: true });
    await app.register(rateLimit, {
      global: true,
      max: rateLimits.perCallerPerMinute,
      timeWindow: "1 minute",
      redis: app.redis,
      nameSpace: "rate-limit:",
      // A signed-in caller is limited as one tenant across IPs; anyone else per IP.
      keyGenerator: (request) => (request.caller ? `user:${request.caller.userId}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          429,
          "RATE_LIMITED",
          "Too many requests",
          `Too many requests. Try again in ${context.after}.`,
        ),
    });
  },
  { name: "security", dependencies: ["redis"] },
);
