import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { formatSize } from '../model/file-kinds';
import type { UploadItem, UploadQueue } from '../model/upload-queue';
import './attachments.css';
import { t as translate } from '../../i18n/core';
import { useT } from '../../i18n/react';

export interface AttachmentListProps {
  queue: UploadQueue;
  /** For sizes ("1.5 MB"); the app's language by default. */
  locale?: string;
}

/**
 * The files of the message (a list named `Attachments`): name, size, a progress bar while
 * uploading, and per file Cancel / Retry / Remove. Inline images live in the body, so they appear
 * here only when their upload failed (their Retry has to be somewhere). Refusals (too large, empty,
 * too many) show above the list. Screen readers hear starts, finishes and failures through a polite
 * live region — not every progress tick.
 */
export function AttachmentList({ queue, locale }: AttachmentListProps) {
  const state = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  const announcement = useAnnouncements(queue);
  const listRef = useRef<HTMLUListElement>(null);
  const shown = state.items.filter(isListed);
  const t = useT();

  const remove = (item: UploadItem) => {
    void queue.remove(item.key);
    // Keep keyboard focus in the list rather than dropping it on <body> with the removed button.
    listRef.current?.focus();
  };

  return (
    <div className="attachment-area" data-drop-zone="attachments">
      {state.refusals.length > 0 && (
        <div role="alert" className="attachment-refusals">
          <ul>
            {state.refusals.map((reason, index) => (
              <li key={index}>{reason}</li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => queue.dismissRefusals()}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
      {shown.length > 0 && (
        <ul aria-label={t('attachments.label')} className="attachment-list" ref={listRef} tabIndex={-1}>
          {shown.map((item) => (
            <AttachmentRow key={item.key} item={item} locale={locale} onCancel={() => queue.cancel(item.key)} onRetry={() => queue.retry(item.key)} onRemove={() => remove(item)} />
          ))}
        </ul>
      )}
      <div aria-live="polite" className="attachment-announcer">
        {announcement}
      </div>
    </div>
  );
}

const isListed = (item: UploadItem) => !item.detached && (!item.inline || item.status === 'failed' || item.status === 'cancelled');

interface RowProps {
  item: UploadItem;
  locale?: string;
  onCancel(): void;
  onRetry(): void;
  onRemove(): void;
}

function AttachmentRow({ item, locale, onCancel, onRetry, onRemove }: RowProps) {
  const name = item.displayName;
  const pending = item.status === 'queued' || item.status === 'uploading';
  const troubled = item.status === 'failed' || item.status === 'cancelled';
  const percent = Math.round(item.progress * 100);
  const t = useT();
  return (
    <li className="attachment-item" data-status={item.status}>
      <span className="attachment-name" title={name}>
        {name}
        {item.inline && <span className="attachment-note"> {t('attachments.inlineNote')}</span>}
      </span>
      <span className="attachment-size">{formatSize(item.size, locale)}</span>
      {pending && (
        <div
          role="progressbar"
          aria-label={t('attachments.progress', { name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={item.status === 'queued' ? t('attachments.waiting') : t('attachments.percent', { percent })}
          className="attachment-progress"
        >
          <div className="attachment-progress-fill" style={{ width: `${percent}%` }} />
        </div>
      )}
      {troubled && item.error && <p className="attachment-error">{item.error}</p>}
      <span className="attachment-actions">
        {pending && (
          <button type="button" className="link-button" aria-label={t('attachments.cancelUpload', { name })} onClick={onCancel}>
            {t('attachments.cancel')}
          </button>
        )}
        {troubled && !item.overLimit && (
          <button type="button" className="link-button" aria-label={t('attachments.retryFile', { name })} onClick={onRetry}>
            {t('attachments.retry')}
          </button>
        )}
        <button type="button" className="attachment-remove" aria-label={t('attachments.removeFile', { name })} onClick={onRemove}>
          <span aria-hidden="true">×</span>
        </button>
      </span>
    </li>
  );
}

/**
 * What changed since the last snapshot, as one sentence per event worth hearing. Computed in the
 * queue's own subscription so a progress tick costs a comparison, not a re-render.
 */
function useAnnouncements(queue: UploadQueue): string {
  const [text, setText] = useState('');
  useEffect(() => {
    let before = new Map(queue.getSnapshot().items.map((item) => [item.key, item]));
    return queue.subscribe(() => {
      const { items } = queue.getSnapshot();
      const messages = describeChanges(before, items);
      before = new Map(items.map((item) => [item.key, item]));
      if (messages.length > 0) setText(messages.join(' '));
    });
  }, [queue]);
  return text;
}

function describeChanges(before: ReadonlyMap<string, UploadItem>, items: readonly UploadItem[]): string[] {
  const messages: string[] = [];
  const started: UploadItem[] = [];
  for (const item of items) {
    const old = before.get(item.key);
    if (item.detached || old?.status === item.status) continue;
    // Inline images show their own state in the body; only a failure needs saying here.
    if (item.inline) {
      if ((item.status === 'failed' || item.status === 'cancelled') && item.error) messages.push(item.error);
      continue;
    }
    if ((item.status === 'uploading' && old?.status !== 'queued') || (item.status === 'queued' && !old)) started.push(item);
    else if (item.status === 'done' && old) messages.push(translate('attachments.announce.uploaded', { name: item.displayName }));
    else if ((item.status === 'failed' || item.status === 'cancelled') && item.error) messages.push(item.error);
  }
  if (started.length === 1) messages.unshift(translate('attachments.announce.uploadingOne', { name: started[0]!.displayName }));
  else if (started.length > 1) messages.unshift(translate('attachments.announce.uploadingMany', { count: started.length }));
  const present = new Set(items.map((item) => item.key));
  for (const [key, old] of before) if (!present.has(key) && isListed(old)) messages.push(translate('attachments.announce.removed', { name: old.displayName }));
  return messages;
}
