import { describe, expect, it } from 'vitest';
import type { AccountInfo, AccountSettings, AliasList, ApiErrorBody, ClientSettings, Signature, SignatureList } from '../../src/api/contract';
import { addAlias } from '../accounts/accounts';
import { DEFAULT_SETTINGS } from '../accounts/settings';
import { addSignature } from '../accounts/signatures';
import { createTestApp } from '../testing/test-app';
import { cookieLogin, createTestAccount, headerLogin } from '../testing/sign-in';

async function setup() {
  const t = createTestApp();
  const ana = await createTestAccount(t, 'ana@example.test', { fullName: 'Ana Popescu' });
  const bob = await createTestAccount(t, 'bob@example.test', { fullName: 'Bob Stone' });
  const anaSession = await headerLogin(t.app, 'ana@example.test');
  const call = (path: string, init: RequestInit = {}) =>
    t.app.request(`/api/v1${path}`, { ...init, headers: { ...anaSession.headers, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  return { ...t, ana, bob, call };
}

const errorOf = async (res: Response) => ((await res.json()) as ApiErrorBody).error;

describe('GET /account/info', () => {
  it('answers every documented field', async () => {
    const { call, ana } = await setup();
    const res = await call('/account/info');
    expect(res.status).toBe(200);
    const info = (await res.json()) as AccountInfo & Record<string, unknown>;
    expect(info).toMatchObject({
      accountName: 'ana',
      domainName: 'example.test',
      fullName: 'Ana Popescu',
      folderContainerId: `${ana.id}_0`,
      accountClass: 'default',
      totalMessageCount: 100_000,
      usedMessageCount: 0,
      remainingMessageCount: 100_000,
      totalQuota: 1024 * 1024,
      usedQuota: 0,
      remainingQuota: 1024 * 1024,
      overQuotaThreshold: 90,
      isFirstApiLogin: true,
      allowConversationView: false,
      twoFactorAuthConfigured: false,
      autopurge: { spam: false, trash: false, interval: 0 },
    });
    expect(info.restrictions).toMatchObject({ passwordPolicy: { mustChangePassword: false }, securityPolicy: { twoFactorAuthPolicy: { status: 'disabled' } } });
  });

  it('says isFirstApiLogin only for the first session of the account', async () => {
    const { app, call } = await setup();
    const second = await headerLogin(app, 'ana@example.test');
    const later = await app.request('/api/v1/account/info', { headers: second.headers });
    expect(((await later.json()) as AccountInfo).isFirstApiLogin).toBe(false);
    expect(((await (await call('/account/info')).json()) as AccountInfo).isFirstApiLogin).toBe(true);
  });

  it('needs a session and refuses unknown query parameters', async () => {
    const { app, call } = await setup();
    expect((await app.request('/api/v1/account/info')).status).toBe(401);
    const res = await call('/account/info?verbose=1');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe('verbose');
  });

  it('works with a cookie session too', async () => {
    const { app } = await setup();
    const bob = await cookieLogin(app, 'bob@example.test');
    const res = await app.request(bob.url('/api/v1/account/info'), { headers: bob.headers });
    expect(((await res.json()) as AccountInfo).accountName).toBe('bob');
  });
});

describe('GET /account/aliases', () => {
  it('lists the main address first, then the aliases', async () => {
    const { call, db, config, ana } = await setup();
    addAlias(db, config, ana.id, 'sales@example.test');
    const body = (await (await call('/account/aliases')).json()) as AliasList;
    expect(body).toEqual({
      items: [
        { emailAddress: 'ana@example.test', type: 'mainAddress' },
        { emailAddress: 'sales@example.test', type: 'accountAlias' },
      ],
    });
  });
});

describe('signatures', () => {
  it('lists signatures without bodies and answers one with its body', async () => {
    const { call, db, ana } = await setup();
    const workId = addSignature(db, ana.id, { name: 'Work', type: 'html', body: '<p>Regards</p>' });
    addSignature(db, ana.id, { name: 'Short', type: 'text', body: '-- \nAna' });
    const list = (await (await call('/account/signatures')).json()) as SignatureList;
    expect(list.items).toEqual([
      { id: workId, name: 'Work', type: 'html' },
      { id: expect.any(String), name: 'Short', type: 'text' },
    ]);
    const one = (await (await call(`/account/signatures/${workId}`)).json()) as Signature;
    expect(one).toEqual({ id: workId, name: 'Work', type: 'html', body: '<p>Regards</p>' });
  });

  it('answers 404 for unknown ids and for another user’s signature', async () => {
    const { call, db, bob } = await setup();
    const bobs = addSignature(db, bob.id, { name: 'Bob', type: 'text', body: 'Bob' });
    expect((await call(`/account/signatures/${bobs}`)).status).toBe(404);
    expect((await call('/account/signatures/999_1')).status).toBe(404);
    expect((await call('/account/signatures/nonsense')).status).toBe(404);
  });
});

describe('settings', () => {
  it('answers the defaults, then what PATCH changed (empty 200), merging nested receipts', async () => {
    const { call } = await setup();
    expect(await (await call('/account/settings')).json()).toEqual(DEFAULT_SETTINGS);
    const patch = await call('/account/settings', {
      method: 'PATCH',
      body: JSON.stringify({ timezone: 'Europe/Bucharest', weekStartDay: 1, timeFormat: 'hh:mm', receipts: { requestReadReceipts: true } }),
    });
    expect(patch.status).toBe(200);
    expect(await patch.text()).toBe('');
    const settings = (await (await call('/account/settings')).json()) as AccountSettings;
    expect(settings).toMatchObject({ timezone: 'Europe/Bucharest', weekStartDay: 1, timeFormat: 'hh:mm', language: 'en' });
    expect(settings.receipts).toEqual({ sendReadReceipts: 'ask', requestReadReceipts: true, requestDeliveryReceipts: false });
  });

  it('accepts the documentation’s spellings: weekStartDays and dotted receipts names', async () => {
    const { call } = await setup();
    const res = await call('/account/settings', { method: 'PATCH', body: JSON.stringify({ weekStartDays: 6, 'receipts.sendReadReceipts': 'never' }) });
    expect(res.status).toBe(200);
    const settings = (await (await call('/account/settings')).json()) as AccountSettings;
    expect(settings.weekStartDay).toBe(6);
    expect(settings.receipts.sendReadReceipts).toBe('never');
  });

  it.each([
    [{ colour: 'red' }, 'colour', /Unknown field/],
    [{ timezone: 'Mars/Olympus' }, 'timezone', /IANA time zone/],
    [{ timezone: '+02:00' }, 'timezone', /IANA/],
    [{ timezone: 3 }, 'timezone', /string/],
    [{ weekStartDay: 7 }, 'weekStartDay', /at most 6/],
    [{ weekStartDay: -1 }, 'weekStartDay', /at least 0/],
    [{ weekStartDay: 1.5 }, 'weekStartDay', /whole number/],
    [{ language: 'xx' }, 'language', /one of/],
    [{ timeFormat: 'HH:mm' }, 'timeFormat', /one of/],
    [{ dateFormat: 'DD/MM' }, 'dateFormat', /day, a month and a year/],
    [{ receipts: { sendReadReceipts: 'sometimes' } }, 'receipts.sendReadReceipts', /one of "ask", "always", "never"/],
    [{ receipts: { requestReadReceipts: 'yes' } }, 'receipts.requestReadReceipts', /true or false/],
    [{ receipts: { other: true } }, 'receipts.other', /Unknown field/],
    [{ receipts: true }, 'receipts', /object/],
    [{ autoAddRecipients: null }, 'autoAddRecipients', /null/],
    [{ weekStartDay: 1, weekStartDays: 2 }, 'weekStartDays', /not both/],
    [{ startWorkingTime: '9:00' }, 'startWorkingTime', /hh:mm:ss/],
  ])('refuses %j with 400 naming %s, changing nothing', async (body, field, message) => {
    const { call } = await setup();
    const res = await call('/account/settings', { method: 'PATCH', body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(await (await call('/account/settings')).json()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses a body that is not a JSON object', async () => {
    const { call } = await setup();
    expect((await call('/account/settings', { method: 'PATCH', body: '[]' })).status).toBe(400);
    expect((await call('/account/settings', { method: 'PATCH', body: 'timezone=UTC' })).status).toBe(400);
  });

  it('keeps each user’s settings apart', async () => {
    const { call, app } = await setup();
    await call('/account/settings', { method: 'PATCH', body: JSON.stringify({ language: 'ro' }) });
    const bob = await headerLogin(app, 'bob@example.test');
    const bobs = (await (await app.request('/api/v1/account/settings', { headers: bob.headers })).json()) as AccountSettings;
    expect(bobs.language).toBe('en');
  });
});

describe('client settings', () => {
  it('stores a string, answers it, and DELETE resets it to ""', async () => {
    const { call } = await setup();
    expect(await (await call('/account/settings/client')).json()).toEqual({ clientSettings: '' });
    const value = JSON.stringify({ composeFormat: 'html', signatureId: '1_2' });
    const post = await call('/account/settings/client', { method: 'POST', body: JSON.stringify({ clientSettings: value }) });
    expect(post.status).toBe(200);
    expect(await post.text()).toBe('');
    expect(((await (await call('/account/settings/client')).json()) as ClientSettings).clientSettings).toBe(value);
    const del = await call('/account/settings/client', { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await (await call('/account/settings/client')).json()).toEqual({ clientSettings: '' });
  });

  it('takes exactly 8192 bytes and refuses more, counting UTF-8 bytes', async () => {
    const { call } = await setup();
    const ok = await call('/account/settings/client', { method: 'POST', body: JSON.stringify({ clientSettings: 'a'.repeat(8192) }) });
    expect(ok.status).toBe(200);
    const tooBig = await call('/account/settings/client', { method: 'POST', body: JSON.stringify({ clientSettings: 'ă'.repeat(4097) }) });
    expect(tooBig.status).toBe(400);
    const error = await errorOf(tooBig);
    expect(error.field).toBe('clientSettings');
    expect(error.message).toMatch(/8192 bytes/);
    expect(((await (await call('/account/settings/client')).json()) as ClientSettings).clientSettings).toBe('a'.repeat(8192));
  });

  it('refuses wrong types and unknown fields', async () => {
    const { call } = await setup();
    const wrongType = await call('/account/settings/client', { method: 'POST', body: JSON.stringify({ clientSettings: { a: 1 } }) });
    expect((await errorOf(wrongType)).field).toBe('clientSettings');
    const unknown = await call('/account/settings/client', { method: 'POST', body: JSON.stringify({ clientSettings: '', uiSettings: '' }) });
    expect((await errorOf(unknown)).field).toBe('uiSettings');
    const missing = await call('/account/settings/client', { method: 'POST', body: '{}' });
    expect((await errorOf(missing)).field).toBe('clientSettings');
  });
});
