import {
  AdminCreator,
  BusinessCreatorParams,
  BusinessCreatorRequestParams,
  BusinessParams,
  CreateCreatorRequestBody,
  CreateReportBody,
  CreatorDirectoryQuery,
  CreatorListing,
  CreatorMessage,
  CreatorParams,
  CreatorProfile,
  CreatorProfileBody,
  CreatorReport,
  CreatorReportParams,
  CreatorReportQuery,
  CreatorRequest,
  CreatorRequestListQuery,
  CreatorRequestParams,
  CursorQuery,
  Problem,
  page,
  ReportReceipt,
  RequestDecisionBody,
  ResolveReportBody,
  SendMessageBody,
  SuspendBody,
} from "@sorot/contracts";
import type { FastifyContextConfig, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf, callerOf } from "../../plugins/auth.js";
import { getListing, getOwnProfile, saveProfile, searchDirectory } from "./creators.service.js";
import {
  listReports,
  moderateCreator,
  reportProfile,
  reportRequest,
  resolveReport,
} from "./reports.service.js";
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

function creatorParty(request: FastifyRequest): Extract<Party, { side: "creator" }> {
  return { side: "creator", creatorUserId: callerOf(request).userId, profile: request.creatorProfile };
}

function businessParty(request: FastifyRequest): Party {
  return { side: "business", business: businessOf(request) };
}

/**
 * Creator connect: creators keep a profile and answer briefs; businesses search the directory and
 * send briefs; admins handle reports. Kept apart from ad spend: nothing here reads or writes the
 * wallet, the ledger, campaigns or delivery.
 */
const creatorsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["creators"];
  const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const messageLimit = async (request: FastifyRequest) => limitMessages(app.redis, callerOf(request).userId);

  /**
   * A request reads and is written to the same way from either side; only its path, who may call
   * and which party the caller is differ.
   */
  function requestRoutes(side: {
    path: string;
    params: typeof CreatorRequestParams | typeof BusinessCreatorRequestParams;
    read: FastifyContextConfig;
    write: FastifyContextConfig;
    party: (request: FastifyRequest) => Party;
    closeSummary: string;
    reportSummary: string;
  }) {
    const { path, params, party } = side;
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

  // The creator's own side.
  app.get(
    "/v1/creator/profile",
    {
      config: { access: "creator" },
      schema: {
        tags,
        security,
        summary: "Your creator profile (404 until you first save it)",
        response: { 200: CreatorProfile, ...problems },
      },
    },
    async (request) => getOwnProfile(app.db, callerOf(request).userId),
  );

  app.put(
    "/v1/creator/profile",
    {
      config: { access: "creator" },
      schema: {
        tags,
        security,
        summary: "Create or replace your creator profile",
        body: CreatorProfileBody,
        response: { 200: CreatorProfile, ...problems },
      },
    },
    async (request) => saveProfile(app.db, callerOf(request).userId, request.body, actorOf(request)),
  );

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
    async (request) =>
      decideRequest(app.db, creatorParty(request), request.params.requestId, request.body, actorOf(request)),
  );

  requestRoutes({
    path: "/v1/creator/requests/:requestId",
    params: CreatorRequestParams,
    read: { access: "creator" },
    write: { access: "creator" },
    party: creatorParty,
    closeSummary: "Close an accepted request",
    reportSummary: "Report a request, or one message of its thread, to Sorot",
  });

  // The business side.
  app.get(
    "/v1/businesses/:businessId/creators",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "The creator directory: listed creators taking requests, newest first",
        params: BusinessParams,
        querystring: CreatorDirectoryQuery,
        response: { 200: page(CreatorListing), ...problems },
      },
    },
    async (request) => searchDirectory(app.db, request.query),
  );

  app.get(
    "/v1/businesses/:businessId/creators/:creatorId",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "One creator's profile (never their contact details)",
        params: BusinessCreatorParams,
        response: { 200: CreatorListing, ...problems },
      },
    },
    async (request) => getListing(app.db, request.params.creatorId),
  );

  app.post(
    "/v1/businesses/:businessId/creators/:creatorId/report",
    {
      config: { access: "business", permission: "creators.connect" },
      schema: {
        tags,
        security,
        summary: "Report a creator's profile to Sorot",
        params: BusinessCreatorParams,
        body: CreateReportBody,
        response: { 201: ReportReceipt, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await reportProfile(
            app.db,
            businessOf(request).id,
            request.params.creatorId,
            request.body,
            actorOf(request),
          ),
        ),
  );

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
    async (request, reply) =>
      reply.code(201).send(await openRequest(app.db, businessOf(request), request.body, actorOf(request))),
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

  requestRoutes({
    path: "/v1/businesses/:businessId/creator-requests/:requestId",
    params: BusinessCreatorRequestParams,
    read: { access: "business", permission: "business.read" },
    write: { access: "business", permission: "creators.connect" },
    party: businessParty,
    closeSummary: "Withdraw a pending request or close an accepted one",
    reportSummary: "Report a request's thread, or one message of it, to Sorot",
  });

  // Admins.
  app.get(
    "/v1/admin/creator-reports",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        security,
        summary: "Reports about creators, requests and messages: open ones oldest first",
        querystring: CreatorReportQuery,
        response: { 200: page(CreatorReport), ...problems },
      },
    },
    async (request) => listReports(app.db, request.query),
  );

  app.post(
    "/v1/admin/creator-reports/:reportId/resolve",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        security,
        summary: "Close a report: actioned (after hiding or suspending) or dismissed",
        params: CreatorReportParams,
        body: ResolveReportBody,
        response: { 200: CreatorReport, ...problems },
      },
    },
    async (request) => resolveReport(app.db, request.params.reportId, request.body, actorOf(request)),
  );

  for (const action of ["hide", "unhide", "suspend", "unsuspend"] as const) {
    const needsReason = action === "hide" || action === "suspend";
    app.post(
      `/v1/admin/creators/:creatorId/${action}`,
      {
        config: { access: "admin" },
        schema: {
          tags: ["admin"],
          security,
          summary: {
            hide: "Hide a creator's profile from the directory",
            unhide: "List a hidden profile again",
            suspend: "Suspend a creator account: it can no longer use creator connect",
            unsuspend: "Restore a suspended creator account",
          }[action],
          params: CreatorParams,
          ...(needsReason ? { body: SuspendBody } : {}),
          response: { 200: AdminCreator, ...problems },
        },
      },
      async (request) =>
        moderateCreator(
          app.db,
          request.params.creatorId,
          action,
          needsReason ? (request.body as { reason: string }).reason : null,
          actorOf(request),
        ),
    );
  }
};

export default creatorsRoutes;
