import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendToasts, type SendToastEvent, type SendToastsStore, type SentToast } from '../compose/model/send-toasts';
import { DeferredSendToasts } from './deferred-toasts';

/** The toasts' chunk, settled by hand: what the embed's window reports while it is still on its way. */
function chunk() {
  const attempts: Array<{ resolve(store: SendToastsStore): void; reject(error: unknown): void }> = [];
  const load = vi.fn(
    () =>
      new Promise<SendToastsStore>((resolve, reject) => {
        attempts.push({ resolve, reject });
      }),
  );
  const store = () => createSendToasts({ undo: async () => ({}), cancelSchedule: async () => ({ mailId: 'back' }), reopenDraft: () => {} });
  return { load, attempts, store };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-24T20:14:00.000Z'));
});
afterEach(() => vi.useRealTimers());

describe('DeferredSendToasts', () => {
  it('a send reported before the chunk is in shows once it is, counting the undo window from the server’s answer', async () => {
    const { load, attempts, store } = chunk();
    const toasts = new DeferredSendToasts(load);
    const events: SendToastEvent[] = [];
    toasts.on((event) => events.push(event));
    const changed = vi.fn();
    toasts.subscribe(changed);
    void toasts.start();
    expect(toasts.getSnapshot().toasts).toEqual([]);

    toasts.addSent({ processingId: 7, mailId: 'sent-1' });
    await vi.advanceTimersByTimeAsync(3_000);
    attempts[0]!.resolve(store());
    await vi.advanceTimersByTimeAsync(0);

    expect(toasts.current).not.toBeNull();
    expect(toasts.getSnapshot().toasts[0]).toMatchObject({ kind: 'sent', processingId: 7, secondsLeft: 7, canUndo: true } satisfies Partial<SentToast>);
    expect(events).toEqual([{ type: 'queued', processingId: 7, mailId: 'sent-1' }]);
    expect(changed).toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(1);

    // Once in, everything goes straight to the store.
    toasts.addScheduled({ mailId: 'sch-1' }, { deliveryTime: Date.parse('2026-11-25T06:00:00Z') / 1000, timeZone: 'Europe/Bucharest' });
    expect(toasts.getSnapshot().toasts.map((t) => t.kind)).toEqual(['sent', 'scheduled']);
    toasts.dispose();
  });

  it('a failed fetch is tried again when a send needs the store, and a listener removed meanwhile hears nothing', async () => {
    const { load, attempts, store } = chunk();
    const toasts = new DeferredSendToasts(load);
    const heard = vi.fn();
    const stop = toasts.on(heard);
    void toasts.start();
    attempts[0]!.reject(new TypeError('Failed to fetch dynamically imported module'));
    await vi.advanceTimersByTimeAsync(0);
    expect(toasts.current).toBeNull();

    stop();
    toasts.addScheduled({ mailId: 'sch-1' }, { deliveryTime: Date.parse('2026-11-25T06:00:00Z') / 1000, timeZone: 'Europe/Bucharest', formats: { timeFormat: 'hh:mm' } });
    expect(load).toHaveBeenCalledTimes(2);
    attempts[1]!.resolve(store());
    await vi.advanceTimersByTimeAsync(0);
    expect(toasts.getSnapshot().toasts[0]).toMatchObject({ kind: 'scheduled', text: 'Scheduled for Wed 25 Nov, 08:00 (Europe/Bucharest)' });
    expect(heard).not.toHaveBeenCalled();
    toasts.dispose();
  });

  it('disposed before the chunk is in: the store that arrives is disposed at once', async () => {
    const { load, attempts } = chunk();
    const toasts = new DeferredSendToasts(load);
    void toasts.start();
    toasts.dispose();
    const dispose = vi.fn();
    attempts[0]!.resolve({ ...createSendToasts({ undo: async () => ({}), cancelSchedule: async () => ({ mailId: 'x' }), reopenDraft: () => {} }), dispose });
    await vi.advanceTimersByTimeAsync(0);
    expect(dispose).toHaveBeenCalledTimes(1);
  });
});
