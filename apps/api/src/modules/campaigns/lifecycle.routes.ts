import { BudgetRequestDecisionBody, Campaign, CampaignParams, Problem, Uuid } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import { base, security, tags, write } from "./campaigns.http.js";
import { changeCampaignStatus, decideBudgetRequest, submitCampaign } from "./campaigns.service.js";

/** A campaign's state changes: submit to review, pause, resume, archive, and an owner's budget decision. */
const campaignLifecycleRoutes: FastifyPluginAsyncZod = async (app) => {
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

export default campaignLifecycleRoutes;
