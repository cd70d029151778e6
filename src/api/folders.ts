import { queryOptions } from '@tanstack/react-query';
import type { FolderInstance, FolderList, FolderRole } from './contract';
import type { ApiClient } from './transport';

export type FolderTypeFilter = 'all' | FolderInstance['folderType'];

export const folderKeys = {
  all: ['folders'] as const,
  list: (type: FolderTypeFilter) => [...folderKeys.all, type] as const,
};

/** `GET /folders?type=` */
export const listFolders = (client: ApiClient, options: { type?: FolderTypeFilter; signal?: AbortSignal } = {}): Promise<FolderList> =>
  client.request<FolderList>('GET', '/folders', { query: { type: options.type }, signal: options.signal });

export const foldersQuery = (client: ApiClient, type: FolderTypeFilter = 'mails') =>
  queryOptions({
    queryKey: folderKeys.list(type),
    queryFn: ({ signal }) => listFolders(client, { type, signal }),
    staleTime: 30_000,
  });

/**
 * Finds a special folder by its role. Names are localised, so roles are the rule; the one exception
 * is Scheduled, which Axigen documents no role for: a folder named "Scheduled" with no role stands in.
 */
export function findFolderByRole(folders: readonly FolderInstance[], role: Exclude<FolderRole, ''>): FolderInstance | undefined {
  const byRole = folders.find((folder) => folder.role === role);
  if (byRole || role !== 'scheduled') return byRole;
  return folders.find((folder) => folder.role === '' && folder.name.trim().toLowerCase() === 'scheduled' && folder.folderType === 'mails');
}
