import {
  Ad,
  AdParams,
  AppealBody,
  BusinessParams,
  PreflightBody,
  PrescreenFlag,
  Problem,
  page,
  ReviewDecisionBody,
  ReviewItem,
  ReviewMetrics,
  ReviewQueueItem,
  ReviewQueueQuery,
  Uuid,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf, callerOf } from "../../plugins/auth.js";
import { appeal, decide, getMetrics, getQueue, openReviewItem, preflight } from "./reviews.service.js";

const reviewsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["review"];
  const AdIdParams = z.strictObject({ adId: Uuid });

  app.get(
    "/v1/admin/reviews",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary: "Ads waiting for review, oldest first",
        querystring: ReviewQueueQuery,
        response: { 200: page(ReviewQueueItem) },
      },
    },
    async (request) => getQueue(app.db, request.query),
  );

  app.get(
    "/v1/admin/reviews/metrics",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary: "Queue length, decision times and outcomes",
        response: { 200: ReviewMetrics },
      },
    },
    async () => getMetrics(app.db),
  );

  app.get(
    "/v1/admin/reviews/:adId",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary: "The ad under review, its flags and history; opening it claims it for a few minutes",
        params: AdIdParams,
        response: { 200: ReviewItem, 404: Problem },
      },
    },
    async (request) => openReviewItem(app.db, request.params.adId, callerOf(request).userId),
  );

  app.post(
    "/v1/admin/reviews/:adId/decision",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary: "Approve, or reject with reason codes and an optional note to the owner",
        params: AdIdParams,
        body: ReviewDecisionBody,
        response: {
          200: z.object({ reviewId: Uuid, decision: z.enum(["approve", "reject"]) }),
          403: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request) => decide(app, request.params.adId, request.body, actorOf(request)),
  );

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

export default reviewsRoutes;
