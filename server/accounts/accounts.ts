import type { AliasType } from '../../src/api/contract';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import { badRequest } from '../http/errors';
import { createDefaultFolders } from './folders';
import { hashPassword } from './passwords';

/** An account as the rest of the server sees it (never its password hash). */
export interface Account {
  id: number;
  /** Main address, lower case. */
  email: string;
  /** The part before @ (Axigen's `accountName`). */
  localPart: string;
  /** The part after @ (Axigen's `domainName`). */
  domain: string;
  fullName: string;
  quotaKb: number;
  messageLimit: number;
  createdAt: number;
  lastApiLoginAt: number | null;
}

export interface NewAccount {
  email: string;
  password: string;
  fullName?: string;
  /** Extra addresses the account receives mail on (any of the local domains). */
  aliases?: string[];
}

/** Default storage quota (1 GB, in KB as Axigen reports it) and message-count limit of new accounts. */
export const DEFAULT_QUOTA_KB = 1024 * 1024;
export const DEFAULT_MESSAGE_LIMIT = 100_000;

interface AccountRow {
  id: number;
  email: string;
  full_name: string;
  quota_kb: number;
  message_limit: number;
  created_at: number;
  last_api_login_at: number | null;
}

function toAccount(row: AccountRow): Account {
  const at = row.email.lastIndexOf('@');
  return {
    id: row.id,
    email: row.email,
    localPart: row.email.slice(0, at),
    domain: row.email.slice(at + 1),
    fullName: row.full_name,
    quotaKb: row.quota_kb,
    messageLimit: row.message_limit,
    createdAt: row.created_at,
    lastApiLoginAt: row.last_api_login_at,
  };
}

const ACCOUNT_COLUMNS = 'id, email, full_name, quota_kb, message_limit, created_at, last_api_login_at';

/** Domains whose mailboxes live on this server (mail to them is delivered locally). */
export function listLocalDomains(config: Pick<ServerConfig, 'localDomains'>): string[] {
  return [...config.localDomains];
}

export function isLocalDomain(config: Pick<ServerConfig, 'localDomains'>, domain: string): boolean {
  return config.localDomains.includes(domain.toLowerCase());
}

/** A plain `local@domain` address (no display name), the form accounts and aliases are made of. */
const PLAIN_ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** Lower-cases and checks an address used for an account or alias; throws a 400 naming `field`. */
export function normalizeLocalAddress(config: Pick<ServerConfig, 'localDomains'>, address: string, field: string): string {
  const email = address.trim().toLowerCase();
  if (!PLAIN_ADDRESS.test(email) || email.length > 254) throw badRequest(`"${address}" is not a valid address (user@domain).`, field);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!isLocalDomain(config, domain)) {
    throw badRequest(`"${email}" is not on a domain of this server (${config.localDomains.join(', ')}).`, field);
  }
  return email;
}

export function getAccount(db: Db, accountId: number): Account | undefined {
  const row = db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`).get(accountId) as AccountRow | undefined;
  return row && toAccount(row);
}

/** Like getAccount for ids that must exist (e.g. from a live session). */
export function requireAccount(db: Db, accountId: number): Account {
  const account = getAccount(db, accountId);
  if (!account) throw new Error(`Account ${accountId} does not exist`);
  return account;
}

/** The account whose main address is `email` (case-insensitive); aliases are not considered. */
export function findAccountByEmail(db: Db, email: string): Account | undefined {
  const row = db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email = ?`).get(email.trim().toLowerCase()) as AccountRow | undefined;
  return row && toAccount(row);
}

/** The account that receives mail sent to `address`: its main address or one of its aliases (case-insensitive). */
export function findAccountByAddress(db: Db, address: string): Account | undefined {
  const email = address.trim().toLowerCase();
  const row = db
    .prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email = @email
       UNION SELECT ${ACCOUNT_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}
             FROM aliases JOIN accounts a ON a.id = aliases.account_id WHERE aliases.address = @email
       LIMIT 1`,
    )
    .get({ email }) as AccountRow | undefined;
  return row && toAccount(row);
}

export interface AccountAddress {
  emailAddress: string;
  type: AliasType;
}

/** Every address the account receives on, main address first (Axigen's `/account/aliases`). */
export function listAccountAddresses(db: Db, accountId: number): AccountAddress[] {
  const account = requireAccount(db, accountId);
  const aliases = db.prepare('SELECT address, type FROM aliases WHERE account_id = ? ORDER BY address').all(accountId) as {
    address: string;
    type: AliasType;
  }[];
  return [{ emailAddress: account.email, type: 'mainAddress' }, ...aliases.map((a) => ({ emailAddress: a.address, type: a.type }))];
}

/** True when `address` is the account's main address or one of its aliases (case-insensitive). */
export function isOwnAddress(db: Db, accountId: number, address: string): boolean {
  return findAccountByAddress(db, address)?.id === accountId;
}

function assertAddressFree(db: Db, email: string, field: string): void {
  if (findAccountByAddress(db, email)) throw badRequest(`The address "${email}" is already in use on this server.`, field);
}

/** Adds an alias; it must be on a local domain and not used by any account. */
export function addAlias(db: Db, config: Pick<ServerConfig, 'localDomains'>, accountId: number, address: string, type: Exclude<AliasType, 'mainAddress'> = 'accountAlias'): string {
  const email = normalizeLocalAddress(config, address, 'aliases');
  assertAddressFree(db, email, 'aliases');
  db.prepare('INSERT INTO aliases (address, account_id, type) VALUES (?, ?, ?)').run(email, accountId, type);
  return email;
}

/**
 * Creates an account with its default folders (Inbox, Drafts, Sent, Scheduled, Trash, Junk,
 * Contacts, Collected Addresses), default settings and aliases. Throws a 400 (naming the field)
 * for a malformed or non-local address, an address already in use, or an empty password.
 */
export async function createAccount(deps: { db: Db; clock: Clock; config: Pick<ServerConfig, 'localDomains'> }, input: NewAccount): Promise<Account> {
  const { db, clock, config } = deps;
  const email = normalizeLocalAddress(config, input.email, 'email');
  if (input.password === '') throw badRequest('The password must not be empty.', 'password');
  const aliases = (input.aliases ?? []).map((alias) => normalizeLocalAddress(config, alias, 'aliases'));
  assertAddressFree(db, email, 'email');
  for (const alias of aliases) assertAddressFree(db, alias, 'aliases');
  if (new Set([email, ...aliases]).size !== aliases.length + 1) throw badRequest('An alias repeats another address of the account.', 'aliases');

  const passwordHash = await hashPassword(input.password);
  return db.transaction(() => {
    // Checked again inside the transaction: another request may have taken the address while hashing.
    assertAddressFree(db, email, 'email');
    const now = clock.now();
    const { lastInsertRowid } = db
      .prepare('INSERT INTO accounts (email, full_name, password_hash, quota_kb, message_limit, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(email, (input.fullName ?? '').trim(), passwordHash, DEFAULT_QUOTA_KB, DEFAULT_MESSAGE_LIMIT, now);
    const accountId = Number(lastInsertRowid);
    createDefaultFolders(db, accountId, now);
    db.prepare('INSERT INTO account_settings (account_id) VALUES (?)').run(accountId);
    for (const alias of aliases) addAlias(db, config, accountId, alias);
    return requireAccount(db, accountId);
  })();
}

/** The stored password hash (for sign-in only). */
export function passwordHashOf(db: Db, accountId: number): string {
  return (db.prepare('SELECT password_hash FROM accounts WHERE id = ?').get(accountId) as { password_hash: string }).password_hash;
}

export function recordApiLogin(db: Db, accountId: number, nowMs: number): void {
  db.prepare('UPDATE accounts SET last_api_login_at = ? WHERE id = ?').run(nowMs, accountId);
}
