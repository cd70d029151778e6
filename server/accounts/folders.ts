import type { FolderInstance, FolderRole } from '../../src/api/contract';
import type { Db } from '../db/database';

/**
 * Folders of an account. Public ids follow Axigen's observed `<ownerId>_<folderId>` shape; the
 * root container (Axigen's `folderContainerId`) is `<ownerId>_0`. Ids are opaque to clients.
 */

export interface FolderRow {
  /** Row id (what other tables reference). */
  id: number;
  accountId: number;
  parentId: number | null;
  name: string;
  role: FolderRole;
  folderType: 'mails' | 'contacts';
  position: number;
}

/** The special folders every account gets, in display order. Scheduled's role is our extension. */
export const DEFAULT_MAIL_FOLDERS: readonly { name: string; role: FolderRole }[] = [
  { name: 'Inbox', role: 'inbox' },
  { name: 'Drafts', role: 'drafts' },
  { name: 'Sent', role: 'sent' },
  { name: 'Scheduled', role: 'scheduled' },
  { name: 'Trash', role: 'trash' },
  { name: 'Junk', role: 'junk' },
];

/** Contact folders: the address book and the Collected Addresses fed by sent mail (no role is documented). */
export const ADDRESS_BOOK_FOLDER = 'Contacts';
export const COLLECTED_ADDRESSES_FOLDER = 'Collected Addresses';

export const formatFolderId = (accountId: number, folderRowId: number): string => `${accountId}_${folderRowId}`;

export const rootContainerId = (accountId: number): string => formatFolderId(accountId, 0);

/** Splits a public folder id; undefined when it is not one of ours (callers answer 404). */
export function parseFolderId(id: string): { accountId: number; folderRowId: number } | undefined {
  const match = /^([1-9]\d{0,15})_([1-9]\d{0,15})$/.exec(id);
  if (!match) return undefined;
  return { accountId: Number(match[1]), folderRowId: Number(match[2]) };
}

interface RawFolder {
  id: number;
  account_id: number;
  parent_id: number | null;
  name: string;
  role: string;
  folder_type: 'mails' | 'contacts';
  position: number;
}

const toFolder = (row: RawFolder): FolderRow => ({
  id: row.id,
  accountId: row.account_id,
  parentId: row.parent_id,
  name: row.name,
  role: row.role as FolderRole,
  folderType: row.folder_type,
  position: row.position,
});

/** Creates the default mail and contact folders of a new account (inside the caller's transaction). */
export function createDefaultFolders(db: Db, accountId: number, nowMs: number): void {
  const insert = db.prepare(
    'INSERT INTO folders (account_id, parent_id, name, role, folder_type, position, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?)',
  );
  DEFAULT_MAIL_FOLDERS.forEach((folder, index) => insert.run(accountId, folder.name, folder.role, 'mails', index, nowMs));
  insert.run(accountId, ADDRESS_BOOK_FOLDER, '', 'contacts', 100, nowMs);
  insert.run(accountId, COLLECTED_ADDRESSES_FOLDER, '', 'contacts', 101, nowMs);
}

export function listFolderRows(db: Db, accountId: number): FolderRow[] {
  return (db.prepare('SELECT * FROM folders WHERE account_id = ? ORDER BY position, name, id').all(accountId) as RawFolder[]).map(toFolder);
}

/** The folder with this row id if it belongs to `accountId`. */
export function findFolderRow(db: Db, accountId: number, folderRowId: number): FolderRow | undefined {
  const row = db.prepare('SELECT * FROM folders WHERE id = ? AND account_id = ?').get(folderRowId, accountId) as RawFolder | undefined;
  return row && toFolder(row);
}

/** Resolves a public folder id for `accountId`; another account's folder reads as not found. */
export function findFolderByPublicId(db: Db, accountId: number, publicId: string): FolderRow | undefined {
  const parsed = parseFolderId(publicId);
  if (!parsed || parsed.accountId !== accountId) return undefined;
  return findFolderRow(db, accountId, parsed.folderRowId);
}

export function findFolderByRole(db: Db, accountId: number, role: Exclude<FolderRole, ''>): FolderRow | undefined {
  const row = db.prepare('SELECT * FROM folders WHERE account_id = ? AND role = ?').get(accountId, role) as RawFolder | undefined;
  return row && toFolder(row);
}

/** Like findFolderByRole for the folders every account is created with; throws if one is missing. */
export function requireFolderByRole(db: Db, accountId: number, role: Exclude<FolderRole, ''>): FolderRow {
  const folder = findFolderByRole(db, accountId, role);
  if (!folder) throw new Error(`Account ${accountId} has no ${role} folder`);
  return folder;
}

export function findContactFolder(db: Db, accountId: number, collected: boolean): FolderRow {
  const name = collected ? COLLECTED_ADDRESSES_FOLDER : ADDRESS_BOOK_FOLDER;
  const row = db
    .prepare("SELECT * FROM folders WHERE account_id = ? AND folder_type = 'contacts' AND parent_id IS NULL AND name = ?")
    .get(accountId, name) as RawFolder | undefined;
  if (!row) throw new Error(`Account ${accountId} has no ${name} folder`);
  return toFolder(row);
}

/** Per-folder counts of mail; supplied by the mail store (see ./mail-stats). */
export interface FolderStats {
  totalItems: number;
  unreadItems: number;
  folderSize: number;
}

/** IMAP-ACL letters of an owner's folder: special folders may not be renamed or deleted (no `x`). */
function permissionsOf(folder: FolderRow): string[] {
  const base = ['l', 'r', 's', 'w', 'i', 'k', 't', 'e'];
  return folder.role === '' ? [...base.slice(0, 6), 'x', ...base.slice(6)] : base;
}

export function toFolderInstance(
  folder: FolderRow,
  owner: { email: string; fullName: string },
  stats: FolderStats = { totalItems: 0, unreadItems: 0, folderSize: 0 },
): FolderInstance {
  return {
    id: formatFolderId(folder.accountId, folder.id),
    name: folder.name,
    parentId: folder.parentId === null ? rootContainerId(folder.accountId) : formatFolderId(folder.accountId, folder.parentId),
    role: folder.role,
    ownerUsername: owner.email,
    ownerFullname: owner.fullName,
    folderSize: stats.folderSize,
    folderType: folder.folderType,
    accessMode: 'local',
    totalItems: stats.totalItems,
    unreadItems: stats.unreadItems,
    permissions: permissionsOf(folder),
  };
}
