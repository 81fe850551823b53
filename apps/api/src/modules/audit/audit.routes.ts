import { AuditEntry, AuditQuery, BusinessParams, Problem, page } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { businessOf } from "../../plugins/auth.js";
import { getAuditLog } from "./audit.service.js";

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];

  app.get(
    "/v1/businesses/:businessId/audit",
    {
      config: { access: "business", permission: "audit.read" },
      schema: {
        tags: ["audit"],
        summary:
          "Who changed what in this business, newest first (owners); filter by actorUserId, action, entityType, from and to",
        security,
        params: BusinessParams,
        querystring: AuditQuery,
        response: { 200: page(AuditEntry), 400: Problem },
      },
    },
    async (request) => getAuditLog(app.db, request.query, businessOf(request).id),
  );

  app.get(
    "/v1/admin/audit",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        summary:
          "Every change on the platform, newest first (admins); filter by actorUserId, action, entityType, from and to",
        security,
        querystring: AuditQuery,
        response: { 200: page(AuditEntry), 400: Problem },
      },
    },
    async (request) => getAuditLog(app.db, request.query),
  );
};

export default auditRoutes;
