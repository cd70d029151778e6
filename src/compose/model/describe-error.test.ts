import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/transport';
import { describeError, describeErrorInline } from './describe-error';

describe('describeError', () => {
  it.each([
    [new ApiError('network', 0, 'The server could not be reached (fetch failed).'), "You're offline or the server can't be reached. Check your connection and try again."],
    [new ApiError('timeout', 0, 'x'), 'The server took too long to answer. Try again in a moment.'],
    [new ApiError('http', 401, 'Unauthorized'), 'Your session has expired. Sign in again; nothing you wrote is lost.'],
    [new ApiError('http', 404, 'Not found'), 'It no longer exists on the server: it may have been sent, moved or deleted elsewhere.'],
    [new ApiError('http', 413, 'Too big'), 'It is too large for the server. Remove some attachments or send smaller files.'],
    [new ApiError('http', 500, 'The server answered 500 Internal Server Error'), 'The server had a problem (error 500). Try again in a moment.'],
    [new ApiError('http', 503, ''), 'The server had a problem (error 503). Try again in a moment.'],
    [new ApiError('http', 429, 'slow down'), 'The server is getting too many requests. Wait a moment and try again.'],
  ])('%s', (error, text) => {
    expect(describeError(error)).toBe(text);
  });

  it('passes the server’s message through for a 400, as a sentence', () => {
    expect(describeError(new ApiError('http', 400, 'The "to" address "bob@" has no domain', 'BAD_REQUEST', 'to'))).toBe(
      'The server refused it: The "to" address "bob@" has no domain.',
    );
    expect(describeError(new ApiError('http', 400, 'The server answered 400 Bad Request'))).toBe('The server refused it as invalid.');
  });

  it('never says undefined', () => {
    expect(describeError(new ApiError('http', 400, 'undefined'))).toBe('The server refused it as invalid.');
    expect(describeError(new ApiError('http', 418, 'undefined'))).toBe('The server answered with error 418. Try again.');
    expect(describeError(undefined)).toBe('Something went wrong. Try again.');
    expect(describeError(new Error(''))).toBe('Something went wrong. Try again.');
    expect(describeError({})).toBe('Something went wrong. Try again.');
    expect(describeError(new RangeError('Pick a later time'))).toBe('Pick a later time.');
  });
});

describe('describeErrorInline', () => {
  it('lower-cases the first word to follow a lead-in, but not an acronym', () => {
    expect(`Not sent: ${describeErrorInline(new ApiError('http', 401, ''))}`).toBe('Not sent: your session has expired. Sign in again; nothing you wrote is lost.');
    expect(describeErrorInline(new Error('SMTP relay refused the message'))).toBe('SMTP relay refused the message.');
  });
});
