import { describe, expect, it } from 'vitest';
import { MAX_SCHEDULE_AHEAD_SECONDS } from '../../api/contract';
import {
  checkScheduleBounds,
  dateFnsDatePattern,
  formatScheduleDate,
  formatScheduleMoment,
  formatScheduleTime,
  resolveCustomSchedule,
  resolveLocalTime,
  resolveScheduleZone,
  scheduleDateBounds,
  scheduledConfirmation,
  schedulePresets,
  toDeliveryTime,
  type CustomScheduleResult,
  type SchedulePreset,
} from './schedule-time';

const BUCHAREST = 'Europe/Bucharest';
const NEW_YORK = 'America/New_York';
const SYDNEY = 'Australia/Sydney';
/** Thu 15 Jan 2026: every DST change of 2026 tested below is within a year of it. */
const JAN_15 = Date.parse('2026-01-15T12:00:00Z');

function expectOk(result: CustomScheduleResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.problem}: ${result.message}`);
  return result.choice;
}

function expectRefused(result: CustomScheduleResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${result.choice.instant.toISOString()}`);
  return result;
}

const custom = (timeZone: string, date: string, time: string, now = JAN_15) => resolveCustomSchedule({ timeZone, date, time, now });

describe('time zone', () => {
  it("uses the account's zone when valid", () => {
    expect(resolveScheduleZone(BUCHAREST, NEW_YORK)).toEqual({ timeZone: BUCHAREST, source: 'account' });
  });
  it("falls back to the browser's zone and remembers the unusable account value", () => {
    expect(resolveScheduleZone('Mars/Olympus', NEW_YORK)).toEqual({ timeZone: NEW_YORK, source: 'browser', unusableAccountZone: 'Mars/Olympus' });
    expect(resolveScheduleZone('', NEW_YORK)).toEqual({ timeZone: NEW_YORK, source: 'browser' });
  });
  it('falls back to UTC when neither is usable', () => {
    expect(resolveScheduleZone(undefined, 'Nope/Nope')).toEqual({ timeZone: 'UTC', source: 'utc' });
  });
});

describe('spring-forward gaps are refused with the reason', () => {
  it('Europe/Bucharest: 03:00–03:59 on 29 Mar 2026 does not exist (02:30 does)', () => {
    const refused = expectRefused(custom(BUCHAREST, '2026-03-29', '03:30'));
    expect(refused.problem).toBe('nonexistent-time');
    expect(refused.message).toBe(
      "03:30 on 29 Mar 2026 doesn't exist in Europe/Bucharest because clocks go forward from 03:00 to 04:00; pick a time before 03:00 or 04:00 or later.",
    );
    expect(expectOk(custom(BUCHAREST, '2026-03-29', '02:30')).instant.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(expectOk(custom(BUCHAREST, '2026-03-29', '04:00')).instant.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('America/New_York: 02:30 on 8 Mar 2026 does not exist', () => {
    const refused = expectRefused(custom(NEW_YORK, '2026-03-08', '02:30'));
    expect(refused.message).toContain("02:30 on 8 Mar 2026 doesn't exist in America/New_York because clocks go forward from 02:00 to 03:00");
    expect(expectOk(custom(NEW_YORK, '2026-03-08', '03:00')).instant.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(expectOk(custom(NEW_YORK, '2026-03-08', '01:59')).instant.toISOString()).toBe('2026-03-08T06:59:00.000Z');
  });

  it('Australia/Sydney (southern hemisphere, October): 02:30 on 4 Oct 2026 does not exist', () => {
    const refused = expectRefused(custom(SYDNEY, '2026-10-04', '02:30'));
    expect(refused.message).toContain('clocks go forward from 02:00 to 03:00');
    expect(resolveLocalTime(SYDNEY, { year: 2026, month: 10, day: 4 }, { hour: 2, minute: 0 })).toEqual({
      kind: 'gap',
      gapStart: { hour: 2, minute: 0 },
      gapEnd: { hour: 3, minute: 0 },
    });
  });

  it('Australia/Adelaide (half-hour offset, changes at half past a UTC hour): the gap is still 02:00–03:00', () => {
    expect(expectRefused(custom('Australia/Adelaide', '2026-10-04', '02:15')).message).toContain('clocks go forward from 02:00 to 03:00');
    expect(expectOk(custom('Australia/Adelaide', '2026-10-04', '03:00')).instant.toISOString()).toBe('2026-10-03T16:30:00.000Z');
  });

  it('formats the times in the gap message per the account time format', () => {
    const result = resolveCustomSchedule({ timeZone: NEW_YORK, date: '2026-03-08', time: '02:30', now: JAN_15, formats: { timeFormat: 'h:mm A.M.' } });
    expect(expectRefused(result).message).toContain('2:30 A.M. on 8 Mar 2026 doesn\'t exist in America/New_York because clocks go forward from 2:00 A.M. to 3:00 A.M.');
  });
});

describe('fall-back overlaps take the first occurrence and say which', () => {
  it('Europe/Bucharest: 03:30 on 25 Oct 2026 → EEST (UTC+3)', () => {
    const choice = expectOk(custom(BUCHAREST, '2026-10-25', '03:30'));
    expect(choice.instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(choice.note).toBe(
      '03:30 on 25 Oct 2026 happens twice in Europe/Bucharest because clocks go back; using the first one (EEST, UTC+3), not the second (EET, UTC+2).',
    );
  });

  it('America/New_York: 01:30 on 1 Nov 2026 → EDT (UTC-4)', () => {
    const choice = expectOk(custom(NEW_YORK, '2026-11-01', '01:30'));
    expect(choice.instant.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(choice.note).toContain('using the first one (EDT, UTC-4), not the second (EST, UTC-5)');
  });

  it('Australia/Sydney: 02:30 on 5 Apr 2026 → AEDT (UTC+11)', () => {
    const choice = expectOk(custom(SYDNEY, '2026-04-05', '02:30'));
    expect(choice.instant.toISOString()).toBe('2026-04-04T15:30:00.000Z');
    expect(choice.note).toMatch(/using the first one \((AEDT, )?UTC\+11\), not the second \((AEST, )?UTC\+10\)/);
  });

  it('a time just outside the overlap is not ambiguous', () => {
    expect(expectOk(custom(NEW_YORK, '2026-11-01', '02:00')).note).toBeUndefined();
    expect(expectOk(custom(BUCHAREST, '2026-10-25', '02:59')).note).toBeUndefined();
  });
});

describe('bounds', () => {
  const now = Date.parse('2026-11-24T20:14:30Z');
  it('needs at least one minute ahead', () => {
    expect(checkScheduleBounds(now + 59_000, now)).toBe('too-soon');
    expect(checkScheduleBounds(now + 60_000, now)).toBeNull();
    expect(checkScheduleBounds(now + 61_000, now)).toBeNull();
    expect(checkScheduleBounds(now - 3_600_000, now)).toBe('too-soon');
  });
  it('allows 365 days and refuses 366', () => {
    expect(MAX_SCHEDULE_AHEAD_SECONDS).toBe(365 * 86_400);
    expect(checkScheduleBounds(now + 365 * 86_400_000, now)).toBeNull();
    expect(checkScheduleBounds(now + 365 * 86_400_000 + 1000, now)).toBe('too-far');
    expect(checkScheduleBounds(now + 366 * 86_400_000, now)).toBe('too-far');
  });
  it('refuses custom picks outside the bounds in plain words', () => {
    const now2 = Date.parse('2026-11-24T20:14:00Z'); // 22:14 in Bucharest
    expect(expectRefused(custom(BUCHAREST, '2026-11-24', '22:14', now2)).message).toBe('That moment is too soon: pick a time at least one minute from now.');
    expect(expectOk(custom(BUCHAREST, '2026-11-24', '22:15', now2)).deliveryTime).toBe(toDeliveryTime(now2 + 60_000));
    expect(expectOk(custom(BUCHAREST, '2027-11-24', '22:14', now2)).instant.getTime()).toBe(now2 + 365 * 86_400_000);
    const tooFar = expectRefused(custom(BUCHAREST, '2027-11-25', '22:14', now2));
    expect(tooFar.problem).toBe('too-far');
    expect(tooFar.message).toContain('at most one year ahead');
  });
  it('explains missing or malformed input', () => {
    expect(expectRefused(custom(BUCHAREST, '', '08:00')).message).toBe('Pick a date.');
    expect(expectRefused(custom(BUCHAREST, '2026-02-30', '08:00')).problem).toBe('invalid-date');
    expect(expectRefused(custom(BUCHAREST, '2026-02-20', '')).message).toBe('Enter a time.');
    expect(expectRefused(custom(BUCHAREST, '2026-02-20', '25:00')).problem).toBe('invalid-time');
  });
  it('gives the first and last calendar days for the picker', () => {
    const now2 = Date.parse('2026-11-24T21:59:30Z'); // 23:59:30 in Bucharest: the first possible minute is tomorrow
    expect(scheduleDateBounds(now2, BUCHAREST)).toEqual({ first: { year: 2026, month: 11, day: 25 }, last: { year: 2027, month: 11, day: 24 } });
  });
  it('gives deliveryTime as unix seconds', () => {
    expect(toDeliveryTime(new Date('2026-11-25T06:00:00Z'))).toBe(1795586400);
  });
});

describe('presets relative to a fixed now (Europe/Bucharest, EET = UTC+2 in November)', () => {
  const summary = (presets: SchedulePreset[]) => presets.map((p) => `${p.id} ${p.instant.toISOString()}`);

  it('Tuesday late evening: tomorrow morning and afternoon, next Monday; no "later today"', () => {
    const presets = schedulePresets(Date.parse('2026-11-24T20:14:00Z'), BUCHAREST, { dateFormat: 'DD.MM.YYYY', timeFormat: 'hh:mm' });
    expect(summary(presets)).toEqual([
      'tomorrow-morning 2026-11-25T06:00:00.000Z',
      'tomorrow-afternoon 2026-11-25T11:00:00.000Z',
      'monday-morning 2026-11-30T06:00:00.000Z',
    ]);
    expect(presets.map((p) => `${p.label}: ${p.when}`)).toEqual([
      'Tomorrow morning: Wed 25.11.2026, 08:00',
      'Tomorrow afternoon: Wed 25.11.2026, 13:00',
      'Monday morning: Mon 30.11.2026, 08:00',
    ]);
    expect(presets[0]?.deliveryTime).toBe(1795586400);
  });

  it('Friday morning: later today, Saturday, Monday', () => {
    expect(summary(schedulePresets(Date.parse('2026-11-27T08:00:00Z'), BUCHAREST))).toEqual([
      'later-today 2026-11-27T16:00:00.000Z',
      'tomorrow-morning 2026-11-28T06:00:00.000Z',
      'tomorrow-afternoon 2026-11-28T11:00:00.000Z',
      'monday-morning 2026-11-30T06:00:00.000Z',
    ]);
  });

  it('Saturday 23:30: tomorrow is Sunday, Monday is two days away', () => {
    expect(summary(schedulePresets(Date.parse('2026-11-28T21:30:00Z'), BUCHAREST))).toEqual([
      'tomorrow-morning 2026-11-29T06:00:00.000Z',
      'tomorrow-afternoon 2026-11-29T11:00:00.000Z',
      'monday-morning 2026-11-30T06:00:00.000Z',
    ]);
  });

  it('Sunday: Monday morning is tomorrow morning, shown once', () => {
    const presets = schedulePresets(Date.parse('2026-11-29T10:00:00Z'), BUCHAREST);
    expect(summary(presets)).toEqual([
      'later-today 2026-11-29T16:00:00.000Z',
      'tomorrow-morning 2026-11-30T06:00:00.000Z',
      'tomorrow-afternoon 2026-11-30T11:00:00.000Z',
    ]);
  });

  it('Monday: "Monday morning" is a week ahead', () => {
    const presets = schedulePresets(Date.parse('2026-11-30T18:00:00Z'), BUCHAREST);
    expect(presets.find((p) => p.id === 'monday-morning')?.instant.toISOString()).toBe('2026-12-07T06:00:00.000Z');
  });

  it('early morning offers "This morning"; 16:59 still offers "Later today", 17:00 does not', () => {
    expect(schedulePresets(Date.parse('2026-11-25T03:30:00Z'), BUCHAREST).map((p) => p.id)).toEqual([
      'this-morning',
      'later-today',
      'tomorrow-morning',
      'tomorrow-afternoon',
      'monday-morning',
    ]);
    expect(schedulePresets(Date.parse('2026-11-25T14:59:00Z'), BUCHAREST)[0]?.id).toBe('later-today');
    expect(schedulePresets(Date.parse('2026-11-25T15:00:00Z'), BUCHAREST)[0]?.id).toBe('tomorrow-morning');
  });

  it('just before midnight the day rolls over in the zone, not in UTC', () => {
    // 23:59 Sunday in Bucharest is still Sunday 21:59 UTC; tomorrow is Monday 30 Nov.
    expect(summary(schedulePresets(Date.parse('2026-11-29T21:59:00Z'), BUCHAREST))[0]).toBe('tomorrow-morning 2026-11-30T06:00:00.000Z');
    // 00:30 Monday in Bucharest is Sunday 22:30 UTC: tomorrow is Tuesday.
    expect(summary(schedulePresets(Date.parse('2026-11-29T22:30:00Z'), BUCHAREST))).toContain('tomorrow-morning 2026-12-01T06:00:00.000Z');
  });

  it('uses the new offset after a DST change overnight', () => {
    // Sat 24 Oct 2026 20:00 EEST; clocks go back that night, so Sunday 08:00 is EET (UTC+2).
    expect(summary(schedulePresets(Date.parse('2026-10-24T17:00:00Z'), BUCHAREST))[0]).toBe('tomorrow-morning 2026-10-25T06:00:00.000Z');
    // New York, Sat 7 Mar 2026 evening: Sunday 08:00 is already EDT (UTC-4).
    expect(summary(schedulePresets(Date.parse('2026-03-08T01:00:00Z'), NEW_YORK))[0]).toBe('tomorrow-morning 2026-03-08T12:00:00.000Z');
  });
});

describe('formats', () => {
  const at = Date.parse('2026-11-25T11:05:00Z'); // Wed 25 Nov 2026, 13:05 in Bucharest

  it('maps Axigen date patterns to date-fns', () => {
    expect(dateFnsDatePattern('DD.MM.YYYY')).toBe('dd.MM.yyyy');
    expect(formatScheduleDate(at, BUCHAREST, 'DD.MM.YYYY')).toBe('25.11.2026');
    expect(formatScheduleDate(at, BUCHAREST, 'MM/DD/YYYY')).toBe('11/25/2026');
    expect(formatScheduleDate(at, BUCHAREST, 'YYYY-MM-DD')).toBe('2026-11-25');
    expect(formatScheduleDate(at, BUCHAREST, 'D MMMM YYYY')).toBe('25 November 2026');
    expect(formatScheduleDate(at, BUCHAREST, 'dddd, MMM D, YY')).toBe('Wednesday, Nov 25, 26');
    expect(formatScheduleDate(Date.parse('2026-03-05T10:00:00Z'), BUCHAREST, 'D/M/YYYY')).toBe('5/3/2026');
  });

  it('falls back to a clear default for unknown date patterns', () => {
    expect(dateFnsDatePattern('QQ/YYYY')).toBeNull();
    expect(formatScheduleDate(at, BUCHAREST, 'QQ/YYYY')).toBe('25 Nov 2026');
    expect(formatScheduleDate(at, BUCHAREST, undefined)).toBe('25 Nov 2026');
  });

  it('formats times per Axigen time patterns', () => {
    expect(formatScheduleTime(at, BUCHAREST, 'hh:mm')).toBe('13:05');
    expect(formatScheduleTime(at, BUCHAREST, 'h:mm')).toBe('13:05');
    expect(formatScheduleTime(at, BUCHAREST, 'hh.mm')).toBe('13.05');
    expect(formatScheduleTime(at, BUCHAREST, 'hh:mm AM')).toBe('01:05 PM');
    expect(formatScheduleTime(at, BUCHAREST, 'h:mm A.M.')).toBe('1:05 P.M.');
    expect(formatScheduleTime(at, BUCHAREST, 'h.mm AM')).toBe('1.05 PM');
    expect(formatScheduleTime(at, BUCHAREST, 'h"h" mm"min"')).toBe('13h 05min');
    expect(formatScheduleTime(Date.parse('2026-11-25T06:05:00Z'), BUCHAREST, 'hh"h" mm"min"')).toBe('08h 05min');
    expect(formatScheduleTime(Date.parse('2026-11-24T22:05:00Z'), BUCHAREST, 'h:mm AM')).toBe('12:05 AM');
    expect(formatScheduleTime(Date.parse('2026-11-25T10:00:00Z'), BUCHAREST, 'h:mm AM')).toBe('12:00 PM');
    expect(formatScheduleTime(at, BUCHAREST, 'zz')).toBe('13:05');
  });

  it('writes the moment and the confirmation', () => {
    const now = Date.parse('2026-11-24T20:14:00Z');
    const morning = Date.parse('2026-11-25T06:00:00Z');
    expect(formatScheduleMoment(morning, BUCHAREST, { dateFormat: 'MM/DD/YYYY', timeFormat: 'hh:mm AM' })).toBe('Wed 11/25/2026, 08:00 AM');
    expect(scheduledConfirmation(morning, BUCHAREST, now, { timeFormat: 'hh:mm' })).toBe('Scheduled for Wed 25 Nov, 08:00 (Europe/Bucharest)');
    expect(scheduledConfirmation(Date.parse('2027-01-08T06:00:00Z'), BUCHAREST, now, { timeFormat: 'hh:mm' })).toBe(
      'Scheduled for Fri 8 Jan 2027, 08:00 (Europe/Bucharest)',
    );
    expect(scheduledConfirmation(morning, NEW_YORK, now, { timeFormat: 'h:mm AM' })).toBe('Scheduled for Wed 25 Nov, 1:00 AM (America/New_York)');
  });
});
