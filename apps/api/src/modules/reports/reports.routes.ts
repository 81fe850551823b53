import { BusinessParams, Problem, Report, ReportQuery } from "@sorot/contracts";
import { METRIC_DEFINITIONS } from "@sorot/core";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendCsv, wantsCsv } from "../../lib/csv.js";
import { businessOf } from "../../plugins/auth.js";
import { buildReport, reportCsv, reportFilename } from "./reports.service.js";

/** The metric glossary of the API reference, written from the one place the metrics are defined. */
const METRIC_GLOSSARY = Object.values(METRIC_DEFINITIONS)
  .map((metric) => `- \`${metric.key}\` (${metric.label.en}): ${metric.formula}.`)
  .join("\n");

const DESCRIPTION = `Performance of the business's ads over whole local days of its time zone (a day is a local
day: midnight to midnight in Asia/Jakarta, Asia/Makassar or Asia/Jayapura, whichever the business uses).

Rows are time buckets (\`granularity\`: hour, day, or ISO week starting Monday), or, with \`groupBy\`, one row per
campaign, ad, age band, gender, province or device over the whole range. \`totals\` sums every row;
\`compare=previous\` adds the totals of the period of equal length just before \`from\`.

Every figure is read from rollups (hourly and daily per ad, daily per viewer dimension), never from raw
events. Breakdowns by age, gender, province and device come from the daily dimension rollup, which does not
record video starts, quartiles or invalid events (null on those rows). Reach is the union of daily
HyperLogLog sketches per ad, merged for exactly the ads and days of each row; it is null for hours and
dimension values, which have no sketches.

Ratios are computed from the sums of each row, never averaged, and are null when the denominator is 0.
Money is integer micro-rupiah in strings. \`Accept: text/csv\` returns the same rows as CSV (UTF-8 with a BOM,
ISO dates, money in rupiah as exact decimals, empty where JSON has null): comma-separated with \`.\` decimals and
snake_case headers, or with \`format=excel-id\` for Excel in Indonesian, semicolon-separated with \`,\` decimals
and Indonesian headers.

Metrics:
${METRIC_GLOSSARY}`;

const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/v1/businesses/:businessId/reports",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags: ["reports"],
        security: [{ bearerAuth: [] }],
        summary:
          "Report: totals and rows by time or by campaign, ad or viewer dimension; CSV with Accept: text/csv",
        description: DESCRIPTION,
        params: BusinessParams,
        querystring: ReportQuery,
        response: {
          200: {
            content: { "application/json": { schema: Report }, "text/csv": { schema: z.string() } },
          },
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const business = businessOf(request);
      const report = await buildReport(app.db, app.redis, business, request.query);
      if (wantsCsv(request)) {
        return sendCsv(
          reply as FastifyReply,
          reportFilename(business.id, report),
          reportCsv(report, request.query.format),
        );
      }
      // Built from the contract's own types; re-validating hundreds of rows with zod on the way out
      // cost more than the queries (tests parse every response with the Report schema instead).
      return (reply as FastifyReply)
        .type("application/json; charset=utf-8")
        .serializer(JSON.stringify)
        .send(report);
    },
  );
};

export default reportsRoutes;
