import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ApiErrorBody, ApiErrorCode } from '../api/contract';
import { createApiClient, type ApiAuth, type ApiClient } from '../api/transport';

/**
 * MSW helpers for client unit tests: one fake origin, a server that fails on any request no handler
 * answers, a log of what the client actually sent, and the server's error body.
 *
 * Usage:
 *   const server = startMswServer();
 *   server.use(http.post(apiUrl('/mails'), () => HttpResponse.json(mail)));
 *   const requests = recordRequests(server);
 */

/** The origin every test client talks to; absolute so happy-dom/jsdom resolve nothing. */
export const TEST_ORIGIN = 'http://mailbox.test';

/** Full URL of an API path for MSW handlers, e.g. `apiUrl('/drafts/:id')`. */
export const apiUrl = (path: string): string => `${TEST_ORIGIN}/api/v1${path}`;

/** A client pointed at the test origin; cookie auth with a known `_h` unless told otherwise. */
export function createTestClient(auth: ApiAuth | null = { kind: 'cookie', sessid: 'test-session' }): ApiClient {
  return createApiClient({ baseUrl: TEST_ORIGIN, auth });
}

/** Starts an MSW server for the current test file: unhandled requests fail the test, handlers reset after each test. */
export function startMswServer(...handlers: HttpHandler[]): SetupServer {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** The error body the Mailbox API answers with, as a response. */
export function apiErrorResponse(status: number, message: string, code: ApiErrorCode = codeForStatus(status), field?: string): HttpResponse<ApiErrorBody> {
  const body: ApiErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
  return HttpResponse.json(body, { status });
}

/** A request as the server saw it, for asserting paths, query, headers and bodies. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/api/v1/drafts/abc". */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text when not JSON, or undefined when empty. */
  body: unknown;
}

/**
 * Records every request that reaches the server (handled or not), in order. Returns a live array;
 * `clear()` it between phases of a test if needed.
 */
export function recordRequests(server: SetupServer): RecordedRequest[] & { clear(): void } {
  const log = [] as unknown as RecordedRequest[] & { clear(): void };
  log.clear = () => {
    log.length = 0;
  };
  server.events.on('request:start', ({ request }) => {
    // Clone before MSW hands the original to a handler, so reading the body here steals nothing.
    const copy = request.clone();
    const url = new URL(copy.url);
    const entry: RecordedRequest = {
      method: copy.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      // Lower-cased names: happy-dom's Headers keeps the case the client wrote.
      headers: Object.fromEntries([...copy.headers].map(([name, value]) => [name.toLowerCase(), value])),
      body: undefined,
    };
    log.push(entry);
    void copy.text().then((text: string) => {
      if (!text) return;
      try {
        entry.body = JSON.parse(text);
      } catch {
        entry.body = text;
      }
    });
  });
  return log;
}

/** `METHOD /path` lines, the compact way to assert a sequence of calls. */
export const callsOf = (log: readonly RecordedRequest[]): string[] => log.map((r) => `${r.method} ${r.path}`);

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return 'INTERNAL_ERROR';
  }
}

export { http, HttpResponse };
