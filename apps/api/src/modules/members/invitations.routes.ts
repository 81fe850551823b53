import {
  Business,
  BusinessParams,
  CreatedInvitation,
  CreateInvitationBody,
  CursorQuery,
  Invitation,
  InvitationPreview,
  Problem,
  page,
  Uuid,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf, callerOf } from "../../plugins/auth.js";
import {
  acceptInvitation,
  cancelInvitation,
  createInvitation,
  getPendingInvitations,
  previewInvitation,
} from "./members.service.js";

const InvitationParams = BusinessParams.extend({ invitationId: Uuid });
const TokenParams = z.strictObject({ token: z.string().min(20).max(100) });

/** Joining a business: owners invite by email, the invitee previews the link and accepts it. */
const invitationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearerAuth: [] }];
  const tags = ["members"];

  app.post(
    "/v1/businesses/:businessId/invitations",
    {
      config: { access: "business", permission: "members.manage" },
      schema: {
        tags,
        security,
        summary: "Invite someone by email; the link is returned once (no mail leaves in development)",
        params: BusinessParams,
        body: CreateInvitationBody,
        response: { 201: CreatedInvitation, 400: Problem, 403: Problem },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createInvitation(
            app.db,
            businessOf(request),
            request.body,
            actorOf(request),
            app.config.publicUrl,
          ),
        ),
  );

  app.get(
    "/v1/businesses/:businessId/invitations",
    {
      config: { access: "business", permission: "members.manage" },
      schema: {
        tags,
        security,
        summary: "Pending invitations",
        params: BusinessParams,
        querystring: CursorQuery,
        response: { 200: page(Invitation) },
      },
    },
    async (request) => getPendingInvitations(app.db, businessOf(request).id, request.query),
  );

  app.delete(
    "/v1/businesses/:businessId/invitations/:invitationId",
    {
      config: { access: "business", permission: "members.manage" },
      schema: { tags, security, params: InvitationParams, response: { 204: z.null(), 404: Problem } },
    },
    async (request, reply) => {
      await cancelInvitation(app.db, businessOf(request).id, request.params.invitationId, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/v1/invitations/:token",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "What an invitation link offers, before signing in",
        params: TokenParams,
        response: { 200: InvitationPreview, 404: Problem },
      },
    },
    async (request) => previewInvitation(app.db, request.params.token),
  );

  app.post(
    "/v1/invitations/:token/accept",
    {
      config: { access: "business-user" },
      schema: {
        tags,
        security,
        summary: "Join the business the invitation is for",
        params: TokenParams,
        response: { 200: Business, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      acceptInvitation(app.db, request.params.token, callerOf(request).userId, actorOf(request)),
  );
};

export default invitationsRoutes;
