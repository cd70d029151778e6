import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type ReactNode, type Ref } from 'react';
import { accountSettingsQuery } from '../api/account';
import { createQueryClient } from '../api/query-client';
import type { ApiClient } from '../api/transport';
import type { ComposeCloseResult, ComposeRequest } from '../compose/compose-entry';
import { ComposeWindow, preloadComposeWindow, type ComposeWindowControl } from '../compose/ui/compose-window';
import { DeferredSendToasts } from './deferred-toasts';
import type { EmbedController } from './embed-controller';
import { checkTheme, toComposeRequest } from './options';
import { ShadowRoot } from './shadow-root';
import type { ComposeLayout, ComposeOptions, ComposeTheme, EmbeddedComposeHandle } from './types';
import { useDisposeOnUnmount } from './use-dispose-on-unmount';
import { directionOf, isLocale, resolveLocale, type Locale } from '../i18n/core';
import { I18nProvider, useLocale, useT } from '../i18n/react';

interface OpenWindow {
  id: number;
  request: ComposeRequest;
}

export interface EmbeddedComposeViewProps {
  controller: EmbedController;
  options: Pick<ComposeOptions, 'open' | 'prefill' | 'locale' | 'theme' | 'layout'>;
  ref?: Ref<EmbeddedComposeHandle>;
}

let nextWindowId = 1;

/** The windows, toasts and providers of one embed, driven by an `EmbedController` (shared with `mountCompose`). */
export function EmbeddedComposeView({ controller, options, ref }: EmbeddedComposeViewProps) {
  const { api } = controller;
  const layout: ComposeLayout = options.layout ?? 'inline';
  const [queryClient] = useState(createQueryClient);
  const [windows, setWindows] = useState<OpenWindow[]>(() => [{ id: nextWindowId++, request: toComposeRequest(options.open, options.prefill) }]);
  const openWindow = (request: ComposeRequest) => setWindows((list) => [...list, { id: nextWindowId++, request }]);

  const [toasts] = useState(() => {
    const deferred = new DeferredSendToasts(() =>
      loadToastsModule().then(({ createSendToasts, undoSend, cancelSchedule }) =>
        createSendToasts({
          undo: (request) => undoSend(api, request),
          cancelSchedule: (mailId) => cancelSchedule(api, mailId),
          reopenDraft: (draftId) => openWindow({ mode: 'draft', mailId: draftId }),
        }),
      ),
    );
    // Only needed once a mail is sent: fetched after the window's chunks, not alongside them.
    void preloadComposeWindow().then(() => deferred.start());
    return deferred;
  });
  const toastsStore = useSyncExternalStore(toasts.subscribe, () => toasts.current, () => toasts.current);
  useEffect(
    () =>
      toasts.on((event) => {
        if (event.type === 'undone') controller.emit('undone', { processingId: event.processingId, ...(event.draftId ? { mailId: event.draftId } : {}) });
        else if (event.type === 'scheduleCancelled') controller.emit('scheduleCancelled', { mailId: event.draftId });
      }),
    [toasts, controller],
  );
  useDisposeOnUnmount(toasts);

  const controls = useRef(new Map<number, ComposeWindowControl | null>());
  const closing = useRef(new Map<number, (result: ComposeCloseResult) => void>());

  const closed = (open: OpenWindow, result: ComposeCloseResult) => {
    setWindows((list) => list.filter((w) => w.id !== open.id));
    controls.current.delete(open.id);
    if (result.kind === 'sent') controller.emit('sent', { processingId: result.processingId, ...(result.mailId ? { mailId: result.mailId } : {}) });
    else if (result.kind === 'sent-no-undo') controller.emit('sent', result.mailId ? { mailId: result.mailId } : {});
    else if (result.kind === 'scheduled') controller.emit('scheduled', { mailId: result.mailId, deliveryTime: result.deliveryTime });
    else if (result.kind === 'scheduled-no-cancel') controller.emit('scheduled', { deliveryTime: result.deliveryTime });
    controller.emit('closed', { result });
    closing.current.get(open.id)?.(result);
    closing.current.delete(open.id);
  };

  const windowsRef = useRef(windows);
  useEffect(() => {
    windowsRef.current = windows;
  });

  useImperativeHandle(ref, () => ({
    async close() {
      let last: ComposeCloseResult | null = null;
      for (const open of [...windowsRef.current].reverse()) {
        const control = controls.current.get(open.id);
        if (control) {
          last = await new Promise<ComposeCloseResult>((resolve) => {
            closing.current.set(open.id, resolve);
            control.close();
          });
        } else {
          // Still loading: nothing typed yet, nothing to save.
          last = { kind: 'saved', draftId: open.request.mode === 'draft' ? (open.request.mailId ?? null) : null };
          closed(open, last);
        }
      }
      return last;
    },
    focus() {
      const last = windowsRef.current.at(-1);
      if (last) controls.current.get(last.id)?.focus();
    },
    open(open, prefill) {
      openWindow(toComposeRequest(open, prefill));
    },
  }));

  const theme = useThemeStyle(options.theme);
  const draftSaved = (mailId: string) => controller.emit('draftSaved', { mailId });

  return (
    <QueryClientProvider client={queryClient}>
      <WindowLanguage api={api} requested={options.locale}>
        {(locale) => (
          <ShadowRoot className={layout === 'inline' ? 'is-inline' : 'is-floating'} style={theme} lang={locale} dir={directionOf(locale)}>
            {windows.map((open, index) => (
              // One frame for both layouts, so switching layout keeps the window (and what is typed) mounted.
              <WindowFrame
                key={open.id}
                floating={layout === 'floating'}
                stack={windows.length - 1 - index}
                render={(titlebarActions) => (
                  <ComposeWindow
                    api={api}
                    request={open.request}
                    layout={layout}
                    toasts={toasts}
                    onSessionResume={controller.onResume}
                    onDraftSaved={draftSaved}
                    titlebarActions={titlebarActions}
                    controlRef={(control) => void controls.current.set(open.id, control)}
                    onClose={(result) => closed(open, result)}
                  />
                )}
              />
            ))}
            {toastsStore && toastsModule && <toastsModule.SendToasts store={toastsStore} />}
          </ShadowRoot>
        )}
      </WindowLanguage>
    </QueryClientProvider>
  );
}

/**
 * The window's language: the host's `locale` option, else the account's `language` setting (the
 * portal's user chose it there), else the browser's. The host page keeps its own lang/dir; only the
 * window speaks it. The settings query is one the window makes anyway (receipt defaults).
 */
function WindowLanguage({ api, requested, children }: { api: ApiClient; requested: string | undefined; children: (locale: Locale) => ReactNode }) {
  // Asked only when the host named no language we have (the window's own settings query shares the cache).
  const chosen = isLocale(requested?.trim().toLowerCase().split(/[-_]/)[0]);
  const accountLanguage = useQuery({ ...accountSettingsQuery(api), enabled: !chosen }).data?.language;
  const browser = typeof navigator === 'undefined' ? [] : [navigator.language, ...(navigator.languages ?? [])];
  const locale = resolveLocale(requested, accountLanguage, ...browser);
  return (
    <I18nProvider locale={locale} document={false}>
      <ShownLocale>{children}</ShownLocale>
    </I18nProvider>
  );
}

type ToastsModule = typeof import('./embed-toasts');

let toastsModule: ToastsModule | null = null;
let toastsLoading: Promise<ToastsModule> | null = null;

/** The toasts' chunk, once per page; a failed fetch is tried again on the next call. */
function loadToastsModule(): Promise<ToastsModule> {
  toastsLoading ??= import('./embed-toasts').then(
    (module) => (toastsModule = module),
    (error: unknown) => {
      toastsLoading = null;
      throw error;
    },
  );
  return toastsLoading;
}

/** The language actually shown (a chosen catalog may still be on its way): text and direction switch together. */
function ShownLocale({ children }: { children: (locale: Locale) => ReactNode }) {
  return <>{children(useLocale())}</>;
}

type FrameState = 'normal' | 'minimised' | 'maximised';

/**
 * A window's frame. Inline: a plain box. Floating: Minimise leaves the title bar, Maximise fills the
 * viewport, Restore goes back. Two buttons that change their names (rather than appearing and disappearing), so the
 * one just pressed keeps keyboard focus.
 */
function WindowFrame({ floating, stack, render }: { floating: boolean; stack: number; render: (actions: ReactNode) => ReactNode }) {
  const t = useT();
  const [state, setState] = useState<FrameState>('normal');
  const minimised = state === 'minimised';
  const maximised = state === 'maximised';
  const minimiseName = t(minimised ? 'compose.restoreSize' : 'compose.minimise');
  const maximiseName = t(maximised ? 'compose.restoreSize' : 'compose.maximise');
  const actions = (
    <span className="mc-window-controls">
      <button type="button" aria-label={minimiseName} title={minimiseName} onClick={() => setState(minimised ? 'normal' : 'minimised')}>
        <FrameIcon shape={minimised ? 'expand' : 'minimise'} />
      </button>
      <button type="button" aria-label={maximiseName} title={maximiseName} onClick={() => setState(maximised ? 'normal' : 'maximised')}>
        <FrameIcon shape={maximised ? 'restore' : 'maximise'} />
      </button>
    </span>
  );
  if (!floating) return <div className="mc-frame is-inline">{render(undefined)}</div>;
  return (
    <div className={`mc-frame is-${state}`} style={{ '--mc-stack': stack } as CSSProperties}>
      {render(actions)}
    </div>
  );
}

/** Drawn, not font glyphs: they look the same in every font and scale with the text. */
function FrameIcon({ shape }: { shape: 'minimise' | 'maximise' | 'restore' | 'expand' }) {
  return (
    <svg aria-hidden="true" focusable="false" width="12" height="12" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.5">
      {shape === 'minimise' && <path d="M2 9.5h8" />}
      {shape === 'maximise' && <rect x="2" y="2" width="8" height="8" />}
      {shape === 'restore' && <path d="M2 4.5h5.5v5.5H2zM4.5 4.5V2H10v5.5H7.5" />}
      {shape === 'expand' && <path d="M2.5 7.5 6 4l3.5 3.5" />}
    </svg>
  );
}

function useThemeStyle(theme: ComposeTheme | undefined): Record<string, string> {
  const key = JSON.stringify(theme ?? {});
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content: a new object with the same values is the same theme
  return useMemo(() => checkTheme(theme), [key]);
}

