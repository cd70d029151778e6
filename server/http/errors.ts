import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ApiErrorCode } from '../../src/api/contract';

/**
 * The one way the server fails a request. Route code throws an HttpError; `respondWithError`
 * turns it (or anything unexpected) into the single error body shape, so the shape lives here only.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, field?: string) => new HttpError(400, 'BAD_REQUEST', message, field);
export const unauthorized = (message = 'Sign in first: the session is missing, invalid or expired.') =>
  new HttpError(401, 'UNAUTHORIZED', message);
export const forbidden = (message: string, field?: string) => new HttpError(403, 'FORBIDDEN', message, field);
export const notFound = (what = 'The resource') => new HttpError(404, 'NOT_FOUND', `${what} was not found.`);
export const payloadTooLarge = (message: string) => new HttpError(413, 'PAYLOAD_TOO_LARGE', message);
export const tooManyRequests = (message: string) => new HttpError(429, 'TOO_MANY_REQUESTS', message);

export function errorBody(code: ApiErrorCode, message: string, field?: string): ApiErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Maps any thrown value to the error body; unexpected errors are logged and answer 500. */
export function respondWithError(err: unknown, c: Context): Response {
  if (err instanceof HttpError) {
    return c.json(errorBody(err.code, err.message, err.field), err.status);
  }
  console.error('[server] unexpected error on', c.req.method, c.req.path, err);
  return c.json(errorBody('INTERNAL_ERROR', 'The server failed to handle the request.'), 500);
}

export function respondNotFound(c: Context): Response {
  return c.json(errorBody('NOT_FOUND', `No endpoint ${c.req.method} ${c.req.path}.`), 404);
}
