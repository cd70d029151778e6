import { useQuery } from '@tanstack/react-query';
import type { FolderInstance, FolderRole } from '../../api/contract';
import { findFolderByRole, foldersQuery } from '../../api/folders';
import { useApiClient } from '../providers';
import { routeHref } from '../routing';
import { formatNumber } from '../../i18n/core';
import { useLocale, useT } from '../../i18n/react';
import { folderDisplayName } from './folder-name';

/** The folders a person writing mail cares about, in the order webmail users expect. */
const SPECIAL_ORDER: Exclude<FolderRole, ''>[] = ['inbox', 'drafts', 'scheduled', 'sent', 'junk', 'trash', 'archive'];

export function orderFolders(folders: readonly FolderInstance[]): FolderInstance[] {
  const special = SPECIAL_ORDER.map((role) => findFolderByRole(folders, role)).filter((f): f is FolderInstance => !!f);
  const rest = folders.filter((f) => f.folderType === 'mails' && !special.includes(f)).sort((a, b) => a.name.localeCompare(b.name));
  return [...special, ...rest];
}

export function FolderNav({ currentFolderId }: { currentFolderId: string | null }) {
  const api = useApiClient();
  const folders = useQuery(foldersQuery(api));
  const t = useT();
  const locale = useLocale();
  return (
    <nav className="folder-nav" aria-label={t('folders.label')}>
      {folders.isPending && <p>{t('folders.loading')}</p>}
      {folders.isError && <p role="alert">{t('folders.failed')}</p>}
      {folders.isSuccess && (
        <ul>
          {orderFolders(folders.data.items).map((folder) => (
            <li key={folder.id}>
              <a href={routeHref({ folderId: folder.id })} aria-current={folder.id === currentFolderId ? 'page' : undefined}>
                <span className="folder-name">{folderDisplayName(folder, t, locale)}</span>
                {folder.unreadItems > 0 && (
                  <span className="unread-count">
                    <span aria-hidden="true">{formatNumber(locale, folder.unreadItems)}</span>
                    <span className="visually-hidden"> {t('folders.unread', { count: folder.unreadItems })}</span>
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
