import { useRef, useState } from 'react';
import { useT } from '../../i18n/react';
import { ScheduleDialog, type ScheduleSettings } from './schedule-dialog';

export interface ScheduleSendButtonProps {
  /** Schedules the mail (`/mails/send/schedule` or `/drafts/{id}/send/schedule`); reject to keep the dialog open with the error. */
  onSchedule: (deliveryTimeSeconds: number) => void | Promise<unknown>;
  settings?: ScheduleSettings | null;
  disabled?: boolean;
  className?: string;
  /** The clock (tests pass a fixed one). */
  now?: () => number;
  /** Overrides the browser's zone (tests). */
  browserTimeZone?: string;
}

/** The `Schedule send` button next to Send, and the dialog it opens. */
export function ScheduleSendButton({ onSchedule, settings, disabled, className, now, browserTimeZone }: ScheduleSendButtonProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const t = useT();
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className ?? 'mc-schedule-send-button'}
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {t('schedule.button')}
      </button>
      <ScheduleDialog
        open={open}
        onClose={() => setOpen(false)}
        onSchedule={onSchedule}
        settings={settings ?? null}
        returnFocusTo={buttonRef}
        {...(now ? { now } : {})}
        {...(browserTimeZone ? { browserTimeZone } : {})}
      />
    </>
  );
}
