import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";

type Operation = {
  parameters?: { in: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
};
type Document = { paths?: Record<string, Record<string, Operation>>; [key: string]: unknown };

const HTML_PAGE = { "text/html": { schema: { type: "string" } } };

/**
 * Pages that plugins mount without a schema of theirs: documented here by their entry points. What
 * else they serve (the reference's files, bull-board's own API) is listed, with why, in
 * UNDOCUMENTED_ROUTES of route-walker.test.ts.
 */
const PLUGIN_PAGES: Record<string, Record<string, Operation & Record<string, unknown>>> = {
  "/docs": {
    get: {
      tags: ["operations"],
      summary: "This reference, interactive (Swagger UI): an HTML page reading /openapi.json",
      security: [],
      responses: { 200: { description: "The page", content: HTML_PAGE } },
    },
  },
  "/admin/queues": {
    get: {
      tags: ["admin"],
      summary:
        "The job queue dashboard (bull-board): an HTML page and its API under /admin/queues/, for admins holding the ticket cookie from POST /v1/admin/queues/session",
      security: [{ queueTicket: [] }],
      responses: {
        200: { description: "The dashboard", content: HTML_PAGE },
        401: { description: "No valid ticket (QUEUE_DASHBOARD_TICKET)" },
        403: { description: "The ticket's user is no longer an admin (ADMIN_ONLY)" },
      },
    },
  },
};

const PROBLEM_CONTENT = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

/** Problems the cross-cutting layers answer on any operation they guard, whatever its handler does. */
const SHARED_PROBLEMS: Record<string, string> = {
  400: "Invalid input (code VALIDATION_FAILED with errors[], MALFORMED_JSON, MALFORMED_URL, ...)",
  401: "No valid access token (UNAUTHENTICATED)",
  403: "Not allowed for this account (FORBIDDEN, CREATOR_ACCOUNT, ...)",
  404: "Not found, or another tenant's (ROUTE_NOT_FOUND, NOT_FOUND, ...)",
  413: "Body too large (BODY_TOO_LARGE)",
  414: "A path parameter longer than any id or token (URL_TOO_LONG)",
  415: "Unsupported content type (UNSUPPORTED_MEDIA_TYPE)",
  429: "Rate limited (RATE_LIMITED), with Retry-After",
  431: "Request headers or URL too large for the server to read (HEADERS_TOO_LARGE)",
};

/** Which of SHARED_PROBLEMS an operation can produce: its auth rule, its path parameters, its method. */
function sharedProblemsOf(method: string, operation: Operation, isPublic: boolean): string[] {
  // Node refuses oversized headers before any route is found: every operation can get a 431.
  const statuses = ["400", "429", "431"];
  if (!isPublic) statuses.push("401", "403");
  if (operation.parameters?.some((parameter) => parameter.in === "path")) statuses.push("404", "414");
  // Fastify reads a body sent with any method but GET and HEAD, declared or not.
  if (method !== "get" && method !== "head") statuses.push("413", "415");
  return statuses;
}

/**
 * The generated document, made to tell the truth: every problem as application/problem+json with the
 * Problem schema, the problems every guarded operation can produce declared, `security: []` on public
 * operations, and the server the api answers on.
 */
function finishDocument(app: FastifyInstance, document: Document): Document {
  const access = new Map(app.routeTable.map((route) => [`${route.method} ${route.url}`, route.access]));
  const paths = { ...document.paths, ...structuredClone(PLUGIN_PAGES) };
  for (const [path, methods] of Object.entries(paths)) {
    const url = path.replace(/\{(\w+)\}/g, ":$1");
    for (const [method, operation] of Object.entries(methods)) {
      const isPublic = access.get(`${method.toUpperCase()} ${url}`) === "public";
      // Public to the JWT rules, yet it may ask for a credential of its own (the metrics token).
      if (isPublic) operation.security ??= [];
      const responses = operation.responses ?? {};
      operation.responses = responses;
      for (const status of sharedProblemsOf(method, operation, isPublic)) {
        responses[status] ??= { description: SHARED_PROBLEMS[status] };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400) response.content = PROBLEM_CONTENT;
      }
    }
  }
  return { ...document, paths, servers: [{ url: app.config.publicUrl }] };
}

/** An upload's body is read as a stream, not by a schema: documented here as the one file it takes. */
function withMultipartBody(input: Parameters<typeof jsonSchemaTransform>[0]) {
  const transformed = jsonSchemaTransform(input);
  const consumes = (input.schema as { consumes?: string[] } | undefined)?.consumes;
  if (!consumes?.includes("multipart/form-data")) return transformed;
  const body = {
    type: "object",
    properties: {
      file: { type: "string", format: "binary", description: "the creative (JPEG, PNG, WebP, MP4)" },
    },
    required: ["file"],
  };
  return { ...transformed, schema: { ...transformed.schema, body } };
}

/** The OpenAPI 3.1 document is generated from the routes' zod schemas, so it cannot drift from them. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "Sorot API",
          version: "1.0.0",
          description:
            "Self-serve ads for Indonesian small businesses. Money is integer micro-rupiah (1 IDR = 1,000,000 micros) " +
            "sent as decimal strings in fields ending in `Micros`. Errors are RFC 9457 problem+json.",
        },
        components: {
          securitySchemes: {
            bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
            metricsToken: {
              type: "http",
              scheme: "bearer",
              description: "The METRICS_TOKEN of the api's configuration (Prometheus scrapes)",
            },
            queueTicket: {
              type: "apiKey",
              in: "cookie",
              name: "sorot_queues",
              description: "Set by POST /v1/admin/queues/session, for 15 minutes",
            },
          },
        },
      },
      transform: withMultipartBody,
      transformObject: (input) =>
        finishDocument(app, jsonSchemaTransformObject(input) as Document) as ReturnType<
          typeof jsonSchemaTransformObject
        >,
    });
    await app.register(swaggerUi, { routePrefix: "/docs" });
    app.get(
      "/openapi.json",
      {
        schema: {
          tags: ["operations"],
          summary: "This document: OpenAPI 3.1, generated from the routes' own schemas",
          response: {
            200: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
          },
        },
      },
      () => app.swagger(),
    );
  },
  { name: "openapi" },
);
