import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { accountSettingsQuery } from '../../api/account';
import { findFolderByRole, foldersQuery } from '../../api/folders';
import { preloadComposeWindow } from '../../compose/ui/compose-window';
import { useApiClient } from '../providers';
import { parseRoute, useHash } from '../routing';
import { useSessionStore } from '../session/session-context';
import { ComposeHost } from './compose-host';
import { ComposeWindows } from './compose-windows';
import { FolderNav } from './folder-nav';
import { MessageList } from './message-list';

import { useT } from '../../i18n/react';
import { AccountLocale } from '../account-locale';

// Not needed for the first screen: the reader (and the HTML sanitiser it brings) loads when a mail
// is opened, the crash-restore offer just after the portal shows.
const Reader = lazy(async () => ({ default: (await import('./reader')).Reader }));
const RestoreOffer = lazy(async () => ({ default: (await import('./restore-offer')).RestoreOffer }));

/** The signed-in standalone app: folders, the message list, the reader, and the compose window. */
export function Portal({ email }: { email: string }) {
  const api = useApiClient();
  const session = useSessionStore();
  const route = parseRoute(useHash());
  const folders = useQuery(foldersQuery(api));
  const timeZone = useQuery(accountSettingsQuery(api)).data?.timezone;
  const [composeWindows] = useState(() => new ComposeWindows());
  const t = useT();
  const queryClient = useQueryClient();
  // The compose window's chunks and account data load in the background, so New message opens at
  // once (a no-op when main.tsx started them already for a restored session).
  // The restore offer waits for them: on a cold start its chunk and journal reads would otherwise
  // compete with the window's for the browser's six connections, and New message matters more.
  const [composeLoaded, setComposeLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    void preloadComposeWindow(queryClient, api).then(() => live && setComposeLoaded(true));
    return () => {
      live = false;
    };
  }, [queryClient, api]);

  const items = folders.data?.items ?? [];
  const folderId = route.folderId ?? findFolderByRole(items, 'inbox')?.id ?? null;
  const folder = items.find((f) => f.id === folderId);

  return (
    <div className="portal">
      <AccountLocale />
      <header className="portal-header">
        <h1>{t('app.mailbox')}</h1>
        <button type="button" className="primary" onClick={() => composeWindows.open({ mode: 'new' })}>
          {t('app.newMessage')}
        </button>
        <span className="account">{email}</span>
        <button type="button" onClick={() => void session.signOut()}>
          {t('app.signOut')}
        </button>
        {composeLoaded && (
          <Suspense fallback={null}>
            <RestoreOffer onRestore={composeWindows.open} timeZone={timeZone} />
          </Suspense>
        )}
      </header>
      <FolderNav currentFolderId={folderId} />
      <main className="portal-main">
        {folder ? (
          <MessageList folder={folder} page={route.page} currentMailId={route.mailId} timeZone={timeZone} />
        ) : (
          folders.isSuccess && route.folderId && <p role="alert">{t('app.folderMissing')}</p>
        )}
        {folder && route.mailId && (
          <Suspense fallback={<section className="reader" aria-busy="true" aria-label={t('reader.label')} />}>
            <Reader key={route.mailId} mailId={route.mailId} folder={folder} timeZone={timeZone} onCompose={composeWindows.open} />
          </Suspense>
        )}
      </main>
      <ComposeHost windows={composeWindows} />
    </div>
  );
}
