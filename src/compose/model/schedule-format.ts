import { getLocale, t } from '../../i18n/core';

/**
 * How a scheduled moment reads in the account's zone and time format — the part of the schedule
 * rules the "Scheduled for …" toast needs. The toasts load up front, so this module uses Intl only:
 * date-fns and @date-fns/tz (the custom-time rules in `schedule-time.ts`) stay in the schedule
 * dialog's chunk.
 */

/** A calendar date; `month` is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalTime {
  hour: number;
  minute: number;
}

export interface DisplayFormats {
  /** Axigen `dateFormat`, e.g. "DD.MM.YYYY"; unknown or missing → a clear locale default. */
  dateFormat?: string;
  /** Axigen `timeFormat`, e.g. "hh:mm" (24 h) or "hh:mm AM"; unknown or missing → 24 h "HH:mm". */
  timeFormat?: string;
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

export function localTimeKey(time: LocalTime): string {
  return `${pad2(time.hour)}:${pad2(time.minute)}`;
}

// One numeric formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const numericParts = new Map<string, Intl.DateTimeFormat>();

/** The calendar date and wall-clock time an instant has in a zone (Intl's zone data, as TZDate uses). */
export function zonedParts(instant: Date | number, timeZone: string): LocalDate & LocalTime {
  let formatter = numericParts.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    numericParts.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(typeof instant === 'number' ? instant : instant.getTime());
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour') % 24, minute: value('minute') };
}

type TimePart = { kind: 'hour'; padded: boolean } | { kind: 'minute' } | { kind: 'meridiem'; dotted: boolean } | { kind: 'literal'; text: string };

/** Axigen time pattern → parts, or null when it has tokens we don't know. */
function parseTimePattern(axigenPattern: string | undefined): { parts: TimePart[]; twelveHour: boolean } | null {
  if (!axigenPattern || axigenPattern.trim() === '') return null;
  const parts: TimePart[] = [];
  let rest = axigenPattern;
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = /^(hh|HH)/.exec(rest))) parts.push({ kind: 'hour', padded: true });
    else if ((match = /^(h|H)/.exec(rest))) parts.push({ kind: 'hour', padded: false });
    else if ((match = /^mm/.exec(rest))) parts.push({ kind: 'minute' });
    else if ((match = /^(A\.M\.|a\.m\.)/.exec(rest))) parts.push({ kind: 'meridiem', dotted: true });
    else if ((match = /^(AM|am)/.exec(rest))) parts.push({ kind: 'meridiem', dotted: false });
    else if ((match = /^"([^"]*)"/.exec(rest))) parts.push({ kind: 'literal', text: match[1] ?? '' });
    else if ((match = /^[^A-Za-z"]/.exec(rest))) parts.push({ kind: 'literal', text: match[0] });
    else return null;
    rest = rest.slice(match[0].length);
  }
  if (!parts.some((part) => part.kind === 'hour') || !parts.some((part) => part.kind === 'minute')) return null;
  return { parts, twelveHour: parts.some((part) => part.kind === 'meridiem') };
}

/** A wall-clock time (no instant needed: used for times that don't exist) in the account's `timeFormat`. */
export function formatWallTime(time: LocalTime, timeFormat?: string): string {
  const parsed = parseTimePattern(timeFormat);
  if (!parsed) return localTimeKey(time);
  const twelve = time.hour % 12 === 0 ? 12 : time.hour % 12;
  return parsed.parts
    .map((part) => {
      switch (part.kind) {
        case 'hour': {
          const value = parsed.twelveHour ? twelve : time.hour;
          return part.padded ? pad2(value) : String(value);
        }
        case 'minute':
          return pad2(time.minute);
        case 'meridiem':
          return time.hour < 12 ? (part.dotted ? 'A.M.' : 'AM') : part.dotted ? 'P.M.' : 'PM';
        case 'literal':
          return part.text;
      }
    })
    .join('');
}

/**
 * Weekday and month names through Intl in the active language ("Tue"/"Nov", "mar."/"nov.",
 * "الثلاثاء"/"نوفمبر"); the order of the parts stays the one below, the digits are the pattern's.
 */
export function namePart(instant: Date | number, timeZone: string, part: 'weekday' | 'month'): string {
  const options: Intl.DateTimeFormatOptions = part === 'weekday' ? { timeZone, weekday: 'short' } : { timeZone, month: 'short', day: 'numeric' };
  const parts = new Intl.DateTimeFormat(getLocale(), options).formatToParts(typeof instant === 'number' ? instant : instant.getTime());
  return parts.find((p) => p.type === part)?.value ?? '';
}

/** "25 Nov 2026" (or without the year): the day and year as numbers, the month named in the language. */
export function dayMonthYear(instant: Date | number, timeZone: string, withYear: boolean): string {
  const { day, year } = zonedParts(instant, timeZone);
  return `${day} ${namePart(instant, timeZone, 'month')}${withYear ? ` ${year}` : ''}`;
}

/** "Tue 25 Nov, 08:00" (the year added when it is not the current one in the zone). */
export function formatShortMoment(instant: Date | number, timeZone: string, now: Date | number, formats: DisplayFormats = {}): string {
  const at = zonedParts(instant, timeZone);
  const sameYear = at.year === zonedParts(now, timeZone).year;
  const day = `${namePart(instant, timeZone, 'weekday')} ${dayMonthYear(instant, timeZone, !sameYear)}`;
  return `${day}, ${formatWallTime(at, formats.timeFormat)}`;
}

/** The toast text: "Scheduled for Tue 25 Nov, 08:00 (Europe/Bucharest)". */
export function scheduledConfirmation(instant: Date | number, timeZone: string, now: Date | number, formats: DisplayFormats = {}): string {
  return t('schedule.confirmation', { when: formatShortMoment(instant, timeZone, now, formats), zone: timeZone });
}
