import {
  BusinessCreatorRequestParams,
  BusinessParams,
  CreateCreatorRequestBody,
  CreateReportBody,
  CreatorMessage,
  CreatorRequest,
  CreatorRequestListQuery,
  CreatorRequestParams,
  CursorQuery,
  Problem,
  page,
  ReportReceipt,
  RequestDecisionBody,
  SendMessageBody,
} from "@sorot/contracts";
import type { FastifyContextConfig, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf, callerOf } from "../../plugins/auth.js";
import { problems, security, tags } from "./creators.http.js";
import { reportRequest } from "./reports.service.js";
import {
  closeRequest,
  decideRequest,
  getRequest,
  limitMessages,
  listRequests,
  listThread,
  openRequest,
  type Party,
  sendMessage,
} from "./requests.service.js";

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

function creatorParty(request: FastifyRequest): Extract<Party, { side: "creator" }> {
  return { side: "creator", creatorUserId: callerOf(request).userId, profile: request.creatorProfile };
}

function businessParty(request: FastifyRequest): Party {
  return { side: "business", business: businessOf(request) };
}

/**
 * A request reads and is written to the same way from either side; only its path, who may call
 * and which party the caller is differ.
 */
function requestRoutes(
  app: ZodApp,
  side: {
    path: string;
    params: typeof CreatorRequestParams | typeof BusinessCreatorRequestParams;
    read: FastifyContextConfig;
    write: FastifyContextConfig;
    party: (request: FastifyRequest) => Party;
    closeSummary: string;
    reportSummary: string;
  },
) {
  const { path, params, party } = side;
  const messageLimit = async (request: FastifyRequest) => limitMessages(app.redis, callerOf(request).userId);
  app.get(
    path,
    {
      config: side.read,
      schema: { tags, security, params, response: { 200: CreatorRequest, ...problems } },
    },
    async (request) => getRequest(app.db, party(request), request.params.requestId),
  );

  app.post(
    `${path}/close`,
    {
      config: side.write,
      schema: {
        tags,
        security,
        summary: side.closeSummary,
        params,
        response: { 200: CreatorRequest, ...problems },
      },
    },
    async (request) => closeRequest(app.db, party(request), request.params.requestId, actorOf(request)),
  );

  app.get(
    `${path}/messages`,
    {
      config: side.read,
      schema: {
        tags,
        security,
        summary: "The request's thread, oldest first",
        params,
        querystring: CursorQuery,
        response: { 200: page(CreatorMessage), ...problems },
      },
    },
    async (request) => listThread(app.db, party(request), request.params.requestId, request.query),
  );

  app.post(
    `${path}/messages`,
    {
      config: side.write,
      preHandler: messageLimit,
      schema: {
        tags,
        security,
        summary: "Write in an accepted request's thread",
        params,
        body: SendMessageBody,
        response: { 201: CreatorMessage, 429: Problem, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await sendMessage(
            app.db,
            party(request),
            request.params.requestId,
            request.body.body,
            actorOf(request),
          ),
        ),
  );

  app.post(
    `${path}/report`,
    {
      config: side.write,
      schema: {
        tags,
        security,
        summary: side.reportSummary,
        params,
        body: CreateReportBody,
        response: { 201: ReportReceipt, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await reportRequest(
            app.db,
            party(request),
            request.params.requestId,
            request.body,
            actorOf(request),
          ),
        ),
  );
}

/** Briefs a business sends a creator, the creator's answer, and the thread between them. */
const creatorRequestsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/v1/creator/requests",
    {
      config: { access: "creator" },
      schema: {
        tags,
        security,
        summary: "Requests businesses sent you, newest first",
        querystring: CreatorRequestListQuery,
        response: { 200: page(CreatorRequest), ...problems },
      },
    },
    async (request) => listRequests(app.db, creatorParty(request), request.query),
  );

  app.post(
    "/v1/creator/requests/:requestId/decision",
    {
      config: { access: "creator" },
      schema: {
        tags,
        security,
        summary: "Accept (contacts are then shared both ways) or decline a request",
        params: CreatorRequestParams,
        body: RequestDecisionBody,
        response: { 200: CreatorRequest, ...problems },
      },
    },
    async (request) => {
      const decided = await decideRequest(
        app.db,
        creatorParty(request),
        request.params.requestId,
        request.body,
        actorOf(request),
      );
      // A request is decided once (a second decision is a 409), so its id keys the one notification.
      const key = `creator-request-decided-${decided.id}`;
      await app.enqueue(
        "notifications.send",
        {
          businessId: decided.business.id,
          kind: "creator_request_decided",
          payload: {
            requestId: decided.id,
            creatorName: decided.creator.displayName,
            product: decided.product,
            decision: request.body.decision,
            note: decided.decisionNote,
          },
          dedupeKey: key,
        },
        key,
      );
      return decided;
    },
  );

  requestRoutes(app, {
    path: "/v1/creator/requests/:requestId",
    params: CreatorRequestParams,
    read: { access: "creator" },
    write: { access: "creator" },
    party: creatorParty,
    closeSummary: "Close an accepted request",
    reportSummary: "Report a request, or one message of its thread, to Sorot",
  });

  app.post(
    "/v1/businesses/:businessId/creator-requests",
    {
      config: { access: "business", permission: "creators.connect" },
      schema: {
        tags,
        security,
        summary: "Send a brief to a creator (at most 5 a day per business); no payment runs through Sorot",
        params: BusinessParams,
        body: CreateCreatorRequestBody,
        response: { 201: CreatorRequest, 429: Problem, ...problems },
      },
    },
    async (request, reply) => {
      const opened = await openRequest(app.db, businessOf(request), request.body, actorOf(request));
      const key = `creator-request-proposed-${opened.id}`;
      await app.enqueue(
        "notifications.send",
        {
          recipient: { userId: opened.creator.id },
          kind: "creator_request_proposed",
          payload: {
            requestId: opened.id,
            businessName: opened.business.name,
            product: opened.product,
            budgetMinMicros: opened.budgetMinMicros,
            budgetMaxMicros: opened.budgetMaxMicros,
          },
          dedupeKey: key,
        },
        key,
      );
      return reply.code(201).send(opened);
    },
  );

  app.get(
    "/v1/businesses/:businessId/creator-requests",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "The business's requests to creators, newest first",
        params: BusinessParams,
        querystring: CreatorRequestListQuery,
        response: { 200: page(CreatorRequest), ...problems },
      },
    },
    async (request) => listRequests(app.db, businessParty(request), request.query),
  );

  requestRoutes(app, {
    path: "/v1/businesses/:businessId/creator-requests/:requestId",
    params: BusinessCreatorRequestParams,
    read: { access: "business", permission: "business.read" },
    write: { access: "business", permission: "creators.connect" },
    party: businessParty,
    closeSummary: "Withdraw a pending request or close an accepted one",
    reportSummary: "Report a request's thread, or one message of it, to Sorot",
  });
};

export default creatorRequestsRoutes;
