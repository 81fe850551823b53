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
import { findUserById } from "@sorot/db";
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
        summary: "Invite someone by email: the link is mailed to the invitee and returned once",
        params: BusinessParams,
        body: CreateInvitationBody,
        response: { 201: CreatedInvitation, 400: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      const business = businessOf(request);
      const actor = actorOf(request);
      const created = await createInvitation(app.db, business, request.body, actor, app.config.publicUrl);
      const inviter = actor.userId ? await findUserById(app.db, actor.userId) : undefined;
      // Keyed by the invitation: one mail per invitation, however often the job is retried.
      await app.enqueue(
        "notifications.send",
        {
          recipient: { email: created.email },
          kind: "invitation",
          payload: {
            businessName: business.name,
            inviterName: inviter?.name ?? null,
            inviteUrl: created.inviteUrl,
            expiresAt: created.expiresAt,
          },
          dedupeKey: `invitation-${created.id}`,
        },
        `invitation-${created.id}`,
      );
      return reply.code(201).send(created);
    },
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
