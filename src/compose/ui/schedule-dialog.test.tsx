import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/transport';
import { ScheduleSendButton } from './schedule-send-button';

/** Tue 24 Nov 2026, 22:14 in Bucharest. */
const NOW = Date.parse('2026-11-24T20:14:00Z');
const settings = { timezone: 'Europe/Bucharest', dateFormat: 'DD.MM.YYYY', timeFormat: 'hh:mm', weekStartDay: 1 };

function setup(overrides: { onSchedule?: (deliveryTime: number) => Promise<unknown>; settings?: typeof settings | null; browserTimeZone?: string } = {}) {
  const onSchedule = vi.fn(overrides.onSchedule ?? (async () => undefined));
  render(
    <ScheduleSendButton
      onSchedule={onSchedule}
      settings={overrides.settings === undefined ? settings : overrides.settings}
      now={() => NOW}
      browserTimeZone={overrides.browserTimeZone ?? 'UTC'}
    />,
  );
  const opener = screen.getByRole('button', { name: 'Schedule send' });
  return { onSchedule, opener };
}

async function openDialog(opener: HTMLElement) {
  opener.focus();
  await act(async () => {
    opener.click();
  });
  return screen.getByRole('dialog', { name: 'Schedule send' });
}

async function openCustom(dialog: HTMLElement) {
  await act(async () => {
    within(dialog).getByRole('button', { name: 'Pick date & time' }).click();
  });
  return {
    date: within(dialog).getByLabelText('Date', { selector: 'input' }) as HTMLInputElement,
    time: within(dialog).getByLabelText('Time') as HTMLInputElement,
  };
}

describe('Schedule send', () => {
  it('opens a modal dialog that names the time zone and lists presets with their exact moment', async () => {
    const { opener } = setup();
    expect(opener.getAttribute('aria-haspopup')).toBe('dialog');
    const dialog = await openDialog(opener);
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(within(dialog).getByText('Time zone: Europe/Bucharest')).toBeTruthy();
    const presets = within(within(dialog).getByRole('list', { name: 'Suggested times' })).getAllByRole('button');
    expect(presets.map((button) => button.textContent)).toEqual([
      'Tomorrow morningWed 25.11.2026, 08:00',
      'Tomorrow afternoonWed 25.11.2026, 13:00',
      'Monday morningMon 30.11.2026, 08:00',
      'Pick date & time',
    ]);
  });

  it('a preset schedules at once, closes the dialog and returns focus to the opener', async () => {
    const { opener, onSchedule } = setup();
    const dialog = await openDialog(opener);
    await act(async () => {
      within(dialog).getByRole('button', { name: /^Tomorrow morning/ }).click();
    });
    expect(onSchedule).toHaveBeenCalledWith(Date.parse('2026-11-25T06:00:00Z') / 1000);
    expect((dialog as HTMLDialogElement).open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('Cancel closes without scheduling and returns focus', async () => {
    const { opener, onSchedule } = setup();
    const dialog = await openDialog(opener);
    await act(async () => {
      within(dialog).getByRole('button', { name: 'Cancel' }).click();
    });
    expect(onSchedule).not.toHaveBeenCalled();
    expect((dialog as HTMLDialogElement).open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('custom date and time: shows the resulting moment and schedules it', async () => {
    const { opener, onSchedule } = setup();
    const dialog = await openDialog(opener);
    const { date, time } = await openCustom(dialog);
    expect(date.value).toBe('2026-11-25');
    expect(time.value).toBe('08:00');
    expect(time.type).toBe('time');
    fireEvent.change(date, { target: { value: '2027-01-08' } });
    fireEvent.change(time, { target: { value: '09:15' } });
    expect(within(dialog).getByText(/Sends Fri 08\.01\.2027, 09:15 \(Europe\/Bucharest\)/)).toBeTruthy();
    await act(async () => {
      within(dialog).getByRole('button', { name: 'Schedule' }).click();
    });
    expect(onSchedule).toHaveBeenCalledWith(Date.parse('2027-01-08T07:15:00Z') / 1000);
  });

  it('refuses a time that does not exist (spring forward) with the reason', async () => {
    const { opener, onSchedule } = setup();
    const dialog = await openDialog(opener);
    const { date, time } = await openCustom(dialog);
    fireEvent.change(date, { target: { value: '2027-03-28' } });
    fireEvent.change(time, { target: { value: '03:30' } });
    expect(
      within(dialog).getByText(
        "03:30 on 28 Mar 2027 doesn't exist in Europe/Bucharest because clocks go forward from 03:00 to 04:00; pick a time before 03:00 or 04:00 or later.",
      ),
    ).toBeTruthy();
    await act(async () => {
      within(dialog).getByRole('button', { name: 'Schedule' }).click();
    });
    expect(onSchedule).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(time);
    expect(time.getAttribute('aria-describedby')).toContain(within(dialog).getByRole('status').id);
  });

  it('says which occurrence an ambiguous time (fall back) means', async () => {
    const { opener } = setup();
    const dialog = await openDialog(opener);
    const { date, time } = await openCustom(dialog);
    fireEvent.change(date, { target: { value: '2027-10-31' } });
    fireEvent.change(time, { target: { value: '03:30' } });
    expect(within(dialog).getByText(/using the first one \(EEST, UTC\+3\)/)).toBeTruthy();
  });

  it('refuses too soon and too far in plain words', async () => {
    const { opener } = setup();
    const dialog = await openDialog(opener);
    const { date, time } = await openCustom(dialog);
    fireEvent.change(date, { target: { value: '2026-11-24' } });
    fireEvent.change(time, { target: { value: '22:14' } });
    expect(within(dialog).getByText('That moment is too soon: pick a time at least one minute from now.')).toBeTruthy();
    fireEvent.change(date, { target: { value: '2027-11-25' } });
    expect(within(dialog).getByText(/at most one year ahead/)).toBeTruthy();
    expect(date.min).toBe('2026-11-24');
    expect(date.max).toBe('2027-11-24');
  });

  it('keeps the dialog open and says why when scheduling fails', async () => {
    const { opener } = setup({
      onSchedule: async () => {
        throw new ApiError('network', 0, 'offline');
      },
    });
    const dialog = await openDialog(opener);
    await act(async () => {
      within(dialog).getByRole('button', { name: /^Tomorrow afternoon/ }).click();
    });
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(within(dialog).getByRole('alert').textContent).toMatch(/^Not scheduled: You're offline/);
  });

  it("falls back to the browser's zone when the account has none", async () => {
    const { opener, onSchedule } = setup({ settings: null, browserTimeZone: 'America/New_York' });
    const dialog = await openDialog(opener);
    expect(within(dialog).getByText('Time zone: America/New_York')).toBeTruthy();
    await act(async () => {
      within(dialog).getByRole('button', { name: /^Tomorrow morning/ }).click();
    });
    expect(onSchedule).toHaveBeenCalledWith(Date.parse('2026-11-25T13:00:00Z') / 1000);
  });

  it('loads the calendar lazily, starts weeks on the account week start day and disables days out of bounds', async () => {
    const { opener } = setup();
    const dialog = await openDialog(opener);
    await openCustom(dialog);
    const grid = await within(dialog).findByRole('grid', { name: 'November 2026' }, { timeout: 5000 });
    // DayPicker hides the weekday row from screen readers (each day's name says its weekday).
    const headers = within(grid).getAllByRole('columnheader', { hidden: true });
    expect(headers[0]?.getAttribute('aria-label')).toBe('Monday');
    const dayButton = (day: number) => within(grid).getAllByRole('button').find((b) => b.textContent === String(day));
    expect(dayButton(23)?.hasAttribute('disabled')).toBe(true);
    expect(dayButton(24)?.hasAttribute('disabled')).toBe(false);
    await act(async () => {
      dayButton(27)?.click();
    });
    expect((within(dialog).getByLabelText('Date', { selector: 'input' }) as HTMLInputElement).value).toBe('2026-11-27');
  });
});
