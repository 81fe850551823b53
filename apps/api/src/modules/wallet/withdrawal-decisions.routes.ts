import { Problem, Uuid, Withdrawal, WithdrawalDecisionBody } from "@sorot/contracts";
import { listRequestedWithdrawals } from "@sorot/db";
import { decideWithdrawalRequest } from "@sorot/money";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { toWithdrawal } from "./wallet.service.js";

/** Withdrawals, the admin's side: the queue, and approving (payout) or rejecting one. */
const withdrawalDecisionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];

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
      const paid = decided.status === "paid";
      // Keyed by the withdrawal: it is decided once, so a retried request tells the owners once.
      await app.enqueue(
        "notifications.send",
        {
          businessId: decided.businessId,
          kind: paid ? "withdrawal_approved" : "withdrawal_rejected",
          payload: { amountMicros: decided.amountMicros.toString(), reason: decided.decisionNote },
          dedupeKey: `withdrawal-decided-${decided.id}`,
        },
        `withdrawal-decided-${decided.id}`,
      );
      return toWithdrawal(decided);
    },
  );
};

export default withdrawalDecisionsRoutes;
