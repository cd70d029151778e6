import { memo, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { ScheduledToast, SendToast, SendToastsStore, SentToast } from '../model/send-toasts';
// As text: the embed loads the toasts after the window, into its shadow root (see style-sink.ts).
import toastsCss from './toasts.css?inline';
import { useT } from '../../i18n/react';
import { useLazyStyles } from './style-sink';

export interface SendToastsProps {
  store: SendToastsStore;
  /** The landmark's name (default: "Notifications" in the active language). */
  label?: string;
}

/**
 * The notifications region for sent and scheduled mail. Render it once near the app's root, outside
 * any compose window, so a toast survives the window closing and navigation.
 *
 * Screen readers hear one polite announcement when a toast appears and one per outcome (from the
 * store's `announcement`), never the countdown: the ticking number is hidden from them.
 */
export function SendToasts({ store, label }: SendToastsProps) {
  const t = useT();
  useLazyStyles('toasts', toastsCss, 'component');
  const { toasts, announcement } = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return (
    <>
      {/* Always in the DOM, so the first announcement is heard; keyed by seq so a repeat is heard too. */}
      <div role="status" className="mc-toast-announcer">
        {announcement && <span key={announcement.seq}>{announcement.text}</span>}
      </div>
      {toasts.length > 0 && (
        <section className="mc-toasts" aria-label={label ?? t('toast.region')}>
          <ul className="mc-toast-list">
            {toasts.map((toast) => (
              <li key={toast.id}>
                <Toast toast={toast} store={store} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const Toast = memo(function Toast({ toast, store }: { toast: SendToast; store: SendToastsStore }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);
  const t = useT();
  const hasAction = toast.kind === 'sent' ? toast.canUndo || toast.busy : toast.canCancel || toast.busy;

  // When the focused button goes away (Undo after the window ends), keep focus on the toast instead
  // of dropping it to the page start.
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (hadFocus.current && (!active || active === document.body) && rootRef.current) rootRef.current.focus();
  }, [hasAction]);

  return (
    <div
      ref={rootRef}
      tabIndex={-1}
      className={`mc-toast is-${toast.phase}`}
      onFocus={() => {
        hadFocus.current = true;
      }}
      onBlur={(event) => {
        // Leaving for elsewhere (or for nowhere, e.g. a click on the page) ends our claim on focus,
        // so we never pull focus back from something the user chose.
        if (!event.relatedTarget || !event.currentTarget.contains(event.relatedTarget as Node)) hadFocus.current = false;
      }}
    >
      <div className="mc-toast-text">
        <p className="mc-toast-title">{toast.text}</p>
        {toast.detail && <p className="mc-toast-detail">{toast.detail}</p>}
      </div>
      <div className="mc-toast-actions">
        {toast.kind === 'sent' ? <SentActions toast={toast} store={store} /> : <ScheduledActions toast={toast} store={store} />}
        {!toast.busy && (
          <button type="button" className="mc-toast-dismiss" aria-label={t('toast.dismiss')} title={t('toast.dismiss')} onClick={() => store.dismiss(toast.id)}>
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
    </div>
  );
});

function SentActions({ toast, store }: { toast: SentToast; store: SendToastsStore }) {
  const t = useT();
  if (!toast.canUndo && !toast.busy) return null;
  return (
    <>
      {/* The ticking number is for eyes only; the announcement already said how long Undo lasts. */}
      <span className="mc-toast-countdown" aria-hidden="true">
        {t('toast.secondsLeft', { seconds: toast.secondsLeft })}
      </span>
      <button
        type="button"
        className="mc-toast-action"
        // Kept (not disabled) while undoing so keyboard focus stays put; the store ignores repeats.
        aria-disabled={toast.busy || undefined}
        onClick={() => void store.undo(toast.id)}
      >
        {t('toast.undo')}
      </button>
    </>
  );
}

function ScheduledActions({ toast, store }: { toast: ScheduledToast; store: SendToastsStore }) {
  const t = useT();
  if (!toast.canCancel && !toast.busy) return null;
  return (
    <button type="button" className="mc-toast-action" aria-disabled={toast.busy || undefined} onClick={() => void store.cancelSchedule(toast.id)}>
      {t('toast.cancelSchedule')}
    </button>
  );
}
