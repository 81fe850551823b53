/**
 * Errors the services throw on purpose. The error handler turns each into RFC 9457 problem+json;
 * anything else that escapes is a bug and answers a bare 500.
 */
export interface FieldError {
  path: string;
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

export const fieldError = (path: string, message: string) =>
  badRequest(`${path} ${message}`, [{ path, message }]);

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
