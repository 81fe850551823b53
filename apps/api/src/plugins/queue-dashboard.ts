import { createHmac, timingSafeEqual } from "node:crypto";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import { type AppError, forbidden, unauthorized } from "@sorot/core";
import { findUserById } from "@sorot/db";
import { QUEUE_NAMES } from "@sorot/jobs";
import type { FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { z } from "zod";
import { callerOf } from "./auth.js";
import { sendProblem } from "./errors.js";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";
const COOKIE = "sorot_queues";
const TICKET_TTL_MS = 15 * 60_000;

/**
 * BullMQ's dashboard (bull-board) at /admin/queues, for admins only.
 *
 * The dashboard is server-rendered HTML with its own scripts, so no Bearer token reaches it, and
 * the refresh cookie is scoped to /v1/auth. An admin's dashboard therefore first asks
 * POST /v1/admin/queues/session, which sets a short-lived ticket cookie scoped to /admin/queues:
 * the user id and an expiry, signed with a key derived from the JWT secret. The ticket cannot pass
 * for an access token anywhere else, and each request re-reads the user, so a demoted admin loses
 * the dashboard at once. Anything else answers 401 or 403 problem+json, never the dashboard.
 */
export default fp<{ jwtSecret: string; secureCookie: boolean }>(
  async (app, { jwtSecret, secureCookie }) => {
    const key = createHmac("sha256", jwtSecret).update("sorot queue dashboard ticket").digest();
    const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

    const ticketFor = (userId: string, expiresAt: number) => {
      const payload = `${userId}.${expiresAt}`;
      return `${payload}.${sign(payload)}`;
    };

    /** The user id of a valid, unexpired ticket; undefined otherwise. */
    const userOfTicket = (ticket: string | undefined): string | undefined => {
      const [userId, expiresAt, signature] = ticket?.split(".") ?? [];
      if (!userId || !expiresAt || !signature || Number(expiresAt) < Date.now()) return undefined;
      const expected = Buffer.from(sign(`${userId}.${expiresAt}`));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
    };

    app.post(
      "/v1/admin/queues/session",
      {
        config: { access: "admin" },
        schema: {
          tags: ["admin"],
          security: [{ bearerAuth: [] }],
          summary: `Opens the job queue dashboard at ${QUEUE_DASHBOARD_PATH} in this browser for 15 minutes`,
          response: { 204: z.null().describe("The dashboard's ticket cookie is set") },
        },
      },
      async (request, reply: FastifyReply) => {
        const expiresAt = Date.now() + TICKET_TTL_MS;
        reply.setCookie(COOKIE, ticketFor(callerOf(request).userId, expiresAt), {
          httpOnly: true,
          sameSite: "strict",
          secure: secureCookie,
          path: QUEUE_DASHBOARD_PATH,
          expires: new Date(expiresAt),
        });
        return reply.code(204).send();
      },
    );

    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: QUEUE_NAMES.map((name) => new BullMQAdapter(app.queue(name))),
      serverAdapter,
      options: { uiConfig: { boardTitle: "Sorot jobs" } },
    });

    // Its own context: the guard covers the dashboard's pages, files and API, and nothing else. It
    // answers itself rather than throwing: a thrown error would reach bull-board's error handler.
    await app.register(async (dashboard) => {
      dashboard.addHook("onRequest", async (request, reply) => {
        const refuse = (error: AppError) =>
          sendProblem(request, reply, {
            status: error.status,
            code: error.code,
            title: error.title,
            detail: error.message,
          });
        const userId = userOfTicket(request.cookies[COOKIE]);
        if (!userId)
          return refuse(
            unauthorized(
              "Open the job queues from the Sorot admin dashboard, signed in as an admin.",
              "QUEUE_DASHBOARD_TICKET",
            ),
          );
        const user = await findUserById(app.db, userId);
        if (user?.role !== "admin") return refuse(forbidden("This needs an admin account.", "ADMIN_ONLY"));
      });
      // bull-board's page links Google Fonts, which the CSP (rightly) refuses: it uses system fonts.
      dashboard.addHook("onSend", async (_request, reply, payload) =>
        typeof payload === "string" && String(reply.getHeader("content-type")).startsWith("text/html")
          ? payload.replace(/<link[^>]+fonts\.googleapis\.com[^>]*>/g, "")
          : payload,
      );
      await dashboard.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
    });
  },
  { name: "queue-dashboard", dependencies: ["db", "auth", "errors", "queues"] },
);
