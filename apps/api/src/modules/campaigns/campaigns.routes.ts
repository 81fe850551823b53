import {
  BusinessParams,
  Campaign,
  CampaignListQuery,
  CampaignParams,
  CreateCampaignBody,
  Estimate,
  EstimateBody,
  Problem,
  page,
  UpdateCampaignBody,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import { base, read, security, tags, write } from "./campaigns.http.js";
import {
  changeCampaign,
  createCampaign,
  duplicateCampaign,
  estimate,
  getCampaign,
  getCampaigns,
} from "./campaigns.service.js";

/** A business's campaigns: create, list, estimate, read, edit and duplicate. */
const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    base,
    {
      config: write,
      schema: {
        tags,
        security,
        summary: "Create a campaign in draft",
        params: BusinessParams,
        body: CreateCampaignBody,
        response: { 201: Campaign, 400: Problem, 403: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCampaign(app.db, businessOf(request), request.body, actorOf(request))),
  );

  app.get(
    base,
    {
      config: read,
      schema: {
        tags,
        security,
        params: BusinessParams,
        querystring: CampaignListQuery,
        response: { 200: page(Campaign) },
      },
    },
    async (request) => getCampaigns(app.db, businessOf(request), request.query),
  );

  app.post(
    `${base}/estimate`,
    {
      config: read,
      schema: {
        tags,
        security,
        summary: "Estimated audience and daily reach, and the most the budget can charge",
        params: BusinessParams,
        body: EstimateBody,
        response: { 200: Estimate, 400: Problem },
      },
    },
    async (request) => estimate(businessOf(request), request.body),
  );

  app.get(
    `${base}/:campaignId`,
    {
      config: read,
      schema: { tags, security, params: CampaignParams, response: { 200: Campaign, 404: Problem } },
    },
    async (request) => getCampaign(app.db, businessOf(request), request.params.campaignId),
  );

  app.patch(
    `${base}/:campaignId`,
    {
      config: write,
      schema: {
        tags,
        security,
        summary: "Edit a campaign (an operator's budget raise waits for an owner)",
        params: CampaignParams,
        body: UpdateCampaignBody,
        response: { 200: Campaign, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      changeCampaign(app, businessOf(request), request.params.campaignId, request.body, actorOf(request)),
  );

  app.post(
    `${base}/:campaignId/duplicate`,
    {
      config: write,
      schema: {
        tags,
        security,
        summary: "Copy a campaign and its ads as a new draft",
        params: CampaignParams,
        response: { 201: Campaign, 404: Problem },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await duplicateCampaign(app.db, businessOf(request), request.params.campaignId, actorOf(request)),
        ),
  );
};

export default campaignsRoutes;
