import { TZDate } from '@date-fns/tz';
import { DayPicker, type DayPickerLocale } from 'react-day-picker';
import { ar } from 'react-day-picker/locale/ar';
import { enUS } from 'react-day-picker/locale/en-US';
import { ro } from 'react-day-picker/locale/ro';
// As text, not a stylesheet link: in the embed it must go into the window's shadow root.
import dayPickerCss from 'react-day-picker/style.css?inline';
import { localDateOf, type LocalDate } from '../model/schedule-time';
import { directionOf, type Locale } from '../../i18n/core';
import { useLocale, useT } from '../../i18n/react';
import { useLazyStyles } from './style-sink';

/**
 * The calendar of the Schedule send dialog. Loaded lazily (React.lazy) so react-day-picker and its
 * styles stay out of the initial bundle. Days are the zone's days (DayPicker's `timeZone`), so the
 * picked day is the same calendar day the time field refers to, whatever the browser's zone.
 */
export interface ScheduleCalendarProps {
  timeZone: string;
  selected: LocalDate | null;
  onSelect: (date: LocalDate) => void;
  /** First and last days with a schedulable minute; others are disabled. */
  first: LocalDate;
  last: LocalDate;
  /** 0 = Sunday … 6 = Saturday (the account's `weekStartDay`); absent → the locale's. */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | undefined;
}

/** Month and weekday names, and the calendar's own labels ("Go to the Next Month"), in the app's language. */
const DAY_PICKER_LOCALES: Record<Locale, DayPickerLocale> = { en: enUS, ro, ar };

export default function ScheduleCalendar({ timeZone, selected, onSelect, first, last, weekStartsOn }: ScheduleCalendarProps) {
  const at = (date: LocalDate) => new TZDate(date.year, date.month - 1, date.day, 12, 0, timeZone);
  const firstDay = at(first);
  const lastDay = at(last);
  const t = useT();
  const locale = useLocale();
  useLazyStyles('react-day-picker', dayPickerCss, 'library');
  return (
    <DayPicker
      className="mc-calendar"
      aria-label={t('schedule.date')}
      locale={DAY_PICKER_LOCALES[locale]}
      dir={directionOf(locale)}
      mode="single"
      required
      timeZone={timeZone}
      noonSafe
      weekStartsOn={weekStartsOn}
      selected={selected ? at(selected) : undefined}
      defaultMonth={selected ? at(selected) : firstDay}
      startMonth={firstDay}
      endMonth={lastDay}
      disabled={[{ before: firstDay }, { after: lastDay }]}
      onSelect={(_selected, triggerDate) => onSelect(localDateOf(triggerDate, timeZone))}
    />
  );
}
