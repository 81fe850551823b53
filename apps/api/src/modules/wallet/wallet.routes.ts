import { Readable } from "node:stream";
import {
  BusinessParams,
  CreateTopupBody,
  CreateWithdrawalBody,
  CursorQuery,
  IdempotencyHeaders,
  LedgerLine,
  LedgerQuery,
  Problem,
  PromoGrant,
  PromoGrantBody,
  page,
  Topup,
  Uuid,
  Wallet,
  Withdrawal,
  WithdrawalDecisionBody,
} from "@sorot/contracts";
import { listRequestedWithdrawals, listWithdrawalsOfBusiness } from "@sorot/db";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { once, sendIdempotent } from "../../lib/idempotency.js";
import { notFound } from "../../lib/problems.js";
import { businessOf } from "../../plugins/auth.js";
import {
  createTopup,
  decideWithdrawalRequest,
  getLedger,
  getTopup,
  getTopups,
  getWallet,
  grantPromoCredit,
  ledgerCsv,
  renderReceipt,
  requestWithdrawal,
  toWithdrawal,
} from "./wallet.service.js";

const TopupParams = BusinessParams.extend({ topupId: Uuid });
const WithdrawalCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

const walletRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["wallet"];
  const { publicUrl, ppnRateBasisPoints } = app.config;

  app.get(
    "/v1/businesses/:businessId/wallet",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "Balances, promo credit and runway",
        params: BusinessParams,
        response: { 200: Wallet },
      },
    },
    async (request) => getWallet(app.db, app.redis, businessOf(request).id),
  );

  app.post(
    "/v1/businesses/:businessId/topups",
    {
      config: { access: "business", permission: "money.move" },
      schema: {
        tags,
        security,
        summary: "Start a top-up; pay it on the returned payUrl",
        params: BusinessParams,
        headers: IdempotencyHeaders,
        body: CreateTopupBody,
        response: { 201: Topup, 400: Problem, 403: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const business = businessOf(request);
      const result = await once(
        app.db,
        {
          businessId: business.id,
          key: request.headers["idempotency-key"],
          route: "topups.create",
          body: request.body,
        },
        async (tx) => ({
          status: 201,
          body: await createTopup(
            tx,
            business,
            request.body,
            app.paymentProvider,
            actorOf(request),
            publicUrl,
          ),
        }),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    "/v1/businesses/:businessId/topups",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        params: BusinessParams,
        querystring: CursorQuery,
        response: { 200: page(Topup) },
      },
    },
    async (request) => getTopups(app.db, businessOf(request).id, request.query, publicUrl),
  );

  app.get(
    "/v1/businesses/:businessId/topups/:topupId",
    {
      config: { access: "business", permission: "business.read" },
      schema: { tags, security, params: TopupParams, response: { 200: Topup, 404: Problem } },
    },
    async (request) => getTopup(app.db, businessOf(request).id, request.params.topupId, publicUrl),
  );

  app.get(
    "/v1/businesses/:businessId/topups/:topupId/receipt",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "Printable HTML receipt of a paid top-up",
        params: TopupParams,
        response: { 200: { content: { "text/html": { schema: z.string() } } }, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const html = await renderReceipt(
        app.db,
        businessOf(request).id,
        request.params.topupId,
        ppnRateBasisPoints,
      );
      return reply.type("text/html; charset=utf-8").serializer(String).send(html);
    },
  );

  app.get(
    "/v1/businesses/:businessId/ledger",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "Wallet history, newest first; `Accept: text/csv` downloads the whole filtered history",
        params: BusinessParams,
        querystring: LedgerQuery,
        response: {
          200: {
            content: { "application/json": { schema: page(LedgerLine) }, "text/csv": { schema: z.string() } },
          },
          400: Problem,
        },
      },
    },
    async (request, reply) => {
      const business = businessOf(request);
      if (request.headers.accept?.includes("text/csv")) {
        const { cursor: _cursor, limit: _limit, ...filter } = request.query;
        // A stream bypasses the JSON serializer; the plain reply type says so.
        return (reply as FastifyReply)
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="sorot-ledger-${business.id.slice(0, 8)}.csv"`)
          .send(Readable.from(ledgerCsv(app.db, business, filter)));
      }
      return getLedger(app.db, business, request.query);
    },
  );

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
      const result = await once(
        app.db,
        {
          businessId: business.id,
          key: request.headers["idempotency-key"],
          route: "withdrawals.create",
          body: request.body,
        },
        async (tx) => ({
          status: 201,
          body: await requestWithdrawal(
            tx,
            app.redis,
            app.delivery.scripts,
            business,
            request.body,
            actorOf(request),
          ),
        }),
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
    async (request) =>
      decideWithdrawalRequest(
        app.db,
        request.params.withdrawalId,
        request.body,
        app.paymentProvider,
        actorOf(request),
      ),
  );

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
      const exists = await app.db.query.businesses.findFirst({ where: (b, { eq }) => eq(b.id, businessId) });
      if (!exists) throw notFound("Business");
      const result = await once(
        app.db,
        { businessId, key: request.headers["idempotency-key"], route: "credits.grant", body: request.body },
        async (tx) => ({
          status: 201,
          body: await grantPromoCredit(tx, businessId, request.body, actorOf(request)),
        }),
      );
      // Like a paid top-up, a grant is money delivery may commit at once; a replay moved it already.
      if (!result.replayed && result.status === 201) {
        await app.delivery.scripts.adjustAvailable(businessId, BigInt(request.body.amountMicros));
      }
      return sendIdempotent(reply, result);
    },
  );
};

export default walletRoutes;
