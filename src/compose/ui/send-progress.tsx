import { useSyncExternalStore } from 'react';
import { useStoreSlice } from '../hooks/use-store-slice';
import type { SendFlow, SendFlowSnapshot } from '../model/send-flow';
import { describePendingUploads, type UploadQueue } from '../model/upload-queue';
import { useT } from '../../i18n/react';

const selectStatus = (s: SendFlowSnapshot) => s.status;
const selectMessage = (s: SendFlowSnapshot) => s.message;
const selectAction = (s: SendFlowSnapshot) => s.action;

/**
 * What Send is doing ("Saving the draft…", "Uploading 2 files…", "Sending…") and, when it failed,
 * why in plain words with `Retry` (which never sends twice: the flow checks first).
 */
export function SendProgress({ flow, queue, onRetry }: { flow: SendFlow; queue: UploadQueue; onRetry(): void }) {
  const status = useStoreSlice(flow, selectStatus);
  const message = useStoreSlice(flow, selectMessage);
  const action = useStoreSlice(flow, selectAction);
  const t = useT();
  const uploads = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  if (status === 'saving' || status === 'sending' || status === 'uploading') {
    const text = status === 'uploading' ? (describePendingUploads(uploads.items) ?? message) : message;
    return (
      <p className="send-progress" aria-live="polite">
        {text}
      </p>
    );
  }
  // A failed schedule is shown (and retried) in the Schedule send dialog.
  if (status === 'failed' && action === 'send') {
    return (
      <div className="send-error" role="alert">
        <p>{message}</p>
        <button type="button" className="primary-button" onClick={onRetry}>
          {t('compose.retry')}
        </button>
      </div>
    );
  }
  return null;
}
