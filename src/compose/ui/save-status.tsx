import { useStoreSlice } from '../hooks/use-store-slice';
import type { DraftSync, DraftSyncSnapshot } from '../model/draft-sync';
import { useT } from '../../i18n/react';

const selectText = (s: DraftSyncSnapshot) => s.statusText;
const selectStatus = (s: DraftSyncSnapshot) => s.status;
const selectNotice = (s: DraftSyncSnapshot) => s.notice;

/**
 * The save state in plain words ("Saving…", "Saved 14:03", "Not saved — retrying in 8 s"), in the
 * window's one element with role `status`. It subscribes to the engine on its own, so a change of
 * save state re-renders this line and nothing else.
 */
export function SaveStatus({ sync }: { sync: DraftSync }) {
  const text = useStoreSlice(sync, selectText);
  const status = useStoreSlice(sync, selectStatus);
  const notice = useStoreSlice(sync, selectNotice);
  const t = useT();
  const troubled = status === 'retrying' || status === 'failed' || status === 'offline' || status === 'session-expired';
  return (
    <div className="save-line">
      <p role="status" className="save-status" data-tone={troubled ? 'warning' : undefined}>
        {status === 'retrying' ? (
          // The countdown changes every second: shown, but read once as a steady sentence.
          <>
            <span aria-hidden="true">{text}</span>
            <span className="visually-hidden">{t('save.retryingSoon')}</span>
          </>
        ) : (
          text
        )}
      </p>
      {(status === 'retrying' || status === 'failed') && (
        <button type="button" className="link-button" onClick={() => void sync.saveNow()}>
          {t('compose.saveNow')}
        </button>
      )}
      {notice && (
        <p className="save-notice" aria-live="polite">
          {notice}{' '}
          <button type="button" className="link-button" onClick={sync.dismissNotice}>
            {t('save.ok')}
          </button>
        </p>
      )}
    </div>
  );
}
