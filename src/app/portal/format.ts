import { dateFnsDatePattern, formatScheduleDate } from '../../compose/model/schedule-time';

/**
 * Display helpers of the portal: dates in the account's time zone through Intl in the account's
 * language, following its `dateFormat` (the order of day, month and year) and `timeFormat`
 * (12 or 24 hours), and the part of an address header a list row shows.
 */
export interface DateDisplay {
  /** Axigen pattern, e.g. "DD.MM.YYYY"; a numeric one is used as is for dates of other years. */
  dateFormat?: string;
  /** Axigen pattern: "hh:mm" is 24 h, "hh:mm AM" is 12 h. */
  timeFormat?: string;
}

/** 12 or 24 hours from the account's time pattern; the locale's own habit when there is none. */
export function hourCycleOf(timeFormat: string | undefined): Pick<Intl.DateTimeFormatOptions, 'hourCycle'> {
  if (!timeFormat?.trim()) return {};
  return /a\.?m\.?/i.test(timeFormat) ? { hourCycle: 'h12' } : { hourCycle: 'h23' };
}

/** A pattern of numbers only (no month or weekday names, which Intl words in the locale). */
function numericDatePattern(dateFormat: string | undefined): boolean {
  const pattern = dateFnsDatePattern(dateFormat);
  return pattern !== null && !/MMM|EEE/.test(pattern);
}

const validDate = (unixSeconds: string) => {
  const date = new Date(Number(unixSeconds) * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
};

export function formatListDate(unixSeconds: string, now: Date, timeZone: string | undefined, locale?: string, display: DateDisplay = {}): string {
  const date = validDate(unixSeconds);
  if (!date) return '';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  if (day(date) === day(now)) return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', ...hourCycleOf(display.timeFormat) }).format(date);
  const sameYear = day(date).slice(0, 4) === day(now).slice(0, 4);
  if (!sameYear && timeZone && numericDatePattern(display.dateFormat)) return formatScheduleDate(date, timeZone, display.dateFormat);
  return new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
}

/** "Tuesday, 24.11.2026, 14:03": the weekday in the language, the date in the account's pattern. */
export function formatFullDate(unixSeconds: string, timeZone: string | undefined, locale?: string, display: DateDisplay = {}): string {
  const date = validDate(unixSeconds);
  if (!date) return '';
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', ...hourCycleOf(display.timeFormat) }).format(date);
  if (timeZone && numericDatePattern(display.dateFormat)) {
    const weekday = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(date);
    return `${weekday}, ${formatScheduleDate(date, timeZone, display.dateFormat)}, ${time}`;
  }
  return `${new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }).format(date)}, ${time}`;
}

/** "Ana Popescu <ana@x.test>, bob@x.test" → "Ana Popescu, bob@x.test" for a list row. */
export function namesOf(header: string): string {
  if (!header.trim()) return '';
  const names: string[] = [];
  // Split on commas outside quotes and angle brackets.
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
    if (ch === ',' && !quoted && depth === 0) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  return names
    .map((part) => {
      const match = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(part);
      return (match ? match[1]!.trim() || match[2]! : part).trim();
    })
    .filter(Boolean)
    .join(', ');
}
