import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore, type CSSProperties } from 'react';
import { folderKeys } from '../../api/folders';
import { mailKeys } from '../../api/mails';
import { cancelSchedule, undoSend } from '../../api/send';
import type { ComposeCloseResult } from '../../compose/compose-entry';
import { createSendToasts, type SendToastsStore } from '../../compose/model/send-toasts';
import { ComposeWindow } from '../../compose/ui/compose-window';
import { SendToasts } from '../../compose/ui/send-toasts';
import { useApiClient } from '../providers';
import { useSessionStore } from '../session/session-context';
import type { ComposeWindows } from './compose-windows';
import { useT } from '../../i18n/react';

/**
 * Where the portal's compose window and the send toasts live. The toasts sit outside the window so
 * they survive it closing and navigation; Undo and Cancel schedule reopen the draft in the window.
 * Every outcome refreshes folder counts and lists (react-query invalidation, never a reload).
 */
function refreshMailLists(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: folderKeys.all });
  void queryClient.invalidateQueries({ queryKey: mailKeys.lists() });
}

export function ComposeHost({ windows: store }: { windows: ComposeWindows }) {
  const { windows, refusal } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const api = useApiClient();
  const queryClient = useQueryClient();
  const session = useSessionStore();
  const t = useT();
  const [toasts] = useState<SendToastsStore>(() =>
    createSendToasts({
      undo: (request) => undoSend(api, request),
      cancelSchedule: (mailId) => cancelSchedule(api, mailId),
      reopenDraft: (draftId) => void store.open({ mode: 'draft', mailId: draftId }),
    }),
  );

  const onSessionResume = useCallback((listener: () => void) => session.onResume(listener), [session]);
  // Whatever a toast reports (sent, undone, scheduled, cancelled) changes folders and lists.
  useEffect(() => toasts.on(() => refreshMailLists(queryClient)), [toasts, queryClient]);

  // The window puts up the sent/scheduled toasts itself the moment the server answers.
  // Rare: a retry found the message had already gone, so there is no id to Undo or Cancel with —
  // say plainly what happened instead of a toast that offers what cannot be done.
  const [notice, setNotice] = useState<string | null>(null);
  const closed = (id: number) => (result: ComposeCloseResult) => {
    store.close(id);
    refreshMailLists(queryClient);
    if (result.kind === 'sent-no-undo') setNotice(t('app.sentNoUndo'));
    else if (result.kind === 'scheduled-no-cancel') setNotice(t('app.scheduledNoCancel'));
    else if (result.kind === 'sent' || result.kind === 'scheduled') setNotice(null);
  };

  return (
    <>
      {refusal && (
        <p className="portal-refusal" role="alert">
          {refusal}
        </p>
      )}
      {windows.map((open, index) => (
        <div key={open.id} style={{ '--mc-stack': windows.length - 1 - index } as CSSProperties}>
          <ComposeWindow api={api} request={open.request} toasts={toasts} onClose={closed(open.id)} onSessionResume={onSessionResume} />
        </div>
      ))}
      {notice && (
        <div className="portal-notice" role="status">
          <p>{notice}</p>
          <button type="button" onClick={() => setNotice(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
      <SendToasts store={toasts} />
    </>
  );
}
