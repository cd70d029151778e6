import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/transport';
import { setLocale } from '../../i18n/core';
import { describeError } from './describe-error';
import { formatSize } from './file-kinds';
import { checkBeforeSend } from './presend';
import { formatShortMoment, resolveCustomSchedule, scheduledConfirmation, schedulePresets } from './schedule-time';

/** The model's sentences follow the active language (the standalone app sets it from the account). */
afterEach(() => setLocale('en'));

const TUESDAY_0800_BUCHAREST = Date.UTC(2026, 10, 24, 6, 0);

describe('model texts in the active language', () => {
  it('English stays as it was', () => {
    expect(scheduledConfirmation(TUESDAY_0800_BUCHAREST, 'Europe/Bucharest', TUESDAY_0800_BUCHAREST - 3_600_000)).toBe('Scheduled for Tue 24 Nov, 08:00 (Europe/Bucharest)');
    expect(describeError(new ApiError('network', 0, 'x'))).toBe("You're offline or the server can't be reached. Check your connection and try again.");
  });

  it('Romanian: weekday and month names through Intl, sentences from the catalog, plurals one/few/other', () => {
    setLocale('ro');
    expect(formatShortMoment(TUESDAY_0800_BUCHAREST, 'Europe/Bucharest', TUESDAY_0800_BUCHAREST)).toMatch(/^mar\.? 24 nov\.?, 08:00$/);
    expect(scheduledConfirmation(TUESDAY_0800_BUCHAREST, 'Europe/Bucharest', TUESDAY_0800_BUCHAREST)).toMatch(/^Programat pentru mar\.? 24 nov\.?, 08:00 \(Europe\/Bucharest\)$/);
    const presets = schedulePresets(Date.UTC(2026, 10, 24, 3, 0), 'Europe/Bucharest');
    expect(presets.map((p) => p.label)).toContain('Mâine dimineață');
    expect(resolveCustomSchedule({ date: '', time: '08:00', timeZone: 'UTC', now: 0 })).toMatchObject({ ok: false, message: 'Alegeți o dată.' });
    expect(describeError(new ApiError('http', 503, 'Service Unavailable'))).toBe('Serverul a avut o problemă (eroarea 503). Încercați din nou peste câteva momente.');
    const base = { to: [{ name: '', address: 'ana@example.test' }], cc: [], bcc: [], subject: 'Salut', bodyText: '', bodyHtml: '', attachmentCount: 0 };
    expect(checkBeforeSend({ ...base, uploadsInProgress: 3 })[0]?.message).toBe('3 atașamente încă se încarcă; mesajul va fi trimis când se termină.');
    expect(checkBeforeSend({ ...base, uploadsInProgress: 25 })[0]?.message).toBe('25 de atașamente încă se încarcă; mesajul va fi trimis când se termină.');
    expect(formatSize(1536 * 1024)).toBe('1,5 MB');
  });

  it('Arabic: sentences from the Arabic catalog', () => {
    setLocale('ar');
    expect(describeError(new ApiError('timeout', 0, 'x'))).toBe('استغرق الخادم وقتًا طويلًا للرد. حاول مرة أخرى بعد قليل.');
    expect(resolveCustomSchedule({ date: '2026-11-30', time: '', timeZone: 'UTC', now: 0 })).toMatchObject({ ok: false, message: 'أدخل وقتًا.' });
  });
});
