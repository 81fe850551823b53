import type { FieldProblem, ProblemParams } from "./campaigns/problems.js";

/**
 * Errors the services throw on purpose. The error handler turns each into RFC 9457 problem+json;
 * anything else that escapes is a bug and answers a bare 500.
 */

/** One invalid field as `errors[]` carries it (contracts' FieldIssue): any code, not only core's rules. */
export interface FieldError {
  path: string;
  code: string;
  params: ProblemParams;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    readonly params?: Record<string, string | number>,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, "VALIDATION_FAILED", "Your request has invalid fields", detail, errors);

/**
 * One invalid field. `code` names the rule for clients; the generic INVALID suits only checks no
 * client needs to tell apart.
 */
export const fieldError = (path: string, message: string, code = "INVALID") =>
  badRequest(`${path} ${message}`, [{ path, code, params: {}, message }]);

/** Core's rule problems, their paths relative to `basePath` (`body.` for a request body). */
export function invalidFields(problems: readonly FieldProblem[], basePath = "body.") {
  const errors = problems.map((problem) => ({ ...problem, path: `${basePath}${problem.path}` }));
  return badRequest(errors.map((error) => `${error.path} ${error.message}`).join("; "), errors);
}

export const unauthorized = (detail = "Sign in to continue.", code = "UNAUTHENTICATED") =>
  new AppError(401, code, "Not signed in", detail);

export const forbidden = (detail: string, code = "FORBIDDEN") =>
  new AppError(403, code, "Not allowed", detail);

/** Also the answer for things that exist but belong to someone else: the caller must not learn which. */
export const notFound = (what: string) =>
  new AppError(404, "NOT_FOUND", "Not found", `${what} was not found.`);

export const conflict = (detail: string, code = "CONFLICT", errors?: FieldError[]) =>
  new AppError(409, code, "Conflict", detail, errors);

export const invalidState = (detail: string) => conflict(detail, "INVALID_STATE");

export const unprocessable = (detail: string, code: string) =>
  new AppError(422, code, "Request cannot be processed", detail);

export function problemType(code: string): string {
  return `https://sorot.id/problems/${code.toLowerCase().replaceAll("_", "-")}`;
}
