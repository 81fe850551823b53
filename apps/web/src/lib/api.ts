import { Problem, Session } from "@sorot/contracts";
import type { z } from "zod";

/** A failed API call, carrying the RFC 9457 problem the server answered (or one made up for it). */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds to wait before retrying a 429: the problem's own `retryAfterSeconds`, else Retry-After. */
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

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` on requests that move money, or `Accept`. */
  headers?: Record<string, string>;
}

// Kept in memory only, so no script-readable storage ever holds it; the httpOnly refresh cookie
// brings it back after a reload.
let accessToken: string | null = null;
let refreshInFlight: Promise<Session | null> | null = null;
const sessionEndListeners = new Set<() => void>();

/**
 * Whether this browser holds a session, remembered beside the httpOnly refresh cookie that script
 * cannot see: without it a signed-out visit would ask /v1/auth/refresh only to be told 401. Losing
 * the hint (cleared storage) costs one sign-in, never access: the cookie still decides.
 */
const SESSION_HINT_KEY = "sorot.signedIn";

function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SESSION_HINT_KEY, "1");
    else localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Without storage every visit asks the server, as before.
  }
}

export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT_KEY) === "1";
  } catch {
    return true;
  }
}

export function startSession(session: Session): void {
  accessToken = session.accessToken;
  setSessionHint(true);
}

export function endSession(): void {
  accessToken = null;
  setSessionHint(false);
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
 * A GET whose answer is not JSON (an HTML receipt, a CSV export): the body as a Blob, with the file
 * name the server suggested in Content-Disposition, if any. Failures throw an ApiError as usual.
 */
export async function apiDownload(
  path: string,
  { accept, signal }: { accept: string; signal?: AbortSignal },
): Promise<{ blob: Blob; filename: string | null }> {
  const response = await fetchRefreshingOnce("GET", path, { signal, headers: { Accept: accept } });
  if (!response.ok) throw await errorFrom(response);
  return {
    blob: await response.blob(),
    filename: filenameFrom(response.headers.get("Content-Disposition")),
  };
}

/** `attachment; filename="sorot-ledger.csv"` -> `sorot-ledger.csv`; anything with a path in it is dropped. */
export function filenameFrom(contentDisposition: string | null): string | null {
  const match = contentDisposition?.match(/filename="?([^";]+)"?/i);
  const name = match?.[1]?.trim();
  return name && !/[\\/]/.test(name) ? name : null;
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

async function send(
  method: Method,
  path: string,
  { body, signal, headers: extraHeaders }: RequestOptions,
): Promise<Response> {
  const headers = new Headers({ Accept: "application/json", ...extraHeaders });
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
  // Retry-After is not a header a cross-origin page may read unless exposed; the body always is.
  const waitSeconds = problem.params?.retryAfterSeconds;
  return new ApiError(
    problem,
    typeof waitSeconds === "number" ? waitSeconds : retryAfterSeconds(response.headers.get("Retry-After")),
  );
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface UploadOptions<S extends z.ZodType> {
  schema: S;
  /** The multipart field the server reads the file from. */
  field?: string;
  /** Text fields sent after the file, in the same body. */
  fields?: Record<string, string>;
  /** Called as bytes leave the browser: `sent` and `total` in bytes. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs one file as multipart/form-data, reporting upload progress (fetch cannot, so this uses
 * XMLHttpRequest). Same session handling as apiRequest: the Bearer token, one refresh on a 401,
 * and an ApiError carrying the server's problem on failure.
 */
export async function apiUpload<S extends z.ZodType>(
  path: string,
  file: Blob,
  { schema, field = "file", fields = {}, onProgress, signal }: UploadOptions<S>,
): Promise<z.output<S>> {
  const form = () => {
    const body = new FormData();
    body.append(field, file);
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return body;
  };
  let response = await sendUpload(path, form(), onProgress, signal);
  if (response.status === 401 && (await refreshSession())) {
    response = await sendUpload(path, form(), onProgress, signal);
  }
  if (!response.ok) throw await errorFrom(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`Unexpected response body from POST ${path}`, { cause: parsed.error });
  return parsed.data;
}

function sendUpload(
  path: string,
  form: FormData,
  onProgress: ((sent: number, total: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const networkError = () =>
      new ApiError({
        type: "about:blank",
        title: "Network error",
        status: NETWORK_ERROR_STATUS,
        detail: "The upload did not reach the server.",
        code: "network_error",
      });
    xhr.open("POST", path);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    if (accessToken) xhr.setRequestHeader("Authorization", `Bearer ${accessToken}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const colon = line.indexOf(":");
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      // Statuses outside 200..599 cannot build a Response; a proxy answering one is a network failure.
      if (xhr.status < 200 || xhr.status > 599) return reject(networkError());
      const body = [204, 205, 304].includes(xhr.status) ? null : xhr.responseText;
      resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    if (signal?.aborted) return reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
