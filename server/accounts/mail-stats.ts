import type { Db } from '../db/database';
import type { FolderStats } from './folders';

/**
 * Counts read from the mail store (the `mails` table of migration 003, owned by the mail side),
 * live on every call so folder totals and quota use never drift from the mail itself.
 */

export function mailStatsByFolder(db: Db, accountId: number): Map<number, FolderStats> {
  const rows = db
    .prepare(
      `SELECT folder_id, COUNT(*) AS total, COALESCE(SUM(is_unread), 0) AS unread, COALESCE(SUM(size), 0) AS bytes
       FROM mails WHERE account_id = ? GROUP BY folder_id`,
    )
    .all(accountId) as { folder_id: number; total: number; unread: number; bytes: number }[];
  return new Map(rows.map((r) => [r.folder_id, { totalItems: r.total, unreadItems: r.unread, folderSize: r.bytes }]));
}

/** Messages and bytes the account's mailbox holds (for the quota fields of account info). */
export function mailboxUsage(db: Db, accountId: number): { messages: number; bytes: number } {
  const row = db.prepare('SELECT COUNT(*) AS messages, COALESCE(SUM(size), 0) AS bytes FROM mails WHERE account_id = ?').get(accountId) as {
    messages: number;
    bytes: number;
  };
  return row;
}
