import type { BrowserContext } from '@playwright/test';
import { API_PREFIX, TEST_CONTROL_PREFIX, type LoginResponse } from '../src/api/contract';

export interface BenchAccount {
  email: string;
  password: string;
}

let counter = 0;

/** A fresh account on the bench server, through the test control API (no session needed). */
export async function createAccount(baseUrl: string, name: string): Promise<BenchAccount> {
  const account = { email: `${name}-${Date.now().toString(36)}-${counter++}@example.test`, password: `bench-${Math.random().toString(36).slice(2)}` };
  const res = await fetch(`${baseUrl}${TEST_CONTROL_PREFIX}/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...account, fullName: `Bench ${name}` }),
  });
  if (!res.ok) throw new Error(`creating the account ${account.email} failed: ${res.status} ${await res.text()}`);
  return account;
}

/** The key and shape the standalone app keeps its cookie session under (src/app/session/session-store.ts). */
const SESSION_STORAGE_KEY = 'mailbox-compose.session';

/**
 * Signs a browser context in the way the app would after its sign-in form (cookie login), without
 * timing the form: the cookie lands in the context's jar and the session id in sessionStorage, so
 * the app restores the session on load. Returns the session id (the `_h` value).
 */
export async function signInContext(context: BrowserContext, baseUrl: string, account: BenchAccount): Promise<string> {
  const res = await context.request.post(`${baseUrl}${API_PREFIX}/login/cookie`, { data: { username: account.email, password: account.password } });
  if (!res.ok()) throw new Error(`cookie login as ${account.email} failed: ${res.status()} ${await res.text()}`);
  const { sessid } = (await res.json()) as LoginResponse;
  await context.addInitScript(
    ([key, value]) => {
      window.sessionStorage.setItem(key, value);
    },
    [SESSION_STORAGE_KEY, JSON.stringify({ sessid, email: account.email })] as const,
  );
  return sessid;
}

/** Header login for calls the harness makes itself (Basic + X-Axigen-Session), as a script would. */
export async function headerSession(baseUrl: string, account: BenchAccount): Promise<Record<string, string>> {
  const authorization = `Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;
  const res = await fetch(`${baseUrl}${API_PREFIX}/login`, { method: 'POST', headers: { Authorization: authorization } });
  if (!res.ok) throw new Error(`header login as ${account.email} failed: ${res.status} ${await res.text()}`);
  const { sessid } = (await res.json()) as LoginResponse;
  return { Authorization: authorization, 'X-Axigen-Session': sessid };
}
