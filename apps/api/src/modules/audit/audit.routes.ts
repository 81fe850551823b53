import { AuditEntry, BusinessParams, CursorQuery, page } from "@sorot/contracts";
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
        summary: "Who changed what in this business, newest first (owners)",
        security,
        params: BusinessParams,
        querystring: CursorQuery,
        response: { 200: page(AuditEntry) },
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
        summary: "Every change on the platform, newest first (admins)",
        security,
        querystring: CursorQuery,
        response: { 200: page(AuditEntry) },
      },
    },
    async (request) => getAuditLog(app.db, request.query),
  );
};

export default auditRoutes;
