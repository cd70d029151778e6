import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode, type Ref } from 'react';
import { accountInfoQuery, accountSettingsQuery, aliasesQuery, clientSettingsQuery, signaturesQuery } from '../../api/account';
import type { ApiClient } from '../../api/transport';
import type { ComposeCloseResult, ComposeRequest } from '../compose-entry';
import type { DraftJournal } from '../model/journal';
import { describeError } from '../model/describe-error';
import type { SendToastsStore } from '../model/send-toasts';
import { TITLE_KEYS, titleForRequest } from './compose-window-title';
import { preloadMessageEditor } from './lazy-message-editor';
import { useT } from '../../i18n/react';
import { lazyChunk } from './lazy-chunk';

export interface ComposeWindowProps {
  api: ApiClient;
  /** What to open: a new message, a stored draft, or a reply/forward of a mail. Read once (key the window to open another). */
  request: ComposeRequest;
  /** The window is done: sent, scheduled, closed with the draft saved, or discarded. */
  onClose(result: ComposeCloseResult): void;
  /**
   * The app's send toasts. When given, the window puts the "Message sent" (Undo) and "Scheduled"
   * toasts up itself, the moment the server answers; the host must then not add them again.
   */
  toasts?: SendToastsStore;
  /** The local journal; defaults to this browser's IndexedDB journal (none where unavailable). Pass null to turn it off. */
  journal?: Promise<DraftJournal> | null;
  /** Subscribes to "signed in again after an expiry", so saves paused by a 401 carry on. */
  onSessionResume?: (listener: () => void) => () => void;
  /** `floating` (default): a panel fixed at the bottom right. `inline`: fills the host's container. */
  layout?: 'floating' | 'inline';
  /** A save reached the server; `mailId` is the draft's id now (it changes with every save). For the embed's `draftSaved`. */
  onDraftSaved?: (mailId: string) => void;
  /** Extra title-bar buttons, placed before Close (the embed's Minimise / Maximise / Restore). */
  titlebarActions?: ReactNode;
  /** Lets a host close the window (as its Close button does: the draft is saved first) or move focus into it. */
  controlRef?: Ref<ComposeWindowControl | null>;
}

export interface ComposeWindowControl {
  close(): void;
  focus(): void;
}

// ---- loading the window: two chunks and the account data, all at once ----------------------------

type WindowModule = typeof import('./compose-session-window');

const windowChunk = lazyChunk<WindowModule>(() => import('./compose-session-window'));

/**
 * Starts fetching what a compose window needs — the window's chunk, the editor's chunk and (given a
 * client) the account data every window starts from (`prepareCompose` then finds it cached) — in
 * parallel. Call it as soon as a window may open (the app does when a session starts); a window
 * calls it itself when it mounts. Safe to call any number of times; a failed fetch is retried.
 * Settles (never rejects) when both chunks are in or have failed.
 */
export function preloadComposeWindow(queryClient?: QueryClient, api?: ApiClient): Promise<void> {
  // Failures surface where they matter: in the window (Try again) or the body (editor chunk).
  const chunks = Promise.allSettled([windowChunk.load(), preloadMessageEditor()]).then(() => {});
  if (!queryClient || !api) return chunks;
  // The queries `prepareCompose` reads (each with a staleTime, so a window opened soon after uses these).
  void queryClient.prefetchQuery(accountInfoQuery(api));
  void queryClient.prefetchQuery(aliasesQuery(api));
  void queryClient.prefetchQuery(accountSettingsQuery(api));
  void queryClient.prefetchQuery(signaturesQuery(api));
  void queryClient.prefetchQuery(clientSettingsQuery(api));
  return chunks;
}

/**
 * The compose window: a non-modal `dialog` named by its title ("New message", "Reply", "Forward").
 * It loads what it starts from (account, signatures, the stored mail) and the window's own chunk,
 * showing its title bar meanwhile, then hands over to `ComposeSessionWindow`, which wires the model
 * objects of one `ComposeSession` to the header fields, the editor, the attachments and the send bar.
 */
export function ComposeWindow(props: ComposeWindowProps) {
  const { api, request, onClose, layout = 'floating' } = props;
  const queryClient = useQueryClient();
  // Before the first render's query starts: the editor chunk and the account data come in alongside.
  useState(() => void preloadComposeWindow(queryClient, api));
  // One key per window: a StrictMode remount finds the same start instead of loading (and storing
  // the mail's attachments) twice.
  const [windowKey] = useState(() => `compose-${Math.random().toString(36).slice(2)}`);
  const start = useQuery({
    queryKey: ['compose', 'start', windowKey],
    queryFn: async ({ signal }) => {
      const module = await windowChunk.load();
      // Anything but a new message may hold quoted history: its preview chunk comes in meanwhile.
      if (request.mode !== 'new') module.preloadQuotedHistory().catch(() => {});
      return module.prepareCompose(api, queryClient, request, { signal });
    },
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const titleId = useId();
  const t = useT();
  const className = `compose-window${layout === 'floating' ? ' is-floating' : ''}`;

  // The query resolved after the module did, so the module is here.
  const windowModule = windowChunk.loaded();
  if (start.isSuccess && windowModule) {
    const { ComposeSessionWindow } = windowModule;
    return (
      <ComposeSessionWindow
        {...props}
        start={start.data}
        onDone={(result) => {
          queryClient.removeQueries({ queryKey: ['compose', 'start', windowKey] });
          onClose(result);
        }}
      />
    );
  }

  const closeUnopened = () => onClose({ kind: 'saved', draftId: request.mode === 'draft' ? (request.mailId ?? null) : null });
  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-busy={start.isPending}
      className={className}
      onKeyDown={(e) => e.key === 'Escape' && closeUnopened()}
    >
      <div className="compose-titlebar">
        <h2 id={titleId}>{t(TITLE_KEYS[titleForRequest(request)])}</h2>
        {props.titlebarActions}
        <button type="button" className="link-button" aria-label={t('compose.close')} onClick={closeUnopened}>
          ×
        </button>
      </div>
      {start.isPending ? (
        <p className="compose-loading">{t('compose.opening')}</p>
      ) : (
        <div className="compose-load-error" role="alert">
          <p>{t('compose.openFailed', { reason: describeError(start.error) })}</p>
          <button type="button" className="secondary-button" onClick={() => void start.refetch()}>
            {t('compose.tryAgain')}
          </button>
        </div>
      )}
    </section>
  );
}
