import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '../clock';
import { configFromEnv } from '../config';
import { openDatabase } from '../db/database';
import { HttpError } from '../http/errors';
import {
  addAlias,
  createAccount,
  findAccountByAddress,
  findAccountByEmail,
  isOwnAddress,
  listAccountAddresses,
  listLocalDomains,
  passwordHashOf,
} from './accounts';
import { addContact, autocompleteContacts, collectRecipients } from './contacts';
import { findFolderByPublicId, findFolderByRole, formatFolderId, listFolderRows, parseFolderId } from './folders';
import { hashPassword, verifyPassword } from './passwords';
import { getSettings, isDatePattern, isIanaTimeZone, patchSettings } from './settings';

function setup() {
  const db = openDatabase(':memory:');
  const clock = new AdjustableClock({ now: () => Date.UTC(2026, 10, 24, 12) });
  const config = { ...configFromEnv({}), localDomains: ['example.test', 'other.test'] };
  return { db, clock, config, deps: { db, clock, config } };
}

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('Correct horse', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('accounts', () => {
  it('creates an account with its default folders, settings and aliases', async () => {
    const { db, deps } = setup();
    const account = await createAccount(deps, { email: ' Ana@Example.test ', password: 'secret-pass-1', fullName: 'Ana P', aliases: ['ana.p@other.test'] });
    expect(account).toMatchObject({ email: 'ana@example.test', localPart: 'ana', domain: 'example.test', fullName: 'Ana P', lastApiLoginAt: null });
    expect(passwordHashOf(db, account.id)).not.toContain('secret-pass-1');
    expect(listFolderRows(db, account.id).map((f) => [f.name, f.role, f.folderType])).toEqual([
      ['Inbox', 'inbox', 'mails'],
      ['Drafts', 'drafts', 'mails'],
      ['Sent', 'sent', 'mails'],
      ['Scheduled', 'scheduled', 'mails'],
      ['Trash', 'trash', 'mails'],
      ['Junk', 'junk', 'mails'],
      ['Contacts', '', 'contacts'],
      ['Collected Addresses', '', 'contacts'],
    ]);
    expect(listAccountAddresses(db, account.id)).toEqual([
      { emailAddress: 'ana@example.test', type: 'mainAddress' },
      { emailAddress: 'ana.p@other.test', type: 'accountAlias' },
    ]);
    expect(getSettings(db, account.id).timezone).toBe('UTC');
  });

  it('finds accounts by main address or alias, case-insensitively', async () => {
    const { db, deps, config } = setup();
    const ana = await createAccount(deps, { email: 'ana@example.test', password: 'pw' });
    addAlias(db, config, ana.id, 'Sales@Example.test');
    expect(findAccountByAddress(db, 'ANA@example.test')?.id).toBe(ana.id);
    expect(findAccountByAddress(db, 'sales@example.test')?.id).toBe(ana.id);
    expect(findAccountByEmail(db, 'sales@example.test')).toBeUndefined();
    expect(findAccountByAddress(db, 'nobody@example.test')).toBeUndefined();
    expect(isOwnAddress(db, ana.id, 'SALES@example.test')).toBe(true);
    expect(listLocalDomains(config)).toEqual(['example.test', 'other.test']);
  });

  it('refuses taken, malformed and foreign-domain addresses, naming the field', async () => {
    const { deps } = setup();
    await createAccount(deps, { email: 'ana@example.test', password: 'pw', aliases: ['team@example.test'] });
    const fieldOf = (p: Promise<unknown>) => p.then(() => 'created', (e: HttpError) => `${e.status} ${e.field}: ${e.message}`);
    expect(await fieldOf(createAccount(deps, { email: 'ANA@example.test', password: 'pw' }))).toMatch(/^400 email: .*already in use/);
    expect(await fieldOf(createAccount(deps, { email: 'team@example.test', password: 'pw' }))).toMatch(/^400 email/);
    expect(await fieldOf(createAccount(deps, { email: 'bob@elsewhere.test', password: 'pw' }))).toMatch(/^400 email: .*not on a domain/);
    expect(await fieldOf(createAccount(deps, { email: 'not an address', password: 'pw' }))).toMatch(/^400 email: .*not a valid address/);
    expect(await fieldOf(createAccount(deps, { email: 'bob@example.test', password: '' }))).toMatch(/^400 password/);
    expect(await fieldOf(createAccount(deps, { email: 'bob@example.test', password: 'pw', aliases: ['team@example.test'] }))).toMatch(/^400 aliases/);
  });
});

describe('folders', () => {
  it('uses <owner>_<folder> ids and hides other accounts’ folders', async () => {
    const { db, deps } = setup();
    const ana = await createAccount(deps, { email: 'ana@example.test', password: 'pw' });
    const bob = await createAccount(deps, { email: 'bob@example.test', password: 'pw' });
    const inbox = findFolderByRole(db, ana.id, 'inbox')!;
    const publicId = formatFolderId(ana.id, inbox.id);
    expect(parseFolderId(publicId)).toEqual({ accountId: ana.id, folderRowId: inbox.id });
    expect(findFolderByPublicId(db, ana.id, publicId)?.role).toBe('inbox');
    expect(findFolderByPublicId(db, bob.id, publicId)).toBeUndefined();
    expect(findFolderByPublicId(db, bob.id, formatFolderId(bob.id, inbox.id))).toBeUndefined();
    expect(parseFolderId('1_0')).toBeUndefined();
    expect(parseFolderId('abc')).toBeUndefined();
  });
});

describe('settings', () => {
  it('stores patches over the defaults, merging receipts', async () => {
    const { db, deps } = setup();
    const ana = await createAccount(deps, { email: 'ana@example.test', password: 'pw' });
    patchSettings(db, ana.id, { timezone: 'Europe/Bucharest', receipts: { requestReadReceipts: true } });
    patchSettings(db, ana.id, { receipts: { sendReadReceipts: 'never' } });
    const settings = getSettings(db, ana.id);
    expect(settings.timezone).toBe('Europe/Bucharest');
    expect(settings.receipts).toEqual({ sendReadReceipts: 'never', requestReadReceipts: true, requestDeliveryReceipts: false });
    expect(settings.language).toBe('en');
  });

  it('knows IANA zone names and Axigen-style date patterns', () => {
    expect(isIanaTimeZone('Europe/Bucharest')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus')).toBe(false);
    expect(isIanaTimeZone('+02:00')).toBe(false);
    expect(isDatePattern('DD.MM.YYYY')).toBe(true);
    expect(isDatePattern('dddd, MMMM D, YYYY')).toBe(true);
    expect(isDatePattern('YYYY-MM-DD')).toBe(true);
    expect(isDatePattern('DD.MM')).toBe(false);
    expect(isDatePattern('DD.MM.YYYY hh')).toBe(false);
    expect(isDatePattern('DDD/MM/YYYY')).toBe(false);
  });
});

describe('contacts', () => {
  it('collects recipients once, skipping own addresses and address-book entries', async () => {
    const { db, clock, deps } = setup();
    const ana = await createAccount(deps, { email: 'ana@example.test', password: 'pw', aliases: ['ana2@example.test'] });
    addContact(db, ana.id, { firstName: 'Bogdan', lastName: 'Ionescu', email: 'bogdan@example.test' });
    const added = collectRecipients(db, clock, ana.id, [
      { name: 'Zoe Stan', address: 'zoe@far.test' },
      { name: '', address: 'ZOE@far.test' },
      { name: 'Me', address: 'ana2@example.test' },
      { name: 'Bogdan', address: 'Bogdan@example.test' },
    ]);
    expect(added).toBe(1);
    expect(collectRecipients(db, clock, ana.id, [{ name: 'Other Name', address: 'zoe@far.test' }])).toBe(0);
    const all = autocompleteContacts(db, ana.id, '', 10);
    expect(all.items.map((c) => [c.name, c.email])).toEqual([
      ['Zoe Stan', 'zoe@far.test'],
      ['Bogdan Ionescu', 'bogdan@example.test'],
    ]);
  });

  it('does not collect when autoAddRecipients is off', async () => {
    const { db, clock, deps } = setup();
    const ana = await createAccount(deps, { email: 'ana@example.test', password: 'pw' });
    patchSettings(db, ana.id, { autoAddRecipients: false });
    expect(collectRecipients(db, clock, ana.id, [{ name: 'Zoe', address: 'zoe@far.test' }])).toBe(0);
    expect(autocompleteContacts(db, ana.id, 'zoe', 10).totalItems).toBe(0);
  });

  it('matches name and address prefixes and word starts, case-insensitively', async () => {
    const { db, deps } = setup();
    const ana = await createAccount(deps, { email: 'ana@example.test', password: 'pw' });
    addContact(db, ana.id, { firstName: 'Maria', lastName: 'Popescu', email: 'maria.popescu@corp.test' });
    addContact(db, ana.id, { firstName: 'Mihai', lastName: 'Marin', nickName: 'Mike', email: 'mm@corp.test' });
    addContact(db, ana.id, { displayName: 'Support Desk', email: 'help@vendor.test' });
    const names = (q: string) => autocompleteContacts(db, ana.id, q, 10).items.map((c) => c.name);
    expect(names('MAR')).toEqual(['Maria Popescu', 'Mihai Marin']);
    expect(names('pop')).toEqual(['Maria Popescu']);
    expect(names('mike')).toEqual(['Mihai Marin']);
    expect(names('vendor')).toEqual(['Support Desk']);
    expect(names('desk')).toEqual(['Support Desk']);
    expect(names('maria pop')).toEqual(['Maria Popescu']);
    expect(names('escu')).toEqual([]);
    const first = autocompleteContacts(db, ana.id, 'm', 1);
    expect(first.totalItems).toBe(2);
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ firstName: 'Maria', lastName: 'Popescu', reversedName: 'Popescu, Maria', isDistributionList: false });
  });
});
