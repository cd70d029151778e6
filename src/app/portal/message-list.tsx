import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FolderInstance, MailInstance } from '../../api/contract';
import { mailsQuery } from '../../api/mails';
import { useApiClient } from '../providers';
import { routeHref } from '../routing';
import { formatListDate, namesOf } from './format';
import { useLocale, useT } from '../../i18n/react';
import { useDisplaySettings } from './display-settings';
import { folderDisplayName, isScheduledFolder } from './folder-name';

export const PAGE_SIZE = 50;

/** In folders of mail the user wrote, the row names the recipients; elsewhere the sender. */
const showsRecipients = (folder: FolderInstance) => ['sent', 'drafts'].includes(folder.role) || isScheduledFolder(folder);

export function MessageList({ folder, page, currentMailId, timeZone }: { folder: FolderInstance; page: number; currentMailId: string | null; timeZone: string | undefined }) {
  const api = useApiClient();
  const list = useQuery({ ...mailsQuery(api, { folderId: folder.id, start: page * PAGE_SIZE, limit: PAGE_SIZE }), placeholderData: keepPreviousData });
  const now = new Date();
  const total = list.data?.totalItems ?? 0;
  const first = page * PAGE_SIZE;
  const t = useT();
  const locale = useLocale();
  const settings = useDisplaySettings();
  const folderName = folderDisplayName(folder, t, locale);

  return (
    <section className="message-list" aria-label={t('list.label', { folder: folderName })}>
      <header className="message-list-header">
        <h2>{folderName}</h2>
        {list.isSuccess && total > 0 && (
          <p className="paging">
            {t('list.range', { first: first + 1, last: Math.min(first + PAGE_SIZE, total), total })}
            {page > 0 && <a href={routeHref({ folderId: folder.id, page: page - 1 })}>{t('list.newer')}</a>}
            {first + PAGE_SIZE < total && <a href={routeHref({ folderId: folder.id, page: page + 1 })}>{t('list.older')}</a>}
          </p>
        )}
      </header>
      {list.isPending && <p>{t('list.loading')}</p>}
      {list.isError && <p role="alert">{t('list.failed')}</p>}
      {list.isSuccess && list.data.items.length === 0 && <p className="empty">{t('list.empty', { folder: folderName })}</p>}
      {list.isSuccess && list.data.items.length > 0 && (
        <ul aria-label={t('list.label', { folder: folderName })}>
          {list.data.items.map((mail) => (
            <MessageRow key={mail.id} mail={mail} href={routeHref({ folderId: folder.id, page, mailId: mail.id })} current={mail.id === currentMailId} who={showsRecipients(folder) ? namesOf(mail.to) || t('common.noRecipients') : namesOf(mail.from)} date={formatListDate(mail.date, now, timeZone, locale, settings)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MessageRow({ mail, href, current, who, date }: { mail: MailInstance; href: string; current: boolean; who: string; date: string }) {
  const t = useT();
  return (
    <li className={mail.isUnread ? 'message-row unread' : 'message-row'}>
      <a href={href} aria-current={current ? 'true' : undefined}>
        <span className="who">{who}</span>
        <span className="subject">
          {mail.importance === 'high' && <span className="mark importance" title={t('list.highImportance')}>!<span className="visually-hidden"> {t('list.highImportance')},</span></span>}
          {mail.subject || t('common.noSubject')}
        </span>
        <span className="snippet">{mail.snippet}</span>
        <span className="meta">
          {(mail.refwFlags === 're' || mail.refwFlags === 'refw') && <span className="mark" title={t('list.replied')}>↩<span className="visually-hidden"> {t('list.replied')},</span></span>}
          {(mail.refwFlags === 'fw' || mail.refwFlags === 'refw') && <span className="mark" title={t('list.forwarded')}>↪<span className="visually-hidden"> {t('list.forwarded')},</span></span>}
          {mail.hasAttachments && (
            <span className="mark" title={t('list.hasAttachments')}>
              <PaperclipIcon />
              <span className="visually-hidden"> {t('list.hasAttachments')},</span>
            </span>
          )}
          {mail.isUnread && <span className="visually-hidden">{t('list.unread')}, </span>}
          <span className="date">{date}</span>
        </span>
      </a>
    </li>
  );
}

/** Drawn rather than an emoji: not every system has an emoji font (the glyph would be a box). */
function PaperclipIcon() {
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
      <path d="M13 7.5 8 12.5a3.2 3.2 0 0 1-4.5-4.5l5.3-5.3a2.1 2.1 0 0 1 3 3L6.5 11a1 1 0 0 1-1.5-1.5L10 4.5" />
    </svg>
  );
}
