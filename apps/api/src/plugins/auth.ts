import cookie from "@fastify/cookie";
import jwt from "@fastify/jwt";
import { Uuid } from "@sorot/contracts";
import { can, forbidden, notFound, type Permission, unauthorized } from "@sorot/core";
import {
  type BusinessWithRole,
  type CreatorProfileRow,
  findBusinessForMember,
  findCreatorProfile,
} from "@sorot/db";
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";

/**
 * Who may call a route, declared on the route itself (`config.access`) and enforced here, once:
 * - public: anyone;
 * - user: a valid access token, whatever the account;
 * - business-user: an account of the business side, which may create and join businesses (a
 *   creator account may not: 403);
 * - business: a member of the `:businessId` in the path holding `config.permission`
 *   (another tenant's id answers 404, exactly like an id that does not exist; a creator account 403);
 * - creator: a creator account in good standing (`request.creatorProfile` holds its profile, if made);
 * - admin: a platform admin.
 * Routes under /v1 that declare nothing count as "user", so forgetting the declaration fails closed.
 */
export type Access = "public" | "user" | "business-user" | "business" | "creator" | "admin";

export interface Caller {
  userId: string;
  role: "owner" | "admin" | "creator";
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    permission?: Permission;
  }
  interface FastifyRequest {
    caller: Caller | null;
    business: BusinessWithRole | null;
    creatorProfile: CreatorProfileRow | null;
  }
  interface FastifyInstance {
    signAccessToken(caller: Caller): string;
  }
}

declare module "@fastify/jwt" {
  interface FastifyJWT {
    payload: { sub: string; role: Caller["role"] };
    user: { sub: string; role: Caller["role"] };
  }
}

export const ACCESS_TOKEN_TTL = "15m";
const JWT_ALGORITHM = "HS256";

export function accessOf(request: FastifyRequest): Access {
  const declared = request.routeOptions.config.access;
  if (declared) return declared;
  return request.routeOptions.url?.startsWith("/v1/") ? "user" : "public";
}

export default fp<{ jwtSecret: string }>(
  async (app, { jwtSecret }) => {
    await app.register(cookie);
    await app.register(jwt, {
      secret: jwtSecret,
      // Only HS256 is ever accepted: `alg: none` and algorithm-confusion tokens fail verification.
      sign: { algorithm: JWT_ALGORITHM, expiresIn: ACCESS_TOKEN_TTL },
      verify: { algorithms: [JWT_ALGORITHM] },
    });
    app.decorate("signAccessToken", (caller: Caller) =>
      app.jwt.sign({ sub: caller.userId, role: caller.role }),
    );
    app.decorateRequest("caller", null);
    app.decorateRequest("business", null);
    app.decorateRequest("creatorProfile", null);

    // onRequest runs before the body is read: a caller without rights learns nothing, not even
    // which fields the body would need.
    app.addHook("onRequest", async (request) => {
      const access = accessOf(request);
      if (access === "public") return;

      if (!request.headers.authorization?.startsWith("Bearer ")) throw unauthorized();
      try {
        const token = await request.jwtVerify<{ sub: string; role: Caller["role"] }>();
        request.caller = { userId: token.sub, role: token.role };
      } catch {
        throw unauthorized("Your session is invalid or has expired. Sign in again.", "INVALID_TOKEN");
      }

      if (access === "admin" && request.caller.role !== "admin") {
        throw forbidden("This needs an admin account.", "ADMIN_ONLY");
      }
      if ((access === "business" || access === "business-user") && request.caller.role === "creator") {
        throw forbidden(
          "Creator accounts cannot run businesses. Sign up with a business account for that.",
          "CREATOR_ACCOUNT",
        );
      }
      if (access === "creator") {
        if (request.caller.role !== "creator") {
          throw forbidden("This needs a creator account.", "CREATOR_ONLY");
        }
        const profile = await findCreatorProfile(app.db, request.caller.userId);
        if (profile?.suspendedAt) {
          throw forbidden(
            `This creator account is suspended: ${profile.suspensionReason ?? "contact Sorot"}.`,
            "ACCOUNT_SUSPENDED",
          );
        }
        request.creatorProfile = profile ?? null;
      }
      if (access === "business") {
        const { businessId } = request.params as { businessId?: string };
        if (!businessId || !Uuid.safeParse(businessId).success) throw notFound("Business");
        const business = await findBusinessForMember(app.db, businessId, request.caller.userId);
        if (!business) throw notFound("Business");
        const permission = request.routeOptions.config.permission;
        if (!permission) throw new Error(`route ${request.routeOptions.url} declares no permission`);
        if (!can(business.role, permission)) {
          throw forbidden(
            `Your role in this business (${business.role}) does not allow this.`,
            "ROLE_NOT_ALLOWED",
          );
        }
        request.business = business;
      }
    });
  },
  { name: "auth", dependencies: ["db"] },
);

/** For handlers behind access "user", "business" or "admin", where the hook has already checked. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthorized();
  return request.caller;
}

export function businessOf(request: FastifyRequest): BusinessWithRole {
  if (!request.business) throw notFound("Business");
  return request.business;
}
