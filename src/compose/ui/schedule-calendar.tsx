import { TZDate } from '@date-fns/tz';
import { DayPicker } from 'react-day-picker';
import 'react-day-picker/style.css';
import { localDateOf, type LocalDate } from '../model/schedule-time';

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

export default function ScheduleCalendar({ timeZone, selected, onSelect, first, last, weekStartsOn }: ScheduleCalendarProps) {
  const at = (date: LocalDate) => new TZDate(date.year, date.month - 1, date.day, 12, 0, timeZone);
  const firstDay = at(first);
  const lastDay = at(last);
  return (
    <DayPicker
      className="mc-calendar"
      aria-label="Date"
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
