import { Hono, type Context } from 'hono';
import type { LoginResponse } from '../../src/api/contract';
import { createSession, authenticateRequest, clearedSessionCookieHeader, endSession, sessionCookieHeader, SESSION_COOKIE } from '../http/session';
import { SignInLockedError, signIn } from '../accounts/sign-in';
import { clientAddressOf } from '../http/client-address';
import type { AppDeps, AppEnv } from '../http/env';
import { HttpError, unauthorized } from '../http/errors';
import { boolean, expectNoBody, object, optional, parseQuery, query, readBody, string } from '../http/validate';
import { getCookie } from 'hono/cookie';

/** Sign-in and sign-out: `POST /login` (Authorization header), `POST /login/cookie`, `POST /logout`. */

const cookieLoginSchema = object({
  username: string({ nonEmpty: true, trim: true, maxLength: 320 }),
  password: string({ maxLength: 1024 }),
  // Captcha is never required here (failed sign-ins are throttled instead), so these are accepted and ignored.
  captchaText: optional(string({ maxLength: 256 })),
  captchaId: optional(string({ maxLength: 256 })),
  rememberLogin: optional(boolean()),
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `Authorization: Basic …`. Clients send base64(user:password); Axigen's page literally
 * shows `Basic <username>:<password>`, so an unencoded value (it contains ':', which base64 never
 * does) is accepted too.
 */
export function parseBasicAuthorization(header: string | undefined): { username: string; password: string } {
  if (header === undefined || header.trim() === '') {
    throw unauthorized('Send an Authorization header: "Basic " followed by base64 of user@domain:password.');
  }
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const token = rest.join(' ');
  if (scheme.toLowerCase() === 'bearer') {
    throw unauthorized('This server does not issue or accept OAuth Bearer tokens; sign in with Basic authentication or cookie login.');
  }
  if (scheme.toLowerCase() !== 'basic' || token === '') {
    throw unauthorized('The Authorization header must be "Basic " followed by base64 of user@domain:password.');
  }
  let decoded: string;
  if (token.includes(':')) {
    decoded = token;
  } else {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 === 1) throw unauthorized('The Basic credentials are not valid base64.');
    try {
      decoded = utf8.decode(Buffer.from(token, 'base64'));
    } catch {
      throw unauthorized('The Basic credentials are not valid UTF-8.');
    }
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw unauthorized('The Basic credentials must be user@domain:password.');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function signInOrExplain(c: Context, deps: AppDeps, username: string, password: string) {
  try {
    return await signIn(deps, username, password, clientAddressOf(c));
  } catch (err) {
    if (err instanceof SignInLockedError) c.header('Retry-After', String(err.retryAfterSeconds));
    throw err;
  }
}

export function authRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, clock } = deps;
  const routes = new Hono<AppEnv>();

  routes.post('/login', async (c) => {
    parseQuery(c, {});
    await expectNoBody(c);
    const authorization = c.req.header('authorization');
    const credentials = parseBasicAuthorization(authorization);
    const { account, firstApiLogin } = await signInOrExplain(c, deps, credentials.username, credentials.password);
    const sessid = createSession(db, clock, { accountId: account.id, style: 'header', authorization: authorization!, firstApiLogin });
    return c.json<LoginResponse>({ sessid });
  });

  routes.post('/login/cookie', async (c) => {
    parseQuery(c, {});
    const body = await readBody(c, cookieLoginSchema);
    const { account, firstApiLogin } = await signInOrExplain(c, deps, body.username, body.password);
    const remember = body.rememberLogin ?? false;
    const sessid = createSession(db, clock, { accountId: account.id, style: 'cookie', remember, firstApiLogin });
    c.header('Set-Cookie', sessionCookieHeader(c, sessid, remember));
    c.header('Cache-Control', 'no-store');
    return c.json<LoginResponse>({ sessid });
  });

  // Axigen's captcha status (spelled "captha" in its documentation; both spellings answer).
  // This server never requires a captcha: repeated failures are throttled instead.
  for (const path of ['/captha/status', '/captcha/status']) {
    routes.get(path, (c) => {
      parseQuery(c, { username: query.string() });
      return c.json({ isRequired: false });
    });
  }

  // Idempotent: ends the caller's session when the request proves it, and always clears the cookie.
  routes.post('/logout', (c) => {
    try {
      endSession(db, authenticateRequest(c, deps).sessionId);
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 401) throw err;
    }
    if (getCookie(c, SESSION_COOKIE) !== undefined) c.header('Set-Cookie', clearedSessionCookieHeader(c));
    return c.body(null, 200);
  });

  return routes;
}
