import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody } from '../../src/api/contract';
import { badRequest, errorBody, payloadTooLarge, respondWithError } from './errors';

function appThrowing(err: unknown) {
  const app = new Hono();
  app.onError(respondWithError);
  app.get('/boom', () => {
    throw err;
  });
  return app;
}

describe('the error body', () => {
  it('has code and message, and names the field when there is one', () => {
    expect(errorBody('BAD_REQUEST', 'Unknown field "colour".', 'colour')).toEqual({
      error: { code: 'BAD_REQUEST', message: 'Unknown field "colour".', field: 'colour' },
    });
    expect(errorBody('NOT_FOUND', 'The mail was not found.')).toEqual({
      error: { code: 'NOT_FOUND', message: 'The mail was not found.' },
    });
  });

  it('is what a thrown HttpError answers, with its status', async () => {
    const res = await appThrowing(badRequest('"to" must be a string.', 'to')).request('/boom');
    expect(res.status).toBe(400);
    expect((await res.json()) as ApiErrorBody).toEqual({
      error: { code: 'BAD_REQUEST', message: '"to" must be a string.', field: 'to' },
    });
    const big = await appThrowing(payloadTooLarge('The file is larger than 25 MB.')).request('/boom');
    expect(big.status).toBe(413);
    expect(((await big.json()) as ApiErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('hides unexpected errors behind a 500 with the same shape', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await appThrowing(new TypeError('secret internals')).request('/boom');
    expect(res.status).toBe(500);
    const body = (await res.json()) as ApiErrorBody;
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.message).not.toContain('secret');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
