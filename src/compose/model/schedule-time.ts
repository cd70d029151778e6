import { tz, TZDate, tzOffset, tzScan } from '@date-fns/tz';
import { format } from 'date-fns';
import { MAX_SCHEDULE_AHEAD_SECONDS } from '../../api/contract';
import { t } from '../../i18n/core';
import { dayMonthYear, formatWallTime, localTimeKey, namePart, pad2, type DisplayFormats, type LocalDate, type LocalTime } from './schedule-format';

/**
 * Time rules for scheduled send: which zone we schedule in, the presets, a custom local date and
 * time turned into an instant (with daylight-saving gaps refused and overlaps resolved out loud),
 * the bounds the server enforces, and display per the account's date and time formats.
 *
 * Every zone calculation goes through @date-fns/tz (tzOffset, tzScan, TZDate); the only arithmetic
 * done here is on calendar dates and wall-clock numbers, never on hand-written offsets. "Now" is
 * always passed in, so the rules are testable at any fixed moment.
 */

// The display helpers the toasts need live in `schedule-format.ts` (Intl only, loaded up front).
export { formatShortMoment, formatWallTime, localTimeKey, scheduledConfirmation } from './schedule-format';
export type { DisplayFormats, LocalDate, LocalTime } from './schedule-format';

/** The earliest a delivery may be scheduled: one minute ahead. */
export const MIN_SCHEDULE_AHEAD_SECONDS = 60;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Zone
// ---------------------------------------------------------------------------------------------

export interface ScheduleZone {
  /** IANA name all scheduling happens in. */
  timeZone: string;
  /** Where it came from: the account settings, the browser, or UTC when neither was usable. */
  source: 'account' | 'browser' | 'utc';
  /** The account's `timezone` when it was set but is not a zone we know (so the UI can say so). */
  unusableAccountZone?: string;
}

export function isValidTimeZone(name: string | null | undefined): name is string {
  if (typeof name !== 'string' || name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The account's zone if valid, else the browser's, else UTC. */
export function resolveScheduleZone(accountTimeZone: string | null | undefined, browserZone: string | undefined = browserTimeZone()): ScheduleZone {
  const unusable = typeof accountTimeZone === 'string' && accountTimeZone.trim() !== '' && !isValidTimeZone(accountTimeZone) ? accountTimeZone : undefined;
  if (isValidTimeZone(accountTimeZone)) return { timeZone: accountTimeZone, source: 'account' };
  const base = unusable === undefined ? {} : { unusableAccountZone: unusable };
  if (isValidTimeZone(browserZone)) return { timeZone: browserZone, source: 'browser', ...base };
  return { timeZone: 'UTC', source: 'utc', ...base };
}

// ---------------------------------------------------------------------------------------------
// Local dates and times (wall-clock values, no zone attached)
// ---------------------------------------------------------------------------------------------

/** "2026-03-29" → LocalDate, or null when it is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) return null;
  return date;
}

/** "08:05" (24 h, as `<input type="time">` gives it; seconds ignored) → LocalTime, or null. */
export function parseLocalTime(text: string): LocalTime | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

export function localDateKey(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** Calendar arithmetic only (no zone involved). */
export function addDaysToLocalDate(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function localDayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return localDateKey(a).localeCompare(localDateKey(b));
}

/** The calendar date and wall-clock time an instant has in a zone. */
export function localPartsOf(instant: Date | number, timeZone: string): LocalDate & LocalTime {
  const inZone = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  return { year: inZone.getFullYear(), month: inZone.getMonth() + 1, day: inZone.getDate(), hour: inZone.getHours(), minute: inZone.getMinutes() };
}

export function localDateOf(instant: Date | number, timeZone: string): LocalDate {
  const { year, month, day } = localPartsOf(instant, timeZone);
  return { year, month, day };
}

// ---------------------------------------------------------------------------------------------
// Local time → instant, with daylight-saving gaps and overlaps
// ---------------------------------------------------------------------------------------------

export type LocalTimeResolution =
  /** The wall time exists once (or twice: `ambiguous` says which occurrence we took). */
  | { kind: 'ok'; instant: Date; ambiguous?: { chosenOffsetMinutes: number; otherOffsetMinutes: number } }
  /** The wall time falls in a spring-forward gap; the clocks jump from `gapStart` to `gapEnd` that day. */
  | { kind: 'gap'; gapStart: LocalTime; gapEnd: LocalTime };

/**
 * Finds the instant(s) at which the zone's clocks show `date` `time`. Candidates come from every
 * offset the zone uses in the days around it (tzScan); a candidate counts when the zone's offset at
 * that instant (tzOffset) is the one assumed. None → a gap; two → an overlap, and we take the first.
 */
export function resolveLocalTime(timeZone: string, date: LocalDate, time: LocalTime): LocalTimeResolution {
  const wallMs = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const interval = { start: new Date(wallMs - 2 * DAY_MS), end: new Date(wallMs + 2 * DAY_MS) };
  const changes = tzScan(timeZone, interval);
  const offsets = new Set<number>([tzOffset(timeZone, interval.start), ...changes.map((change) => change.offset)]);
  const valid = [...offsets]
    .map((offset) => ({ offset, instant: wallMs - offset * MINUTE_MS }))
    .filter((candidate) => tzOffset(timeZone, new Date(candidate.instant)) === candidate.offset)
    .sort((a, b) => a.instant - b.instant);

  const first = valid[0];
  if (first) {
    const second = valid[1];
    return second
      ? { kind: 'ok', instant: new Date(first.instant), ambiguous: { chosenOffsetMinutes: first.offset, otherOffsetMinutes: second.offset } }
      : { kind: 'ok', instant: new Date(first.instant) };
  }

  // A gap: find the forward change whose skipped wall-clock span contains the requested time.
  for (const change of changes) {
    if (change.change <= 0) continue;
    const gapEndWall = exactChangeInstant(timeZone, change.date.getTime()) + change.offset * MINUTE_MS;
    const gapStartWall = gapEndWall - change.change * MINUTE_MS;
    if (wallMs >= gapStartWall && wallMs < gapEndWall) {
      return { kind: 'gap', gapStart: wallTimeOf(gapStartWall), gapEnd: wallTimeOf(gapEndWall) };
    }
  }
  // Not reachable with real zone data (no candidate means a forward change covers the time); stay safe.
  throw new Error(`Could not place ${localTimeKey(time)} on ${localDateKey(date)} in ${timeZone}.`);
}

/**
 * tzScan reports the first whole hour (counted from the scan start) after a change; zones such as
 * Australia/Adelaide change at half past a UTC hour, so narrow it down to the minute with tzOffset.
 */
function exactChangeInstant(timeZone: string, reportedMs: number): number {
  const after = tzOffset(timeZone, new Date(reportedMs));
  let low = reportedMs - 60 * MINUTE_MS; // still the old offset
  let high = reportedMs; // already the new offset
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (tzOffset(timeZone, new Date(middle)) === after) high = middle;
    else low = middle;
  }
  return high;
}

function wallTimeOf(wallMs: number): LocalTime {
  const date = new Date(wallMs);
  return { hour: date.getUTCHours(), minute: date.getUTCMinutes() };
}

// ---------------------------------------------------------------------------------------------
// Bounds
// ---------------------------------------------------------------------------------------------

export type BoundsProblem = 'too-soon' | 'too-far';

/** At least one minute ahead, at most MAX_SCHEDULE_AHEAD_SECONDS ahead (inclusive). */
export function checkScheduleBounds(instant: Date | number, now: Date | number): BoundsProblem | null {
  const at = typeof instant === 'number' ? instant : instant.getTime();
  const from = typeof now === 'number' ? now : now.getTime();
  if (at - from < MIN_SCHEDULE_AHEAD_SECONDS * 1000) return 'too-soon';
  if (at - from > MAX_SCHEDULE_AHEAD_SECONDS * 1000) return 'too-far';
  return null;
}

/** The first and last calendar days (in the zone) on which some minute is within bounds. */
export function scheduleDateBounds(now: Date | number, timeZone: string): { first: LocalDate; last: LocalDate } {
  const from = typeof now === 'number' ? now : now.getTime();
  return {
    first: localDateOf(from + MIN_SCHEDULE_AHEAD_SECONDS * 1000, timeZone),
    last: localDateOf(from + MAX_SCHEDULE_AHEAD_SECONDS * 1000, timeZone),
  };
}

/** The API's `deliveryTime`: unix seconds. */
export function toDeliveryTime(instant: Date | number): number {
  return Math.floor((typeof instant === 'number' ? instant : instant.getTime()) / 1000);
}

// ---------------------------------------------------------------------------------------------
// Display formats (Axigen patterns → date-fns)
// ---------------------------------------------------------------------------------------------

const DATE_TOKENS: ReadonlyArray<[string, string]> = [
  ['YYYY', 'yyyy'],
  ['YY', 'yy'],
  ['MMMM', 'MMMM'],
  ['MMM', 'MMM'],
  ['MM', 'MM'],
  ['M', 'M'],
  ['dddd', 'EEEE'],
  ['ddd', 'EEE'],
  ['DD', 'dd'],
  ['D', 'd'],
];
const DEFAULT_DATE_PATTERN = 'd MMM yyyy';

/** Axigen date pattern → date-fns pattern, or null when it has tokens we don't know. */
export function dateFnsDatePattern(axigenPattern: string | undefined): string | null {
  if (!axigenPattern || axigenPattern.trim() === '') return null;
  let out = '';
  let rest = axigenPattern;
  while (rest.length > 0) {
    const token = DATE_TOKENS.find(([axigen]) => rest.startsWith(axigen));
    if (token) {
      out += token[1];
      rest = rest.slice(token[0].length);
      continue;
    }
    const quoted = /^"([^"]*)"/.exec(rest);
    if (quoted) {
      out += quoteLiteral(quoted[1] ?? '');
      rest = rest.slice(quoted[0].length);
      continue;
    }
    const char = rest[0] ?? '';
    if (/[A-Za-z]/.test(char)) return null;
    out += quoteLiteral(char);
    rest = rest.slice(1);
  }
  return out;
}

function quoteLiteral(text: string): string {
  if (text === '') return '';
  if (!/[A-Za-z']/.test(text)) return text;
  return `'${text.replace(/'/g, "''")}'`;
}

/** The calendar date of an instant in the zone, in the account's `dateFormat`. */
export function formatScheduleDate(instant: Date | number, timeZone: string, dateFormat?: string): string {
  const pattern = dateFnsDatePattern(dateFormat) ?? DEFAULT_DATE_PATTERN;
  return format(instant, pattern, { in: tz(timeZone) });
}

/** The wall-clock time of an instant in the zone, in the account's `timeFormat`. */
export function formatScheduleTime(instant: Date | number, timeZone: string, timeFormat?: string): string {
  const { hour, minute } = localPartsOf(instant, timeZone);
  return formatWallTime({ hour, minute }, timeFormat);
}

/** "Tue 25.11.2026, 08:00": weekday, the date in `dateFormat`, the time in `timeFormat`. */
export function formatScheduleMoment(instant: Date | number, timeZone: string, formats: DisplayFormats = {}): string {
  const weekday = namePart(instant, timeZone, 'weekday');
  return `${weekday} ${formatScheduleDate(instant, timeZone, formats.dateFormat)}, ${formatScheduleTime(instant, timeZone, formats.timeFormat)}`;
}

/** "EEST, UTC+3", "EDT, UTC-4", "UTC+10" (no abbreviation when the zone has no common one). */
export function describeZoneOffset(instant: Date | number, timeZone: string): string {
  const offset = tzOffset(timeZone, new Date(typeof instant === 'number' ? instant : instant.getTime()));
  const utc = formatUtcOffset(offset);
  const abbreviation = zoneAbbreviation(instant, timeZone);
  return abbreviation ? `${abbreviation}, ${utc}` : utc;
}

function zoneAbbreviation(instant: Date | number, timeZone: string): string | undefined {
  // Each English locale knows its own region's abbreviations (EDT, EEST, AEDT) and writes others
  // as "GMT+3"; ask them in turn and fall back to the plain offset.
  for (const locale of ['en-US', 'en-GB', 'en-AU']) {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(typeof instant === 'number' ? instant : instant.getTime())
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part && /^[A-Z]{2,5}$/.test(part) && part !== 'GMT' && part !== 'UTC') return part;
  }
  return undefined;
}

function formatUtcOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return `UTC${sign}${hours}${minutes ? `:${pad2(minutes)}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Custom choice
// ---------------------------------------------------------------------------------------------

export interface ScheduleChoice {
  instant: Date;
  /** Unix seconds for the API. */
  deliveryTime: number;
  timeZone: string;
  /** Said when the wall time happens twice: which occurrence we took. */
  note?: string;
}

export type CustomScheduleProblem = 'missing-date' | 'invalid-date' | 'missing-time' | 'invalid-time' | 'nonexistent-time' | 'too-soon' | 'too-far';

export type CustomScheduleResult = { ok: true; choice: ScheduleChoice } | { ok: false; problem: CustomScheduleProblem; message: string };

export interface CustomScheduleInput {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:mm" (24 h) */
  time: string;
  timeZone: string;
  now: Date | number;
  formats?: DisplayFormats;
}

/** Turns the custom date and time into a delivery moment, or says in plain words why not. */
export function resolveCustomSchedule(input: CustomScheduleInput): CustomScheduleResult {
  const { timeZone, now, formats = {} } = input;
  if (input.date.trim() === '') return refuse('missing-date', t('schedule.missingDate'));
  const date = parseLocalDate(input.date);
  if (!date) return refuse('invalid-date', t('schedule.invalidDate', { text: input.date }));
  if (input.time.trim() === '') return refuse('missing-time', t('schedule.missingTime'));
  const time = parseLocalTime(input.time);
  if (!time) return refuse('invalid-time', t('schedule.invalidTime', { text: input.time }));

  const resolved = resolveLocalTime(timeZone, date, time);
  const dayText = dayMonthYear(Date.UTC(date.year, date.month - 1, date.day, 12), 'UTC', true);
  if (resolved.kind === 'gap') {
    const asked = formatWallTime(time, formats.timeFormat);
    const from = formatWallTime(resolved.gapStart, formats.timeFormat);
    const to = formatWallTime(resolved.gapEnd, formats.timeFormat);
    return refuse('nonexistent-time', t('schedule.gap', { time: asked, day: dayText, zone: timeZone, from, to }));
  }

  const bounds = checkScheduleBounds(resolved.instant, now);
  if (bounds === 'too-soon') return refuse('too-soon', t('schedule.tooSoon'));
  if (bounds === 'too-far') {
    const last = (typeof now === 'number' ? now : now.getTime()) + MAX_SCHEDULE_AHEAD_SECONDS * 1000;
    return refuse('too-far', t('schedule.tooFar', { until: formatScheduleMoment(last, timeZone, formats) }));
  }

  const choice: ScheduleChoice = { instant: resolved.instant, deliveryTime: toDeliveryTime(resolved.instant), timeZone };
  if (resolved.ambiguous) {
    const later = new Date(resolved.instant.getTime() + (resolved.ambiguous.chosenOffsetMinutes - resolved.ambiguous.otherOffsetMinutes) * MINUTE_MS);
    choice.note = t('schedule.ambiguous', {
      time: formatWallTime(time, formats.timeFormat),
      day: dayText,
      zone: timeZone,
      first: describeZoneOffset(resolved.instant, timeZone),
      second: describeZoneOffset(later, timeZone),
    });
  }
  return { ok: true, choice };
}

function refuse(problem: CustomScheduleProblem, message: string): CustomScheduleResult {
  return { ok: false, problem, message };
}

// ---------------------------------------------------------------------------------------------
// Presets
// ---------------------------------------------------------------------------------------------

export type SchedulePresetId = 'this-morning' | 'later-today' | 'tomorrow-morning' | 'tomorrow-afternoon' | 'monday-morning';

export interface SchedulePreset extends ScheduleChoice {
  id: SchedulePresetId;
  /** "Tomorrow morning" */
  label: string;
  /** The exact moment: "Tue 25.11.2026, 08:00" (weekday, account date and time formats). */
  when: string;
}

const MORNING: LocalTime = { hour: 8, minute: 0 };
const AFTERNOON: LocalTime = { hour: 13, minute: 0 };
const EVENING: LocalTime = { hour: 18, minute: 0 };

/**
 * The presets for `now` in the zone: "This morning" (08:00, before 07:00), "Later today" (18:00,
 * before 17:00), "Tomorrow morning" (08:00), "Tomorrow afternoon" (13:00) and "Monday morning"
 * (the next Monday 08:00; on Sunday that is tomorrow morning, so it is not repeated). Presets
 * outside the bounds or at a time that doesn't exist that day are left out.
 */
export function schedulePresets(now: Date | number, timeZone: string, formats: DisplayFormats = {}): SchedulePreset[] {
  const today = localPartsOf(now, timeZone);
  const todayDate: LocalDate = { year: today.year, month: today.month, day: today.day };
  const tomorrow = addDaysToLocalDate(todayDate, 1);
  const daysToMonday = (8 - localDayOfWeek(todayDate)) % 7 || 7;
  const nowMinutes = today.hour * 60 + today.minute;

  const wanted: Array<{ id: SchedulePresetId; label: string; date: LocalDate; time: LocalTime }> = [];
  if (nowMinutes < 7 * 60) wanted.push({ id: 'this-morning', label: t('schedule.preset.this-morning'), date: todayDate, time: MORNING });
  if (nowMinutes < 17 * 60) wanted.push({ id: 'later-today', label: t('schedule.preset.later-today'), date: todayDate, time: EVENING });
  wanted.push({ id: 'tomorrow-morning', label: t('schedule.preset.tomorrow-morning'), date: tomorrow, time: MORNING });
  wanted.push({ id: 'tomorrow-afternoon', label: t('schedule.preset.tomorrow-afternoon'), date: tomorrow, time: AFTERNOON });
  wanted.push({ id: 'monday-morning', label: t('schedule.preset.monday-morning'), date: addDaysToLocalDate(todayDate, daysToMonday), time: MORNING });

  const presets: SchedulePreset[] = [];
  for (const item of wanted) {
    const resolved = resolveLocalTime(timeZone, item.date, item.time);
    if (resolved.kind !== 'ok') continue;
    if (checkScheduleBounds(resolved.instant, now) !== null) continue;
    if (presets.some((preset) => preset.instant.getTime() === resolved.instant.getTime())) continue;
    presets.push({
      id: item.id,
      label: item.label,
      instant: resolved.instant,
      deliveryTime: toDeliveryTime(resolved.instant),
      timeZone,
      when: formatScheduleMoment(resolved.instant, timeZone, formats),
    });
  }
  return presets;
}
