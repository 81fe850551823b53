import { BusinessParams, CursorQuery, Member, Problem, page, UpdateMemberBody, Uuid } from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import { changeMemberRole, getMembers, removeMember } from "./members.service.js";

const MemberParams = BusinessParams.extend({ userId: Uuid });

/** Who belongs to a business and with which role; owners change and remove members. */
const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["members"];

  app.get(
    "/v1/businesses/:businessId/members",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        params: BusinessParams,
        querystring: CursorQuery,
        response: { 200: page(Member) },
      },
    },
    async (request) => getMembers(app.db, businessOf(request).id, request.query),
  );

  app.patch(
    "/v1/businesses/:businessId/members/:userId",
    {
      config: { access: "business", permission: "members.manage" },
      schema: {
        tags,
        security,
        summary: "Change a member's role (owners)",
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: Member, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      changeMemberRole(
        app.db,
        businessOf(request),
        request.params.userId,
        request.body.role,
        actorOf(request),
      ),
  );

  app.delete(
    "/v1/businesses/:businessId/members/:userId",
    {
      config: { access: "business", permission: "members.manage" },
      schema: {
        tags,
        security,
        summary: "Remove a member (owners)",
        params: MemberParams,
        response: { 204: z.null(), 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      await removeMember(app.db, businessOf(request), request.params.userId, actorOf(request));
      return reply.code(204).send(null);
    },
  );
};

export default membersRoutes;
