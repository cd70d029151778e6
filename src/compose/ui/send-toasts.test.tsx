import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleResponse, UndoSendRequest, UndoSendResponse } from '../../api/contract';
import { ApiError } from '../../api/transport';
import { createSendToasts } from '../model/send-toasts';
import { SendToasts } from './send-toasts';

function setup() {
  const undo = vi.fn<(request: UndoSendRequest) => Promise<UndoSendResponse>>(async () => ({ mailId: 'draft-9' }));
  const cancelSchedule = vi.fn<(mailId: string) => Promise<ScheduleResponse>>(async () => ({ mailId: 'draft-back' }));
  const reopenDraft = vi.fn<(draftId: string) => void>();
  const store = createSendToasts({ undo, cancelSchedule, reopenDraft });
  render(<SendToasts store={store} />);
  return { store, undo, cancelSchedule, reopenDraft };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-24T20:14:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SendToasts', () => {
  it('shows "Message sent" with a visible countdown and an Undo button in a Notifications region', async () => {
    const { store } = setup();
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    act(() => {
      store.addSent({ mailId: 's1', processingId: 1 });
    });
    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(within(region).getByText('Message sent')).toBeTruthy();
    expect(within(region).getByText('10 s left').getAttribute('aria-hidden')).toBe('true');
    expect(within(region).getByRole('button', { name: 'Undo' })).toBeTruthy();

    await act(() => vi.advanceTimersByTimeAsync(3_000));
    expect(within(region).getByText('7 s left')).toBeTruthy();
  });

  it('announces politely once at start, not on every tick, and again on the outcome', async () => {
    const { store } = setup();
    const status = screen.getByRole('status');
    act(() => {
      store.addSent({ processingId: 1 });
    });
    expect(status.textContent).toBe('Message sent. You can undo it for 10 seconds.');
    const node = status.firstElementChild;
    await act(() => vi.advanceTimersByTimeAsync(4_000));
    expect(status.firstElementChild).toBe(node); // untouched while counting
    expect(status.textContent).not.toMatch(/\d+ s left/);
    await act(() => vi.advanceTimersByTimeAsync(6_000));
    expect(status.textContent).toBe('Sent.');
    expect(screen.getByText('Sent')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('Undo by keyboard: the draft reopens and the toast says so', async () => {
    const { store, undo, reopenDraft } = setup();
    act(() => {
      store.addSent({ mailId: 's1', processingId: 5 });
    });
    const button = screen.getByRole('button', { name: 'Undo' });
    button.focus();
    expect(document.activeElement).toBe(button);
    await act(async () => {
      button.click();
    });
    expect(undo).toHaveBeenCalledWith({ processingId: 5, mailId: 's1' });
    expect(reopenDraft).toHaveBeenCalledWith('draft-9');
    expect(screen.getByText('Sending undone — the draft is open again')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Sending undone — the draft is open again.');
  });

  it('says "Too late" when the server refuses', async () => {
    const { store, undo } = setup();
    undo.mockRejectedValue(new ApiError('http', 400, 'Too late', 'UNDO_TOO_LATE'));
    act(() => {
      store.addSent({ processingId: 5 });
    });
    await act(async () => {
      screen.getByRole('button', { name: 'Undo' }).click();
    });
    expect(screen.getByText('Too late — the message was already sent')).toBeTruthy();
  });

  it('shows two toasts at once, each with its own Undo', async () => {
    const { store } = setup();
    act(() => {
      store.addSent({ processingId: 1 });
    });
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    act(() => {
      store.addSent({ processingId: 2 });
    });
    const items = within(screen.getByRole('region', { name: 'Notifications' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText('8 s left')).toBeTruthy();
    expect(within(items[1]!).getByText('10 s left')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Undo' })).toHaveLength(2);
  });

  it('keeps focus on the toast when Undo disappears at the end of the window', async () => {
    const { store } = setup();
    act(() => {
      store.addSent({ processingId: 1 });
    });
    screen.getByRole('button', { name: 'Undo' }).focus();
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(document.activeElement?.classList.contains('mc-toast')).toBe(true);
  });

  it('does not pull focus back once the user has moved on', async () => {
    const { store } = setup();
    act(() => {
      store.addSent({ processingId: 1 });
    });
    const undo = screen.getByRole('button', { name: 'Undo' });
    undo.focus();
    undo.blur();
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(document.activeElement).toBe(document.body);
  });

  it('scheduled toast: Cancel schedule reopens the draft', async () => {
    const { store, cancelSchedule, reopenDraft } = setup();
    act(() => {
      store.addScheduled({ mailId: 'sch' }, { deliveryTime: Date.parse('2026-11-25T06:00:00Z') / 1000, timeZone: 'Europe/Bucharest', formats: { timeFormat: 'hh:mm' } });
    });
    expect(screen.getByText('Scheduled for Wed 25 Nov, 08:00 (Europe/Bucharest)')).toBeTruthy();
    await act(async () => {
      screen.getByRole('button', { name: 'Cancel schedule' }).click();
    });
    expect(cancelSchedule).toHaveBeenCalledWith('sch');
    expect(reopenDraft).toHaveBeenCalledWith('draft-back');
    expect(screen.getByText('Schedule cancelled — the draft is open again')).toBeTruthy();
  });

  it('Dismiss removes a toast', () => {
    const { store } = setup();
    act(() => {
      store.addScheduled({ mailId: 'sch' }, { deliveryTime: Date.parse('2026-11-25T06:00:00Z') / 1000, timeZone: 'UTC' });
    });
    act(() => {
      screen.getByRole('button', { name: 'Dismiss' }).click();
    });
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
  });
});
