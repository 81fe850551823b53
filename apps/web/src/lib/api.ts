import { Problem, Session } from "@sorot/contracts";
import type { z } from "zod";

/** A failed API call, carrying the RFC 9457 problem the server answered (or one made up for it). */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds to wait before retrying, from a 429's Retry-After header. */
  readonly retryAfterSeconds: number | null;

  constructor(problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** Status of an ApiError when no response arrived at all. */
export const NETWORK_ERROR_STATUS = 0;

type Method = "GET" | "POST" | "PATCH" | "DELETE";

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

// Kept in memory only, so no script-readable storage ever holds it; the httpOnly refresh cookie
// brings it back after a reload.
let accessToken: string | null = null;
let refreshInFlight: Promise<Session | null> | null = null;
const sessionEndListeners = new Set<() => void>();

export function startSession(session: Session): void {
  accessToken = session.accessToken;
}

export function endSession(): void {
  accessToken = null;
}

/** Called when the refresh cookie is refused, i.e. the user must sign in again. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndListeners.add(listener);
  return () => sessionEndListeners.delete(listener);
}

/** Builds an API path, percent-encoding every interpolated value: apiPath`/v1/businesses/${id}`. */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((path, text, index) => {
    const value = values[index - 1];
    return path + (value === undefined ? "" : encodeURIComponent(value)) + text;
  });
}

export function apiRequest<S extends z.ZodType>(
  method: Method,
  path: string,
  options: RequestOptions & { schema: S },
): Promise<z.output<S>>;
export function apiRequest(method: Method, path: string, options?: RequestOptions): Promise<void>;
export async function apiRequest(
  method: Method,
  path: string,
  options: RequestOptions & { schema?: z.ZodType } = {},
): Promise<unknown> {
  const response = await fetchRefreshingOnce(method, path, options);
  if (!response.ok) throw await errorFrom(response);
  if (!options.schema) return undefined;
  const parsed = options.schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new Error(`Unexpected response body from ${method} ${path}`, { cause: parsed.error });
  }
  return parsed.data;
}

/**
 * Trades the refresh cookie for a new access token. Concurrent callers share one request, since
 * the server rotates the cookie and a second use of the old one would be refused.
 * Resolves null when there is no valid session.
 */
export function refreshSession(): Promise<Session | null> {
  refreshInFlight ??= (async () => {
    try {
      const session = await apiRequest("POST", "/v1/auth/refresh", { schema: Session });
      startSession(session);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        endSession();
        for (const listener of sessionEndListeners) listener();
        return null;
      }
      throw error;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

function isAuthPath(path: string): boolean {
  return path.startsWith("/v1/auth/");
}

async function fetchRefreshingOnce(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const response = await send(method, path, options);
  if (response.status !== 401 || isAuthPath(path)) return response;
  const session = await refreshSession();
  return session ? send(method, path, options) : response;
}

async function send(method: Method, path: string, { body, signal }: RequestOptions): Promise<Response> {
  const headers = new Headers({ Accept: "application/json" });
  if (body !== undefined) headers.set("Content-Type", "application/json");
  if (accessToken) headers.set("Authorization", `Bearer ${accessToken}`);
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "include",
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({
      type: "about:blank",
      title: "Network error",
      status: NETWORK_ERROR_STATUS,
      detail: error instanceof Error ? error.message : String(error),
      code: "network_error",
    });
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = Problem.safeParse(body);
  // A proxy or crashed upstream may answer without a problem body; the status still says what happened.
  const problem: Problem = parsed.success
    ? parsed.data
    : {
        type: "about:blank",
        title: response.statusText || `HTTP ${response.status}`,
        status: response.status,
        detail: response.statusText || `HTTP ${response.status}`,
        code: "http_error",
      };
  return new ApiError(problem, retryAfterSeconds(response.headers.get("Retry-After")));
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
