import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { aliasesQuery } from '../../api/account';
import { deleteDraft } from '../../api/drafts';
import { deleteTemporaryAttachment } from '../../api/temporary-attachments';
import { ApiError } from '../../api/transport';
import { checkRestore, type ComposeRequest } from '../../compose/compose-entry';
import { forgetRestorableDraft, restorableDrafts } from '../../compose/hooks/shared-journal';
import { describeError } from '../../compose/model/describe-error';
import { browserEntryLocks, type JournalEntry } from '../../compose/model/journal';
import { useApiClient } from '../providers';
import './restore-offer.css';
import { t as translate } from '../../i18n/core';
import { formatWithNodes, useLocale, useT } from '../../i18n/react';
import { useDisplaySettings } from './display-settings';
import { hourCycleOf } from './format';

/**
 * The crash-restore offer: when the portal opens, the local journal's unsent messages of this account
 * that no open window holds (in any tab) are offered in one polite, non-modal banner — one line per
 * message, never one prompt per draft, and nothing at all when there are none. Restore reopens the
 * compose window on the entry (it keeps saving into the same server draft); Discard forgets it and,
 * after a confirm, deletes its server draft.
 */

export interface RestoreOfferProps {
  /** Opens a compose window; answers false when it could not (too many open): the line stays. */
  onRestore(request: ComposeRequest): boolean | void;
  /** The account's time zone, for "from 14:03". */
  timeZone?: string;
  /** "Now", for telling today's times from older ones; injected by tests. */
  now?: () => number;
}

interface Note {
  key: string;
  text: string;
  tone: 'info' | 'error';
}

/** An entry with nothing in it (typed, then deleted) is not worth a prompt. */
const isEmpty = (entry: JournalEntry) => {
  const c = entry.content;
  return (
    !c.subject.trim() &&
    !c.bodyText.trim() &&
    !/<img\b/i.test(c.bodyHtml) &&
    c.to.length + c.cc.length + c.bcc.length + c.replyTo.length === 0 &&
    c.attachments.length === 0 &&
    !Object.values(entry.recipientText ?? {}).some((text) => text.trim())
  );
};

export const restoreOfferKey = (account: string) => ['compose', 'journal', 'restorable', account] as const;

export function RestoreOffer({ onRestore, timeZone, now = Date.now }: RestoreOfferProps) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const t = useT();
  const locale = useLocale();
  const display = useDisplaySettings();
  const aliases = useQuery(aliasesQuery(api));
  // The journal names entries by the account's main address (the window's first sender).
  const account = aliases.data?.items.find((item) => item.type === 'mainAddress')?.emailAddress ?? aliases.data?.items[0]?.emailAddress;
  const entries = useQuery({
    queryKey: restoreOfferKey(account ?? ''),
    enabled: account !== undefined,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    queryFn: async () => {
      const [all, live] = await Promise.all([restorableDrafts(account!), browserEntryLocks.held().catch(() => new Set<string>())]);
      const empty = all.filter((entry) => !live.has(entry.key) && isEmpty(entry));
      void Promise.allSettled(empty.map((entry) => forgetRestorableDraft(entry.key)));
      return all.filter((entry) => !live.has(entry.key) && !isEmpty(entry));
    },
  });
  const [handled, setHandled] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);

  const visible = (entries.data ?? []).filter((entry) => !handled.has(entry.key));
  if (visible.length === 0 && notes.length === 0) return null;

  const done = (key: string) => {
    setHandled((current) => new Set(current).add(key));
    setConfirming(null);
    void queryClient.invalidateQueries({ queryKey: restoreOfferKey(account ?? ''), refetchType: 'none' });
  };
  const note = (key: string, text: string, tone: Note['tone']) => setNotes((current) => [...current.filter((n) => n.key !== key), { key, text, tone }]);

  async function restore(entry: JournalEntry) {
    setBusy(entry.key);
    try {
      // Checked here rather than only in the window, so the banner can say which files are gone.
      const checked = await checkRestore(api, entry);
      if (onRestore({ mode: 'draft', restore: checked.entry }) === false) return;
      done(entry.key);
      if (checked.lost.length > 0) {
        const files = checked.lost.join(', ');
        note(
          entry.key,
          t(checked.lost.length === 1 ? 'restore.lostOne' : 'restore.lostMany', { subject: subjectOf(entry), files }),
          'info',
        );
      } else if (checked.recovered.length > 0) {
        note(entry.key, t('restore.recovered', { subject: subjectOf(entry) }), 'info');
      } else setNotes((current) => current.filter((n) => n.key !== entry.key));
    } catch (error) {
      note(entry.key, t('restore.failed', { subject: subjectOf(entry), reason: describeError(error) }), 'error');
    } finally {
      setBusy(null);
    }
  }

  async function discard(entry: JournalEntry) {
    setBusy(entry.key);
    try {
      if (entry.mailId) {
        try {
          await deleteDraft(api, entry.mailId);
        } catch (error) {
          // Already gone (sent or deleted elsewhere) is what was wanted.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
        }
      }
      // Its uploads are of no use to anyone now; ones from an older session are gone already.
      void Promise.allSettled(entry.content.attachments.map((item) => deleteTemporaryAttachment(api, item.id)));
      await forgetRestorableDraft(entry.key);
      done(entry.key);
      setNotes((current) => current.filter((n) => n.key !== entry.key));
    } catch (error) {
      note(entry.key, t('restore.discardFailed', { subject: subjectOf(entry), reason: describeError(error) }), 'error');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="restore-offer" aria-label={t('restore.label')}>
      {visible.length > 0 && (
        <ul>
          {visible.map((entry) => (
            <li key={entry.key} aria-busy={busy === entry.key}>
              {confirming === entry.key ? (
                <div role="alertdialog" aria-label={t('restore.confirmLabel')} className="restore-offer-confirm">
                  <span>{t('restore.confirm', { subject: subjectOf(entry) })}</span>
                  <button type="button" className="secondary-button" disabled={busy !== null} onClick={() => void discard(entry)}>
                    {t('restore.discard')}
                  </button>
                  <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                    {t('restore.keep')}
                  </button>
                </div>
              ) : (
                <>
                  <span className="restore-offer-text">
                    {formatWithNodes(t, 'restore.offer', { subject: <strong>{subjectOf(entry)}</strong> }, { when: formatWhen(entry.updatedAt, now(), timeZone, locale, display.timeFormat) })}
                  </span>
                  <button type="button" className="secondary-button" disabled={busy !== null} onClick={() => void restore(entry)}>
                    {t('restore.restore')}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy !== null}
                    onClick={() => (entry.mailId ? setConfirming(entry.key) : void discard(entry))}
                  >
                    {t('restore.discard')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite">
        {notes.map((n) => (
          <p key={n.key} className="restore-offer-note" data-tone={n.tone}>
            {n.text}{' '}
            <button type="button" className="link-button" onClick={() => setNotes((current) => current.filter((other) => other.key !== n.key))}>
              {t('restore.ok')}
            </button>
          </p>
        ))}
      </div>
    </section>
  );
}

const subjectOf = (entry: JournalEntry) => entry.content.subject.trim() || translate('common.noSubject');

/** "14:03" today, "23 Nov, 14:03" before, in the account's zone. */
export function formatWhen(epochMs: number, nowMs: number, timeZone?: string, locale?: string, timeFormat?: string): string {
  const zone = timeZone ? { timeZone } : {};
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  const time = new Intl.DateTimeFormat(locale, { ...zone, hour: '2-digit', minute: '2-digit', ...(timeFormat ? hourCycleOf(timeFormat) : { hourCycle: 'h23' }) }).format(epochMs);
  if (day(epochMs) === day(nowMs)) return time;
  const date = new Intl.DateTimeFormat(locale, { ...zone, day: 'numeric', month: 'short' }).format(epochMs);
  return `${date}, ${time}`;
}
