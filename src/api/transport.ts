import { API_PREFIX, type ApiErrorBody } from './contract';

/**
 * The Mailbox API transport: base URL, authentication, JSON in and out, and one typed error.
 * It does no UI work: callers decide what a failure means for the user (keep the draft, offer Retry).
 */

/** How requests are authenticated (see docs/api-server.md, "Authentication"). */
export type ApiAuth =
  /** Header login: every call repeats the login's Authorization header and sends X-Axigen-Session. */
  | { kind: 'header'; sessid: string; authorization: string }
  /** Cookie login: the browser sends the HttpOnly cookie; every call carries `_h=<sessid>` (the CSRF guard). */
  | { kind: 'cookie'; sessid: string };

export type ApiErrorKind =
  /** The server answered with an error status. */
  | 'http'
  /** The request never got an answer (offline, server down, connection reset). */
  | 'network'
  /** No answer within the time limit. */
  | 'timeout'
  /** The caller aborted the request. */
  | 'aborted';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status; 0 when there was no answer. */
    readonly status: number,
    message: string,
    /** The server's symbolic code, when it sent the error body. */
    readonly code?: string,
    /** The request field the server named, when it did. */
    readonly field?: string,
    /** For a 413: the per-file limit in bytes, when the error body states it (`error.limitBytes`). */
    readonly limitBytes?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth trying again later: no answer, or the server failed (5xx, 429). */
  get isTransient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.status >= 500 || this.status === 429;
  }
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Serialised as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Gives up with an ApiError of kind 'timeout' after this long. */
  timeoutMs?: number;
  /** Extra headers; they win over the auth headers (header login sends its own Authorization). */
  headers?: Record<string, string>;
}

export interface ApiClient {
  /** The origin (and optional path prefix) of the Mailbox API server; '' means this page's origin. */
  readonly baseUrl: string;
  /** A call under /api/v1, e.g. `request('GET', '/folders')`. Resolves to the parsed JSON, or undefined for an empty body. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** A call to any path on the server (e.g. `/api/` for the version). */
  requestRaw(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** Full URL under /api/v1 with the auth query parameter (`_h`) added, for XHR uploads and downloads. */
  url(path: string, query?: Record<string, QueryValue>): string;
  /** Auth headers for requests not made through `request` (XHR uploads). */
  authHeaders(): Record<string, string>;
  /** Whether cookies must be sent (cookie auth). */
  readonly withCredentials: boolean;
  getAuth(): ApiAuth | null;
  setAuth(auth: ApiAuth | null): void;
  /** Called on every 401, after which the request still fails with an ApiError (status 401). */
  onUnauthorized(listener: (error: ApiError) => void): () => void;
  /** Tells the `onUnauthorized` listeners about a 401 met outside `request` (XHR uploads, raw downloads). */
  notifyUnauthorized(error: ApiError): void;
}

export interface ApiClientOptions {
  baseUrl?: string;
  auth?: ApiAuth | null;
  fetch?: typeof fetch;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let auth: ApiAuth | null = options.auth ?? null;
  const unauthorizedListeners = new Set<(error: ApiError) => void>();

  const buildUrl = (path: string, query: Record<string, QueryValue> = {}): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    if (auth?.kind === 'cookie') params.set('_h', auth.sessid);
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  };

  const authHeaders = (): Record<string, string> =>
    auth?.kind === 'header' ? { Authorization: auth.authorization, 'X-Axigen-Session': auth.sessid } : {};

  async function requestRaw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(), ...opts.headers };
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const controller = new AbortController();
    const abortFromCaller = () => controller.abort(opts.signal?.reason);
    opts.signal?.addEventListener('abort', abortFromCaller, { once: true });
    let timedOut = false;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, opts.timeoutMs);
    try {
      return await doFetch(buildUrl(path, opts.query), {
        method,
        headers,
        body,
        signal: controller.signal,
        credentials: auth?.kind === 'cookie' ? 'include' : 'same-origin',
      });
    } catch (cause) {
      if (timedOut) throw new ApiError('timeout', 0, 'The server did not answer in time.');
      if (opts.signal?.aborted) throw new ApiError('aborted', 0, 'The request was cancelled.');
      throw new ApiError('network', 0, `The server could not be reached (${describeCause(cause)}).`);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', abortFromCaller);
    }
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const response = await requestRaw(method, `${API_PREFIX}${path}`, opts);
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.status === 401) for (const listener of unauthorizedListeners) listener(error);
      throw error;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    baseUrl,
    request,
    requestRaw,
    url: (path, query) => buildUrl(`${API_PREFIX}${path}`, query),
    authHeaders,
    get withCredentials() {
      return auth?.kind === 'cookie';
    },
    getAuth: () => auth,
    setAuth: (next) => {
      auth = next;
    },
    onUnauthorized(listener) {
      unauthorizedListeners.add(listener);
      return () => unauthorizedListeners.delete(listener);
    },
    notifyUnauthorized(error) {
      for (const listener of unauthorizedListeners) listener(error);
    },
  };
}

/** Turns an error answer into an ApiError, using the error body when the server sent one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    body = undefined;
  }
  const detail = body?.error;
  const message = typeof detail?.message === 'string' && detail.message ? detail.message : `The server answered ${response.status} ${response.statusText}`.trim();
  const limitBytes = typeof detail?.limitBytes === 'number' && Number.isSafeInteger(detail.limitBytes) && detail.limitBytes > 0 ? detail.limitBytes : undefined;
  return new ApiError('http', response.status, message, detail?.code, detail?.field, limitBytes);
}

function describeCause(cause: unknown): string {
  return cause instanceof Error && cause.message ? cause.message : 'no answer';
}
