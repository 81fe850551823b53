import {
  AdminCreator,
  BusinessCreatorParams,
  CreateReportBody,
  CreatorParams,
  CreatorReport,
  CreatorReportParams,
  CreatorReportQuery,
  page,
  ReportReceipt,
  ResolveReportBody,
  SuspendBody,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import { problems, security, tags } from "./creators.http.js";
import { listReports, moderateCreator, reportProfile, resolveReport } from "./reports.service.js";

/** Reports of a creator's profile, and the admins' moderation: resolving reports, hiding and suspending. */
const creatorReportsRoutes: FastifyPluginAsyncZod = async (app) => {
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

export default creatorReportsRoutes;
