import { describe, expect, it } from 'vitest';
import { formatFullDate, formatListDate, namesOf } from './format';

describe('portal formatting', () => {
  it('shows names, not addresses, and keeps quoted commas inside one name', () => {
    expect(namesOf('"Doe, Jane" <jane@x.test>, bob@x.test')).toBe('Doe, Jane, bob@x.test');
    expect(namesOf('Ana Popescu <ana@example.test>')).toBe('Ana Popescu');
    expect(namesOf('<solo@x.test>')).toBe('solo@x.test');
    expect(namesOf('')).toBe('');
  });

  it('shows the time for today and the day for older mail, in the account time zone', () => {
    const now = new Date(Date.UTC(2026, 10, 24, 21, 30));
    const lateToday = String(Date.UTC(2026, 10, 24, 20, 0) / 1000);
    // 20:00 UTC is 22:00 in Bucharest: still the 24th there, but the 25th in Tokyo.
    expect(formatListDate(lateToday, now, 'Europe/Bucharest', 'en-GB')).toBe('22:00');
    expect(formatListDate(String(Date.UTC(2026, 0, 2, 10) / 1000), now, 'Europe/Bucharest', 'en-GB')).toBe('2 Jan');
    expect(formatListDate(String(Date.UTC(2025, 0, 2, 10) / 1000), now, 'Europe/Bucharest', 'en-GB')).toBe('2 Jan 2025');
  });
});

describe('portal dates follow the account settings', () => {
  const now = new Date(Date.UTC(2026, 10, 24, 21, 30));
  const today = String(Date.UTC(2026, 10, 24, 13, 5) / 1000);
  const lastYear = String(Date.UTC(2025, 2, 7, 10) / 1000);

  it('uses 12 or 24 hours from timeFormat', () => {
    expect(formatListDate(today, now, 'UTC', 'en-GB', { timeFormat: 'hh:mm AM' })).toMatch(/^01:05\s?pm$/i);
    expect(formatListDate(today, now, 'UTC', 'en-US', { timeFormat: 'hh:mm' })).toBe('13:05');
  });

  it('writes other years in the numeric dateFormat, names in the language', () => {
    expect(formatListDate(lastYear, now, 'UTC', 'ro', { dateFormat: 'DD.MM.YYYY' })).toBe('07.03.2025');
    expect(formatListDate(String(Date.UTC(2026, 2, 7, 10) / 1000), now, 'UTC', 'ro')).toBe('7 mar.');
    expect(formatFullDate(lastYear, 'UTC', 'ro', { dateFormat: 'DD.MM.YYYY', timeFormat: 'hh:mm' })).toBe('vineri, 07.03.2025, 10:00');
  });
});
