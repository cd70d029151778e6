import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import type { AccountSettings } from '../../api/contract';
import { describeError } from '../model/describe-error';
import {
  addDaysToLocalDate,
  checkScheduleBounds,
  formatScheduleMoment,
  localDateKey,
  localDateOf,
  parseLocalDate,
  resolveCustomSchedule,
  resolveScheduleZone,
  scheduleDateBounds,
  schedulePresets,
  type DisplayFormats,
  type LocalDate,
} from '../model/schedule-time';
import { trapTabKey } from './focus-trap';
// As text: in the embed it goes into the window's shadow root when the window loads (see style-sink.ts).
import scheduleCss from './schedule.css?inline';
import { useLocale, useT } from '../../i18n/react';
import { useLazyStyles } from './style-sink';

// react-day-picker and its styles load only when someone picks a custom date.
const ScheduleCalendar = lazy(() => import('./schedule-calendar'));

export type ScheduleSettings = Partial<Pick<AccountSettings, 'timezone' | 'dateFormat' | 'timeFormat' | 'weekStartDay'>>;

export interface ScheduleDialogProps {
  open: boolean;
  /** Called when the dialog closes for any reason (Cancel, Esc, after scheduling). */
  onClose: () => void;
  /** Schedules the mail; a rejection is shown in the dialog, which stays open. */
  onSchedule: (deliveryTimeSeconds: number) => void | Promise<unknown>;
  /** From `GET /account/settings`; missing values fall back to the browser's zone and defaults. */
  settings?: ScheduleSettings | null;
  /** The clock (tests pass a fixed one). */
  now?: () => number;
  /** Overrides the browser's zone (tests). */
  browserTimeZone?: string;
  /** Where focus goes back on close (the opener); defaults to whatever had focus when the dialog opened. */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

/** The `Schedule send` dialog: presets with their exact moment, or a custom date and time. */
export function ScheduleDialog(props: ScheduleDialogProps) {
  const { open, onClose, returnFocusTo } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const t = useT();
  useLazyStyles('schedule', scheduleCss, 'component');
  const [openCount, setOpenCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [prevOpen, setPrevOpen] = useState(false);
  if (open !== prevOpen) {
    setPrevOpen(open);
    if (open) setOpenCount((count) => count + 1); // a fresh form (and a fresh "now") each time
  }

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const handleClose = () => {
    // The close event comes a task after Esc; if the opener was pressed again in between, the
    // dialog is open once more and this late event must neither close it nor move focus.
    if (dialogRef.current?.open) return;
    const target = returnFocusTo?.current ?? openerRef.current;
    if (target?.isConnected) target.focus();
    if (open) onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="mc-schedule-dialog"
      aria-labelledby={titleId}
      onClose={handleClose}
      onKeyDown={trapTabKey}
      onCancel={(event) => {
        // Esc closes, except while the schedule request is on its way (its answer must be seen).
        if (busy) event.preventDefault();
        // Say so at once, so an immediate second press of the opener opens it again.
        else if (open) onClose();
      }}
    >
      <h2 id={titleId} className="mc-schedule-title">
        {t('schedule.title')}
      </h2>
      {open && <ScheduleForm key={openCount} {...props} busy={busy} setBusy={setBusy} close={() => dialogRef.current?.close()} />}
    </dialog>
  );
}

interface ScheduleFormProps extends ScheduleDialogProps {
  busy: boolean;
  setBusy: (busy: boolean) => void;
  close: () => void;
}

function ScheduleForm({ onSchedule, settings, now: nowProp, browserTimeZone, busy, setBusy, close }: ScheduleFormProps) {
  const now = nowProp ?? Date.now;
  const t = useT();
  const locale = useLocale();
  const zone = useMemo(() => resolveScheduleZone(settings?.timezone, browserTimeZone), [settings?.timezone, browserTimeZone]);
  const dateFormat = settings?.dateFormat;
  const timeFormat = settings?.timeFormat;
  const formats: DisplayFormats = useMemo(
    () => ({ ...(dateFormat ? { dateFormat } : {}), ...(timeFormat ? { timeFormat } : {}) }),
    [dateFormat, timeFormat],
  );
  const timeZone = zone.timeZone;
  // "Now" as of opening: presets and bounds are checked again at the moment of scheduling.
  const [openedAt] = useState(now);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `locale`: the labels are built in the active language
  const presets = useMemo(() => schedulePresets(openedAt, timeZone, formats), [openedAt, timeZone, formats, locale]);
  const bounds = useMemo(() => scheduleDateBounds(openedAt, timeZone), [openedAt, timeZone]);

  const [custom, setCustom] = useState(false);
  const [dateText, setDateText] = useState(() => localDateKey(addDaysToLocalDate(localDateOf(openedAt, timeZone), 1)));
  const [timeText, setTimeText] = useState('08:00');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const timeRef = useRef<HTMLInputElement>(null);
  const ids = { zone: useId(), result: useId(), custom: useId(), presets: useId(), error: useId() };

  const result = custom ? resolveCustomSchedule({ date: dateText, time: timeText, timeZone, now: now(), formats }) : null;
  const weekStartsOn = isWeekDay(settings?.weekStartDay) ? settings.weekStartDay : undefined;

  async function submit(deliveryTime: number) {
    if (busy) return;
    const problem = checkScheduleBounds(deliveryTime * 1000, now());
    if (problem) {
      setSubmitError(problem === 'too-soon' ? t('schedule.passed') : t('schedule.tooFarShort'));
      return;
    }
    setSubmitError(null);
    setBusy(true);
    try {
      await onSchedule(deliveryTime);
      setBusy(false);
      close();
    } catch (error) {
      setBusy(false);
      setSubmitError(t('schedule.notScheduled', { reason: describeError(error) }));
    }
  }

  return (
    <div className="mc-schedule-body" aria-busy={busy || undefined}>
      <p id={ids.zone} className="mc-schedule-zone">
        {t('schedule.zone', { zone: timeZone })}
        {zone.unusableAccountZone !== undefined && <span className="mc-schedule-muted"> {t('schedule.zoneFallback', { zone: zone.unusableAccountZone })}</span>}
      </p>

      <ul className="mc-schedule-presets" aria-label={t('schedule.presets')} id={ids.presets}>
        {presets.map((preset) => (
          <li key={preset.id}>
            <button type="button" className="mc-schedule-preset" disabled={busy} onClick={() => void submit(preset.deliveryTime)}>
              <span className="mc-schedule-preset-label">{preset.label}</span>
              <span className="mc-schedule-preset-when">{preset.when}</span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="mc-schedule-preset" aria-expanded={custom} aria-controls={ids.custom} disabled={busy} onClick={() => setCustom((value) => !value)}>
            <span className="mc-schedule-preset-label">{t('schedule.custom')}</span>
          </button>
        </li>
      </ul>

      {custom && (
        <form
          id={ids.custom}
          className="mc-schedule-custom"
          aria-label={t('schedule.custom')}
          onSubmit={(event) => {
            event.preventDefault();
            if (result?.ok) void submit(result.choice.deliveryTime);
            else timeRef.current?.focus();
          }}
        >
          <div className="mc-schedule-fields">
            <label className="mc-schedule-field">
              <span>{t('schedule.date')}</span>
              <input
                type="date"
                value={dateText}
                min={localDateKey(bounds.first)}
                max={localDateKey(bounds.last)}
                aria-describedby={ids.result}
                onChange={(event) => setDateText(event.target.value)}
              />
            </label>
            <label className="mc-schedule-field">
              <span>{t('schedule.time')}</span>
              <input ref={timeRef} type="time" value={timeText} aria-describedby={`${ids.result} ${ids.zone}`} onChange={(event) => setTimeText(event.target.value)} />
            </label>
          </div>
          <Suspense fallback={<p className="mc-schedule-muted">{t('schedule.loadingCalendar')}</p>}>
            <ScheduleCalendar
              timeZone={timeZone}
              selected={parseLocalDate(dateText)}
              onSelect={(date: LocalDate) => setDateText(localDateKey(date))}
              first={bounds.first}
              last={bounds.last}
              weekStartsOn={weekStartsOn}
            />
          </Suspense>
          <output id={ids.result} className={result && !result.ok ? 'mc-schedule-result is-error' : 'mc-schedule-result'} aria-live="polite">
            {result?.ok ? (
              <>
                {t('schedule.sends', { when: formatScheduleMoment(result.choice.instant, timeZone, formats), zone: timeZone })}
                {result.choice.note && <span className="mc-schedule-note"> {result.choice.note}</span>}
              </>
            ) : (
              result?.message
            )}
          </output>
          <div className="mc-schedule-actions">
            <button type="submit" className="mc-schedule-primary" disabled={busy}>
              {busy ? t('schedule.busy') : t('schedule.submit')}
            </button>
          </div>
        </form>
      )}

      {submitError && (
        <p id={ids.error} role="alert" className="mc-schedule-error">
          {submitError}
        </p>
      )}

      <div className="mc-schedule-actions">
        <button type="button" className="mc-schedule-secondary" disabled={busy} onClick={close}>
          {t('schedule.cancel')}
        </button>
      </div>
    </div>
  );
}

function isWeekDay(value: number | undefined): value is 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6;
}
