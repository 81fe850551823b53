import { BusinessParams, CursorQuery, MarkReadBody, NotificationPage } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { businessOf } from "../../plugins/auth.js";
import { getNotifications, markRead } from "./notifications.service.js";

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
    async (request) => getNotifications(app.db, businessOf(request).id, request.query),
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
    async (request) => markRead(app.db, businessOf(request).id, request.body.ids),
  );
};

export default notificationsRoutes;
