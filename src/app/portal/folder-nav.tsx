import { useQuery } from '@tanstack/react-query';
import type { FolderInstance, FolderRole } from '../../api/contract';
import { findFolderByRole, foldersQuery } from '../../api/folders';
import { useApiClient } from '../providers';
import { routeHref } from '../routing';

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
  return (
    <nav className="folder-nav" aria-label="Folders">
      {folders.isPending && <p>Loading folders…</p>}
      {folders.isError && <p role="alert">The folders could not be loaded.</p>}
      {folders.isSuccess && (
        <ul>
          {orderFolders(folders.data.items).map((folder) => (
            <li key={folder.id}>
              <a href={routeHref({ folderId: folder.id })} aria-current={folder.id === currentFolderId ? 'page' : undefined}>
                <span className="folder-name">{folder.name}</span>
                {folder.unreadItems > 0 && (
                  <span className="unread-count">
                    {folder.unreadItems}
                    <span className="visually-hidden"> unread</span>
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
