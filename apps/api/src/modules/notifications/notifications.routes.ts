import { BusinessParams, CursorQuery, MarkReadBody, NotificationPage } from "@sorot/contracts";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "@sorot/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { businessOf } from "../../plugins/auth.js";

const NotificationCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/** The owner's inbox: written by worker jobs, read and marked read here. */
const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["notifications"];

  app.get(
    "/v1/businesses/:businessId/notifications",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        params: BusinessParams,
        querystring: CursorQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => {
      const businessId = businessOf(request).id;
      const before = decodeCursor(NotificationCursor, request.query.cursor);
      const [rows, unread] = await Promise.all([
        listNotifications(app.db, businessId, {
          limit: request.query.limit + 1,
          before: before && { createdAt: new Date(before.createdAt), id: before.id },
        }),
        unreadNotificationCount(app.db, businessId),
      ]);
      const result = pageOf(
        rows,
        request.query.limit,
        (row) => ({
          id: row.id,
          kind: row.kind,
          payload: row.payload as Record<string, unknown>,
          readAt: row.readAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
        }),
        (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
      );
      return { ...result, unread };
    },
  );

  app.post(
    "/v1/businesses/:businessId/notifications/read",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "Mark some (ids) or all notifications read",
        params: BusinessParams,
        body: MarkReadBody,
        response: { 200: z.object({ unread: z.number().int() }) },
      },
    },
    async (request) => {
      const businessId = businessOf(request).id;
      await markNotificationsRead(app.db, businessId, request.body.ids);
      return { unread: await unreadNotificationCount(app.db, businessId) };
    },
  );
};

export default notificationsRoutes;
