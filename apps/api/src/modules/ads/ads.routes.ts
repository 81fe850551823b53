import { Ad, AdParams, CampaignParams, CreateAdBody, Problem, UpdateAdBody } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import { changeAd, createAd, getAdOfBusiness, getAds, removeAd } from "./ads.service.js";

const adsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["ads"];
  const base = "/v1/businesses/:businessId/campaigns/:campaignId/ads";
  const write = { access: "business", permission: "campaigns.write" } as const;
  const read = { access: "business", permission: "business.read" } as const;

  app.post(
    base,
    {
      config: write,
      schema: {
        tags,
        security,
        summary: "Add an ad (its own creative, never a creator's post)",
        params: CampaignParams,
        body: CreateAdBody,
        response: { 201: Ad, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createAd(app, businessOf(request), request.params.campaignId, request.body, actorOf(request)),
        ),
  );

  app.get(
    base,
    {
      config: read,
      schema: { tags, security, params: CampaignParams, response: { 200: z.object({ items: z.array(Ad) }) } },
    },
    async (request) => ({ items: await getAds(app.db, businessOf(request), request.params.campaignId) }),
  );

  app.get(
    `${base}/:adId`,
    { config: read, schema: { tags, security, params: AdParams, response: { 200: Ad, 404: Problem } } },
    async (request) =>
      getAdOfBusiness(app.db, businessOf(request), request.params.campaignId, request.params.adId),
  );

  app.patch(
    `${base}/:adId`,
    {
      config: write,
      schema: {
        tags,
        security,
        summary:
          "Edit an ad; new creative, text or URL goes back to review while the approved version keeps running",
        params: AdParams,
        body: UpdateAdBody,
        response: { 200: Ad, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      changeAd(
        app,
        businessOf(request),
        request.params.campaignId,
        request.params.adId,
        request.body,
        actorOf(request),
      ),
  );

  app.delete(
    `${base}/:adId`,
    {
      config: write,
      schema: { tags, security, params: AdParams, response: { 204: z.null(), 404: Problem, 409: Problem } },
    },
    async (request, reply) => {
      await removeAd(
        app,
        businessOf(request),
        request.params.campaignId,
        request.params.adId,
        actorOf(request),
      );
      return reply.code(204).send(null);
    },
  );
};

export default adsRoutes;
