import { LoginBody, Problem, Session, SignupBody } from "@sorot/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { consumeAttempt, forgetAttempts } from "../../lib/attempts.js";
import { actorOf } from "../../lib/audit.js";
import { type IssuedSession, login, logout, refresh, signup, toUser } from "./auth.service.js";

const REFRESH_COOKIE = "sorot_refresh";
/** The browser sends the refresh cookie to the auth routes only, never with ordinary API calls. */
const REFRESH_COOKIE_PATH = "/v1/auth";

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { rateLimits, publicUrl } = app.config;
  const secureCookie = publicUrl.startsWith("https://");

  function sendSession(reply: FastifyReply, session: IssuedSession, status: 200 | 201) {
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: "strict",
      secure: secureCookie,
      path: REFRESH_COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
    const user = toUser(session.user);
    return reply
      .code(status)
      .send({ user, accessToken: app.signAccessToken({ userId: user.id, role: user.role }) });
  }

  const perIp = { max: rateLimits.authPerIpPerMinute, timeWindow: "1 minute" };
  const attemptsKey = (email: string) => `auth-attempts:${email}`;
  const limitPerEmail = (email: string) =>
    consumeAttempt(app.redis, attemptsKey(email), {
      max: rateLimits.authPerEmailPer15Minutes,
      windowSeconds: 15 * 60,
    });
  const problems = { 400: Problem, 401: Problem, 409: Problem, 429: Problem };

  app.post(
    "/v1/auth/signup",
    {
      config: { access: "public", rateLimit: perIp },
      preHandler: async (request) => limitPerEmail(request.body.email),
      schema: {
        tags: ["auth"],
        summary: "Create a business (owner) or creator account and sign in",
        body: SignupBody,
        response: { 201: Session, ...problems },
      },
    },
    async (request, reply) => sendSession(reply, await signup(app.db, request.body, actorOf(request)), 201),
  );

  app.post(
    "/v1/auth/login",
    {
      config: { access: "public", rateLimit: perIp },
      preHandler: async (request) => limitPerEmail(request.body.email),
      schema: {
        tags: ["auth"],
        summary: "Sign in",
        body: LoginBody,
        response: { 200: Session, ...problems },
      },
    },
    async (request, reply) => {
      const session = await login(app.db, request.body);
      // Only failures lead to a lockout: getting in clears the account's window.
      await forgetAttempts(app.redis, attemptsKey(request.body.email));
      return sendSession(reply, session, 200);
    },
  );

  app.post(
    "/v1/auth/refresh",
    {
      config: { access: "public", rateLimit: perIp },
      schema: {
        tags: ["auth"],
        summary: "Rotate the refresh cookie and get a new access token",
        response: { 200: Session, 401: Problem },
      },
    },
    async (request, reply) => {
      try {
        return sendSession(reply, await refresh(app.db, request.cookies[REFRESH_COOKIE]), 200);
      } catch (error) {
        reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
        throw error;
      }
    },
  );

  app.post(
    "/v1/auth/logout",
    {
      config: { access: "public" },
      schema: { tags: ["auth"], summary: "Revoke the refresh token", response: { 204: z.null() } },
    },
    async (request, reply) => {
      await logout(app.db, request.cookies[REFRESH_COOKIE]);
      reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
