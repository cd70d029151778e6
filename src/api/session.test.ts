import { describe, expect, it } from 'vitest';
import { apiErrorResponse, apiUrl, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import { basicAuthorization, loginWithCookie, loginWithHeader, logout } from './session';
import { ApiError } from './transport';

const server = startMswServer();
const requests = recordRequests(server);

describe('cookie login', () => {
  it('posts the credentials and switches the client to cookie auth with _h on later calls', async () => {
    requests.clear();
    const client = createTestClient(null);
    server.use(
      http.post(apiUrl('/login/cookie'), () => HttpResponse.json({ sessid: 'S1' })),
      http.get(apiUrl('/account/info'), () => HttpResponse.json({})),
    );

    await expect(loginWithCookie(client, { username: 'ana@example.test', password: 'pw' })).resolves.toEqual({ sessid: 'S1' });
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/login/cookie', body: { username: 'ana@example.test', password: 'pw' } });
    expect(client.getAuth()).toEqual({ kind: 'cookie', sessid: 'S1' });
    expect(client.withCredentials).toBe(true);

    await client.request('GET', '/account/info');
    expect(requests[1]).toMatchObject({ path: '/api/v1/account/info', query: { _h: 'S1' } });
    expect(requests[1]!.headers.authorization).toBeUndefined();
  });

  it('fails with a 401 ApiError and leaves the client signed out on bad credentials', async () => {
    const client = createTestClient(null);
    server.use(http.post(apiUrl('/login/cookie'), () => apiErrorResponse(401, 'Wrong email or password.')));
    const error = await loginWithCookie(client, { username: 'a@b.test', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 401, message: 'Wrong email or password.' });
    expect(client.getAuth()).toBeNull();
  });
});

describe('header login', () => {
  it('sends Basic base64(user:password) and then repeats it with X-Axigen-Session', async () => {
    requests.clear();
    const client = createTestClient(null);
    server.use(
      http.post(apiUrl('/login'), () => HttpResponse.json({ sessid: 'H1' })),
      http.get(apiUrl('/folders'), () => HttpResponse.json({ syncToken: '', items: [] })),
    );

    await loginWithHeader(client, 'ana@example.test', 'secret');
    const expected = `Basic ${btoa('ana@example.test:secret')}`;
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/login', body: undefined });
    expect(requests[0]!.headers.authorization).toBe(expected);
    expect(client.getAuth()).toEqual({ kind: 'header', sessid: 'H1', authorization: expected });

    await client.request('GET', '/folders');
    expect(requests[1]!.headers.authorization).toBe(expected);
    expect(requests[1]!.headers['x-axigen-session']).toBe('H1');
    expect(requests[1]!.query._h).toBeUndefined();
  });

  it('encodes non-Latin-1 passwords as UTF-8 before base64', () => {
    // "ș" is U+0219, two bytes in UTF-8 (C8 99); btoa alone would throw on it.
    expect(basicAuthorization('ion@x.test', 'parolă-ș')).toBe(`Basic ${Buffer.from('ion@x.test:parolă-ș', 'utf8').toString('base64')}`);
  });
});

describe('logout', () => {
  it('posts /logout and forgets the session', async () => {
    requests.clear();
    const client = createTestClient({ kind: 'cookie', sessid: 'S9' });
    server.use(http.post(apiUrl('/logout'), () => new HttpResponse(null, { status: 200 })));
    await logout(client);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/logout', query: { _h: 'S9' } });
    expect(client.getAuth()).toBeNull();
  });

  it('treats an already-expired session as signed out', async () => {
    const client = createTestClient({ kind: 'cookie', sessid: 'S9' });
    server.use(http.post(apiUrl('/logout'), () => apiErrorResponse(401, 'Not signed in.')));
    await expect(logout(client)).resolves.toBeUndefined();
    expect(client.getAuth()).toBeNull();
  });

  it('still forgets the session locally when the server cannot be reached, but reports it', async () => {
    const client = createTestClient({ kind: 'cookie', sessid: 'S9' });
    server.use(http.post(apiUrl('/logout'), () => HttpResponse.error()));
    await expect(logout(client)).rejects.toMatchObject({ kind: 'network' });
    expect(client.getAuth()).toBeNull();
  });
});
