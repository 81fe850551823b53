import { PaymentMethods, PaymentNotification, Problem, Uuid } from "@sorot/contracts";
import { formatGrossAmount, notFound, topupMethodChoiceLabel } from "@sorot/core";
import { findTopup } from "@sorot/db";
import { applyPaymentNotification, notificationSignature } from "@sorot/money";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { SANDBOX_OUTCOMES, sandboxPayPage } from "./sandbox-pay-page.js";

const paymentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const provider = app.paymentProvider;

  app.get(
    "/v1/payments/methods",
    {
      config: { access: "public" },
      schema: {
        tags: ["payments"],
        summary: "The top-up methods the configured payment provider offers, labelled for a picker",
        response: { 200: PaymentMethods },
      },
    },
    async () => ({
      provider: provider.name,
      methods: provider.methods.map((method) => ({
        method,
        label: topupMethodChoiceLabel(method, provider.name),
      })),
    }),
  );

  app.post(
    "/v1/payments/notifications",
    {
      config: { access: "public" },
      schema: {
        tags: ["payments"],
        summary: "Payment gateway webhook (Midtrans HTTP notification format, SHA-512 signature)",
        body: PaymentNotification,
        response: {
          200: z.object({
            status: z.literal("ok"),
            outcome: z.enum(["credited", "failed", "expired", "flagged", "ignored"]),
          }),
          400: Problem,
          401: Problem,
          404: Problem,
          422: Problem,
          503: Problem,
        },
      },
    },
    async (request) => {
      const outcome = await app.moveMoney((changes) =>
        applyPaymentNotification(app.db, changes, request.body, provider, actorOf(request)),
      );
      return { status: "ok" as const, outcome };
    },
  );

  if (provider.name !== "sandbox") return;

  const TopupParams = z.strictObject({ topupId: Uuid });
  // The pay page's buttons are plain HTML forms; their bodies carry nothing the route reads.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, _body, done) => done(null, {}),
  );

  // The sandbox gateway's hosted pay page: what a payer would see, with buttons to simulate the outcome.
  app.get(
    "/sandbox/pay/:topupId",
    {
      config: { access: "public" },
      schema: {
        tags: ["sandbox"],
        summary:
          "The sandbox gateway's pay page of a top-up (HTML), with buttons that simulate the payer's outcome",
        params: TopupParams,
        response: { 200: { content: { "text/html": { schema: z.string() } } }, 404: Problem },
      },
    },
    async (request, reply) => {
      const topup = await findTopup(app.db, request.params.topupId);
      if (!topup) throw notFound("Top-up");
      return reply.type("text/html; charset=utf-8").send(sandboxPayPage(topup));
    },
  );

  app.post(
    "/sandbox/pay/:topupId/:outcome",
    {
      config: { access: "public" },
      schema: {
        tags: ["sandbox"],
        summary:
          "Simulates the payer's outcome: the sandbox gateway sends its signed notification, then back to the pay page",
        params: z.strictObject({ topupId: Uuid, outcome: z.enum(["paid", "failed", "expired"]) }),
        response: { 303: z.null().describe("Back to the pay page (Location)"), 404: Problem },
      },
    },
    async (request, reply) => {
      const topup = await findTopup(app.db, request.params.topupId);
      if (!topup) throw notFound("Top-up");
      const { transaction_status, status_code } = SANDBOX_OUTCOMES[request.params.outcome];
      const fields = { order_id: topup.id, status_code, gross_amount: formatGrossAmount(topup.amountMicros) };
      // Delivered over the same HTTP route a real gateway calls, signature and all.
      await app.inject({
        method: "POST",
        url: "/v1/payments/notifications",
        payload: {
          ...fields,
          transaction_status,
          payment_type: topup.method.startsWith("va_") ? "bank_transfer" : topup.method,
          transaction_id: `sandbox-${topup.id}`,
          signature_key: notificationSignature(fields, provider.serverKey),
        },
      });
      return reply.redirect(`/sandbox/pay/${topup.id}`, 303);
    },
  );
};

export default paymentsRoutes;
