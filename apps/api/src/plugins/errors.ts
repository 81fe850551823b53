import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { Problem } from "@sorot/contracts";
import { AppError, type FieldError, problemType } from "@sorot/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export interface ProblemInput {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  params?: Record<string, string | number>;
}

/** Answers with `problem` as RFC 9457 problem+json, where throwing would reach another error handler. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemInput) {
  const body: Problem = {
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    requestId: request.id,
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...(problem.params ? { params: problem.params } : {}),
  };
  return reply.code(problem.status).type("application/problem+json").serializer(JSON.stringify).send(body);
}

/** Fastify's own client errors, each with a stable code and a sentence a person can act on. */
const FASTIFY_CLIENT_ERRORS: Record<string, Omit<ProblemInput, "status">> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "UNSUPPORTED_MEDIA_TYPE",
    title: "Unsupported content type",
    detail: "Send the body as application/json.",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "BODY_TOO_LARGE",
    title: "Body too large",
    detail: "The body is too large.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "MALFORMED_JSON",
    title: "Malformed JSON",
    detail: "The body is empty but its content type says JSON.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: "MALFORMED_JSON",
    title: "Malformed JSON",
    detail: "The body is not valid JSON.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "BAD_CONTENT_LENGTH",
    title: "Bad Content-Length",
    detail: "The Content-Length header does not match the body.",
  },
};

/**
 * A zod issue's code in the API's style: `too_small` -> `TOO_SMALL`. A refinement (`custom`) names
 * its own code in `params.code` (contracts do, e.g. NOTHING_TO_CHANGE); one that does not is INVALID.
 */
function schemaIssueCode(keyword: string, params: Record<string, unknown>): string {
  if (keyword !== "custom") return keyword.toUpperCase();
  // The type provider hands over the zod issue's own fields; a refinement's `params` is one of them.
  const own = params.params as { code?: unknown } | undefined;
  return typeof own?.code === "string" ? own.code : "INVALID";
}

/** The issue's bounds and formats (`minimum`, `format`, `origin`), which a client can show; lists and objects stay out. */
function scalarParams(params: Record<string, unknown>): FieldError["params"] {
  const scalars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" || typeof value === "number") scalars[key] = value;
    else if (typeof value === "bigint") scalars[key] = value.toString();
  }
  return scalars;
}

/**
 * A zod issue of input parsed by hand (a multipart form's text fields), worded as a request schema's
 * issue is: the same code and params, so clients translate both alike.
 */
export function fieldErrorOfIssue(issue: { code: string; path: PropertyKey[]; message: string }): FieldError {
  const own = issue as unknown as Record<string, unknown>;
  return {
    path: issue.path.map(String).join(".") || "body",
    code: schemaIssueCode(issue.code, own),
    params: scalarParams(own),
    message: issue.message,
  };
}

function toProblem(error: FastifyError): ProblemInput | undefined {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.message,
      errors: error.errors,
      params: error.params,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: [error.validationContext, ...issue.instancePath.split("/").filter(Boolean)].join("."),
      code: schemaIssueCode(issue.keyword, issue.params),
      params: scalarParams(issue.params),
      message: issue.message ?? "is invalid",
    }));
    const first = errors[0];
    return {
      status: 400,
      code: "VALIDATION_FAILED",
      title: "Your request has invalid fields",
      detail: first ? `${first.path}: ${first.message}` : "The request is invalid.",
      errors,
    };
  }
  const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
  if (known && error.statusCode) return { status: error.statusCode, ...known };
  if (error.statusCode === 429) {
    return { status: 429, code: "RATE_LIMITED", title: "Too many requests", detail: error.message };
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return {
      status: 400,
      code: "MALFORMED_JSON",
      title: "Malformed JSON",
      detail: "The body is not valid JSON.",
    };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return {
      status: error.statusCode,
      code: error.code ?? "BAD_REQUEST",
      title: "Bad request",
      detail: error.message,
    };
  }
  return undefined;
}

/** Errors Node's HTTP parser raises before a request exists, by their `code`. */
const CONNECTION_ERRORS: Record<string, ProblemInput> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: "HEADERS_TOO_LARGE",
    title: "Request headers too large",
    detail: "The URL or the headers are too large: send long values in the body instead.",
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: "REQUEST_TIMEOUT",
    title: "Request timeout",
    detail: "The request did not arrive in time.",
  },
};

const MALFORMED_REQUEST: ProblemInput = {
  status: 400,
  code: "MALFORMED_REQUEST",
  title: "Malformed request",
  detail: "The request is not valid HTTP.",
};

/** What the router answers before any route or hook runs: a URL it cannot decode or a path parameter too long. */
const ROUTER_ERRORS: Record<string, ProblemInput> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: "MALFORMED_URL",
    title: "Malformed URL",
    detail: "The URL is not valid percent-encoded UTF-8.",
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: "URL_TOO_LONG",
    title: "URL too long",
    detail: "A part of the URL is longer than any id or token the API hands out.",
  },
};

/** Fastify's `frameworkErrors`: the router's own errors, problem+json like every other answer. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    request,
    reply,
    ROUTER_ERRORS[error.code] ?? { ...MALFORMED_REQUEST, detail: error.message },
  );
}

/**
 * Fastify's `clientErrorHandler`: what the raw socket answers when Node cannot parse a request at
 * all (headers over the size limit, a timeout, bad HTTP), problem+json like every other answer.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  // A reset connection has no one left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const problem = (error.code && CONNECTION_ERRORS[error.code]) || MALFORMED_REQUEST;
  this.log.debug({ err: error }, "client error");
  if (socket.writable) {
    const body = JSON.stringify({ type: problemType(problem.code), ...problem } satisfies Problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** One error handler for the whole API: every failure is problem+json, never a stack trace. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toProblem(error);
      if (problem) {
        if (error instanceof AppError && error.headers) reply.headers(error.headers);
        return sendProblem(request, reply, problem);
      }
      request.log.error({ err: error }, "unhandled error");
      return sendProblem(request, reply, {
        status: 500,
        code: "INTERNAL",
        title: "Something went wrong on our side",
        detail: `The request failed. Quote request id ${request.id} if you contact support.`,
      });
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, {
        status: 404,
        code: "ROUTE_NOT_FOUND",
        title: "Not found",
        detail: `No route ${request.method} ${request.url.split("?")[0]}.`,
      }),
    );
  },
  { name: "errors" },
);
