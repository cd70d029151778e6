import { describe, expect, it } from 'vitest';
import { TEST_CONTROL_PREFIX, type ApiErrorBody, type TestClock } from '../../src/api/contract';
import { LOGIN_THROTTLE } from '../accounts/login-throttle';
import { createTestApp } from '../testing/test-app';
import { basicAuthorization, headerLogin } from '../testing/sign-in';
import type { TestAccountResponse } from './test-control';

const post = (app: ReturnType<typeof createTestApp>['app'], path: string, body?: unknown) =>
  app.request(`${TEST_CONTROL_PREFIX}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const errorOf = async (res: Response) => ((await res.json()) as ApiErrorBody).error;

describe('the test control API', () => {
  it('is not mounted unless test control is on', async () => {
    const { app } = createTestApp({ testControl: false });
    expect((await post(app, '/accounts', { email: 'a@example.test', password: 'p' })).status).toBe(404);
    expect((await app.request(`${TEST_CONTROL_PREFIX}/clock`)).status).toBe(404);
  });

  it('creates an account that can sign in, answering it with its folders and aliases', async () => {
    const { app } = createTestApp();
    const res = await post(app, '/accounts', { email: 'Tess@example.test', password: 'pw-1', fullName: 'Tess Ter', aliases: ['t.ter@example.test'] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TestAccountResponse;
    expect(body.account).toEqual({ id: expect.any(Number), email: 'tess@example.test', fullName: 'Tess Ter' });
    expect(body.folders.map((f) => f.role)).toEqual(['inbox', 'drafts', 'sent', 'scheduled', 'trash', 'junk', '', '']);
    expect(body.aliases).toEqual([
      { emailAddress: 'tess@example.test', type: 'mainAddress' },
      { emailAddress: 't.ter@example.test', type: 'accountAlias' },
    ]);
    await headerLogin(app, 'tess@example.test', 'pw-1');
  });

  it('refuses bad account requests with 400 naming the field', async () => {
    const { app } = createTestApp();
    await post(app, '/accounts', { email: 'tess@example.test', password: 'pw' });
    for (const [body, field] of [
      [{ email: 'tess@example.test', password: 'pw' }, 'email'],
      [{ email: 'x@elsewhere.test', password: 'pw' }, 'email'],
      [{ email: 'x@example.test' }, 'password'],
      [{ email: 'x@example.test', password: 'pw', role: 'admin' }, 'role'],
      [{ email: 'x@example.test', password: 'pw', aliases: 'y@example.test' }, 'aliases'],
      [{ email: 'x@example.test', password: 'pw', aliases: [3] }, 'aliases[0]'],
    ] as const) {
      const res = await post(app, '/accounts', body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
  });

  it('reads, sets and advances the server clock', async () => {
    const { app, clock } = createTestApp();
    const start = clock.now();
    expect(await (await app.request(`${TEST_CONTROL_PREFIX}/clock`)).json()).toEqual({ now: start });
    const advanced = (await (await post(app, '/clock', { advanceMs: 60_000 })).json()) as TestClock;
    expect(advanced.now).toBe(start + 60_000);
    expect(clock.now()).toBe(start + 60_000);
    const set = (await (await post(app, '/clock', { now: Date.UTC(2027, 0, 1) })).json()) as TestClock;
    expect(set.now).toBe(Date.UTC(2027, 0, 1));
  });

  it('refuses clock requests with neither or both fields, negative advances and wrong types', async () => {
    const { app } = createTestApp();
    expect((await post(app, '/clock', {})).status).toBe(400);
    expect((await post(app, '/clock', { now: 1, advanceMs: 1 })).status).toBe(400);
    const negative = await post(app, '/clock', { advanceMs: -5 });
    expect((await errorOf(negative)).field).toBe('advanceMs');
    expect((await errorOf(await post(app, '/clock', { now: '2027-01-01' }))).field).toBe('now');
  });

  it('moves session expiry with the clock', async () => {
    const { app, config } = createTestApp();
    await post(app, '/accounts', { email: 'tess@example.test', password: 'pw' });
    const { headers } = await headerLogin(app, 'tess@example.test', 'pw');
    await post(app, '/clock', { advanceMs: config.sessionIdleMs + 1 });
    expect((await app.request('/api/v1/account/info', { headers })).status).toBe(401);
  });

  it('clears login throttling', async () => {
    const { app } = createTestApp();
    await post(app, '/accounts', { email: 'tess@example.test', password: 'pw' });
    const login = (password: string) =>
      app.request('/api/v1/login', { method: 'POST', headers: { Authorization: basicAuthorization('tess@example.test', password) } });
    for (let i = 0; i < LOGIN_THROTTLE.accountFreeFailures; i++) await login('wrong');
    expect((await login('pw')).status).toBe(429);
    expect((await post(app, '/login-throttle/reset')).status).toBe(200);
    expect((await login('pw')).status).toBe(200);
  });

  it('resets: every account and session is gone', async () => {
    const { app } = createTestApp();
    await post(app, '/accounts', { email: 'tess@example.test', password: 'pw' });
    const { headers } = await headerLogin(app, 'tess@example.test', 'pw');
    const res = await post(app, '/reset');
    expect(res.status).toBe(200);
    expect((await app.request('/api/v1/account/info', { headers })).status).toBe(401);
    expect((await post(app, '/accounts', { email: 'tess@example.test', password: 'pw' })).status).toBe(200);
  });

  it('resets a demo server back to the seeded demo data', async () => {
    const { app } = createTestApp({ seedDemo: true });
    await post(app, '/reset');
    await headerLogin(app, 'demo@example.test', 'demo');
  });
});
