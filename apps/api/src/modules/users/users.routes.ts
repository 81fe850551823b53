import { Me, Problem, UpdateMeBody, User } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { callerOf } from "../../plugins/auth.js";
import { getMe, updateMe } from "./users.service.js";

const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/v1/me",
    {
      config: { access: "user" },
      schema: {
        tags: ["account"],
        summary: "The signed-in user and the businesses they belong to",
        security: [{ bearerAuth: [] }],
        response: { 200: Me, 401: Problem },
      },
    },
    async (request) => getMe(app.db, callerOf(request).userId),
  );

  app.patch(
    "/v1/me",
    {
      config: { access: "user" },
      schema: {
        tags: ["account"],
        summary: "Change your name or language",
        security: [{ bearerAuth: [] }],
        body: UpdateMeBody,
        response: { 200: User, 400: Problem, 401: Problem },
      },
    },
    async (request) => updateMe(app.db, callerOf(request).userId, request.body, actorOf(request)),
  );
};

export default usersRoutes;
