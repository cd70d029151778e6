import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { FolderInstance, FolderList } from '../../src/api/contract';
import { requireAccount } from '../accounts/accounts';
import { contactCountsByFolder } from '../accounts/contacts';
import { findFolderByPublicId, listFolderRows, toFolderInstance, type FolderRow } from '../accounts/folders';
import { mailStatsByFolder } from '../accounts/mail-stats';
import type { Db } from '../db/database';
import type { AppDeps, AppEnv } from '../http/env';
import { notFound } from '../http/errors';
import { requireSession } from '../http/session';
import { parseQuery, query } from '../http/validate';

/** The account's folders with live counts (mail folders count mail, contact folders count contacts). */
function folderInstances(db: Db, accountId: number, rows: FolderRow[]): FolderInstance[] {
  const account = requireAccount(db, accountId);
  const owner = { email: account.email, fullName: account.fullName };
  const mailStats = mailStatsByFolder(db, accountId);
  const contactCounts = contactCountsByFolder(db, accountId);
  return rows.map((row) => {
    if (row.folderType === 'contacts') {
      return toFolderInstance(row, owner, { totalItems: contactCounts.get(row.id) ?? 0, unreadItems: 0, folderSize: 0 });
    }
    return toFolderInstance(row, owner, mailStats.get(row.id));
  });
}

/** Changes whenever anything a client shows about the folders changes. */
const syncTokenOf = (items: FolderInstance[]) => createHash('sha256').update(JSON.stringify(items)).digest('base64url').slice(0, 22);

export function foldersRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const routes = new Hono<AppEnv>();
  // Mounted at the API root (not at /folders) so that the documented `/folders/` also answers.
  routes.use('/folders', requireSession(deps));
  routes.use('/folders/*', requireSession(deps));

  const list = (c: Context<AppEnv>) => {
    const params = parseQuery(c, {
      type: query.withDefault(query.oneOf(['all', 'mails', 'events', 'tasks', 'notes', 'contacts']), 'all'),
      accessMode: query.withDefault(query.oneOf(['all', 'local', 'public', 'shared']), 'all'),
      syncTokenOnly: query.withDefault(query.boolean(), false),
    });
    const { accountId } = c.var.session;
    // Only local folders exist here: there is no sharing and no public folders.
    const rows = params.accessMode === 'public' || params.accessMode === 'shared' ? [] : listFolderRows(db, accountId);
    const all = folderInstances(db, accountId, rows);
    const items = params.type === 'all' ? all : all.filter((f) => f.folderType === params.type);
    const syncToken = syncTokenOf(all);
    return c.json<FolderList>({ syncToken, items: params.syncTokenOnly ? [] : items });
  };
  routes.get('/folders', list);
  routes.get('/folders/', list);

  // Not documented by Axigen (clients filter the list); a harmless extension.
  routes.get('/folders/:id', (c) => {
    parseQuery(c, {});
    const { accountId } = c.var.session;
    const folder = findFolderByPublicId(db, accountId, c.req.param('id'));
    if (!folder) throw notFound('The folder');
    return c.json<FolderInstance>(folderInstances(db, accountId, [folder])[0]!);
  });

  return routes;
}
