import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { scheduledConfirmation, zonedParts } from './schedule-format';

/**
 * The toast's display helpers read the zone through Intl (so date-fns stays out of the up-front
 * chunks); they must agree with @date-fns/tz, which the scheduling rules use, on every instant.
 */
describe('zonedParts', () => {
  it('agrees with TZDate hour by hour through a year, across daylight-saving changes and half-hour zones', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (const zone of ['Europe/Bucharest', 'America/New_York', 'Australia/Adelaide', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC']) {
      for (let at = start; at < start + 366 * 86_400_000; at += 3_600_000 + 15 * 60_000) {
        const reference = new TZDate(at, zone);
        const expected = { year: reference.getFullYear(), month: reference.getMonth() + 1, day: reference.getDate(), hour: reference.getHours(), minute: reference.getMinutes() };
        expect(zonedParts(at, zone), `${new Date(at).toISOString()} in ${zone}`).toEqual(expected);
      }
    }
  });

  it('says midnight as hour 0 and takes Date objects', () => {
    expect(zonedParts(new Date('2026-11-24T22:00:00Z'), 'Europe/Bucharest')).toEqual({ year: 2026, month: 11, day: 25, hour: 0, minute: 0 });
  });
});

describe('scheduledConfirmation', () => {
  it('adds the year when the moment is in another year in the zone (not in UTC)', () => {
    const now = Date.parse('2026-12-31T12:00:00Z');
    // 22:30 UTC on 31 December is already 1 January 2027 in Bucharest.
    expect(scheduledConfirmation(Date.parse('2026-12-31T22:30:00Z'), 'Europe/Bucharest', now, { timeFormat: 'hh:mm' })).toBe(
      'Scheduled for Fri 1 Jan 2027, 00:30 (Europe/Bucharest)',
    );
    expect(scheduledConfirmation(Date.parse('2026-12-31T22:30:00Z'), 'UTC', now, { timeFormat: 'h:mm AM' })).toBe('Scheduled for Thu 31 Dec, 10:30 PM (UTC)');
  });
});
