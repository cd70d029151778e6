import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { FolderInstance, MailInstance } from '../../api/contract';
import { findFolderByRole, folderKeys, foldersQuery } from '../../api/folders';
import { attachmentUrl, deleteMail, mailBodyQuery, mailKeys, mailQuery, patchMail } from '../../api/mails';
import { cancelSchedule } from '../../api/send';
import { describeError } from '../../compose/model/describe-error';
import { formatSize } from '../../compose/model/file-kinds';
import { sanitizeEmailHtml } from '../../compose/model/sanitize';
import { useApiClient } from '../providers';
import { navigate } from '../routing';
import type { ComposeRequest } from '../../compose/compose-entry';
import { formatFullDate } from './format';
import { useInlineImages } from './inline-images';
import { MessageFrame } from './message-frame';
import { useLocale, useT } from '../../i18n/react';
import { useDisplaySettings } from './display-settings';
import { isScheduledFolder } from './folder-name';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface ReaderProps {
  mailId: string;
  folder: FolderInstance;
  timeZone: string | undefined;
  onCompose: (intent: ComposeRequest) => void;
}

export function Reader({ mailId, folder, timeZone, onCompose }: ReaderProps) {
  const api = useApiClient();
  const mail = useQuery(mailQuery(api, mailId));
  useMarkRead(mail.data);
  const t = useT();

  if (mail.isPending) return <section className="reader" aria-label={t('reader.label')}><p>{t('reader.loading')}</p></section>;
  if (mail.isError)
    return (
      <section className="reader" aria-label={t('reader.label')}>
        <p role="alert">{t('reader.failed')}</p>
      </section>
    );
  return <ReaderView mail={mail.data} folder={folder} timeZone={timeZone} onCompose={onCompose} />;
}

/** Opening a message marks it read, as every webmail does; the folder counts follow. */
function useMarkRead(mail: MailInstance | undefined) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { mutate } = useMutation({
    mutationFn: (id: string) => patchMail(api, id, { isUnread: false }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: folderKeys.all });
      void queryClient.invalidateQueries({ queryKey: mailKeys.lists() });
    },
  });
  const unreadId = mail?.isUnread ? mail.id : undefined;
  useEffect(() => {
    if (unreadId) mutate(unreadId);
  }, [unreadId, mutate]);
}

function ReaderView({ mail, folder, timeZone, onCompose }: { mail: MailInstance; folder: FolderInstance; timeZone: string | undefined; onCompose: (intent: ComposeRequest) => void }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const html = useQuery(mailBodyQuery(api, mail.id, 'html'));
  const text = useQuery({ ...mailBodyQuery(api, mail.id, 'text'), enabled: html.isSuccess && !html.data.text.trim() });
  const inlineImages = useInlineImages(api, mail);
  const [showImages, setShowImages] = useState(false);
  const t = useT();
  const locale = useLocale();
  const display = useDisplaySettings();
  const isDraftFolder = folder.role === 'drafts';
  const inScheduled = isScheduledFolder(folder);

  const body = useMemo(() => {
    if (!html.isSuccess || !inlineImages) return undefined;
    const source = html.data.text.trim() ? html.data.text : text.data ? `<pre>${escapeHtml(text.data.text)}</pre>` : '';
    return sanitizeEmailHtml(source, { resolveCid: (cid) => inlineImages.get(cid), allowRemoteImages: showImages });
  }, [html.isSuccess, html.data, text.data, inlineImages, showImages]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: folderKeys.all });
    void queryClient.invalidateQueries({ queryKey: mailKeys.lists() });
  };
  const remove = useMutation({
    mutationFn: () => deleteMail(api, mail.id),
    onSuccess: () => {
      refresh();
      navigate({ folderId: folder.id });
    },
  });
  const drafts = findFolderByRole(useQuery(foldersQuery(api)).data?.items ?? [], 'drafts');
  // Cancelling moves the mail back to Drafts under a new id: show it there, or open it to edit.
  const unschedule = useMutation({ mutationFn: () => cancelSchedule(api, mail.id), onSuccess: refresh });
  const cancelOnly = () =>
    unschedule.mutate(undefined, { onSuccess: ({ mailId }) => navigate(drafts ? { folderId: drafts.id, mailId } : { folderId: folder.id }) });
  const cancelAndEdit = () =>
    unschedule.mutate(undefined, {
      onSuccess: ({ mailId }) => {
        navigate({ folderId: folder.id });
        onCompose({ mode: 'draft', mailId });
      },
    });
  const error = remove.error ?? unschedule.error;
  const files = mail.attachments.filter((a) => !a.isInline);

  return (
    <article className="reader" aria-labelledby="reader-subject">
      <header className="reader-header">
        <h2 id="reader-subject">{mail.subject || t('common.noSubject')}</h2>
        <dl className="reader-fields">
          <dt>{t('reader.from')}</dt>
          <dd>{mail.from}</dd>
          {mail.to && (
            <>
              <dt>{t('reader.to')}</dt>
              <dd>{mail.to}</dd>
            </>
          )}
          {mail.cc && (
            <>
              <dt>{t('reader.cc')}</dt>
              <dd>{mail.cc}</dd>
            </>
          )}
          {mail.bcc && (
            <>
              <dt>{t('reader.bcc')}</dt>
              <dd>{mail.bcc}</dd>
            </>
          )}
          <dt>{t('reader.date')}</dt>
          <dd>{formatFullDate(mail.date, timeZone, locale, display)}</dd>
          {mail.refwFlags && (
            <>
              <dt>{t('reader.status')}</dt>
              <dd>{t(({ re: 'reader.replied', fw: 'reader.forwarded', refw: 'reader.repliedForwarded' } as const)[mail.refwFlags])}</dd>
            </>
          )}
          {mail.importance !== 'normal' && (
            <>
              <dt>{t('reader.importance')}</dt>
              <dd>{mail.importance === 'high' ? t('reader.high') : t('reader.low')}</dd>
            </>
          )}
        </dl>
        <div className="reader-actions" role="toolbar" aria-label={t('reader.actions')}>
          {isDraftFolder && (
            <button type="button" onClick={() => onCompose({ mode: 'draft', mailId: mail.id })}>
              {t('reader.edit')}
            </button>
          )}
          {inScheduled && (
            <>
              <button type="button" disabled={unschedule.isPending} onClick={cancelOnly}>
                {t('reader.cancelSchedule')}
              </button>
              <button type="button" disabled={unschedule.isPending} onClick={cancelAndEdit}>
                {t('reader.edit')}
              </button>
            </>
          )}
          {!isDraftFolder && !inScheduled && (
            <>
              <button type="button" onClick={() => onCompose({ mode: 'reply', mailId: mail.id })}>
                {t('reader.reply')}
              </button>
              <button type="button" onClick={() => onCompose({ mode: 'replyAll', mailId: mail.id })}>
                {t('reader.replyAll')}
              </button>
              <button type="button" onClick={() => onCompose({ mode: 'forward', mailId: mail.id })}>
                {t('reader.forward')}
              </button>
            </>
          )}
          <button type="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t('reader.delete')}
          </button>
        </div>
        {error && <p role="alert">{describeError(error)}</p>}
      </header>

      {body && body.blockedRemoteImages > 0 && !showImages && (
        <p className="remote-images-note">
          {t('reader.remoteImagesBlocked', { count: body.blockedRemoteImages })}{' '}
          <button type="button" onClick={() => setShowImages(true)}>
            {t('reader.showImages')}
          </button>
        </p>
      )}
      {body ? <MessageFrame html={body.html} allowRemoteImages={showImages} title={t('reader.frameTitle', { subject: mail.subject || t('common.noSubject') })} /> : html.isError ? <p role="alert">{t('reader.bodyFailed')}</p> : <p>{t('reader.loading')}</p>}

      {files.length > 0 && (
        <section className="reader-attachments" aria-labelledby="reader-attachments-title">
          <h3 id="reader-attachments-title">{t('reader.attachments', { count: files.length })}</h3>
          <ul>
            {files.map((file) => (
              <li key={file.id}>
                <a href={attachmentUrl(api, mail.id, file.id, { download: true })} download={file.name}>
                  {file.name}
                </a>{' '}
                <span className="size">({formatSize(file.size, locale)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
