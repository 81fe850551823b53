import {
  BudgetRequestDecisionBody,
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
  Uuid,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import {
  changeCampaign,
  changeCampaignStatus,
  createCampaign,
  decideBudgetRequest,
  duplicateCampaign,
  estimate,
  getCampaign,
  getCampaigns,
  submitCampaign,
} from "./campaigns.service.js";

const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["campaigns"];
  const base = "/v1/businesses/:businessId/campaigns";
  const write = { access: "business", permission: "campaigns.write" } as const;
  const read = { access: "business", permission: "business.read" } as const;

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
    `${base}/:campaignId/submit`,
    {
      config: write,
      schema: {
        tags,
        security,
        summary: "Send the campaign's draft ads to review",
        params: CampaignParams,
        response: { 200: Campaign, 404: Problem, 409: Problem },
      },
    },
    async (request) => submitCampaign(app, businessOf(request), request.params.campaignId, actorOf(request)),
  );

  for (const action of ["pause", "resume", "archive"] as const) {
    app.post(
      `${base}/:campaignId/${action}`,
      {
        config: write,
        schema: {
          tags,
          security,
          params: CampaignParams,
          response: { 200: Campaign, 404: Problem, 409: Problem },
        },
      },
      async (request) =>
        changeCampaignStatus(app, businessOf(request), request.params.campaignId, action, actorOf(request)),
    );
  }

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

  app.post(
    `${base}/:campaignId/budget-requests/:requestId/decision`,
    {
      config: { access: "business", permission: "budget.raise" },
      schema: {
        tags,
        security,
        summary: "Approve or reject an operator's budget raise (owners)",
        params: CampaignParams.extend({ requestId: Uuid }),
        body: BudgetRequestDecisionBody,
        response: { 200: Campaign, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      decideBudgetRequest(
        app,
        businessOf(request),
        request.params.campaignId,
        request.params.requestId,
        request.body.decision,
        actorOf(request),
      ),
  );
};

export default campaignsRoutes;
