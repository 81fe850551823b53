import { BusinessParams, LedgerLine, LedgerQuery, Problem, page, Wallet } from "@sorot/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendCsv, wantsCsv } from "../../lib/csv.js";
import { businessOf } from "../../plugins/auth.js";
import { getLedger, ledgerCsv } from "./ledger.service.js";
import { getWallet } from "./wallet.service.js";

/** The owner's balances and wallet history (JSON or the whole filtered history as CSV). */
const walletRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["wallet"];

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
    async (request) => getWallet(app.db, app.delivery.scripts, businessOf(request).id),
  );

  app.get(
    "/v1/businesses/:businessId/ledger",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary:
          "Wallet history, newest first; `Accept: text/csv` downloads the whole filtered history (`format=excel-id` for Excel in Indonesian)",
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
      if (wantsCsv(request)) {
        const { cursor: _cursor, limit: _limit, ...filter } = request.query;
        return sendCsv(
          reply as FastifyReply,
          `sorot-ledger-${business.id.slice(0, 8)}.csv`,
          ledgerCsv(app.db, business, filter),
        );
      }
      return getLedger(app.db, business, request.query);
    },
  );
};

export default walletRoutes;
