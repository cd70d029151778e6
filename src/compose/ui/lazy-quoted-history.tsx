import { useT } from '../../i18n/react';
import { lazyChunk, useLazyChunk } from './lazy-chunk';

/**
 * The quoted history of a reply or forward is a chunk of its own: its preview needs the HTML
 * sanitiser (DOMPurify), which a new message never does. The window starts the fetch together with
 * the reply's start (`preloadQuotedHistory`); until it is in, the collapsed summary stands in at the
 * same size. The quote itself is in the message either way (the window appends it on save).
 */
type QuotedHistoryModule = typeof import('./quoted-history');

const quotedHistoryChunk = lazyChunk<QuotedHistoryModule>(() => import('./quoted-history'));

export const preloadQuotedHistory = (): Promise<QuotedHistoryModule> => quotedHistoryChunk.load();

export function LazyQuotedHistory(props: { html: string; cidUrls: Record<string, string> }) {
  const t = useT();
  const { module, retry } = useLazyChunk(quotedHistoryChunk);
  if (module) return <module.QuotedHistory {...props} />;
  // Opening the summary after a failed fetch tries again.
  return (
    <details className="quoted-history" onToggle={retry}>
      <summary>{t('compose.quoted')}</summary>
    </details>
  );
}
