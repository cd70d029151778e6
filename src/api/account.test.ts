import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import {
  accountInfoQuery,
  deleteClientSettings,
  getAccountSettings,
  getAliases,
  getClientSettings,
  getSignature,
  listSignatures,
  patchAccountSettings,
  setClientSettings,
  signatureQuery,
} from './account';
import { CLIENT_SETTINGS_MAX_BYTES } from './contract';

const server = startMswServer();
const requests = recordRequests(server);
const client = createTestClient();

describe('account reads', () => {
  it('reads aliases, signatures and settings from their documented paths with _h', async () => {
    requests.clear();
    server.use(
      http.get(apiUrl('/account/aliases'), () => HttpResponse.json({ items: [{ emailAddress: 'ana@example.test', type: 'mainAddress' }] })),
      http.get(apiUrl('/account/signatures'), () => HttpResponse.json({ items: [{ id: 's/1', name: 'Work', type: 'html' }] })),
      http.get(apiUrl('/account/signatures/:id'), ({ params }) => HttpResponse.json({ id: params.id, name: 'Work', type: 'html', body: '<p>Ana</p>' })),
      http.get(apiUrl('/account/settings'), () => HttpResponse.json({ timezone: 'Europe/Bucharest' })),
    );

    expect((await getAliases(client)).items[0]!.emailAddress).toBe('ana@example.test');
    expect((await listSignatures(client)).items).toHaveLength(1);
    // Ids are opaque: a slash in one must not change the path.
    expect(await getSignature(client, 's/1')).toMatchObject({ id: 's/1', body: '<p>Ana</p>' });
    expect(await getAccountSettings(client)).toMatchObject({ timezone: 'Europe/Bucharest' });

    expect(callsOf(requests)).toEqual(['GET /api/v1/account/aliases', 'GET /api/v1/account/signatures', 'GET /api/v1/account/signatures/s%2F1', 'GET /api/v1/account/settings']);
    expect(requests.every((r) => r.query._h === 'test-session')).toBe(true);
  });

  it('runs through react-query with the query options', async () => {
    server.use(http.get(apiUrl('/account/info'), () => HttpResponse.json({ accountName: 'ana', domainName: 'example.test', fullName: 'Ana Pop' })));
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await expect(queryClient.fetchQuery(accountInfoQuery(client))).resolves.toMatchObject({ fullName: 'Ana Pop' });
    expect(accountInfoQuery(client).queryKey).toEqual(['account', 'info']);
    expect(signatureQuery(client, '7').queryKey).toEqual(['account', 'signatures', '7']);
  });

  it('maps a missing signature to a 404 ApiError with the server message', async () => {
    server.use(http.get(apiUrl('/account/signatures/:id'), () => apiErrorResponse(404, 'No signature with this id.')));
    await expect(getSignature(client, 'gone')).rejects.toMatchObject({ kind: 'http', status: 404, code: 'NOT_FOUND', message: 'No signature with this id.' });
  });
});

describe('account writes', () => {
  it('patches settings with the nested receipts object', async () => {
    requests.clear();
    server.use(http.patch(apiUrl('/account/settings'), () => new HttpResponse(null, { status: 200 })));
    await patchAccountSettings(client, { receipts: { requestReadReceipts: true } });
    expect(requests[0]).toMatchObject({ method: 'PATCH', path: '/api/v1/account/settings', body: { receipts: { requestReadReceipts: true } } });
  });

  it('gets, sets and deletes the client settings string', async () => {
    requests.clear();
    let stored = '';
    server.use(
      http.get(apiUrl('/account/settings/client'), () => HttpResponse.json({ clientSettings: stored })),
      http.post(apiUrl('/account/settings/client'), async ({ request }) => {
        stored = ((await request.json()) as { clientSettings: string }).clientSettings;
        return new HttpResponse(null, { status: 200 });
      }),
      http.delete(apiUrl('/account/settings/client'), () => {
        stored = '';
        return new HttpResponse(null, { status: 200 });
      }),
    );
    expect(await getClientSettings(client)).toBe('');
    await setClientSettings(client, '{"signatureId":"s1"}');
    expect(await getClientSettings(client)).toBe('{"signatureId":"s1"}');
    await deleteClientSettings(client);
    expect(await getClientSettings(client)).toBe('');
    expect(requests[1]!.body).toEqual({ clientSettings: '{"signatureId":"s1"}' });
  });

  it('refuses client settings over 8192 UTF-8 bytes without calling the server', async () => {
    requests.clear();
    // 4097 two-byte characters = 8194 bytes although only 4097 characters long.
    await expect(setClientSettings(client, 'ă'.repeat(4097))).rejects.toThrow(`at most ${CLIENT_SETTINGS_MAX_BYTES}`);
    expect(requests).toHaveLength(0);
  });
});
