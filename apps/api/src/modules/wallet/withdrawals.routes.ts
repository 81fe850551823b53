import {
  BusinessParams,
  CreateWithdrawalBody,
  CursorQuery,
  IdempotencyHeaders,
  Problem,
  page,
  Withdrawal,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { once, sendIdempotent } from "../../lib/idempotency.js";
import { businessOf } from "../../plugins/auth.js";
import { getWithdrawals, requestWithdrawalOf } from "./wallet.service.js";

/** Withdrawals of unused cash, the owner's side: ask for one, list them. */
const withdrawalsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["wallet"];

  app.post(
    "/v1/businesses/:businessId/withdrawals",
    {
      config: { access: "business", permission: "money.move" },
      schema: {
        tags,
        security,
        summary: "Ask to withdraw unused cash to a bank account (promo credit is not withdrawable)",
        params: BusinessParams,
        headers: IdempotencyHeaders,
        body: CreateWithdrawalBody,
        response: { 201: Withdrawal, 400: Problem, 403: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const business = businessOf(request);
      const result = await app.moveMoney((changes) =>
        once(
          app.db,
          {
            businessId: business.id,
            key: request.headers["idempotency-key"],
            route: "withdrawals.create",
            body: request.body,
          },
          async (tx) => ({
            status: 201,
            body: await requestWithdrawalOf(
              tx,
              changes,
              app.delivery.scripts,
              business,
              request.body,
              actorOf(request),
            ),
          }),
        ),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    "/v1/businesses/:businessId/withdrawals",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        params: BusinessParams,
        querystring: CursorQuery,
        response: { 200: page(Withdrawal) },
      },
    },
    async (request) => getWithdrawals(app.db, businessOf(request).id, request.query),
  );
};

export default withdrawalsRoutes;
