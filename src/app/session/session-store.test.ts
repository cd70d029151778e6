import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { getAccountInfo } from '../../api/account';
import { loginWithCookie, logout } from '../../api/session';
import { createApiClient, type ApiClient } from '../../api/transport';
import { apiErrorResponse, apiUrl, recordRequests, startMswServer, TEST_ORIGIN } from '../../testing/msw';
import { SessionStore } from './session-store';

const server = startMswServer();
const requests = recordRequests(server);

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

function storeFor(api: ApiClient, storage = memoryStorage()) {
  const store = new SessionStore(
    api,
    {
      login: async (email, password) => (await loginWithCookie(api, { username: email, password })).sessid,
      logout: () => logout(api),
      check: async () => void (await getAccountInfo(api)),
    },
    storage,
  );
  return { store, storage };
}

const accountInfo = { accountName: 'demo', domainName: 'example.test' };

describe('the session store', () => {
  it('starts signed out when nothing is saved, signs in with cookie login and remembers the session id', async () => {
    server.use(http.post(apiUrl('/login/cookie'), () => HttpResponse.json({ sessid: 's-1' })));
    const api = createApiClient({ baseUrl: TEST_ORIGIN });
    const { store, storage } = storeFor(api);
    await store.restore();
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'new' });

    await store.signIn(' demo@example.test ', 'demo');
    expect(store.getSnapshot()).toEqual({ status: 'signed-in', email: 'demo@example.test' });
    expect(api.getAuth()).toEqual({ kind: 'cookie', sessid: 's-1' });
    expect(JSON.parse(storage.map.get('mailbox-compose.session')!)).toEqual({ sessid: 's-1', email: 'demo@example.test' });
    expect(requests.at(-1)?.body).toEqual({ username: 'demo@example.test', password: 'demo' });
  });

  it('restores a saved session that still works, and forgets one the server refuses', async () => {
    const storage = memoryStorage();
    storage.setItem('mailbox-compose.session', JSON.stringify({ sessid: 'old', email: 'demo@example.test' }));
    server.use(http.get(apiUrl('/account/info'), ({ request }) => (new URL(request.url).searchParams.get('_h') === 'old' ? HttpResponse.json(accountInfo) : apiErrorResponse(401, 'no'))));
    const restored = storeFor(createApiClient({ baseUrl: TEST_ORIGIN }), storage).store;
    await restored.restore();
    expect(restored.getSnapshot()).toEqual({ status: 'signed-in', email: 'demo@example.test' });

    server.use(http.get(apiUrl('/account/info'), () => apiErrorResponse(401, 'Session expired.')));
    const api = createApiClient({ baseUrl: TEST_ORIGIN });
    const refused = storeFor(api, storage).store;
    await refused.restore();
    expect(refused.getSnapshot()).toEqual({ status: 'signed-out', reason: 'new' });
    expect(storage.map.size).toBe(0);
    expect(api.getAuth()).toBeNull();
  });

  it('shows a restored session at once while checking it, and a 401 meanwhile means sign in again, not "expired"', async () => {
    const storage = memoryStorage();
    storage.setItem('mailbox-compose.session', JSON.stringify({ sessid: 'stale', email: 'demo@example.test' }));
    let answerCheck: (() => void) | undefined;
    server.use(
      http.get(apiUrl('/account/info'), () => new Promise<Response>((resolve) => (answerCheck = () => resolve(apiErrorResponse(401, 'Session expired.'))))),
      http.get(apiUrl('/folders'), () => apiErrorResponse(401, 'Session expired.')),
    );
    const api = createApiClient({ baseUrl: TEST_ORIGIN });
    const { store } = storeFor(api, storage);
    const restoring = store.restore();
    // The portal may render and start its own requests before the check answers.
    expect(store.getSnapshot()).toEqual({ status: 'signed-in', email: 'demo@example.test' });
    expect(api.getAuth()).toEqual({ kind: 'cookie', sessid: 'stale' });

    await expect(api.request('GET', '/folders')).rejects.toMatchObject({ status: 401 });
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'new' });
    expect(storage.map.size).toBe(0);

    await vi.waitFor(() => expect(answerCheck).toBeDefined());
    answerCheck!();
    await restoring;
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'new' });
  });

  it('turns a 401 while signed in into "expired", keeps the email, and resumes after signing in again', async () => {
    server.use(
      http.post(apiUrl('/login/cookie'), () => HttpResponse.json({ sessid: 's-2' })),
      http.get(apiUrl('/account/info'), () => apiErrorResponse(401, 'Session expired.')),
    );
    const api = createApiClient({ baseUrl: TEST_ORIGIN });
    const { store } = storeFor(api);
    await store.signIn('demo@example.test', 'demo');
    let resumed = 0;
    store.onResume(() => resumed++);

    await expect(getAccountInfo(api)).rejects.toMatchObject({ status: 401 });
    expect(store.getSnapshot()).toEqual({ status: 'expired', email: 'demo@example.test' });

    await store.signIn('demo@example.test', 'demo');
    expect(store.getSnapshot().status).toBe('signed-in');
    expect(resumed).toBe(1);
  });

  it('passes a failed sign-in on to the form and stays where it was', async () => {
    server.use(http.post(apiUrl('/login/cookie'), () => apiErrorResponse(401, 'Invalid credentials.')));
    const { store } = storeFor(createApiClient({ baseUrl: TEST_ORIGIN }));
    await store.restore();
    await expect(store.signIn('demo@example.test', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'new' });
  });

  it('signs out locally even when the server cannot be told', async () => {
    server.use(
      http.post(apiUrl('/login/cookie'), () => HttpResponse.json({ sessid: 's-3' })),
      http.post(apiUrl('/logout'), () => HttpResponse.error()),
    );
    const api = createApiClient({ baseUrl: TEST_ORIGIN });
    const { store, storage } = storeFor(api);
    await store.signIn('demo@example.test', 'demo');
    await store.signOut();
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(storage.map.size).toBe(0);
    expect(api.getAuth()).toBeNull();
  });
});
