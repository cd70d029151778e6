import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountSettingsQuery } from '../../api/account';
import { findFolderByRole, foldersQuery } from '../../api/folders';
import { useApiClient } from '../providers';
import { parseRoute, useHash } from '../routing';
import { useSessionStore } from '../session/session-context';
import { ComposeHost } from './compose-host';
import { ComposeWindows } from './compose-windows';
import { FolderNav } from './folder-nav';
import { MessageList } from './message-list';
import { Reader } from './reader';
import { openInWindows, RestoreOffer } from './restore-offer';
import { useT } from '../../i18n/react';
import { AccountLocale } from '../account-locale';

/** The signed-in standalone app: folders, the message list, the reader, and the compose window. */
export function Portal({ email }: { email: string }) {
  const api = useApiClient();
  const session = useSessionStore();
  const route = parseRoute(useHash());
  const folders = useQuery(foldersQuery(api));
  const timeZone = useQuery(accountSettingsQuery(api)).data?.timezone;
  const [composeWindows] = useState(() => new ComposeWindows());
  const t = useT();

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
        <RestoreOffer onRestore={openInWindows(composeWindows)} timeZone={timeZone} />
      </header>
      <FolderNav currentFolderId={folderId} />
      <main className="portal-main">
        {folder ? (
          <MessageList folder={folder} page={route.page} currentMailId={route.mailId} timeZone={timeZone} />
        ) : (
          folders.isSuccess && route.folderId && <p role="alert">{t('app.folderMissing')}</p>
        )}
        {folder && route.mailId && <Reader key={route.mailId} mailId={route.mailId} folder={folder} timeZone={timeZone} onCompose={composeWindows.open} />}
      </main>
      <ComposeHost windows={composeWindows} />
    </div>
  );
}
