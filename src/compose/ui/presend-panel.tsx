import { useId } from 'react';
import type { PresendIssue } from '../model/presend';
import { useT } from '../../i18n/react';

export interface PresendPanelProps {
  issues: readonly PresendIssue[];
  /** Sends despite the "confirm" issues (shown only when nothing blocks). */
  onSendAnyway(): void;
  /** Closes the list and goes back to editing. */
  onDismiss(): void;
}

/**
 * The pre-send checklist, in one place and non-modal: the message stays editable while it shows,
 * so the user can fix a flagged address or add the forgotten file and press Send again.
 */
export function PresendPanel({ issues, onSendAnyway, onDismiss }: PresendPanelProps) {
  const headingId = useId();
  const t = useT();
  if (issues.length === 0) return null;
  const blocking = issues.filter((issue) => issue.severity === 'blocking');
  const confirmable = issues.filter((issue) => issue.severity === 'confirm');
  const waiting = issues.filter((issue) => issue.severity === 'wait');
  const shown = blocking.length > 0 ? blocking : [...confirmable, ...waiting];
  return (
    <section className="presend-panel" aria-labelledby={headingId} data-blocking={blocking.length > 0 || undefined}>
      <h3 id={headingId}>{blocking.length > 0 ? t('compose.presend.blocked') : t('compose.presend.questions')}</h3>
      <div role="alert">
        <ul>
          {shown.map((issue) => (
            <li key={issue.code}>{issue.message}</li>
          ))}
        </ul>
      </div>
      <div className="presend-actions">
        {blocking.length === 0 && confirmable.length > 0 && (
          <button type="button" className="primary-button" onClick={onSendAnyway}>
            {t('compose.presend.sendAnyway')}
          </button>
        )}
        <button type="button" className="secondary-button" onClick={onDismiss}>
          {blocking.length > 0 ? t('compose.presend.ok') : t('compose.keepEditing')}
        </button>
      </div>
    </section>
  );
}
