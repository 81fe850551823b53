import {
  BusinessParams,
  CreateTopupBody,
  CursorQuery,
  IdempotencyHeaders,
  Problem,
  page,
  Topup,
  Uuid,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { sendIdempotent } from "../../lib/idempotency.js";
import { businessOf } from "../../plugins/auth.js";
import { receiptHtml, receiptOf, sendReceiptPdf } from "./receipts.service.js";
import { getTopup, getTopups, startTopup } from "./topups.service.js";

const TopupParams = BusinessParams.extend({ topupId: Uuid });

/** Top-ups: start one with the payment provider, follow it, print its receipt once paid. */
const topupsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["wallet"];
  const { ppnRateBasisPoints, receiptIssuer } = app.config;
  const receiptFor = (businessId: string, topupId: string) =>
    receiptOf(app.db, businessId, topupId, receiptIssuer, ppnRateBasisPoints);

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
        response: { 201: Topup, 400: Problem, 403: Problem, 422: Problem, 502: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const deps = { db: app.db, provider: app.paymentProvider, moveMoney: app.moveMoney, log: request.log };
      const result = await startTopup(deps, {
        business: businessOf(request),
        idempotencyKey: request.headers["idempotency-key"],
        body: request.body,
        actor: actorOf(request),
      });
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
    async (request) => getTopups(app.db, businessOf(request).id, request.query, app.paymentProvider),
  );

  app.get(
    "/v1/businesses/:businessId/topups/:topupId",
    {
      config: { access: "business", permission: "business.read" },
      schema: { tags, security, params: TopupParams, response: { 200: Topup, 404: Problem } },
    },
    async (request) => getTopup(app.db, businessOf(request).id, request.params.topupId, app.paymentProvider),
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
      const receipt = await receiptFor(businessOf(request).id, request.params.topupId);
      return reply.type("text/html; charset=utf-8").serializer(String).send(receiptHtml(receipt));
    },
  );

  app.get(
    "/v1/businesses/:businessId/topups/:topupId/receipt.pdf",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary:
          "PDF receipt of a paid top-up (gapless yearly number, DPP and PPN, billing profile as issued)",
        params: TopupParams,
        response: {
          200: { content: { "application/pdf": { schema: z.instanceof(Buffer) } } },
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request, reply) => {
      return sendReceiptPdf(reply, await receiptFor(businessOf(request).id, request.params.topupId));
    },
  );
};

export default topupsRoutes;
