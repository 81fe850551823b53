import {
  FlaggedTopup,
  FlaggedTopupsQuery,
  LatePaymentDecisionBody,
  Problem,
  page,
  Uuid,
} from "@sorot/contracts";
import { notFound } from "@sorot/core";
import { listFlaggedTopups, type TopupRow } from "@sorot/db";
import { decideLatePayment } from "@sorot/money";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { receiptNumberOf, TopupCursor } from "./topups.service.js";

function toFlaggedTopup(topup: TopupRow, businessName: string): FlaggedTopup {
  return {
    id: topup.id,
    businessId: topup.businessId,
    businessName,
    amountMicros: topup.amountMicros.toString(),
    method: topup.method,
    status: topup.status,
    expiresAt: topup.expiresAt.toISOString(),
    createdAt: topup.createdAt.toISOString(),
    reviewDecision: topup.reviewDecision,
    reviewNote: topup.reviewNote,
    reviewDecidedAt: topup.reviewDecidedAt?.toISOString() ?? null,
    receiptNumber: receiptNumberOf(topup),
  };
}

/**
 * Payments the provider reported after their top-up had closed (`paid_after_close`): they credited
 * nothing, and an admin decides each once: credit it after all, or record the refund made outside Sorot.
 */
const latePaymentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["admin"];

  app.get(
    "/v1/admin/topups/late-payments",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary:
          "Top-ups paid after they closed, newest first; `decision=open` (the default) lists those awaiting one",
        querystring: FlaggedTopupsQuery,
        response: { 200: page(FlaggedTopup), 400: Problem },
      },
    },
    async (request) => {
      const { cursor, limit, decision, businessId } = request.query;
      const after = decodeCursor(TopupCursor, cursor);
      const rows = await listFlaggedTopups(app.db, {
        flag: "paid_after_close",
        decision,
        ...(businessId ? { businessId } : {}),
        limit: limit + 1,
        ...(after ? { after: { createdAt: new Date(after.createdAt), id: after.id } } : {}),
      });
      return pageOf(
        rows,
        limit,
        (row) => toFlaggedTopup(row.topup, row.businessName),
        (row) => ({ createdAt: row.topup.createdAt.toISOString(), id: row.topup.id }),
      );
    },
  );

  app.post(
    "/v1/admin/topups/:topupId/late-payment-decision",
    {
      config: { access: "admin" },
      schema: {
        tags,
        security,
        summary:
          "Credit a late payment after all (with its own receipt), or record that it was refunded outside Sorot",
        params: z.strictObject({ topupId: Uuid }),
        body: LatePaymentDecisionBody,
        response: { 200: FlaggedTopup, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { topupId } = request.params;
      await app.moveMoney((changes) =>
        decideLatePayment(app.db, changes, topupId, request.body, actorOf(request)),
      );
      const [row] = await listFlaggedTopups(app.db, {
        flag: "paid_after_close",
        decision: "all",
        topupId,
        limit: 1,
      });
      if (!row) throw notFound("Flagged top-up");
      return toFlaggedTopup(row.topup, row.businessName);
    },
  );
};

export default latePaymentsRoutes;
