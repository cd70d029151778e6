import type { ContactInstance } from '../../src/api/contract';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { isOwnAddress } from './accounts';
import { findContactFolder, formatFolderId } from './folders';
import { getSettings } from './settings';

/**
 * The address book and the Collected Addresses (recipients of sent mail, when the
 * `autoAddRecipients` setting is on), and recipient autocomplete over both.
 */

export interface NewContact {
  email: string;
  firstName?: string;
  lastName?: string;
  nickName?: string;
  /** Full name; defaults to "first last". */
  displayName?: string;
}

interface ContactRow {
  id: number;
  account_id: number;
  folder_id: number;
  collected: number;
  first_name: string;
  last_name: string;
  nick_name: string;
  display_name: string;
  email: string;
  is_distribution_list: number;
  use_count: number;
  last_used_at: number;
}

/** Contact ids follow the folder id shape: `<ownerId>_<contactId>`. */
export const formatContactId = (accountId: number, contactRowId: number): string => `${accountId}_${contactRowId}`;

export function toContactInstance(row: ContactRow): ContactInstance {
  const reversed = row.last_name && row.first_name ? `${row.last_name}, ${row.first_name}` : row.display_name;
  return {
    id: formatContactId(row.account_id, row.id),
    folderId: formatFolderId(row.account_id, row.folder_id),
    isDistributionList: row.is_distribution_list === 1,
    name: row.display_name,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    nickName: row.nick_name,
    reversedName: reversed,
  };
}

/** Adds an address-book contact; returns its id. */
export function addContact(db: Db, accountId: number, contact: NewContact): string {
  const folder = findContactFolder(db, accountId, false);
  const first = contact.firstName?.trim() ?? '';
  const last = contact.lastName?.trim() ?? '';
  const display = contact.displayName?.trim() || [first, last].filter(Boolean).join(' ');
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO contacts (account_id, folder_id, collected, first_name, last_name, nick_name, display_name, email)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?)`,
    )
    .run(accountId, folder.id, first, last, contact.nickName?.trim() ?? '', display, contact.email.trim());
  return formatContactId(accountId, Number(lastInsertRowid));
}

/** Splits a display name into first and last name the simple way ("Ana Maria Popescu" → "Ana Maria" / "Popescu"). */
function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { first: words[0] ?? '', last: '' };
  return { first: words.slice(0, -1).join(' '), last: words.at(-1)! };
}

/**
 * Records the recipients of a mail the account sent in its Collected Addresses, when its
 * `autoAddRecipients` setting is on. Addresses already in the address book only get their use
 * counted (which ranks them higher in autocomplete); the account's own addresses are skipped;
 * a display name fills in a collected entry that had none. Returns how many new entries were made.
 */
export function collectRecipients(db: Db, clock: Clock, accountId: number, recipients: readonly { name: string; address: string }[]): number {
  if (!getSettings(db, accountId).autoAddRecipients) return 0;
  const folder = findContactFolder(db, accountId, true);
  const now = clock.now();
  let added = 0;
  const bumpBook = db.prepare(
    'UPDATE contacts SET use_count = use_count + 1, last_used_at = ? WHERE account_id = ? AND collected = 0 AND lower(email) = lower(?)',
  );
  const upsertCollected = db.prepare(
    `INSERT INTO contacts (account_id, folder_id, collected, first_name, last_name, display_name, email, use_count, last_used_at)
     VALUES (@accountId, @folderId, 1, @first, @last, @name, @email, 1, @now)
     ON CONFLICT (account_id, lower(email)) WHERE collected = 1 DO UPDATE SET
       use_count = use_count + 1,
       last_used_at = @now,
       display_name = CASE WHEN contacts.display_name = '' THEN excluded.display_name ELSE contacts.display_name END,
       first_name = CASE WHEN contacts.display_name = '' THEN excluded.first_name ELSE contacts.first_name END,
       last_name = CASE WHEN contacts.display_name = '' THEN excluded.last_name ELSE contacts.last_name END`,
  );
  db.transaction(() => {
    const seen = new Set<string>();
    for (const { name, address } of recipients) {
      const email = address.trim();
      const key = email.toLowerCase();
      if (email === '' || seen.has(key) || isOwnAddress(db, accountId, email)) continue;
      seen.add(key);
      if (bumpBook.run(now, accountId, email).changes > 0) continue;
      const { first, last } = splitName(name);
      const before = db.prepare('SELECT 1 FROM contacts WHERE account_id = ? AND collected = 1 AND lower(email) = ?').get(accountId, key);
      upsertCollected.run({ accountId, folderId: folder.id, first, last, name: name.trim(), email, now });
      if (!before) added += 1;
    }
  })();
  return added;
}

/** Lower-case words of a name or address, for "starts a word" matching ("ana-maria.pop@x" → ana, maria, pop, x). */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[\s.,_\-@+'"()<>]+/).filter(Boolean);
}

/** How well a contact matches: 0 = no match, higher is better. */
function matchScore(row: ContactRow, needle: string): number {
  const name = row.display_name.toLowerCase();
  const email = row.email.toLowerCase();
  if (name.startsWith(needle) || email.startsWith(needle)) return 3;
  const fields = [row.display_name, row.first_name, row.last_name, row.nick_name, row.email];
  if (fields.some((field) => field.toLowerCase().startsWith(needle))) return 2;
  const words = fields.flatMap(wordsOf);
  if (words.some((word) => word.startsWith(needle))) return 1;
  // "ana pop" matches "Ana Popescu": every typed word starts some word of the contact.
  const typed = needle.split(/\s+/).filter(Boolean);
  if (typed.length > 1 && typed.every((part) => words.some((word) => word.startsWith(part)))) return 1;
  return 0;
}

/**
 * Recipient autocomplete over the address book and Collected Addresses. Matching is
 * case-insensitive on the start of the name, the address, or any word in them; an address in
 * both lists appears once (the address-book entry). Best matches first, then most used, then by
 * name. An empty query lists the most used contacts.
 */
export function autocompleteContacts(db: Db, accountId: number, query: string, limit: number): { totalItems: number; items: ContactInstance[] } {
  const needle = query.trim().toLowerCase().replace(/\s+/g, ' ');
  const rows = db.prepare('SELECT * FROM contacts WHERE account_id = ? ORDER BY collected, id').all(accountId) as ContactRow[];
  const byEmail = new Map<string, { row: ContactRow; score: number }>();
  for (const row of rows) {
    const score = needle === '' ? 1 : matchScore(row, needle);
    if (score === 0) continue;
    const key = row.email.toLowerCase();
    const existing = byEmail.get(key);
    if (existing) {
      // The address-book entry (listed first) stands for both; it inherits the better rank.
      existing.score = Math.max(existing.score, score);
      existing.row = { ...existing.row, use_count: existing.row.use_count + row.use_count };
      continue;
    }
    byEmail.set(key, { row, score });
  }
  const matches = [...byEmail.values()].sort(
    (a, b) =>
      b.score - a.score ||
      b.row.use_count - a.row.use_count ||
      (a.row.display_name || a.row.email).localeCompare(b.row.display_name || b.row.email, 'en', { sensitivity: 'base' }),
  );
  return { totalItems: matches.length, items: matches.slice(0, limit).map((m) => toContactInstance(m.row)) };
}

/** Number of contacts per contact folder row id (for the folder list). */
export function contactCountsByFolder(db: Db, accountId: number): Map<number, number> {
  const rows = db.prepare('SELECT folder_id, COUNT(*) AS n FROM contacts WHERE account_id = ? GROUP BY folder_id').all(accountId) as {
    folder_id: number;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.folder_id, r.n]));
}
