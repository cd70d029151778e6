import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, MailInstance } from '../../src/api/contract';
import { LOGIN_THROTTLE } from '../accounts/login-throttle';
import { nowSeconds } from '../clock';
import { SESSION_COOKIE } from '../http/session';
import { basicAuthorization, cookieLogin, headerLogin } from '../testing/sign-in';
import { securityWorld } from './security-world';

/**
 * Every endpoint that needs a session, tried with every way a request can fail to prove one:
 * each answers 401 with the error body and changes nothing. Then the same requests with the real
 * session get through (so the 401s are about the credentials, not the requests).
 */

type World = Awaited<ReturnType<typeof securityWorld>>;

interface Call {
  method: string;
  path: string;
  body?: () => BodyInit;
  json?: boolean;
}

/** One valid request per session endpoint, aimed at the victim's own things. */
function everySessionEndpoint(w: World): Call[] {
  const ids = w.victimIds;
  const json = (value: unknown): Pick<Call, 'body' | 'json'> => ({ body: () => JSON.stringify(value), json: true });
  const upload = () => {
    const form = new FormData();
    form.append('file', new Blob(['planted']), 'planted.txt');
    return form;
  };
  const inAnHour = nowSeconds(w.clock) + 3600;
  return [
    { method: 'GET', path: '/account/info' },
    { method: 'GET', path: '/account/aliases' },
    { method: 'GET', path: '/account/signatures' },
    { method: 'GET', path: '/account/signatures/1' },
    { method: 'GET', path: '/account/settings' },
    { method: 'PATCH', path: '/account/settings', ...json({ theme: 'breeze', deleteToTrash: false }) },
    { method: 'GET', path: '/account/settings/client' },
    { method: 'POST', path: '/account/settings/client', ...json({ clientSettings: 'planted' }) },
    { method: 'DELETE', path: '/account/settings/client' },
    { method: 'GET', path: '/contacts/autocomplete?query=a' },
    { method: 'GET', path: '/folders' },
    { method: 'GET', path: `/folders/${ids.inboxFolder}` },
    { method: 'GET', path: `/mails?folderId=${encodeURIComponent(ids.inboxFolder)}` },
    { method: 'GET', path: `/mails/${ids.sent}` },
    { method: 'PATCH', path: `/mails/${ids.inbox}`, ...json({ isFlagged: true }) },
    { method: 'POST', path: `/mails/${ids.inbox}/move`, ...json({ destinationFolderId: ids.draftsFolder }) },
    { method: 'GET', path: `/mails/${ids.sent}/body` },
    { method: 'GET', path: `/mails/${ids.sent}/attachments` },
    { method: 'GET', path: `/mails/${ids.sent}/attachments/0` },
    { method: 'GET', path: `/mails/${ids.sent}/attachments/0/download` },
    { method: 'GET', path: `/mails/${ids.sent}/source` },
    { method: 'POST', path: '/mails', ...json({ subject: 'planted' }) },
    { method: 'PUT', path: `/drafts/${ids.draft}`, ...json({ subject: 'planted' }) },
    { method: 'POST', path: '/mails/send', ...json({ to: 'mallory@evil.test', subject: 'planted' }) },
    { method: 'POST', path: '/mails/send/schedule', ...json({ to: 'mallory@evil.test', deliveryTime: inAnHour }) },
    { method: 'POST', path: '/mails/send/undo', ...json({ processingId: ids.processingId }) },
    { method: 'DELETE', path: `/mails/send/schedule/${ids.scheduled}` },
    { method: 'POST', path: '/temporaryAttachments', body: upload },
    { method: 'GET', path: `/temporaryAttachments/${ids.queueItem}` },
    { method: 'POST', path: '/temporaryAttachments/store', ...json({ mailId: ids.sent }) },
    { method: 'DELETE', path: `/temporaryAttachments/${ids.queueItem}` },
    { method: 'POST', path: `/drafts/${ids.draft}/send/schedule`, ...json({ deliveryTime: inAnHour }) },
    { method: 'POST', path: `/drafts/${ids.draft}/send` },
    { method: 'DELETE', path: `/mails/${ids.inbox}` },
  ];
}

/** How a request presents (or fails to present) a session: extra headers and the `_h` to add, if any. */
interface Credentials {
  headers: Record<string, string>;
  h?: string;
}

function send(w: World, call: Call, credentials: Credentials): Promise<Response> {
  const path = `/api/v1${call.path}`;
  const url = credentials.h === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}_h=${encodeURIComponent(credentials.h)}`;
  const headers: Record<string, string> = { ...credentials.headers };
  if (call.json) headers['content-type'] = 'application/json';
  return Promise.resolve(w.app.request(url, { method: call.method, headers, body: call.body?.() }));
}

async function expectRefusedEverywhere(w: World, credentials: Credentials) {
  for (const call of everySessionEndpoint(w)) {
    const res = await send(w, call, credentials);
    expect.soft(res.status, `${call.method} ${call.path}`).toBe(401);
    const body = (await res.json()) as ApiErrorBody;
    expect.soft(body.error.code, `${call.method} ${call.path}`).toBe('UNAUTHORIZED');
  }
}

/** Nothing any refused request tried has happened. */
async function expectVictimUntouched(w: World) {
  const victim = w.victim;
  const draft = await w.call<MailInstance>(victim, 'GET', `/mails/${w.victimIds.draft}`);
  expect(draft.body).toMatchObject({ subject: 'Victim draft', isDraft: true });
  expect((await w.call<MailInstance>(victim, 'GET', `/mails/${w.victimIds.inbox}`)).body).toMatchObject({ isFlagged: false });
  expect((await w.list(victim, 'sent')).items.map((m) => m.subject)).toEqual(['Victim sent']);
  expect((await w.list(victim, 'scheduled')).items.map((m) => m.id)).toEqual([w.victimIds.scheduled]);
  expect((await w.list(victim, 'drafts')).items.map((m) => m.id)).toEqual([w.victimIds.draft]);
  expect((await w.call<{ theme: string; deleteToTrash: boolean }>(victim, 'GET', '/account/settings')).body).toMatchObject({ theme: 'ocean', deleteToTrash: true });
  expect((await w.call(victim, 'GET', '/account/settings/client')).body).toEqual({ clientSettings: '' });
  expect(w.db.prepare('SELECT COUNT(*) AS n FROM temporary_attachments').get()).toEqual({ n: 2 });
  expect((await w.call(victim, 'GET', `/temporaryAttachments/${w.victimIds.queueItem}`)).status).toBe(200);
}

describe('every session endpoint refuses a request that does not prove its session', () => {
  let w: World;
  let cookie: Awaited<ReturnType<typeof cookieLogin>>;
  let otherCookie: Awaited<ReturnType<typeof cookieLogin>>;
  let intruderCookie: Awaited<ReturnType<typeof cookieLogin>>;
  let header: Awaited<ReturnType<typeof headerLogin>>;
  beforeAll(async () => {
    w = await securityWorld();
    cookie = await cookieLogin(w.app, w.victim.email);
    otherCookie = await cookieLogin(w.app, w.victim.email);
    intruderCookie = await cookieLogin(w.app, w.intruder.email);
    header = await headerLogin(w.app, w.victim.email);
  });

  const faults: [string, () => Credentials][] = [
    ['no credentials at all', () => ({ headers: {} })],
    ['the session cookie without _h (a cross-site request)', () => ({ headers: cookie.headers })],
    ['the session cookie with an empty _h', () => ({ headers: cookie.headers, h: '' })],
    ['the cookie with the _h of the same user’s other session', () => ({ headers: cookie.headers, h: otherCookie.sessid })],
    ['the cookie with the _h of another user’s session', () => ({ headers: cookie.headers, h: intruderCookie.sessid })],
    ['_h without the cookie', () => ({ headers: {}, h: cookie.sessid })],
    ['a cookie whose sessid is one character off, with the matching _h', () => {
      const forged = `${cookie.sessid.slice(0, -1)}${cookie.sessid.endsWith('A') ? 'B' : 'A'}`;
      return { headers: { Cookie: `${SESSION_COOKIE}=${forged}` }, h: forged };
    }],
    ['X-Axigen-Session without Authorization', () => ({ headers: { 'X-Axigen-Session': header.sessid } })],
    ['X-Axigen-Session with another user’s (valid) Authorization', () => ({
      headers: { 'X-Axigen-Session': header.sessid, Authorization: basicAuthorization(w.intruder.email, 'secret') },
    })],
    ['X-Axigen-Session with a wrong password in Authorization', () => ({
      headers: { 'X-Axigen-Session': header.sessid, Authorization: basicAuthorization(w.victim.email, 'guess') },
    })],
    ['X-Axigen-Session with the same credentials written differently than at login', () => ({
      headers: { 'X-Axigen-Session': header.sessid, Authorization: `Basic ${w.victim.email}:secret` },
    })],
    ['a cookie session’s id sent as X-Axigen-Session', () => ({
      headers: { 'X-Axigen-Session': cookie.sessid, Authorization: basicAuthorization(w.victim.email, 'secret') },
    })],
    ['a header session’s id sent as the cookie with _h', () => ({ headers: { Cookie: `${SESSION_COOKIE}=${header.sessid}` }, h: header.sessid })],
    ['an empty X-Axigen-Session next to a valid cookie and _h', () => ({ headers: { ...cookie.headers, 'X-Axigen-Session': '' }, h: cookie.sessid })],
  ];

  it.each(faults)('%s → 401 on every endpoint', async (_name, credentials) => {
    await expectRefusedEverywhere(w, credentials());
  });

  it('none of those requests changed anything', async () => {
    await expectVictimUntouched(w);
  });

  it('a session ended by logout is refused everywhere (header and cookie style)', async () => {
    const ended = await headerLogin(w.app, w.victim.email);
    const endedCookie = await cookieLogin(w.app, w.victim.email);
    expect((await w.app.request('/api/v1/logout', { method: 'POST', headers: ended.headers })).status).toBe(200);
    expect((await w.app.request(endedCookie.url('/api/v1/logout'), { method: 'POST', headers: endedCookie.headers })).status).toBe(200);
    await expectRefusedEverywhere(w, { headers: ended.headers });
    await expectRefusedEverywhere(w, { headers: endedCookie.headers, h: endedCookie.sessid });
    await expectVictimUntouched(w);
  });

  it('the same requests with the real sessions get through (the 401s were about credentials only)', async () => {
    for (const call of everySessionEndpoint(w)) {
      expect.soft((await send(w, call, { headers: w.victim.headers })).status, `${call.method} ${call.path}`).not.toBe(401);
    }
    expect((await send(w, { method: 'GET', path: '/account/info' }, { headers: cookie.headers, h: cookie.sessid })).status).toBe(200);
  });
});

describe('expired sessions', () => {
  it('are refused on every endpoint after the idle time on the server clock, in both styles', async () => {
    const w = await securityWorld({ sessionIdleMs: 5 * 60_000 });
    const cookie = await cookieLogin(w.app, w.victim.email);
    const header = await headerLogin(w.app, w.victim.email);
    w.clock.advance(5 * 60_000 - 1);
    // One millisecond before the limit the session still works (and the call restarts its idle time)…
    expect((await send(w, { method: 'GET', path: '/folders' }, { headers: header.headers })).status).toBe(200);
    w.clock.advance(5 * 60_000 + 1);
    // …the limit after that last call it is over, for good.
    await expectRefusedEverywhere(w, { headers: header.headers });
    await expectRefusedEverywhere(w, { headers: cookie.headers, h: cookie.sessid });
    // Setting the clock back does not bring an expired session back to life: it was ended.
    w.clock.set(w.clock.now() - 60 * 60_000);
    expect((await send(w, { method: 'GET', path: '/folders' }, { headers: header.headers })).status).toBe(401);
  });
});

describe('sign-in throttling cannot be side-stepped', () => {
  it('a lock earned with one spelling of the username holds for every spelling and both login styles, even with the right password', async () => {
    const w = await securityWorld();
    const wrong = basicAuthorization('demo@example.test', 'guess');
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures; i++) {
      expect((await w.app.request('/api/v1/login', { method: 'POST', headers: { Authorization: wrong } })).status).toBe(401);
    }
    const cookieLoginAs = (username: string) =>
      w.app.request('/api/v1/login/cookie', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'secret' }),
      });
    for (const spelling of ['demo@example.test', 'DEMO@Example.Test', ' demo ', 'demo']) {
      const res = await cookieLoginAs(spelling);
      expect(res.status, spelling).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await w.app.request('/api/v1/login', { method: 'POST', headers: { Authorization: basicAuthorization('Demo', 'secret') } })).status).toBe(429);
    // Sessions opened before the lock are not affected; the lock passes on the server clock.
    expect((await w.call(w.victim, 'GET', '/folders')).status).toBe(200);
    w.clock.advance(LOGIN_THROTTLE.baseLockMs);
    expect((await cookieLoginAs('demo')).status).toBe(200);
  });
});

describe('cross-origin pages', () => {
  it('get no CORS grant: neither a preflight nor a simple request answers Access-Control-Allow-Origin', async () => {
    const w = await securityWorld();
    const origin = { Origin: 'https://evil.test' };
    const preflight = await w.app.request('/api/v1/mails/send', {
      method: 'OPTIONS',
      headers: { ...origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-axigen-session' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await w.app.request('/api/v1/folders', { headers: { ...origin, ...w.victim.headers } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('sign-in input is data, never code', () => {
  it.each([`' OR '1'='1`, `demo@example.test' --`, `demo@example.test%00`, `%`, `*`])('username %s is just a wrong username (401)', async (username) => {
    const w = await securityWorld();
    const res = await w.app.request('/api/v1/login/cookie', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `' OR '1'='1` }),
    });
    expect(res.status).toBe(401);
  });
});
