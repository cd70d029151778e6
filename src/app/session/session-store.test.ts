import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { getAccountInfo } from '../../api/account';
import { loginWithCookie, logout } from '../../api/session';
import { createApiClient, type ApiClient } from '../../api/transport';
import { apiErrorResponse, apiUrl, recordRequests, startMswServer, TEST_ORIGIN } from '../../testing/msw';
import { SessionStore, type SessionChannel, type SessionMessage } from './session-store';

const server = startMswServer();
const requests = recordRequests(server);

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

/** The tabs of one browser: what one posts, every other one hears (as BroadcastChannel does, not the sender). */
function tabsBus() {
  const listeners = new Set<{ owner: object; listener: (message: SessionMessage) => void }>();
  const channel = (): SessionChannel => {
    const owner = {};
    return {
      post: (message) => {
        for (const l of [...listeners]) if (l.owner !== owner) l.listener(structuredClone(message));
      },
      listen: (listener) => {
        const entry = { owner, listener };
        listeners.add(entry);
        return () => listeners.delete(entry);
      },
    };
  };
  return { channel };
}

function storeFor(api: ApiClient, storage = memoryStorage(), channel: SessionChannel | null = null) {
  const store = new SessionStore(
    api,
    {
      login: async (email, password) => (await loginWithCookie(api, { username: email, password })).sessid,
      logout: () => logout(api),
      check: async () => void (await getAccountInfo(api)),
    },
    storage,
    channel,
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

describe('the session shared by the tabs of one browser (one session cookie for all of them)', () => {
  const signedInTab = async (bus: ReturnType<typeof tabsBus>, sessid: string, email = 'demo@example.test') => {
    server.use(http.post(apiUrl('/login/cookie'), () => HttpResponse.json({ sessid })));
    const api = createApiClient({ baseUrl: TEST_ORIGIN });
    const tab = storeFor(api, memoryStorage(), bus.channel());
    await tab.store.signIn(email, 'demo');
    return { ...tab, api };
  };

  it('a new tab is signed in by an open one, with its session, without a login of its own', async () => {
    const bus = tabsBus();
    await signedInTab(bus, 's-open');
    const api = createApiClient({ baseUrl: TEST_ORIGIN });
    const fresh = storeFor(api, memoryStorage(), bus.channel());
    const logins = requests.length;
    await fresh.store.restore();
    expect(fresh.store.getSnapshot()).toEqual({ status: 'signed-in', email: 'demo@example.test' });
    expect(api.getAuth()).toEqual({ kind: 'cookie', sessid: 's-open' });
    // Kept in the tab, so a reload of it stays signed in on its own.
    expect(JSON.parse(fresh.storage.map.get('mailbox-compose.session')!)).toEqual({ sessid: 's-open', email: 'demo@example.test' });
    expect(requests.length).toBe(logins);
  });

  it('with no other tab open the new tab shows sign-in', async () => {
    const fresh = storeFor(createApiClient({ baseUrl: TEST_ORIGIN }), memoryStorage(), tabsBus().channel());
    await fresh.store.restore();
    expect(fresh.store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'new' });
  });

  it('a sign-in in one tab moves the others to the new session; an expired one resumes by itself', async () => {
    const bus = tabsBus();
    server.use(http.get(apiUrl('/account/info'), () => apiErrorResponse(401, 'Session expired.')));
    const first = await signedInTab(bus, 's-1');
    const second = await signedInTab(bus, 's-1');
    let resumed = 0;
    first.store.onResume(() => resumed++);
    await expect(getAccountInfo(first.api)).rejects.toMatchObject({ status: 401 });
    expect(first.store.getSnapshot().status).toBe('expired');

    server.use(http.post(apiUrl('/login/cookie'), () => HttpResponse.json({ sessid: 's-2' })));
    await second.store.signIn('demo@example.test', 'demo');
    expect(first.api.getAuth()).toEqual({ kind: 'cookie', sessid: 's-2' });
    expect(first.store.getSnapshot()).toEqual({ status: 'signed-in', email: 'demo@example.test' });
    expect(resumed).toBe(1);
  });

  it('another account signing in elsewhere does not take this tab over: its next 401 asks this tab’s user to sign in', async () => {
    const bus = tabsBus();
    const mine = await signedInTab(bus, 's-mine', 'demo@example.test');
    await signedInTab(bus, 's-other', 'bob@example.test');
    expect(mine.api.getAuth()).toEqual({ kind: 'cookie', sessid: 's-mine' });
    expect(mine.store.getSnapshot()).toEqual({ status: 'signed-in', email: 'demo@example.test' });
  });

  it('signing out in one tab signs every tab out', async () => {
    const bus = tabsBus();
    server.use(http.post(apiUrl('/logout'), () => HttpResponse.json({})));
    const first = await signedInTab(bus, 's-1');
    const second = await signedInTab(bus, 's-1');
    await first.store.signOut();
    expect(second.store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(second.api.getAuth()).toBeNull();
    expect(second.storage.map.size).toBe(0);
  });

  it('a tab still checking a restored session does not hand it on', async () => {
    const bus = tabsBus();
    const storage = memoryStorage();
    storage.setItem('mailbox-compose.session', JSON.stringify({ sessid: 'unchecked', email: 'demo@example.test' }));
    server.use(http.get(apiUrl('/account/info'), () => new Promise<Response>(() => {})));
    const restoring = storeFor(createApiClient({ baseUrl: TEST_ORIGIN }), storage, bus.channel());
    void restoring.store.restore();
    const fresh = storeFor(createApiClient({ baseUrl: TEST_ORIGIN }), memoryStorage(), bus.channel());
    await fresh.store.restore();
    expect(fresh.store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'new' });
  });
});
