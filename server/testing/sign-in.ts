import type { Hono } from 'hono';
import type { LoginResponse } from '../../src/api/contract';
import { createAccount, type Account, type NewAccount } from '../accounts/accounts';
import type { AppDeps, AppEnv } from '../http/env';

/** Helpers for request-level tests that need signed-in users (no ports; `app.request`). */

export const basicAuthorization = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`;

/** Creates an account (default password "secret") directly through the accounts module. */
export function createTestAccount(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, email: string, extra: Partial<NewAccount> = {}): Promise<Account> {
  return createAccount(deps, { email, password: 'secret', fullName: '', ...extra });
}

/** Header login: the headers every later call must carry. */
export async function headerLogin(app: Hono<AppEnv>, email: string, password = 'secret'): Promise<{ sessid: string; headers: Record<string, string> }> {
  const authorization = basicAuthorization(email, password);
  const res = await app.request('/api/v1/login', { method: 'POST', headers: { Authorization: authorization } });
  if (res.status !== 200) throw new Error(`header login as ${email} failed: ${res.status} ${await res.text()}`);
  const { sessid } = (await res.json()) as LoginResponse;
  return { sessid, headers: { Authorization: authorization, 'X-Axigen-Session': sessid } };
}

/** Cookie login: the Cookie header to send and `url(path)` which adds `_h=<sessid>`. */
export async function cookieLogin(
  app: Hono<AppEnv>,
  email: string,
  password = 'secret',
): Promise<{ sessid: string; headers: Record<string, string>; url: (path: string) => string }> {
  const res = await app.request('/api/v1/login/cookie', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: email, password }),
  });
  if (res.status !== 200) throw new Error(`cookie login as ${email} failed: ${res.status} ${await res.text()}`);
  const { sessid } = (await res.json()) as LoginResponse;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const url = (path: string) => `${path}${path.includes('?') ? '&' : '?'}_h=${encodeURIComponent(sessid)}`;
  return { sessid, headers: { Cookie: cookie }, url };
}
