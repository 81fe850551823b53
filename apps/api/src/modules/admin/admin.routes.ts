import {
  AdminBusiness,
  AdminBusinessQuery,
  BusinessParams,
  Problem,
  page,
  SuspendBody,
  Wallet,
} from "@sorot/contracts";
import { notFound } from "@sorot/core";
import { searchBusinesses } from "@sorot/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { setBusinessStanding } from "../businesses/businesses.service.js";
import { getWallet } from "../wallet/wallet.service.js";

const BusinessCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

type SearchRow = Awaited<ReturnType<typeof searchBusinesses>>[number];

function toAdminBusiness({ business, ownerEmails }: SearchRow): AdminBusiness {
  return {
    id: business.id,
    name: business.name,
    timeZone: business.timeZone,
    status: business.status,
    taxId: business.taxId,
    ownerEmails,
    createdAt: business.createdAt.toISOString(),
  };
}

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
    async (request) => {
      const after = decodeCursor(BusinessCursor, request.query.cursor);
      const rows = await searchBusinesses(app.db, {
        q: request.query.q,
        limit: request.query.limit + 1,
        after: after && { createdAt: new Date(after.createdAt), id: after.id },
      });
      return pageOf(rows, request.query.limit, toAdminBusiness, ({ business }) => ({
        createdAt: business.createdAt.toISOString(),
        id: business.id,
      }));
    },
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
    async (request) => {
      const [found] = await searchBusinesses(app.db, { q: request.params.businessId, limit: 1 });
      if (!found || found.business.id !== request.params.businessId) throw notFound("Business");
      return {
        business: toAdminBusiness(found),
        wallet: await getWallet(app.db, app.delivery.scripts, found.business.id),
      };
    },
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
      async (request) => {
        const { businessId } = request.params;
        const reason = action === "suspend" ? (request.body as { reason: string }).reason : null;
        await setBusinessStanding(app.db, businessId, reason, actorOf(request));
        // Every api instance drops (or restores) the business's ads within a second.
        await app.publishDeliveryChange();
        if (reason) {
          const key = `suspended-${businessId}-${Date.now()}`;
          await app.enqueue(
            "notifications.send",
            {
              businessId,
              kind: "business_suspended",
              payload: { reason },
              dedupeKey: key,
            },
            key,
          );
        }
        const [found] = await searchBusinesses(app.db, { q: businessId, limit: 1 });
        if (!found) throw notFound("Business");
        return toAdminBusiness(found);
      },
    );
  }
};

export default adminRoutes;
