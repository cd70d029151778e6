import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import type { AppDeps, AppEnv, SessionInfo } from './env';
import { unauthorized } from './errors';

/**
 * Sessions and the two ways a request proves it belongs to one (Axigen's header and cookie
 * logins):
 *
 * - header style: `X-Axigen-Session: <sessid>` plus the very `Authorization` header used at login;
 * - cookie style: the HttpOnly session cookie plus `_h=<sessid>` in the query, equal to the
 *   cookie's session. A cross-site page can make the browser send the cookie but cannot know the
 *   sessid, so the `_h` check is the CSRF guard.
 *
 * A session unused for longer than its idle limit (config.sessionIdleMs, measured on the injected
 * clock) is ended and answers 401; every accepted request restarts the idle time.
 */

/** Name of the cookie set by cookie login. */
export const SESSION_COOKIE = 'axigen_session';

/** "Remember me" keeps the cookie across browser restarts and the session alive this long without use. */
export const REMEMBERED_SESSION_MS = 14 * 86_400_000;

export type SessionStyle = 'header' | 'cookie';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The sessions table key for a sessid (the database never holds usable sessids). */
export const sessionKeyOf = (sessid: string) => sha256(sessid);

interface SessionRow {
  id: string;
  account_id: number;
  style: SessionStyle;
  authorization_hash: string | null;
  remember: number;
  last_seen_at: number;
  email: string;
}

export interface NewSession {
  accountId: number;
  style: SessionStyle;
  /** Header style: the Authorization header value every later call must repeat. */
  authorization?: string;
  /** Cookie style: the user's "remember me" choice. */
  remember?: boolean;
  /** The account's first sign-in through the API (Axigen's `isFirstApiLogin`). */
  firstApiLogin?: boolean;
}

/** Starts a session and returns its sessid (32 random bytes, base64url). */
export function createSession(db: Db, clock: Clock, session: NewSession): string {
  const sessid = randomBytes(32).toString('base64url');
  const now = clock.now();
  db.prepare(
    `INSERT INTO sessions (id, account_id, style, authorization_hash, remember, first_api_login, created_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sessionKeyOf(sessid),
    session.accountId,
    session.style,
    session.authorization === undefined ? null : sha256(session.authorization),
    session.remember ? 1 : 0,
    session.firstApiLogin ? 1 : 0,
    now,
    now,
  );
  return sessid;
}

const idleLimitMs = (config: Pick<ServerConfig, 'sessionIdleMs'>, remember: boolean) =>
  remember ? Math.max(config.sessionIdleMs, REMEMBERED_SESSION_MS) : config.sessionIdleMs;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Ends a session (logout); its per-session data goes with it through foreign keys. */
export function endSession(db: Db, sessionKey: string): void {
  db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionKey);
}

/** Whether the session is still there (it may end while a long request is in progress). */
export function sessionExists(db: Db, sessionKey: string): boolean {
  return db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sessionKey) !== undefined;
}

/** Ends every session idle past its limit; returns how many. Run now and then; expiry is also checked on use. */
export function purgeExpiredSessions(db: Db, clock: Clock, config: Pick<ServerConfig, 'sessionIdleMs'>): number {
  const now = clock.now();
  return db
    .prepare('DELETE FROM sessions WHERE (remember = 0 AND last_seen_at < ?) OR (remember = 1 AND last_seen_at < ?)')
    .run(now - idleLimitMs(config, false), now - idleLimitMs(config, true)).changes;
}

/** Which session a request claims, and in which style, before it is checked. */
function claimedSession(c: Context): { style: SessionStyle; sessid: string } {
  const header = c.req.header('x-axigen-session');
  if (header !== undefined) {
    if (header === '') throw unauthorized('The X-Axigen-Session header is empty.');
    return { style: 'header', sessid: header };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const h = c.req.query('_h');
  if (cookie === undefined) {
    if (h !== undefined) throw unauthorized('The session cookie is missing: cookie sessions need both the cookie and _h.');
    throw unauthorized();
  }
  if (h === undefined || h === '') {
    throw unauthorized('Cookie sessions must send _h=<sessid> in the query of every request.');
  }
  if (!sameText(h, cookie)) throw unauthorized('The _h parameter does not match the session cookie.');
  return { style: 'cookie', sessid: cookie };
}

/**
 * Checks the request's session (either style) and restarts its idle time. Throws a 401
 * HttpError, with a message saying what is wrong, when there is no valid session.
 */
export function authenticateRequest(c: Context, deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): SessionInfo {
  const { db, clock, config } = deps;
  const claim = claimedSession(c);
  const key = sessionKeyOf(claim.sessid);
  const row = db
    .prepare(
      `SELECT s.id, s.account_id, s.style, s.authorization_hash, s.remember, s.last_seen_at, a.email
       FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?`,
    )
    .get(key) as SessionRow | undefined;
  if (!row) throw unauthorized('The session is unknown or has ended; sign in again.');

  const now = clock.now();
  if (now - row.last_seen_at > idleLimitMs(config, row.remember === 1)) {
    endSession(db, row.id);
    throw unauthorized('The session expired after a period of inactivity; sign in again.');
  }
  if (row.style !== claim.style) {
    throw unauthorized(
      row.style === 'header'
        ? 'This session was opened with header login: send X-Axigen-Session and the same Authorization header.'
        : 'This session was opened with cookie login: send the session cookie and _h=<sessid>.',
    );
  }
  if (row.style === 'header') {
    const authorization = c.req.header('authorization');
    if (authorization === undefined || row.authorization_hash === null || !sameText(sha256(authorization), row.authorization_hash)) {
      throw unauthorized('Send the same Authorization header that was used to sign in, together with X-Axigen-Session.');
    }
  }
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now, row.id);
  return { sessionId: row.id, accountId: row.account_id, email: row.email };
}

/** Hono middleware: refuses requests without a valid session (401) and sets `c.var.session`. */
export function requireSession(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('session', authenticateRequest(c, deps));
    await next();
  };
}

/** Set-Cookie value for a new cookie session. Secure when the request came over HTTPS. */
export function sessionCookieHeader(c: Context, sessid: string, remember: boolean): string {
  const parts = [`${SESSION_COOKIE}=${sessid}`, 'Path=/api', 'HttpOnly', 'SameSite=Strict'];
  if (remember) parts.push(`Max-Age=${REMEMBERED_SESSION_MS / 1000}`);
  if (isHttps(c)) parts.push('Secure');
  return parts.join('; ');
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookieHeader(c: Context): string {
  const parts = [`${SESSION_COOKIE}=`, 'Path=/api', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
  if (isHttps(c)) parts.push('Secure');
  return parts.join('; ');
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
