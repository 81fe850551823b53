import { Problem } from "@sorot/contracts";
import { AppError } from "@sorot/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { countClick, countImpression, eventOf, isBot } from "./delivery.service.js";
import { readToken } from "./tokens.js";

const TokenParams = z.object({ token: z.string().max(4_096) });
/** A beacon answers 204 whatever its token: a bad, replayed or expired one is simply not counted. */
const BEACON_RESPONSE = { 204: z.null().describe("Counted, or refused without telling why") };

/**
 * The signed, single-use tracking links a decision hands out: impression (204), video quartiles
 * (204) and click (302 to the landing URL). A bad, replayed or expired token is never billed.
 */
const trackingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { scripts } = app.delivery;
  const secret = app.config.trackingSecret;

  /** Counted refusals (replays, expired tokens) leave a trace for reports, never a charge. */
  async function recordInvalid(
    claims: Parameters<typeof eventOf>[0],
    type: "impression" | "click",
    reason: string,
  ) {
    const event = {
      ...eventOf(claims, type, new Date()),
      eventId: `x-${crypto.randomUUID()}`,
      invalidReason: reason,
    };
    await scripts.appendInvalidEvent(event.businessId, JSON.stringify(event));
  }

  app.get(
    "/t/i/:token",
    {
      config: { access: "public", rateLimit: false },
      schema: {
        tags: ["delivery"],
        summary: "Impression beacon: the signed, single-use impressionUrl of a decision",
        security: [],
        params: TokenParams,
        response: BEACON_RESPONSE,
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const check = readToken(request.params.token, secret);
      if (!check.ok || check.claims.k !== "i") return reply.code(204).send(null);
      const { claims } = check;
      const result = await countImpression(
        scripts,
        claims,
        new Date(),
        !isBot(request.headers["user-agent"]),
      );
      if (!result.counted) await recordInvalid(claims, "impression", result.reason);
      app.metrics.beacons.inc({ kind: "impression", result: result.counted ? "counted" : "invalid" });
      return reply.code(204).send(null);
    },
  );

  const QUARTILE_EVENTS = {
    "0": "video_start",
    "25": "q25",
    "50": "q50",
    "75": "q75",
    "100": "complete",
  } as const;

  app.get(
    "/t/q/:quartile/:token",
    {
      config: { access: "public", rateLimit: false },
      schema: {
        tags: ["delivery"],
        summary: "Video quartile beacon (VAST tracking events) for an impression's token",
        security: [],
        params: TokenParams.extend({ quartile: z.enum(["0", "25", "50", "75", "100"]) }),
        response: BEACON_RESPONSE,
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const check = readToken(request.params.token, secret);
      if (!check.ok || check.claims.k !== "i") return reply.code(204).send(null);
      const { claims } = check;
      const type = QUARTILE_EVENTS[request.params.quartile];
      const event = { ...eventOf(claims, "impression", new Date()), type, eventId: `${type}-${claims.r}` };
      await scripts.quartile({
        businessId: claims.b,
        impressionId: claims.r,
        quartile: request.params.quartile,
        eventJson: JSON.stringify(event),
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/t/c/:token",
    {
      config: { access: "public", rateLimit: false },
      schema: {
        tags: ["delivery"],
        summary: "Click: counts it and redirects to the ad's landing URL",
        security: [],
        params: TokenParams,
        response: { 302: z.null().describe("To the landing URL (Location)"), 404: Problem },
      },
    },
    async (request, reply) => {
      const check = readToken(request.params.token, secret);
      if (!check.ok || check.claims.k !== "c" || !check.claims.t) {
        throw new AppError(404, "INVALID_LINK", "Invalid link", "This ad link is not valid.");
      }
      const { claims } = check;
      const landingUrl = check.claims.t;
      const result = await countClick(scripts, claims, new Date(), !isBot(request.headers["user-agent"]));
      if (!result.counted) await recordInvalid(claims, "click", result.reason);
      app.metrics.beacons.inc({ kind: "click", result: result.counted ? "counted" : "invalid" });
      return reply.header("cache-control", "no-store").redirect(landingUrl, 302);
    },
  );
};

export default trackingRoutes;
