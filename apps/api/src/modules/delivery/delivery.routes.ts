import { DecisionBody, Problem, VastQuery } from "@sorot/contracts";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { assetUrl } from "../uploads/uploads.service.js";
import { type Decision, decide, releaseDecision } from "./delivery.service.js";
import { buildVast, emptyVast } from "./vast.js";

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

  // A decision holds its cost from the moment it is reserved; an answer that then fails to go out
  // (rendering, serialising) never reaches its placement, so it must hold nothing.
  const answered = new WeakMap<FastifyRequest, Decision>();
  app.addHook("onResponse", async (request, reply) => {
    const decision = answered.get(request);
    if (decision && reply.statusCode !== 200) await releaseDecision(index, scripts, decision);
  });

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
      answered.set(request, decision);
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
        querystring: VastQuery,
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
      answered.set(request, decision);
      const base = app.config.publicUrl;
      const { ad } = decision;
      try {
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
      } catch (error) {
        // A creative VAST cannot describe must not break the player: it gets no ad, and nothing stays held.
        request.log.error({ err: error, adId: ad.adId }, "VAST could not describe the ad");
        await releaseDecision(index, scripts, decision);
        return emptyVast();
      }
    },
  );
};

export default deliveryRoutes;
