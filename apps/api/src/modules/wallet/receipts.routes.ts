import {
  AdminReceiptCorrectionBody,
  BusinessParams,
  CreateReceiptCorrectionBody,
  MonthlyReceiptSummary,
  Problem,
  ReceiptDocument,
  ReceiptMonth,
  Uuid,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import {
  type CorrectionRequest,
  correctReceipt,
  documentReceiptOf,
  issuedCorrection,
  monthlyReceipt,
  monthlyReceiptsOf,
  receiptDocumentsOf,
  sendReceiptPdf,
} from "./receipts.service.js";

const PdfResponse = { content: { "application/pdf": { schema: z.instanceof(Buffer) } } };

/**
 * Receipt documents beyond a top-up's own receipt: a monthly receipt per calendar month, issued on
 * the first request after the month ends, and corrections, each a new document naming the old one.
 */
const receiptsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["wallet"];
  const { ppnRateBasisPoints, receiptIssuer } = app.config;

  app.get(
    "/v1/businesses/:businessId/monthly-receipts",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "Calendar months (Asia/Jakarta) with paid top-ups, newest first, and their monthly receipts",
        params: BusinessParams,
        response: { 200: z.object({ items: z.array(MonthlyReceiptSummary) }) },
      },
    },
    async (request) => ({ items: await monthlyReceiptsOf(app.db, businessOf(request).id) }),
  );

  app.get(
    "/v1/businesses/:businessId/monthly-receipts/:month/receipt.pdf",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary:
          "PDF monthly receipt: issued (numbered RKP/<year>/<n>, billing profile kept) on the first request after the month ends, the same document after",
        params: BusinessParams.extend({ month: ReceiptMonth }),
        response: { 200: PdfResponse, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const business = businessOf(request);
      const row = await monthlyReceipt(
        app.db,
        business.id,
        request.params.month,
        receiptIssuer,
        actorOf(request),
      );
      return sendReceiptPdf(reply, await documentReceiptOf(app.db, business.id, row.id, ppnRateBasisPoints));
    },
  );

  app.get(
    "/v1/businesses/:businessId/receipt-documents",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "Monthly receipts and corrections issued, newest first",
        params: BusinessParams,
        response: { 200: z.object({ items: z.array(ReceiptDocument) }) },
      },
    },
    async (request) => ({ items: await receiptDocumentsOf(app.db, businessOf(request).id) }),
  );

  app.get(
    "/v1/businesses/:businessId/receipt-documents/:documentId/receipt.pdf",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "PDF of a monthly receipt or a correction, as it was issued",
        params: BusinessParams.extend({ documentId: Uuid }),
        response: { 200: PdfResponse, 404: Problem },
      },
    },
    async (request, reply) =>
      sendReceiptPdf(
        reply,
        await documentReceiptOf(
          app.db,
          businessOf(request).id,
          request.params.documentId,
          ppnRateBasisPoints,
        ),
      ),
  );

  const correct = async (
    businessId: string,
    correction: CorrectionRequest,
    actor: ReturnType<typeof actorOf>,
  ) => issuedCorrection(app.db, await correctReceipt(app.db, businessId, correction, receiptIssuer, actor));

  app.post(
    "/v1/businesses/:businessId/receipt-documents/corrections",
    {
      config: { access: "business", permission: "business.manage" },
      schema: {
        tags,
        security,
        summary:
          "Correct a receipt after changing the billing profile: a new document, new number, naming the old one (which stays unchanged)",
        params: BusinessParams,
        body: CreateReceiptCorrectionBody,
        response: { 201: ReceiptDocument, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const correction = {
        number: request.body.number,
        reason: "billing_profile_changed",
        note: null,
      } as const;
      return reply.code(201).send(await correct(businessOf(request).id, correction, actorOf(request)));
    },
  );

  app.post(
    "/v1/admin/businesses/:businessId/receipt-corrections",
    {
      config: { access: "admin" },
      schema: {
        tags: ["admin"],
        security,
        summary:
          "An admin's correction of a business's receipt: a new document naming the old one, with a note",
        params: z.strictObject({ businessId: Uuid }),
        body: AdminReceiptCorrectionBody,
        response: { 201: ReceiptDocument, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const correction = {
        number: request.body.number,
        reason: "admin_correction",
        note: request.body.note,
      } as const;
      return reply.code(201).send(await correct(request.params.businessId, correction, actorOf(request)));
    },
  );
};

export default receiptsRoutes;
