import {
  BusinessCreatorParams,
  BusinessParams,
  CreatorDirectoryQuery,
  CreatorListing,
  CreatorProfile,
  CreatorProfileBody,
  page,
} from "@sorot/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../lib/audit.js";
import { callerOf } from "../../plugins/auth.js";
import { problems, security, tags } from "./creators.http.js";
import { getListing, getOwnProfile, saveProfile, searchDirectory } from "./creators.service.js";

/** A creator's own profile, and the directory businesses search it in. */
const creatorsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/v1/creator/profile",
    {
      config: { access: "creator" },
      schema: {
        tags,
        security,
        summary: "Your creator profile (404 until you first save it)",
        response: { 200: CreatorProfile, ...problems },
      },
    },
    async (request) => getOwnProfile(app.db, callerOf(request).userId),
  );

  app.put(
    "/v1/creator/profile",
    {
      config: { access: "creator" },
      schema: {
        tags,
        security,
        summary: "Create or replace your creator profile",
        body: CreatorProfileBody,
        response: { 200: CreatorProfile, ...problems },
      },
    },
    async (request) => saveProfile(app.db, callerOf(request).userId, request.body, actorOf(request)),
  );

  app.get(
    "/v1/businesses/:businessId/creators",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "The creator directory: listed creators taking requests, newest first",
        params: BusinessParams,
        querystring: CreatorDirectoryQuery,
        response: { 200: page(CreatorListing), ...problems },
      },
    },
    async (request) => searchDirectory(app.db, request.query),
  );

  app.get(
    "/v1/businesses/:businessId/creators/:creatorId",
    {
      config: { access: "business", permission: "business.read" },
      schema: {
        tags,
        security,
        summary: "One creator's profile (never their contact details)",
        params: BusinessCreatorParams,
        response: { 200: CreatorListing, ...problems },
      },
    },
    async (request) => getListing(app.db, request.params.creatorId),
  );
};

export default creatorsRoutes;
