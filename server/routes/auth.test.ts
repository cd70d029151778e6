import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, LoginResponse } from '../../src/api/contract';
import { LOGIN_THROTTLE } from '../accounts/login-throttle';
import { createTestApp } from '../testing/test-app';
import { basicAuthorization, cookieLogin, createTestAccount, headerLogin } from '../testing/sign-in';
import { REMEMBERED_SESSION_MS, SESSION_COOKIE } from '../http/session';

async function setup(overrides: Parameters<typeof createTestApp>[0] = {}) {
  const t = createTestApp(overrides);
  await createTestAccount(t, 'ana@example.test');
  await createTestAccount(t, 'bob@example.test');
  return t;
}

const errorOf = async (res: Response) => ((await res.json()) as ApiErrorBody).error;

const login = (app: ReturnType<typeof createTestApp>['app'], authorization?: string) =>
  app.request('/api/v1/login', { method: 'POST', headers: authorization === undefined ? {} : { Authorization: authorization } });

const cookieLoginRequest = (app: ReturnType<typeof createTestApp>['app'], body: unknown) =>
  app.request('/api/v1/login/cookie', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('header login (POST /login)', () => {
  it('answers a sessid for Basic base64(user:pass), and the session works with the same Authorization', async () => {
    const { app } = await setup();
    const res = await login(app, basicAuthorization('ana@example.test', 'secret'));
    expect(res.status).toBe(200);
    const { sessid } = (await res.json()) as LoginResponse;
    expect(sessid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const info = await app.request('/api/v1/account/info', {
      headers: { Authorization: basicAuthorization('ana@example.test', 'secret'), 'X-Axigen-Session': sessid },
    });
    expect(info.status).toBe(200);
  });

  it('accepts the unencoded "Basic user:pass" form the documentation shows, and a username in the primary domain', async () => {
    const { app } = await setup();
    expect((await login(app, 'Basic ana@example.test:secret')).status).toBe(200);
    expect((await login(app, basicAuthorization('ANA', 'secret'))).status).toBe(200);
  });

  it('refuses wrong, missing and malformed credentials with 401 and one message for unknown users and wrong passwords', async () => {
    const { app } = await setup();
    const wrong = await login(app, basicAuthorization('ana@example.test', 'nope'));
    const unknown = await login(app, basicAuthorization('who@example.test', 'secret'));
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await errorOf(wrong)).message).toBe((await errorOf(unknown)).message);
    expect((await login(app)).status).toBe(401);
    expect((await login(app, 'Basic !!!')).status).toBe(401);
    expect((await login(app, `Basic ${Buffer.from('no-colon').toString('base64')}`)).status).toBe(401);
    expect((await login(app, 'Digest abc')).status).toBe(401);
  });

  it('refuses Bearer tokens: this server has no OAuth authorization server', async () => {
    const { app } = await setup();
    const res = await login(app, 'Bearer abc.def.ghi');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/Bearer/);
  });

  it('refuses a body (the endpoint takes none)', async () => {
    const { app } = await setup();
    const res = await app.request('/api/v1/login', {
      method: 'POST',
      headers: { Authorization: basicAuthorization('ana@example.test', 'secret') },
      body: '{"remember":true}',
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe('remember');
  });
});

describe('header sessions', () => {
  it('need the same Authorization header as the login, not just the session id', async () => {
    const { app } = await setup();
    const { sessid } = await headerLogin(app, 'ana@example.test');
    const without = await app.request('/api/v1/account/info', { headers: { 'X-Axigen-Session': sessid } });
    expect(without.status).toBe(401);
    expect((await errorOf(without)).message).toMatch(/same Authorization/);
    const other = await app.request('/api/v1/account/info', {
      headers: { 'X-Axigen-Session': sessid, Authorization: basicAuthorization('bob@example.test', 'secret') },
    });
    expect(other.status).toBe(401);
  });

  it('answer 401 for unknown session ids and for no credentials at all', async () => {
    const { app } = await setup();
    const unknown = await app.request('/api/v1/account/info', {
      headers: { 'X-Axigen-Session': 'made-up', Authorization: basicAuthorization('ana@example.test', 'secret') },
    });
    expect(unknown.status).toBe(401);
    const none = await app.request('/api/v1/account/info');
    expect(none.status).toBe(401);
    expect(await errorOf(none)).toEqual({ code: 'UNAUTHORIZED', message: 'Sign in first: the session is missing, invalid or expired.' });
  });

  it('expire after the idle time on the server clock, and each call restarts the idle time', async () => {
    const { app, clock, config } = await setup();
    const { headers } = await headerLogin(app, 'ana@example.test');
    clock.advance(config.sessionIdleMs - 1000);
    expect((await app.request('/api/v1/account/info', { headers })).status).toBe(200);
    clock.advance(config.sessionIdleMs - 1000);
    expect((await app.request('/api/v1/account/info', { headers })).status).toBe(200);
    clock.advance(config.sessionIdleMs + 1);
    const expired = await app.request('/api/v1/account/info', { headers });
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).message).toMatch(/expired/);
    expect((await app.request('/api/v1/account/info', { headers })).status).toBe(401);
  });

  it('follow a configured idle time', async () => {
    const { app, clock } = await setup({ sessionIdleMs: 60_000 });
    const { headers } = await headerLogin(app, 'ana@example.test');
    clock.advance(61_000);
    expect((await app.request('/api/v1/account/info', { headers })).status).toBe(401);
  });
});

describe('cookie login (POST /login/cookie)', () => {
  it('answers a sessid and sets an HttpOnly SameSite session cookie', async () => {
    const { app } = await setup();
    const res = await cookieLoginRequest(app, { username: 'ana@example.test', password: 'secret' });
    expect(res.status).toBe(200);
    const { sessid } = (await res.json()) as LoginResponse;
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`${SESSION_COOKIE}=${sessid}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api/);
    expect(cookie).not.toMatch(/Max-Age/);
  });

  it('keeps the cookie across browser restarts with rememberLogin, and accepts the captcha fields', async () => {
    const { app } = await setup();
    const res = await cookieLoginRequest(app, { username: 'ana@example.test', password: 'secret', rememberLogin: true, captchaId: 'x', captchaText: 'y' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain(`Max-Age=${REMEMBERED_SESSION_MS / 1000}`);
  });

  it('refuses wrong passwords (401) and bad bodies (400 naming the field)', async () => {
    const { app } = await setup();
    expect((await cookieLoginRequest(app, { username: 'ana@example.test', password: 'x' })).status).toBe(401);
    const unknown = await cookieLoginRequest(app, { username: 'ana@example.test', password: 'secret', remember: true });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).field).toBe('remember');
    const wrongType = await cookieLoginRequest(app, { username: 'ana@example.test', password: 'secret', rememberLogin: 'yes' });
    expect((await errorOf(wrongType)).field).toBe('rememberLogin');
    const missing = await cookieLoginRequest(app, { username: 'ana@example.test' });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).field).toBe('password');
    const empty = await cookieLoginRequest(app, { username: ' ', password: 'secret' });
    expect((await errorOf(empty)).field).toBe('username');
  });
});

describe('cookie sessions', () => {
  it('work with the cookie and a matching _h', async () => {
    const { app } = await setup();
    const session = await cookieLogin(app, 'ana@example.test');
    expect((await app.request(session.url('/api/v1/account/info'), { headers: session.headers })).status).toBe(200);
  });

  it('refuse a cookie without _h: the CSRF guard', async () => {
    const { app } = await setup();
    const session = await cookieLogin(app, 'ana@example.test');
    const res = await app.request('/api/v1/account/info', { headers: session.headers });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/_h/);
  });

  it('refuse an _h that does not match the cookie, or _h without the cookie', async () => {
    const { app } = await setup();
    const ana = await cookieLogin(app, 'ana@example.test');
    const bob = await cookieLogin(app, 'bob@example.test');
    const mismatch = await app.request(bob.url('/api/v1/account/info'), { headers: ana.headers });
    expect(mismatch.status).toBe(401);
    expect((await errorOf(mismatch)).message).toMatch(/does not match/);
    expect((await app.request(ana.url('/api/v1/account/info'))).status).toBe(401);
  });

  it('cannot be used as header sessions, nor header sessions as cookie ones', async () => {
    const { app } = await setup();
    const cookie = await cookieLogin(app, 'ana@example.test');
    const asHeader = await app.request('/api/v1/account/info', {
      headers: { 'X-Axigen-Session': cookie.sessid, Authorization: basicAuthorization('ana@example.test', 'secret') },
    });
    expect(asHeader.status).toBe(401);
    const header = await headerLogin(app, 'ana@example.test');
    const asCookie = await app.request(`/api/v1/account/info?_h=${header.sessid}`, { headers: { Cookie: `${SESSION_COOKIE}=${header.sessid}` } });
    expect(asCookie.status).toBe(401);
  });

  it('expire after the idle time; remembered ones last longer', async () => {
    const { app, clock, config } = await setup();
    const plain = await cookieLogin(app, 'ana@example.test');
    const res = await cookieLoginRequest(app, { username: 'bob@example.test', password: 'secret', rememberLogin: true });
    const { sessid } = (await res.json()) as LoginResponse;
    clock.advance(config.sessionIdleMs + 1);
    expect((await app.request(plain.url('/api/v1/account/info'), { headers: plain.headers })).status).toBe(401);
    const remembered = await app.request(`/api/v1/account/info?_h=${sessid}`, { headers: { Cookie: `${SESSION_COOKIE}=${sessid}` } });
    expect(remembered.status).toBe(200);
  });
});

describe('logout (POST /logout)', () => {
  it('ends a header session with an empty 200', async () => {
    const { app } = await setup();
    const { headers } = await headerLogin(app, 'ana@example.test');
    const res = await app.request('/api/v1/logout', { method: 'POST', headers });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect((await app.request('/api/v1/account/info', { headers })).status).toBe(401);
  });

  it('ends a cookie session and clears the cookie', async () => {
    const { app } = await setup();
    const session = await cookieLogin(app, 'ana@example.test');
    const res = await app.request(session.url('/api/v1/logout'), { method: 'POST', headers: session.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect((await app.request(session.url('/api/v1/account/info'), { headers: session.headers })).status).toBe(401);
  });

  it('is idempotent: again, or without any session, it still answers 200', async () => {
    const { app } = await setup();
    const { headers } = await headerLogin(app, 'ana@example.test');
    expect((await app.request('/api/v1/logout', { method: 'POST', headers })).status).toBe(200);
    expect((await app.request('/api/v1/logout', { method: 'POST', headers })).status).toBe(200);
    expect((await app.request('/api/v1/logout', { method: 'POST' })).status).toBe(200);
  });

  it('does not end a cookie session for a request without _h (cross-site logout)', async () => {
    const { app } = await setup();
    const session = await cookieLogin(app, 'ana@example.test');
    expect((await app.request('/api/v1/logout', { method: 'POST', headers: session.headers })).status).toBe(200);
    expect((await app.request(session.url('/api/v1/account/info'), { headers: session.headers })).status).toBe(200);
  });
});

describe('login throttling', () => {
  const wrong = (app: ReturnType<typeof createTestApp>['app'], email = 'ana@example.test') => login(app, basicAuthorization(email, 'wrong'));
  const right = (app: ReturnType<typeof createTestApp>['app'], email = 'ana@example.test') => login(app, basicAuthorization(email, 'secret'));

  it('locks an account after repeated failures (429 with Retry-After), even for the right password, until the lock ends', async () => {
    const { app, clock } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures; i++) expect((await wrong(app)).status).toBe(401);
    const locked = await right(app);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe(String(LOGIN_THROTTLE.baseLockMs / 1000));
    expect(await errorOf(locked)).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Other accounts are not affected.
    expect((await right(app, 'bob@example.test')).status).toBe(200);
    clock.advance(LOGIN_THROTTLE.baseLockMs);
    expect((await right(app)).status).toBe(200);
  });

  it('doubles the lock with every further failure', async () => {
    const { app, clock } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures; i++) await wrong(app);
    clock.advance(LOGIN_THROTTLE.baseLockMs);
    expect((await wrong(app)).status).toBe(401);
    const locked = await right(app);
    expect(locked.headers.get('retry-after')).toBe(String((2 * LOGIN_THROTTLE.baseLockMs) / 1000));
  });

  it('forgets failures after a quiet window, and a success clears the count', async () => {
    const { app, clock } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures - 1; i++) await wrong(app);
    clock.advance(LOGIN_THROTTLE.windowMs + 1);
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures - 1; i++) await wrong(app);
    expect((await right(app)).status).toBe(200);
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures - 1; i++) await wrong(app);
    expect((await right(app)).status).toBe(200);
  });

  it('counts the quiet window from the last failure: guesses spread across a window edge still lock', async () => {
    const { app, clock } = await setup();
    await wrong(app);
    clock.advance(LOGIN_THROTTLE.windowMs - 1_000);
    // Counted from the first failure, the window would end in a second and these would start afresh.
    for (let i = 1; i < LOGIN_THROTTLE.accountFreeFailures - 1; i++) await wrong(app);
    clock.advance(2_000);
    expect((await wrong(app)).status).toBe(401);
    expect((await right(app)).status).toBe(429);
  });

  it('throttles unknown usernames the same way (no hint about which accounts exist)', async () => {
    const { app } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures; i++) expect((await wrong(app, 'ghost@example.test')).status).toBe(401);
    expect((await wrong(app, 'ghost@example.test')).status).toBe(429);
  });

  it('locks a client guessing across many accounts', async () => {
    const { app } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.clientFreeFailures; i++) {
      expect((await wrong(app, `user${i}@example.test`)).status).toBe(401);
    }
    expect((await right(app)).status).toBe(429);
  });

  it('holds against a burst of guesses sent at once: no more than the free failures get a yes/no answer', async () => {
    const { app } = await setup();
    const guesses = Array.from({ length: 3 * LOGIN_THROTTLE.accountFreeFailures }, (_, i) => (i === 12 ? right(app) : wrong(app)));
    const statuses = (await Promise.all(guesses)).map((res) => res.status);
    expect(statuses.filter((s) => s !== 429)).toHaveLength(LOGIN_THROTTLE.accountFreeFailures);
    // The right password, checked while the lock was being earned, is not revealed either.
    expect(statuses[12]).toBe(429);
  });

  it('applies to cookie login too', async () => {
    const { app } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures; i++) {
      await cookieLoginRequest(app, { username: 'ana@example.test', password: 'wrong' });
    }
    expect((await cookieLoginRequest(app, { username: 'ana@example.test', password: 'secret' })).status).toBe(429);
  });
});

describe('captcha status', () => {
  it('never requires a captcha (both spellings)', async () => {
    const { app } = await setup();
    for (const path of ['/api/v1/captha/status', '/api/v1/captcha/status']) {
      const res = await app.request(`${path}?username=ana@example.test`);
      expect(await res.json()).toEqual({ isRequired: false });
    }
  });
});
