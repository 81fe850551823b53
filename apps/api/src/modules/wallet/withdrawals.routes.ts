import {
  BusinessParams,
  CreateWithdrawalBody,
  CursorQuery,
  IdempotencyHeaders,
  Problem,
  page,
  Uuid,
  Withdrawal,
  WithdrawalDecisionBody,
} from "@sorot/contracts";
import { listRequestedWithdrawals, listWithdrawalsOfBusiness } from "@sorot/db";
import { decideWithdrawalRequest } from "@sorot/money";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { once, sendIdempotent } from "../../lib/idempotency.js";
import { businessOf } from "../../plugins/auth.js";
import { requestWithdrawalOf, toWithdrawal } from "./wallet.service.js";

const WithdrawalCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/** Withdrawals of unused cash: the owner asks, an admin approves (payout) or rejects. */
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
    async (request) => {
      const after = decodeCursor(WithdrawalCursor, request.query.cursor);
      const rows = await listWithdrawalsOfBusiness(app.db, businessOf(request).id, {
        limit: request.query.limit + 1,
        after: after && { createdAt: new Date(after.createdAt), id: after.id },
      });
      return pageOf(rows, request.query.limit, toWithdrawal, (row) => ({
        createdAt: row.createdAt.toISOString(),
        id: row.id,
      }));
    },
  );

  app.get(
    "/v1/admin/withdrawals",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        security,
        summary: "Withdrawals waiting for a decision, oldest first",
        response: { 200: z.object({ items: z.array(Withdrawal) }) },
      },
    },
    async () => ({ items: (await listRequestedWithdrawals(app.db, 200)).map(toWithdrawal) }),
  );

  app.post(
    "/v1/admin/withdrawals/:withdrawalId/decision",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        security,
        summary: "Approve (pay out) or reject a withdrawal",
        params: z.strictObject({ withdrawalId: Uuid }),
        body: WithdrawalDecisionBody,
        response: { 200: Withdrawal, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const decided = await app.moveMoney((changes) =>
        decideWithdrawalRequest(
          app.db,
          changes,
          request.params.withdrawalId,
          request.body,
          app.paymentProvider,
          actorOf(request),
        ),
      );
      return toWithdrawal(decided);
    },
  );
};

export default withdrawalsRoutes;
