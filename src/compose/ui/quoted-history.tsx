import { useMemo } from 'react';
import { sanitizeEmailHtml } from '../model/sanitize';
import { useT } from '../../i18n/react';

/**
 * The quoted original of a reply or forward, collapsed under its summary. It is sent as it is (the
 * window appends it on save); this preview is sanitised again with remote images withheld, so
 * opening a reply never pings a sender's tracking pixel.
 */
export function QuotedHistory({ html, cidUrls }: { html: string; cidUrls: Record<string, string> }) {
  const t = useT();
  const preview = useMemo(
    () => sanitizeEmailHtml(html, { allowRemoteImages: false, resolveCid: (cid) => cidUrls[cid] }).html,
    [html, cidUrls],
  );
  return (
    <details className="quoted-history">
      <summary>{t('compose.quoted')}</summary>
      <div className="quoted-preview" dangerouslySetInnerHTML={{ __html: preview }} />
    </details>
  );
}
