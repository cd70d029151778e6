import type { FolderRole } from '../../src/api/contract';
import { findAccountByAddress, isOwnAddress, requireAccount } from '../accounts/accounts';
import { findFolderByPublicId, requireFolderByRole, type FolderRow } from '../accounts/folders';
import { getSettings } from '../accounts/settings';
import type { Db } from '../db/database';

/**
 * What the mail side needs from the accounts module, in one place, so mail code reads in its
 * own terms (a sender, a local recipient, a mail folder).
 */

export interface MailAccount {
  id: number;
  /** Main address, lower case. */
  email: string;
  fullName: string;
}

export function getMailAccount(db: Db, accountId: number): MailAccount {
  const { id, email, fullName } = requireAccount(db, accountId);
  return { id, email, fullName };
}

/** True when the account may send as `address`: its main address or one of its aliases. */
export function maySendAs(db: Db, accountId: number, address: string): boolean {
  return isOwnAddress(db, accountId, address);
}

/** The local account that receives mail for `address` (main address or alias), if any. */
export function findLocalRecipient(db: Db, address: string): MailAccount | undefined {
  const account = findAccountByAddress(db, address);
  return account && { id: account.id, email: account.email, fullName: account.fullName };
}

export function mailFolderByRole(db: Db, accountId: number, role: Exclude<FolderRole, ''>): FolderRow {
  return requireFolderByRole(db, accountId, role);
}

/** A mail folder of this account by public id; contact folders and other accounts' folders are "not found". */
export function findMailFolder(db: Db, accountId: number, publicId: string): FolderRow | undefined {
  const folder = findFolderByPublicId(db, accountId, publicId);
  return folder?.folderType === 'mails' ? folder : undefined;
}

export function mailSettings(db: Db, accountId: number): { deleteToTrash: boolean; saveToSent: boolean } {
  const { deleteToTrash, saveToSent } = getSettings(db, accountId);
  return { deleteToTrash, saveToSent };
}
