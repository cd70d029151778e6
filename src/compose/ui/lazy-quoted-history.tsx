import { useEffect, useState } from 'react';
import { useT } from '../../i18n/react';

/**
 * The quoted history of a reply or forward is a chunk of its own: its preview needs the HTML
 * sanitiser (DOMPurify), which a new message never does. The window starts the fetch together with
 * the reply's start (`preloadQuotedHistory`); until it is in, the collapsed summary stands in at the
 * same size. The quote itself is in the message either way (the window appends it on save).
 */
type QuotedHistoryModule = typeof import('./quoted-history');

let loading: Promise<QuotedHistoryModule> | null = null;
let loaded: QuotedHistoryModule | null = null;

export function preloadQuotedHistory(): Promise<QuotedHistoryModule> {
  loading ??= import('./quoted-history').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export function LazyQuotedHistory(props: { html: string; cidUrls: Record<string, string> }) {
  const t = useT();
  const [module, setModule] = useState<QuotedHistoryModule | null>(loaded);
  // Opening the summary after a failed fetch tries again.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (module) return;
    let live = true;
    preloadQuotedHistory().then(
      (m) => live && setModule(m),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [module, attempt]);
  if (module) return <module.QuotedHistory {...props} />;
  return (
    <details className="quoted-history" onToggle={() => setAttempt((n) => n + 1)}>
      <summary>{t('compose.quoted')}</summary>
    </details>
  );
}
