import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleResponse, UndoSendRequest, UndoSendResponse } from '../../api/contract';
import { ApiError } from '../../api/transport';
import {
  createSendToasts,
  OUTCOME_VISIBLE_MS,
  SCHEDULED_VISIBLE_MS,
  SENT_VISIBLE_MS,
  type ScheduledToast,
  type SendToastEvent,
  type SendToastsOptions,
  type SentToast,
} from './send-toasts';

/** A promise the test settles by hand, to look at the toast while a request is in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(overrides: Partial<SendToastsOptions> = {}) {
  const undo = vi.fn<(request: UndoSendRequest) => Promise<UndoSendResponse>>(async () => ({ mailId: 'draft-9' }));
  const cancelSchedule = vi.fn<(mailId: string) => Promise<ScheduleResponse>>(async () => ({ mailId: 'draft-back' }));
  const reopenDraft = vi.fn<(draftId: string) => void | Promise<void>>();
  const store = createSendToasts({ undo, cancelSchedule, reopenDraft, ...overrides });
  const events: SendToastEvent[] = [];
  store.on((event) => events.push(event));
  const toasts = () => store.getSnapshot().toasts;
  const sent = (index = 0) => toasts()[index] as SentToast;
  const scheduled = (index = 0) => toasts()[index] as ScheduledToast;
  return { store, undo, cancelSchedule, reopenDraft, events, toasts, sent, scheduled };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-24T20:14:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sent toast countdown', () => {
  it('counts down from 10 s after the answer, derived from the clock, then says "Sent" briefly', async () => {
    const { store, sent, toasts, events } = setup();
    const listener = vi.fn();
    store.subscribe(listener);
    store.addSent({ mailId: 'sent-1', processingId: 7 });
    expect(sent()).toMatchObject({ text: 'Message sent', secondsLeft: 10, canUndo: true, phase: 'counting' });
    expect(store.getSnapshot().announcement?.text).toBe('Message sent. You can undo it for 10 seconds.');
    expect(events).toEqual([{ type: 'queued', processingId: 7, mailId: 'sent-1' }]);

    await vi.advanceTimersByTimeAsync(999);
    expect(sent().secondsLeft).toBe(10);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent().secondsLeft).toBe(9);
    const announcementAfterTicks = store.getSnapshot().announcement;
    await vi.advanceTimersByTimeAsync(8_500);
    expect(sent().secondsLeft).toBe(1);
    // The countdown is not announced: the live text stays as it was at the start.
    expect(store.getSnapshot().announcement).toBe(announcementAfterTicks);

    await vi.advanceTimersByTimeAsync(500);
    expect(sent()).toMatchObject({ text: 'Sent', phase: 'sent', canUndo: false, secondsLeft: 0 });
    expect(store.getSnapshot().announcement?.text).toBe('Sent.');
    expect(events.at(-1)).toEqual({ type: 'sent', processingId: 7, mailId: 'sent-1' });

    await vi.advanceTimersByTimeAsync(SENT_VISIBLE_MS - 1);
    expect(toasts()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(toasts()).toHaveLength(0);
    // One notification per visible change, not a busy loop.
    expect(listener.mock.calls.length).toBeLessThan(15);
  });

  it('counts from when the server answered, not from when the toast was added', async () => {
    const { store, sent } = setup();
    store.addSent({ processingId: 1 }, Date.now() - 3_000);
    expect(sent().secondsLeft).toBe(7);
    await vi.advanceTimersByTimeAsync(7_000);
    expect(sent().phase).toBe('sent');
  });

  it('catches up after the tab slept: the remaining time comes from the clock', async () => {
    const { store, sent } = setup();
    store.addSent({ processingId: 1 });
    vi.setSystemTime(Date.now() + 6_200); // the clock jumps without timers firing
    await vi.advanceTimersByTimeAsync(1_000); // the one (late) tick: 7.2 s have really passed
    expect(sent().secondsLeft).toBe(3); // a decremented counter would say 9
  });

  it('shows two toasts at once, each with its own window', async () => {
    const { store, toasts, sent } = setup();
    store.addSent({ mailId: 'a', processingId: 1 });
    await vi.advanceTimersByTimeAsync(3_000);
    store.addSent({ mailId: 'b', processingId: 2 });
    expect(toasts().map((t) => (t as SentToast).secondsLeft)).toEqual([7, 10]);
    await vi.advanceTimersByTimeAsync(7_000);
    expect(sent(0).phase).toBe('sent');
    expect(sent(1)).toMatchObject({ phase: 'counting', secondsLeft: 3 });

    await store.undo(sent(1).id);
    expect(sent(1).phase).toBe('undone');
    expect(sent(0).phase).toBe('sent');
  });
});

describe('undo', () => {
  it('in the window: "Undoing…", then the draft reopens and the toast says so', async () => {
    const pending = deferred<UndoSendResponse>();
    const { store, undo, reopenDraft, sent, events, toasts } = setup({});
    undo.mockImplementation(() => pending.promise);
    store.addSent({ mailId: 'sent-1', processingId: 7 });
    await vi.advanceTimersByTimeAsync(4_000);
    const done = store.undo(sent().id);
    expect(undo).toHaveBeenCalledWith({ processingId: 7, mailId: 'sent-1' });
    expect(sent()).toMatchObject({ text: 'Undoing…', busy: true, canUndo: false });

    pending.resolve({ mailId: 'draft-9' });
    await done;
    expect(reopenDraft).toHaveBeenCalledWith('draft-9');
    expect(sent()).toMatchObject({ text: 'Sending undone — the draft is open again', draftId: 'draft-9', canUndo: false });
    expect(store.getSnapshot().announcement?.text).toBe('Sending undone — the draft is open again.');
    expect(events).toContainEqual({ type: 'undone', processingId: 7, draftId: 'draft-9' });

    // No "Sent" afterwards, even when the window would have ended.
    await vi.advanceTimersByTimeAsync(6_000);
    expect(sent().text).toBe('Sending undone — the draft is open again');
    expect(events.some((e) => e.type === 'sent')).toBe(false);
    await vi.advanceTimersByTimeAsync(OUTCOME_VISIBLE_MS);
    expect(toasts()).toHaveLength(0);
  });

  it('undoes without mailId when the server kept no Sent copy', async () => {
    const { store, undo, sent } = setup();
    store.addSent({ processingId: 3 });
    await store.undo(sent().id);
    expect(undo).toHaveBeenCalledWith({ processingId: 3 });
  });

  it('out of the window: no Undo is offered and nothing is requested', async () => {
    const { store, undo, sent } = setup();
    store.addSent({ processingId: 3 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent().canUndo).toBe(false);
    await store.undo(sent().id);
    expect(undo).not.toHaveBeenCalled();
    expect(sent().text).toBe('Sent');
  });

  it('server refuses with 400 UNDO_TOO_LATE: "Too late — the message was already sent"', async () => {
    const { store, undo, reopenDraft, sent, events } = setup();
    undo.mockRejectedValue(new ApiError('http', 400, 'The undo window has passed.', 'UNDO_TOO_LATE'));
    store.addSent({ processingId: 3 });
    await vi.advanceTimersByTimeAsync(9_900);
    await store.undo(sent().id);
    expect(sent()).toMatchObject({ phase: 'too-late', text: 'Too late — the message was already sent', canUndo: false });
    expect(reopenDraft).not.toHaveBeenCalled();
    expect(events.at(-1)).toEqual({ type: 'sent', processingId: 3 });
  });

  it('server answers 404 (the queue no longer has it): too late as well', async () => {
    const { store, undo, sent } = setup();
    undo.mockRejectedValue(new ApiError('http', 404, 'Not found', 'NOT_FOUND'));
    store.addSent({ processingId: 3 });
    await store.undo(sent().id);
    expect(sent().text).toBe('Too late — the message was already sent');
  });

  it('an answer arriving after the window still tells the truth', async () => {
    const pending = deferred<UndoSendResponse>();
    const { store, undo, sent } = setup();
    undo.mockImplementation(() => pending.promise);
    store.addSent({ processingId: 3 });
    await vi.advanceTimersByTimeAsync(9_500);
    const done = store.undo(sent().id);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent().text).toBe('Undoing…'); // not "Sent": we don't know yet
    pending.reject(new ApiError('http', 400, 'Too late', 'UNDO_TOO_LATE'));
    await done;
    expect(sent().text).toBe('Too late — the message was already sent');
  });

  it('no mailId in the answer: undone, but the draft could not be rebuilt', async () => {
    const { store, undo, reopenDraft, sent, events } = setup();
    undo.mockResolvedValue({});
    store.addSent({ mailId: 's', processingId: 3 });
    await store.undo(sent().id);
    expect(sent().text).toBe('Sending undone, but the draft could not be rebuilt');
    expect(reopenDraft).not.toHaveBeenCalled();
    expect(events.at(-1)).toEqual({ type: 'undone', processingId: 3 });
  });

  it('network failure: says so and allows a retry while the window is open', async () => {
    const { store, undo, sent, reopenDraft } = setup();
    undo.mockRejectedValueOnce(new ApiError('network', 0, 'The server could not be reached (fetch failed).'));
    store.addSent({ processingId: 3 });
    await store.undo(sent().id);
    expect(sent()).toMatchObject({ phase: 'undo-failed', text: 'Message sent — undo failed', canUndo: true });
    expect(sent().detail).toContain("You're offline or the server can't be reached");
    expect(sent().secondsLeft).toBe(10);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent().secondsLeft).toBe(8);
    await store.undo(sent().id);
    expect(undo).toHaveBeenCalledTimes(2);
    expect(reopenDraft).toHaveBeenCalledWith('draft-9');
    expect(sent().text).toBe('Sending undone — the draft is open again');
  });

  it('network failure and the window runs out: honest "most likely sent"', async () => {
    const { store, undo, sent, events } = setup();
    undo.mockRejectedValue(new ApiError('network', 0, 'offline'));
    store.addSent({ processingId: 3 });
    await store.undo(sent().id);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent()).toMatchObject({ phase: 'sent', canUndo: false });
    expect(sent().detail).toContain('most likely sent');
    expect(events.at(-1)).toEqual({ type: 'sent', processingId: 3 });
  });

  it('reopening the draft fails: undone, and the draft is in Drafts', async () => {
    const { store, sent } = setup({ reopenDraft: () => Promise.reject(new Error('The window could not load the draft')) });
    store.addSent({ processingId: 3 });
    await store.undo(sent().id);
    expect(sent().text).toBe('Sending undone — the draft is in Drafts');
    expect(sent().detail).toContain('The window could not load the draft.');
  });

  it('ignores a second click while the first undo is in flight', async () => {
    const pending = deferred<UndoSendResponse>();
    const { store, undo, sent } = setup();
    undo.mockImplementation(() => pending.promise);
    store.addSent({ processingId: 3 });
    const first = store.undo(sent().id);
    await store.undo(sent().id);
    expect(undo).toHaveBeenCalledTimes(1);
    pending.resolve({ mailId: 'd' });
    await first;
  });
});

describe('scheduled toasts', () => {
  const deliveryTime = Date.parse('2026-11-25T06:00:00Z') / 1000;

  it('confirms the moment and the zone', () => {
    const { store, scheduled, events } = setup();
    store.addScheduled({ mailId: 'sch-1' }, { deliveryTime, timeZone: 'Europe/Bucharest', formats: { timeFormat: 'hh:mm' } });
    expect(scheduled()).toMatchObject({ text: 'Scheduled for Wed 25 Nov, 08:00 (Europe/Bucharest)', canCancel: true });
    expect(store.getSnapshot().announcement?.text).toBe('Scheduled for Wed 25 Nov, 08:00 (Europe/Bucharest).');
    expect(events).toEqual([{ type: 'scheduled', mailId: 'sch-1', deliveryTime }]);
  });

  it('Cancel schedule → cancel(mailId) → reopens the returned draft', async () => {
    const pending = deferred<ScheduleResponse>();
    const { store, cancelSchedule, reopenDraft, scheduled, events, toasts } = setup();
    cancelSchedule.mockImplementation(() => pending.promise);
    store.addScheduled({ mailId: 'sch-1' }, { deliveryTime, timeZone: 'Europe/Bucharest' });
    const done = store.cancelSchedule(scheduled().id);
    expect(cancelSchedule).toHaveBeenCalledWith('sch-1');
    expect(scheduled()).toMatchObject({ text: 'Cancelling the schedule…', busy: true, canCancel: false });
    await vi.advanceTimersByTimeAsync(SCHEDULED_VISIBLE_MS + 1); // stays while in flight
    expect(toasts()).toHaveLength(1);
    pending.resolve({ mailId: 'draft-back' });
    await done;
    expect(reopenDraft).toHaveBeenCalledWith('draft-back');
    expect(scheduled()).toMatchObject({ text: 'Schedule cancelled — the draft is open again', draftId: 'draft-back' });
    expect(events.at(-1)).toEqual({ type: 'scheduleCancelled', mailId: 'sch-1', draftId: 'draft-back' });
    await vi.advanceTimersByTimeAsync(OUTCOME_VISIBLE_MS);
    expect(toasts()).toHaveLength(0);
  });

  it('cancel fails: plain words, still scheduled, can retry', async () => {
    const { store, cancelSchedule, scheduled, reopenDraft } = setup();
    cancelSchedule.mockRejectedValueOnce(new ApiError('http', 500, 'The server answered 500 Internal Server Error'));
    store.addScheduled({ mailId: 'sch-1' }, { deliveryTime, timeZone: 'Europe/Bucharest' });
    await store.cancelSchedule(scheduled().id);
    expect(scheduled().text).toBe('Could not cancel the schedule — scheduled for Wed 25 Nov, 08:00 (Europe/Bucharest)');
    expect(scheduled().detail).toBe('The server had a problem (error 500). Try again in a moment. It is still scheduled.');
    expect(scheduled().canCancel).toBe(true);
    await store.cancelSchedule(scheduled().id);
    expect(reopenDraft).toHaveBeenCalledWith('draft-back');
  });

  it('cancel answers 404: no longer scheduled', async () => {
    const { store, cancelSchedule, scheduled } = setup();
    cancelSchedule.mockRejectedValue(new ApiError('http', 404, 'Not found'));
    store.addScheduled({ mailId: 'sch-1' }, { deliveryTime, timeZone: 'Europe/Bucharest' });
    await store.cancelSchedule(scheduled().id);
    expect(scheduled()).toMatchObject({ text: 'Could not cancel the schedule', canCancel: false });
    expect(scheduled().detail).toContain('no longer scheduled');
  });

  it('goes away on its own after a while, or when dismissed', async () => {
    const { store, toasts } = setup();
    store.addScheduled({ mailId: 'a' }, { deliveryTime, timeZone: 'UTC' });
    const second = store.addScheduled({ mailId: 'b' }, { deliveryTime, timeZone: 'UTC' });
    store.dismiss(second);
    expect(toasts()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(SCHEDULED_VISIBLE_MS);
    expect(toasts()).toHaveLength(0);
  });
});

describe('store contract', () => {
  it('keeps the snapshot stable between changes (for useSyncExternalStore)', async () => {
    const { store } = setup();
    store.addSent({ processingId: 1 });
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.getSnapshot()).not.toBe(first);
  });

  it('stops its timers on dispose', async () => {
    const { store } = setup();
    store.addSent({ processingId: 1 });
    store.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a throwing event listener does not break the toasts', () => {
    const { store, sent } = setup();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    store.on(() => {
      throw new Error('host bug');
    });
    store.addSent({ processingId: 1 });
    expect(sent().text).toBe('Message sent');
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
