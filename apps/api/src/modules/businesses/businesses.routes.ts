import { Business, BusinessParams, CreateBusinessBody, Problem, UpdateBusinessBody } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf, callerOf } from "../../plugins/auth.js";
import { changeBusinessSettings, createBusiness, listBusinesses, toBusiness } from "./businesses.service.js";

const businessesRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];

  app.post(
    "/v1/businesses",
    {
      config: { access: "business-user" },
      schema: {
        tags: ["businesses"],
        summary: "Create a business; you become its owner",
        security,
        body: CreateBusinessBody,
        response: { 201: Business, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createBusiness(app.db, callerOf(request).userId, request.body, actorOf(request))),
  );

  app.get(
    "/v1/businesses",
    {
      config: { access: "user" },
      schema: {
        tags: ["businesses"],
        summary: "The businesses you belong to",
        security,
        response: { 200: z.object({ items: z.array(Business), nextCursor: z.null() }), 401: Problem },
      },
    },
    async (request) => ({ items: await listBusinesses(app.db, callerOf(request).userId), nextCursor: null }),
  );

  app.get(
    "/v1/businesses/:businessId",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags: ["businesses"],
        security,
        params: BusinessParams,
        response: { 200: Business, 404: Problem },
      },
    },
    async (request) => toBusiness(businessOf(request)),
  );

  app.patch(
    "/v1/businesses/:businessId",
    {
      config: { access: "business", permission: "business.manage" },
      schema: {
        tags: ["businesses"],
        summary: "Rename a business or change its time zone (owners)",
        security,
        params: BusinessParams,
        body: UpdateBusinessBody,
        response: { 200: Business, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => changeBusinessSettings(app.db, businessOf(request), request.body, actorOf(request)),
  );
};

export default businessesRoutes;
