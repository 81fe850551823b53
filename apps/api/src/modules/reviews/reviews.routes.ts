import {
  Problem,
  page,
  ReviewClaim,
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
import { callerOf } from "../../plugins/auth.js";
import {
  CLAIM_MINUTES,
  claimReview,
  decide,
  getMetrics,
  getQueue,
  openReviewItem,
} from "./reviews.service.js";

/** The admins' review desk: the queue, an ad under review, its claim and the decision. */
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
    async (request) => getQueue(app.db, callerOf(request).userId, request.query),
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
        summary: "The ad under review, its flags, history and who holds it; reading it claims nothing",
        params: AdIdParams,
        response: { 200: ReviewItem, 404: Problem },
      },
    },
    async (request) => openReviewItem(app.db, request.params.adId, callerOf(request).userId),
  );

  app.post(
    "/v1/admin/reviews/:adId/claim",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary: `Claim the ad for ${CLAIM_MINUTES} minutes (or renew your claim) before deciding; 409 while another admin holds it`,
        params: AdIdParams,
        response: { 200: ReviewClaim, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => claimReview(app.db, request.params.adId, callerOf(request).userId),
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
};

export default reviewsRoutes;
