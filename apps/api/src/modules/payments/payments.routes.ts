import { PaymentNotification, Problem, Uuid } from "@sorot/contracts";
import { formatGrossAmount, formatRupiah } from "@sorot/core";
import { findTopup } from "@sorot/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { notFound } from "../../lib/problems.js";
import { notificationSignature } from "./payment-provider.js";
import { applyPaymentNotification } from "./payments.service.js";

const SANDBOX_OUTCOMES = {
  paid: { transaction_status: "settlement", status_code: "200" },
  failed: { transaction_status: "deny", status_code: "202" },
  expired: { transaction_status: "expire", status_code: "407" },
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const paymentsRoutes: FastifyPluginAsyncZod = async (app) => {
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
            outcome: z.enum(["credited", "failed", "expired", "ignored"]),
          }),
          400: Problem,
          401: Problem,
          404: Problem,
          422: Problem,
        },
      },
    },
    async (request) => {
      const result = await applyPaymentNotification(
        app.db,
        request.body,
        app.config.paymentServerKey,
        actorOf(request),
      );
      if (result.credited) {
        await app.delivery.scripts.adjustAvailable(result.credited.businessId, result.credited.amountMicros);
      }
      return { status: "ok" as const, outcome: result.outcome };
    },
  );

  if (app.paymentProvider.name !== "sandbox") return;

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
    { config: { access: "public" }, schema: { hide: true, params: TopupParams } },
    async (request, reply) => {
      const topup = await findTopup(app.db, request.params.topupId);
      if (!topup) throw notFound("Top-up");
      const instructions = topup.paymentInstructions as Record<string, string>;
      const details = Object.entries(instructions)
        .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd><code>${escapeHtml(value)}</code></dd>`)
        .join("");
      const actions =
        topup.status === "pending"
          ? Object.keys(SANDBOX_OUTCOMES)
              .map(
                (outcome) =>
                  `<form method="post" action="/sandbox/pay/${topup.id}/${outcome}"><button data-outcome="${outcome}">${
                    { paid: "Bayar / Pay", failed: "Gagalkan / Fail", expired: "Kedaluwarsa / Expire" }[
                      outcome
                    ]
                  }</button></form>`,
              )
              .join("")
          : `<p role="status" data-status="${topup.status}">Status: <strong>${topup.status}</strong>. Anda boleh menutup halaman ini. / You can close this page.</p>`;
      return reply.type("text/html; charset=utf-8").send(`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sandbox pembayaran — Sorot</title>
<style>body{font-family:system-ui,sans-serif;max-width:480px;margin:2rem auto;padding:0 1rem;color:#1f2328}
form{display:inline-block;margin:.25rem}button{font:inherit;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #888;cursor:pointer}
button[data-outcome=paid]{background:#1a7f37;color:#fff;border-color:#1a7f37}.note{color:#57606a;font-size:.9rem}</style></head>
<body><h1>Sandbox pembayaran</h1><p class="note">Gateway uji coba: tidak ada uang sungguhan. / Test gateway: no real money moves.</p>
<p>Jumlah / Amount: <strong>${formatRupiah(topup.amountMicros)}</strong> · ${escapeHtml(topup.method)}</p>
<dl>${details}</dl>${actions}</body></html>`);
    },
  );

  app.post(
    "/sandbox/pay/:topupId/:outcome",
    {
      config: { access: "public" },
      schema: {
        hide: true,
        params: z.strictObject({ topupId: Uuid, outcome: z.enum(["paid", "failed", "expired"]) }),
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
          signature_key: notificationSignature(fields, app.config.paymentServerKey),
        },
      });
      return reply.redirect(`/sandbox/pay/${topup.id}`, 303);
    },
  );
};

export default paymentsRoutes;
