import type { FolderInstance } from '../../api/contract';
import type { Locale, MessageKey, Translate } from '../../i18n/core';

const ROLE_KEYS: Record<Exclude<FolderInstance['role'], ''>, MessageKey> = {
  inbox: 'folders.role.inbox',
  drafts: 'folders.role.drafts',
  sent: 'folders.role.sent',
  trash: 'folders.role.trash',
  junk: 'folders.role.junk',
  archive: 'folders.role.archive',
  filtered: 'folders.role.filtered',
  scheduled: 'folders.role.scheduled',
};

/**
 * The Scheduled folder: its role where the server gives one, else its name (Axigen lists it
 * without a documented role).
 */
export const isScheduledFolder = (folder: Pick<FolderInstance, 'role' | 'name'>): boolean =>
  folder.role === 'scheduled' || (folder.role === '' && folder.name === 'Scheduled');

/**
 * A folder's name to show: the special folders (Inbox, Drafts, Sent, …) in the active language, as
 * every webmail does; folders the user made keep the name the user gave them. In English the server's
 * own name is kept (a server may spell its special folders its own way).
 */
export function folderDisplayName(folder: Pick<FolderInstance, 'role' | 'name'>, t: Translate, locale: Locale): string {
  if (locale === 'en') return folder.name;
  if (folder.role) return t(ROLE_KEYS[folder.role]);
  if (isScheduledFolder(folder)) return t('folders.role.scheduled');
  return folder.name;
}
