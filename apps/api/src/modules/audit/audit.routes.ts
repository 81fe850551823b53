import { AuditEntry, AuditQuery, BusinessParams, Problem, page } from "@sorot/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendCsv, wantsCsv } from "../../lib/csv.js";
import { businessOf } from "../../plugins/auth.js";
import { auditCsv, getAuditLog } from "./audit.service.js";

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const response = {
    200: {
      content: { "application/json": { schema: page(AuditEntry) }, "text/csv": { schema: z.string() } },
    },
    400: Problem,
  };
  const filters =
    "filter by actorUserId, action, entityType, from and to; `Accept: text/csv` downloads the whole filtered log (`format=excel-id` for Excel in Indonesian)";

  app.get(
    "/v1/businesses/:businessId/audit",
    {
      config: { access: "business", permission: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: `Who changed what in this business, newest first (owners); ${filters}`,
        security,
        params: BusinessParams,
        querystring: AuditQuery,
        response,
      },
    },
    async (request, reply) => {
      const business = businessOf(request);
      if (wantsCsv(request)) {
        const filename = `sorot-audit-${business.id.slice(0, 8)}.csv`;
        return sendCsv(reply as FastifyReply, filename, auditCsv(app.db, request.query, business.id));
      }
      return getAuditLog(app.db, request.query, business.id);
    },
  );

  app.get(
    "/v1/admin/audit",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        summary: `Every change on the platform, newest first (admins); ${filters}`,
        security,
        querystring: AuditQuery,
        response,
      },
    },
    async (request, reply) => {
      if (wantsCsv(request)) {
        return sendCsv(reply as FastifyReply, "sorot-audit.csv", auditCsv(app.db, request.query));
      }
      return getAuditLog(app.db, request.query);
    },
  );
};

export default auditRoutes;
