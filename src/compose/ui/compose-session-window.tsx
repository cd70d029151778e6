import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import { accountKeys, getClientSettings, setClientSettings } from '../../api/account';
import type { ApiClient } from '../../api/transport';
import { writeComposePreferences, type ComposeCloseResult, type ComposeStart } from '../compose-entry';
import { fromMessageHtml, hasFormatting } from '../model/message-html';
import { ComposeSession } from '../hooks/compose-session';
import { composeShortcutHandler } from '../hooks/compose-shortcuts';
import { sharedDraftJournal } from '../hooks/shared-journal';
import { useAttachmentDrop } from '../hooks/use-attachment-drop';
import { describeError } from '../model/describe-error';
import type { PresendIssue } from '../model/presend';
import { AttachFilesButton } from './attach-files-button';
import { AttachmentList } from './attachment-list';
import { ComposeConfirm, type ComposeConfirmState } from './compose-confirm';
import type { ComposeWindowProps } from './compose-window';
import { TITLE_KEYS } from './compose-window-title';
import { DropOverlay } from './drop-overlay';
import { HeaderFields } from './header-fields';
import { LazyMessageEditor } from './lazy-message-editor';
import { PresendPanel } from './presend-panel';
import { LazyQuotedHistory } from './lazy-quoted-history';
import { SaveStatus } from './save-status';
import { SendBar } from './send-bar';
import { SendProgress } from './send-progress';
import { SignaturePicker } from './signature-picker';
import { useT } from '../../i18n/react';

/**
 * The compose window once it has what it starts from: a lazily loaded chunk (with the model, the
 * header fields and the send bar) that `compose-window.tsx` fetches the moment a window may open.
 * The body's editor is a further chunk, fetched at the same time (`LazyMessageEditor`).
 */
export { prepareCompose } from '../compose-entry';
export { preloadQuotedHistory } from './lazy-quoted-history';

type ConfirmState = ComposeConfirmState | null;

export function ComposeSessionWindow({ api, start, onDone, toasts, journal, onSessionResume, layout = 'floating', onDraftSaved, titlebarActions, controlRef }: ComposeWindowProps & { start: ComposeStart; onDone(result: ComposeCloseResult): void }) {
  const queryClient = useQueryClient();
  const [session] = useState(() => new ComposeSession({ api, start, journal: journal === undefined ? sharedDraftJournal() : journal }));
  useEffect(() => {
    session.retain();
    return () => session.release();
  }, [session]);

  const titleId = useId();
  const t = useT();
  const [editorHtml] = useState(() => fromMessageHtml(start.editorHtml, (cid) => start.cidUrls[cid] ?? null));
  const [issues, setIssues] = useState<PresendIssue[] | null>(null);
  const [confirm, setConfirm] = useState<ConfirmState>(null);
  const [plainText, setPlainText] = useState(start.plainText);
  const [signatureId, setSignatureId] = useState(start.defaultSignatureId);
  const [busy, setBusy] = useState(false);

  // Files dropped or pasted on the body are the editor's (inline images at the drop point); the
  // rest of the window attaches them.
  const { rootProps, isDragActive } = useAttachmentDrop({ queue: session.queue });

  // Mod+Enter while a send runs must not start a second one (or close the window twice).
  const sending = useRef(false);
  async function send(confirmed: boolean) {
    if (sending.current) return;
    sending.current = true;
    setIssues(null);
    const attempt = await session.send({ confirmed }).finally(() => {
      sending.current = false;
    });
    if (attempt.outcome === 'checks') setIssues(attempt.issues);
    if (attempt.outcome !== 'sent') return;
    const { mailId, processingId } = attempt.result;
    if (processingId === undefined) {
      onDone({ kind: 'sent-no-undo', ...(mailId ? { mailId } : {}) });
      return;
    }
    toasts?.addSent({ processingId, ...(mailId ? { mailId } : {}) });
    onDone({ kind: 'sent', processingId, ...(mailId ? { mailId } : {}) });
  }

  // Signed in again after an expiry: saves carry on, and a send the expiry stopped goes ahead by
  // itself (the checklist was already passed when the user pressed Send).
  useEffect(
    () =>
      onSessionResume?.(() => {
        if (session.resumeAfterSignIn()) void send(true);
      }),
    // `send` only reads refs, the session and stable props: the first one is as good as any.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onSessionResume, session],
  );

  const draftSaved = useRef(onDraftSaved);
  useEffect(() => {
    draftSaved.current = onDraftSaved;
  });
  useEffect(() => {
    let lastSavedAt = session.sync.getSnapshot().lastSavedAt;
    return session.sync.subscribe(() => {
      const { lastSavedAt: savedAt, mailId } = session.sync.getSnapshot();
      if (savedAt === lastSavedAt || !mailId) return;
      lastSavedAt = savedAt;
      draftSaved.current?.(mailId);
    });
  }, [session]);

  // Where the caret starts: in To for a message with no recipients yet, else in the body (a reply).
  const startsAtTo = start.title !== 'Reply' && start.content.to.length === 0;
  const titleRef = useRef<HTMLHeadingElement>(null);
  useImperativeHandle(controlRef, () => ({
    close: () => void close(),
    focus: () => {
      const to = titleRef.current?.closest('section')?.querySelector<HTMLElement>('[role="combobox"]');
      if (startsAtTo && to) to.focus();
      else session.editorHandle?.focus();
    },
  }));

  async function schedule(deliveryTime: number) {
    const result = await session.schedule(deliveryTime);
    if (result.mailId) {
      toasts?.addScheduled(
        { mailId: result.mailId },
        {
          deliveryTime,
          timeZone: start.settings.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone,
          // "Scheduled for …" in the account's date and time patterns, as the dialog showed it.
          formats: { ...(start.settings.dateFormat ? { dateFormat: start.settings.dateFormat } : {}), ...(start.settings.timeFormat ? { timeFormat: start.settings.timeFormat } : {}) },
        },
      );
      onDone({ kind: 'scheduled', mailId: result.mailId, deliveryTime });
    } else onDone({ kind: 'scheduled-no-cancel', deliveryTime });
  }

  async function close() {
    if (busy) return;
    setBusy(true);
    try {
      const draftId = await session.saveForClose();
      onDone({ kind: 'saved', draftId });
    } catch (error) {
      setConfirm({ kind: 'close-failed', message: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    setBusy(true);
    try {
      await session.discard();
      onDone({ kind: 'discarded' });
    } catch (error) {
      setConfirm({ kind: 'discard-failed', message: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  function togglePlainText() {
    const handle = session.editorHandle;
    if (!handle) return;
    if (plainText) {
      handle.setPlainText(false);
      setPlainText(false);
      return;
    }
    const html = handle.getBody().html ?? '';
    if (hasFormatting(html)) setConfirm({ kind: 'plain-text' });
    else {
      handle.setPlainText(true);
      setPlainText(true);
    }
  }

  function pickSignature(id: string | null) {
    setSignatureId(id);
    void session.applySignature(id);
    void rememberDefaultSignature(api, queryClient, id);
  }

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys meant for a dialog inside the window (Schedule send, a toolbar popover) stay there.
    const owner = event.target instanceof Element ? event.target.closest('[role="dialog"], dialog') : null;
    if (owner !== event.currentTarget) return;
    composeShortcutHandler({ send: () => void send(false), saveNow: () => void session.sync.saveNow(), close: () => void close() })(event);
  };

  return (
    <section
      {...rootProps}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      className={`compose-window${layout === 'floating' ? ' is-floating' : ''}`}
      onKeyDown={onKeyDown}
    >
      <DropOverlay active={isDragActive} />
      <div className="compose-titlebar">
        <h2 id={titleId} ref={titleRef}>
          {t(TITLE_KEYS[start.title])}
        </h2>
        {titlebarActions}
        <button type="button" className="link-button" aria-label={t('compose.close')} disabled={busy} onClick={() => void close()}>
          ×
        </button>
      </div>
      <HeaderFields
        store={session.headers}
        api={api}
        senders={start.senders}
        onFromChange={(from) => session.setFrom(from)}
        focusTo={startsAtTo}
      />
      <div className="compose-tools">
        <SignaturePicker signatures={start.signatures} value={signatureId} onChange={pickSignature} />
        <button type="button" className="secondary-button" aria-pressed={plainText} onClick={togglePlainText}>
          {t('compose.plainText')}
        </button>
      </div>
      <div className="compose-body" data-compose-body="">
        <LazyMessageEditor
          initialHtml={editorHtml}
          initialText={start.plainText ? start.content.bodyText : ''}
          initialMode={start.plainText ? 'text' : 'html'}
          onChange={session.changed}
          onReady={(handle) => {
            session.attachEditor(handle);
            // A reply already has its recipients: the caret goes where the answer is written.
            if (!startsAtTo) handle.focus();
          }}
          addInlineImage={session.addInlineImage}
          onInlineImagesChange={session.onInlineImagesChange}
          onFiles={session.onFiles}
        />
      </div>
      {start.quotedHtml && <LazyQuotedHistory html={start.quotedHtml} cidUrls={start.cidUrls} />}
      <AttachmentList queue={session.queue} />
      {issues && issues.length > 0 && <PresendPanel issues={issues} onSendAnyway={() => void send(true)} onDismiss={() => setIssues(null)} />}
      {confirm && (
        <ComposeConfirm
          state={confirm}
          busy={busy}
          onDiscard={() => void discard()}
          onSwitchToPlainText={() => {
            session.editorHandle?.setPlainText(true);
            setPlainText(true);
            setConfirm(null);
          }}
          onCloseAnyway={() => onDone({ kind: 'saved', draftId: session.sync.getSnapshot().mailId })}
          onCancel={() => setConfirm(null)}
        />
      )}
      <SendProgress flow={session.sendFlow} queue={session.queue} onRetry={() => void send(true)} />
      <SaveStatus sync={session.sync} />
      <SendBar
        flow={session.sendFlow}
        onSend={() => void send(false)}
        onSchedule={schedule}
        onDiscard={() => setConfirm({ kind: 'discard' })}
        scheduleSettings={start.settings}
        attach={<AttachFilesButton queue={session.queue} className="secondary-button" />}
      />
    </section>
  );
}

/** Remembers the picked signature as the default for new messages (in `/account/settings/client`). */
async function rememberDefaultSignature(api: ApiClient, queryClient: QueryClient, id: string | null): Promise<void> {
  try {
    const current = await getClientSettings(api);
    await setClientSettings(api, writeComposePreferences(current, { defaultSignatureId: id }));
    await queryClient.invalidateQueries({ queryKey: accountKeys.clientSettings() });
  } catch {
    // Only a preference: the message itself has the signature either way.
  }
}
