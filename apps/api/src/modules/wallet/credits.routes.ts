import { BusinessParams, IdempotencyHeaders, Problem, PromoGrant, PromoGrantBody } from "@sorot/contracts";
import { notFound } from "@sorot/core";
import { findBusiness } from "@sorot/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { once, sendIdempotent } from "../../lib/idempotency.js";
import { grantPromo } from "./wallet.service.js";

/** Promo credit an admin grants a business. */
const creditsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];

  app.post(
    "/v1/admin/businesses/:businessId/credits",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        security,
        summary: "Grant promo ad credit to a business",
        params: BusinessParams,
        headers: IdempotencyHeaders,
        body: PromoGrantBody,
        response: { 201: PromoGrant, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { businessId } = request.params;
      if (!(await findBusiness(app.db, businessId))) throw notFound("Business");
      const result = await app.moveMoney((changes) =>
        once(
          app.db,
          { businessId, key: request.headers["idempotency-key"], route: "credits.grant", body: request.body },
          async (tx) => ({
            status: 201,
            body: await grantPromo(tx, changes, businessId, request.body, actorOf(request)),
          }),
        ),
      );
      // Keyed by the lot, so a replayed grant (same Idempotency-Key) tells the owners once.
      const key = `promo-granted-${result.body.id}`;
      await app.enqueue(
        "notifications.send",
        {
          businessId,
          kind: "promo_granted",
          payload: { amountMicros: result.body.grantedMicros, expiresAt: result.body.expiresAt },
          dedupeKey: key,
        },
        key,
      );
      return sendIdempotent(reply, result);
    },
  );
};

export default creditsRoutes;
