import { freeText, Problem, ViewerCity, ViewerProvince } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { assetUrl } from "../uploads/uploads.service.js";
import { decide } from "./delivery.service.js";
import { buildVast, emptyVast } from "./vast.js";

// Every value of a decision's context lands in the raw events table: text PostgreSQL cannot store
// is refused here, or one such request would fail its tally batch on every retry.
const PlacementId = freeText({ min: 1, max: 64 });
const ViewerId = freeText({ min: 1, max: 128 });

const CreativeKind = z.enum(["image", "video"]);

/** What a placement knows of its viewer, the same for a decision's body and VAST's query string. */
const VIEWER_PROFILE = {
  province: ViewerProvince.optional(),
  city: ViewerCity.optional(),
  ageBand: freeText({ max: 8 }).optional(),
  gender: freeText({ max: 8 }).optional(),
  device: freeText({ max: 16 }).optional(),
  language: freeText({ max: 8 }).optional(),
};

const DecisionBody = z.strictObject({
  placementId: PlacementId,
  /** What the placement can show; omitted, any format. */
  formats: z.array(CreativeKind).min(1).max(2).optional(),
  context: z.strictObject({
    viewerId: ViewerId,
    ...VIEWER_PROFILE,
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
      const { placementId, formats, context } = request.body;
      const decision = await decide(index, scripts, secret, { id: placementId, formats }, context);
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
        querystring: z.object({ placementId: PlacementId, viewerId: ViewerId.optional(), ...VIEWER_PROFILE }),
        response: { 200: { content: { "application/xml": { schema: z.string().describe("VAST 4.2") } } } },
      },
    },
    async (request, reply) => {
      const { placementId, viewerId, ...profile } = request.query;
      const placement = { id: placementId, formats: ["video"] as const };
      const decision = await decide(index, scripts, secret, placement, {
        viewerId: viewerId ?? `vast-${request.ip}`,
        ...profile,
      });
      reply.type("application/xml; charset=utf-8");
      app.metrics.decisions.inc({ result: decision ? "served" : "no_fill" });
      if (!decision) return emptyVast();
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
};

export default deliveryRoutes;
