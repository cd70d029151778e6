import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, ContactAutocompleteResponse, FolderInstance, FolderList } from '../../src/api/contract';
import { addContact, collectRecipients } from '../accounts/contacts';
import { findFolderByRole, formatFolderId } from '../accounts/folders';
import type { Db } from '../db/database';
import { createTestApp } from '../testing/test-app';
import { cookieLogin, createTestAccount, headerLogin } from '../testing/sign-in';

async function setup() {
  const t = createTestApp();
  const ana = await createTestAccount(t, 'ana@example.test', { fullName: 'Ana Popescu' });
  const bob = await createTestAccount(t, 'bob@example.test');
  const session = await headerLogin(t.app, 'ana@example.test');
  const call = (path: string) => t.app.request(`/api/v1${path}`, { headers: session.headers });
  return { ...t, ana, bob, call };
}

const errorOf = async (res: Response) => ((await res.json()) as ApiErrorBody).error;

let nextMail = 1;
/** A stand-in row in the mail store (owned by the mail side), enough for counts. */
function putMail(db: Db, accountId: number, folderRowId: number, size: number, unread: boolean) {
  db.prepare('INSERT INTO mails (id, account_id, folder_id, raw, size, internal_date, is_unread) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    `test-${nextMail++}`,
    accountId,
    folderRowId,
    Buffer.from('Subject: x\r\n\r\nx'),
    size,
    0,
    unread ? 1 : 0,
  );
}

describe('GET /folders', () => {
  it('lists the special folders with roles, the Scheduled extension and the contact folders', async () => {
    const { call, ana } = await setup();
    const res = await call('/folders');
    expect(res.status).toBe(200);
    const list = (await res.json()) as FolderList;
    expect(list.syncToken).toEqual(expect.any(String));
    expect(list.items.map((f) => [f.name, f.role, f.folderType])).toEqual([
      ['Inbox', 'inbox', 'mails'],
      ['Drafts', 'drafts', 'mails'],
      ['Sent', 'sent', 'mails'],
      ['Scheduled', 'scheduled', 'mails'],
      ['Trash', 'trash', 'mails'],
      ['Junk', 'junk', 'mails'],
      ['Contacts', '', 'contacts'],
      ['Collected Addresses', '', 'contacts'],
    ]);
    const inbox = list.items[0]!;
    expect(inbox).toEqual<FolderInstance>({
      id: expect.stringMatching(new RegExp(`^${ana.id}_\\d+$`)) as string,
      name: 'Inbox',
      parentId: `${ana.id}_0`,
      role: 'inbox',
      ownerUsername: 'ana@example.test',
      ownerFullname: 'Ana Popescu',
      folderSize: 0,
      folderType: 'mails',
      accessMode: 'local',
      totalItems: 0,
      unreadItems: 0,
      permissions: ['l', 'r', 's', 'w', 'i', 'k', 't', 'e'],
    });
  });

  it('also answers at the documented path with a trailing slash', async () => {
    const { call } = await setup();
    const res = await call('/folders/');
    expect(res.status).toBe(200);
    expect(((await res.json()) as FolderList).items).toHaveLength(8);
  });

  it('counts mail live: total, unread and size per folder, and changes the sync token', async () => {
    const { call, db, ana, bob } = await setup();
    const before = ((await (await call('/folders')).json()) as FolderList).syncToken;
    const inbox = findFolderByRole(db, ana.id, 'inbox')!;
    putMail(db, ana.id, inbox.id, 1000, true);
    putMail(db, ana.id, inbox.id, 500, false);
    putMail(db, bob.id, findFolderByRole(db, bob.id, 'inbox')!.id, 99, true);
    addContact(db, ana.id, { displayName: 'Zed', email: 'zed@x.test' });
    const list = (await (await call('/folders')).json()) as FolderList;
    expect(list.items.find((f) => f.role === 'inbox')).toMatchObject({ totalItems: 2, unreadItems: 1, folderSize: 1500 });
    expect(list.items.find((f) => f.name === 'Contacts')).toMatchObject({ totalItems: 1, unreadItems: 0 });
    expect(list.syncToken).not.toBe(before);
  });

  it('filters by type and access mode, and can answer only the sync token', async () => {
    const { call } = await setup();
    const mails = (await (await call('/folders?type=mails')).json()) as FolderList;
    expect(mails.items.every((f) => f.folderType === 'mails')).toBe(true);
    expect(mails.items).toHaveLength(6);
    expect(((await (await call('/folders?type=contacts')).json()) as FolderList).items).toHaveLength(2);
    expect(((await (await call('/folders?type=events')).json()) as FolderList).items).toHaveLength(0);
    expect(((await (await call('/folders?accessMode=shared')).json()) as FolderList).items).toHaveLength(0);
    expect(((await (await call('/folders?accessMode=local')).json()) as FolderList).items).toHaveLength(8);
    const tokenOnly = (await (await call('/folders?syncTokenOnly=true')).json()) as FolderList;
    expect(tokenOnly.items).toEqual([]);
    expect(tokenOnly.syncToken).toBe(mails.syncToken);
  });

  it('refuses bad query parameters, naming them', async () => {
    const { call } = await setup();
    for (const [qs, field] of [
      ['type=mail', 'type'],
      ['accessMode=everyone', 'accessMode'],
      ['syncTokenOnly=maybe', 'syncTokenOnly'],
      ['parentId=1', 'parentId'],
    ]) {
      const res = await call(`/folders?${qs}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
  });

  it('needs a session (header or cookie with _h)', async () => {
    const { app } = await setup();
    expect((await app.request('/api/v1/folders')).status).toBe(401);
    const bob = await cookieLogin(app, 'bob@example.test');
    expect((await app.request('/api/v1/folders', { headers: bob.headers })).status).toBe(401);
    expect((await app.request(bob.url('/api/v1/folders'), { headers: bob.headers })).status).toBe(200);
  });
});

describe('GET /folders/{id} (extension)', () => {
  it('answers one folder with its counts', async () => {
    const { call, db, ana } = await setup();
    const drafts = findFolderByRole(db, ana.id, 'drafts')!;
    putMail(db, ana.id, drafts.id, 10, false);
    const res = await call(`/folders/${formatFolderId(ana.id, drafts.id)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Drafts', role: 'drafts', totalItems: 1, unreadItems: 0, folderSize: 10 });
  });

  it('answers 404 for another user’s folder, unknown ids and the root container', async () => {
    const { call, db, ana, bob } = await setup();
    const bobsInbox = formatFolderId(bob.id, findFolderByRole(db, bob.id, 'inbox')!.id);
    const res = await call(`/folders/${bobsInbox}`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NOT_FOUND');
    expect((await call(`/folders/${ana.id}_99999`)).status).toBe(404);
    expect((await call(`/folders/${ana.id}_0`)).status).toBe(404);
    expect((await call('/folders/inbox')).status).toBe(404);
  });
});

describe('GET /contacts/autocomplete', () => {
  async function withContacts() {
    const t = await setup();
    addContact(t.db, t.ana.id, { firstName: 'Maria', lastName: 'Popescu', email: 'maria.popescu@corp.test' });
    addContact(t.db, t.ana.id, { firstName: 'Mihai', lastName: 'Marin', email: 'mihai@corp.test' });
    collectRecipients(t.db, t.clock, t.ana.id, [{ name: 'Marcel Dobre', address: 'marcel@far.test' }]);
    addContact(t.db, t.bob.id, { firstName: 'Marius', lastName: 'Bob’s friend', email: 'marius@bob.test' });
    return t;
  }

  it('matches the address book and collected recipients, with ContactInstance fields', async () => {
    const { call, ana } = await withContacts();
    const res = await call('/contacts/autocomplete?query=MAR');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ContactAutocompleteResponse;
    expect(body.totalItems).toBe(3);
    expect(body.items.map((c) => c.email)).toEqual(['marcel@far.test', 'maria.popescu@corp.test', 'mihai@corp.test']);
    expect(body.items[1]).toEqual({
      id: expect.stringMatching(new RegExp(`^${ana.id}_\\d+$`)) as string,
      folderId: expect.stringMatching(new RegExp(`^${ana.id}_\\d+$`)) as string,
      isDistributionList: false,
      name: 'Maria Popescu',
      email: 'maria.popescu@corp.test',
      firstName: 'Maria',
      lastName: 'Popescu',
      nickName: '',
      reversedName: 'Popescu, Maria',
    });
  });

  it('honours limit (default 10) while totalItems counts every match', async () => {
    const { call, db, ana } = await setup();
    for (let i = 0; i < 12; i++) addContact(db, ana.id, { displayName: `Tester ${i}`, email: `t${i}@x.test` });
    const byDefault = (await (await call('/contacts/autocomplete?query=tester')).json()) as ContactAutocompleteResponse;
    expect(byDefault.items).toHaveLength(10);
    expect(byDefault.totalItems).toBe(12);
    const two = (await (await call('/contacts/autocomplete?query=tester&limit=2')).json()) as ContactAutocompleteResponse;
    expect(two.items).toHaveLength(2);
  });

  it('never shows another user’s contacts', async () => {
    const { call } = await withContacts();
    const body = (await (await call('/contacts/autocomplete?query=marius')).json()) as ContactAutocompleteResponse;
    expect(body).toEqual({ totalItems: 0, items: [] });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=5&limit=6', 'limit'],
    ['q=ana', 'q'],
  ])('refuses %s with 400 naming %s', async (qs, field) => {
    const { call } = await setup();
    const res = await call(`/contacts/autocomplete?${qs}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe(field);
  });

  it('needs a session', async () => {
    const { app } = await setup();
    expect((await app.request('/api/v1/contacts/autocomplete?query=a')).status).toBe(401);
  });
});
