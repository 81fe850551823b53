import {
  AdminBusiness,
  AdminBusinessQuery,
  BusinessParams,
  Problem,
  page,
  SuspendBody,
  Wallet,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { findBusinesses, getBusinessStanding, setBusinessStanding } from "./admin.service.js";

/** The admins' view of businesses: find one, see its standing and wallet. */
const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["admin"];

  app.get(
    "/v1/admin/businesses",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary: "Find businesses by name or id",
        querystring: AdminBusinessQuery,
        response: { 200: page(AdminBusiness) },
      },
    },
    async (request) => findBusinesses(app.db, request.query),
  );

  app.get(
    "/v1/admin/businesses/:businessId",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary: "A business's standing and wallet",
        params: BusinessParams,
        response: { 200: z.object({ business: AdminBusiness, wallet: Wallet }), 404: Problem },
      },
    },
    async (request) => getBusinessStanding(app.db, app.delivery.scripts, request.params.businessId),
  );

  for (const action of ["suspend", "unsuspend"] as const) {
    app.post(
      `/v1/admin/businesses/:businessId/${action}`,
      {
        config: { access: "admin" },
        schema: {
          tags,
          security,
          summary:
            action === "suspend"
              ? "Suspend a business: its delivery stops within seconds and it cannot submit; it can still withdraw cash"
              : "Restore a suspended business",
          params: BusinessParams,
          ...(action === "suspend" ? { body: SuspendBody } : {}),
          response: { 200: AdminBusiness, 404: Problem, 409: Problem },
        },
      },
      async (request) =>
        setBusinessStanding(
          app,
          request.params.businessId,
          action === "suspend" ? (request.body as { reason: string }).reason : null,
          actorOf(request),
        ),
    );
  }
};

export default adminRoutes;
