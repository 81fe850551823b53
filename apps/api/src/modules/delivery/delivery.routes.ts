import { freeText, Problem } from "@sorot/contracts";
import { AppError } from "@sorot/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { assetUrl } from "../uploads/uploads.service.js";
import { countClick, countImpression, decide, eventOf, isBot } from "./delivery.service.js";
import { readToken } from "./tokens.js";
import { buildVast, emptyVast } from "./vast.js";

// Every value of a decision's context lands in the raw events table: text PostgreSQL cannot store
// is refused here, or one such request would fail its tally batch on every retry.
const PlacementId = freeText({ min: 1, max: 64 });
const ViewerId = freeText({ min: 1, max: 128 });

const DecisionBody = z.strictObject({
  placementId: PlacementId,
  context: z.strictObject({
    viewerId: ViewerId,
    province: freeText({ max: 8 }).optional(),
    city: freeText({ max: 60 }).optional(),
    ageBand: freeText({ max: 8 }).optional(),
    gender: freeText({ max: 8 }).optional(),
    device: freeText({ max: 16 }).optional(),
    language: freeText({ max: 8 }).optional(),
    interests: z
      .array(freeText({ max: 40 }))
      .max(30)
      .optional(),
  }),
});

const DecisionResponse = z.object({
  ad: z.object({
    id: z.uuid(),
    campaignId: z.uuid(),
    businessName: z.string(),
    headline: z.string(),
    text: z.string(),
    callToAction: z.string(),
    landingUrl: z.string(),
    creative: z.object({
      url: z.string(),
      kind: z.enum(["image", "video"]),
      width: z.number(),
      height: z.number(),
    }),
  }),
  impressionUrl: z.string(),
  clickUrl: z.string(),
});

const TokenParams = z.object({ token: z.string().max(4_096) });

const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { index, scripts } = app.delivery;
  const secret = app.config.trackingSecret;
  const tags = ["delivery"];

  app.post(
    "/v1/decisions",
    {
      config: { access: "public", rateLimit: false },
      schema: {
        tags,
        summary: "Choose an ad for a placement and viewer; 204 when no ad may serve",
        body: DecisionBody,
        response: { 200: DecisionResponse, 204: z.null(), 400: Problem },
      },
    },
    async (request, reply) => {
      const decision = await decide(index, scripts, secret, request.body.placementId, request.body.context);
      app.metrics.decisions.inc({ result: decision ? "served" : "no_fill" });
      if (!decision) return reply.code(204).send(null);
      const { ad } = decision;
      return {
        ad: {
          id: ad.adId,
          campaignId: ad.campaignId,
          businessName: ad.businessName,
          headline: ad.headline,
          text: ad.text,
          callToAction: ad.callToAction,
          landingUrl: ad.landingUrl,
          creative: {
            url: assetUrl(ad.creative.assetId),
            kind: ad.creative.kind,
            width: ad.creative.width,
            height: ad.creative.height,
          },
        },
        impressionUrl: `/t/i/${decision.impressionToken}`,
        clickUrl: `/t/c/${decision.clickToken}`,
      };
    },
  );

  app.get(
    "/v1/vast",
    {
      config: { access: "public", rateLimit: false },
      schema: {
        tags,
        summary: "VAST 4.2 for a video placement (an empty VAST when no ad may serve)",
        querystring: z.object({ placementId: PlacementId, viewerId: ViewerId.optional() }),
      },
    },
    async (request, reply) => {
      const viewerId = request.query.viewerId ?? `vast-${request.ip}`;
      const decision = await decide(index, scripts, secret, request.query.placementId, {
        viewerId,
        device: undefined,
      });
      reply.type("application/xml; charset=utf-8");
      app.metrics.decisions.inc({ result: decision?.ad.creative.kind === "video" ? "served" : "no_fill" });
      if (decision?.ad.creative.kind !== "video") return emptyVast();
      const base = app.config.publicUrl;
      const { ad } = decision;
      return buildVast({
        adId: ad.adId,
        adVersion: ad.adVersion,
        adTitle: ad.headline,
        advertiser: ad.businessName,
        description: ad.text,
        clickThroughUrl: new URL(`/t/c/${decision.clickToken}`, base).toString(),
        impressionUrl: new URL(`/t/i/${decision.impressionToken}`, base).toString(),
        quartileUrls: {
          start: new URL(`/t/q/0/${decision.impressionToken}`, base).toString(),
          firstQuartile: new URL(`/t/q/25/${decision.impressionToken}`, base).toString(),
          midpoint: new URL(`/t/q/50/${decision.impressionToken}`, base).toString(),
          thirdQuartile: new URL(`/t/q/75/${decision.impressionToken}`, base).toString(),
          complete: new URL(`/t/q/100/${decision.impressionToken}`, base).toString(),
        },
        media: {
          url: new URL(assetUrl(ad.creative.assetId), base).toString(),
          width: ad.creative.width,
          height: ad.creative.height,
          durationMs: ad.creative.durationMs ?? 0,
          mimeType: "video/mp4",
          bytes: ad.creative.bytes,
        },
        adServingId: decision.impressionToken.slice(-24),
      });
    },
  );

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
    await scripts.appendInvalidEvent(JSON.stringify(event));
  }

  app.get(
    "/t/i/:token",
    { config: { access: "public", rateLimit: false }, schema: { hide: true, params: TokenParams } },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const check = readToken(request.params.token, secret);
      if (!check.ok || check.claims.k !== "i") return reply.code(204).send();
      const { claims } = check;
      const result = await countImpression(
        scripts,
        claims,
        new Date(),
        !isBot(request.headers["user-agent"]),
      );
      if (!result.counted) await recordInvalid(claims, "impression", result.reason);
      app.metrics.beacons.inc({ kind: "impression", result: result.counted ? "counted" : "invalid" });
      return reply.code(204).send();
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
        hide: true,
        params: TokenParams.extend({ quartile: z.enum(["0", "25", "50", "75", "100"]) }),
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const check = readToken(request.params.token, secret);
      if (!check.ok || check.claims.k !== "i") return reply.code(204).send();
      const { claims } = check;
      const type = QUARTILE_EVENTS[request.params.quartile];
      const event = { ...eventOf(claims, "impression", new Date()), type, eventId: `${type}-${claims.r}` };
      await scripts.quartile({
        businessId: claims.b,
        impressionId: claims.r,
        quartile: request.params.quartile,
        eventJson: JSON.stringify(event),
      });
      return reply.code(204).send();
    },
  );

  app.get(
    "/t/c/:token",
    { config: { access: "public", rateLimit: false }, schema: { hide: true, params: TokenParams } },
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

export default deliveryRoutes;
