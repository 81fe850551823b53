import {
  Ad,
  AdParams,
  AppealBody,
  BusinessParams,
  PreflightBody,
  PrescreenFlag,
  Problem,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import { appeal, getMetrics, preflight } from "./reviews.service.js";

/** The owner's side of review: the pre-screen before submitting, how long review takes, an appeal. */
const ownerReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["review"];

  app.post(
    "/v1/businesses/:businessId/campaigns/:campaignId/ads/:adId/appeal",
    {
      config: { access: "business", permission: "campaigns.write" },
      schema: {
        tags,
        security,
        summary: "Appeal a rejection once per version; a different admin decides",
        params: AdParams,
        body: AppealBody,
        response: { 200: Ad, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      appeal(
        app.db,
        businessOf(request),
        request.params.campaignId,
        request.params.adId,
        request.body.reason,
        actorOf(request),
      ),
  );

  app.get(
    "/v1/businesses/:businessId/review-promise",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "How long review takes now: the median wait of the last 7 days' decisions",
        params: BusinessParams,
        response: {
          200: z.object({ medianSeconds: z.number().int().nullable(), queueLength: z.number().int() }),
        },
      },
    },
    async () => {
      const metrics = await getMetrics(app.db);
      return { medianSeconds: metrics.last7Days.medianSeconds, queueLength: metrics.queueLength };
    },
  );

  app.post(
    "/v1/businesses/:businessId/prescreen",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "Run the automated pre-screen on an ad before submitting it",
        params: BusinessParams,
        body: PreflightBody,
        response: { 200: z.object({ flags: z.array(PrescreenFlag) }), 400: Problem },
      },
    },
    async (request) => ({ flags: await preflight(app.db, businessOf(request).id, request.body) }),
  );
};

export default ownerReviewRoutes;
