import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDraft, type DraftContent } from './draft';
import { JournalWriter, openDraftJournal, type DraftJournal, type JournalEntry, type PageLifecycle } from './journal';

let journal: DraftJournal;
let dbCount = 0;

/** A page lifecycle the test fires by hand (pagehide / visibility hidden). */
function fakeLifecycle() {
  const listeners = new Set<() => void>();
  const lifecycle: PageLifecycle = {
    subscribe(onHide) {
      listeners.add(onHide);
      return () => listeners.delete(onHide);
    },
  };
  return { lifecycle, hide: () => listeners.forEach((listener) => listener()), count: () => listeners.size };
}

const content = (overrides: Partial<DraftContent> = {}) =>
  emptyDraft({
    to: [{ name: 'Bob', address: 'bob@example.test' }],
    cc: [{ name: '', address: 'carol@example.test' }],
    bcc: [{ name: 'Dan', address: 'dan@example.test' }],
    subject: 'Q4',
    bodyHtml: '<p>Numbers <img src="cid:img1"></p>',
    attachments: [
      { id: 4, isInline: false, name: 'q4.xlsx', size: 52_000, contentType: 'application/vnd.ms-excel' },
      { id: 5, isInline: true, contentId: 'img1', name: 'chart.png', size: 9_000, contentType: 'image/png' },
    ],
    ...overrides,
  });

beforeEach(async () => {
  // fake-indexeddb schedules its work with setImmediate: leave that real, fake only the clocks we drive.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-11-24T14:03:00Z'));
  journal = await openDraftJournal(`journal-test-${(dbCount += 1)}`);
});

afterEach(() => {
  journal.close();
  vi.useRealTimers();
});

describe('the journal store', () => {
  it('round-trips an entry with Cc, Bcc, raw recipient text and attachment details', async () => {
    const entry: JournalEntry = {
      key: 'k1',
      account: 'ana@example.test',
      mailId: 'd7',
      content: content(),
      recipientText: { to: 'half-typed@exa', cc: '', bcc: '', replyTo: '' },
      updatedAt: Date.now(),
    };
    await journal.put(entry);
    expect(await journal.get('k1')).toEqual(entry);
    expect(await journal.list('ana@example.test')).toEqual([entry]);
  });

  it('lists newest first and only the given account’s entries', async () => {
    const base = { mailId: null, content: content(), recipientText: { to: '', cc: '', bcc: '', replyTo: '' } };
    await journal.put({ ...base, key: 'old', account: 'ana@example.test', updatedAt: 1_000 });
    await journal.put({ ...base, key: 'new', account: 'ana@example.test', updatedAt: 2_000 });
    await journal.put({ ...base, key: 'other', account: 'bob@example.test', updatedAt: 3_000 });
    expect((await journal.list('ana@example.test')).map((e) => e.key)).toEqual(['new', 'old']);
    expect((await journal.list()).map((e) => e.key)).toEqual(['other', 'new', 'old']);
    await journal.remove('new');
    expect((await journal.list('ana@example.test')).map((e) => e.key)).toEqual(['old']);
  });
});

describe('the journal writer', () => {
  function setup(throttleMs = 1_000, store: DraftJournal = journal) {
    let state = { mailId: null as string | null, content: content(), recipientText: { to: 'typ' } };
    const page = fakeLifecycle();
    const onError = vi.fn();
    const writer = new JournalWriter({ journal: store, key: 'win-1', account: 'ana@example.test', read: () => state, throttleMs, lifecycle: page.lifecycle, onError });
    const edit = (patch: Partial<typeof state>) => {
      state = { ...state, ...patch };
      writer.changed();
    };
    return { writer, edit, page, onError };
  }

  it('writes at most once per throttle window while changes keep coming, with the latest content', async () => {
    let puts = 0;
    const { edit } = setup(1_000, { ...journal, put: (entry) => ((puts += 1), journal.put(entry)) });
    for (let i = 0; i < 10; i += 1) {
      edit({ content: content({ bodyText: `v${i}` }) });
      await vi.advanceTimersByTimeAsync(90);
    }
    // 10 edits over 900 ms: nothing yet, then one write of the newest state.
    expect(puts).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(puts).toBe(1);
    const saved = await journal.get('win-1');
    expect(saved).toMatchObject({ account: 'ana@example.test', recipientText: { to: 'typ', cc: '', bcc: '', replyTo: '' } });
    expect(saved!.content.bodyText).toBe('v9');
  });

  it('writes a pending change at once when the page is hidden', async () => {
    const { edit, page } = setup(60_000);
    edit({ content: content({ subject: 'closing the tab' }) });
    page.hide();
    await vi.waitFor(async () => expect((await journal.get('win-1'))?.content.subject).toBe('closing the tab'));
  });

  it('follows the engine’s draft id so a restore replaces the live draft', async () => {
    const { writer, edit } = setup();
    const listeners = new Set<() => void>();
    let snapshot = { mailId: null as string | null };
    const store = { subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)), getSnapshot: () => snapshot };
    writer.follow(store);
    snapshot = { mailId: 'd3' };
    edit({ mailId: 'd3' });
    listeners.forEach((l) => l());
    await writer.flush();
    expect((await journal.get('win-1'))?.mailId).toBe('d3');
  });

  it('clear removes the entry after a write in progress and ignores later changes', async () => {
    const { writer, edit, page } = setup();
    edit({ content: content({ subject: 'sent soon' }) });
    void writer.flush();
    await writer.clear();
    edit({ content: content({ subject: 'late keystroke' }) });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await journal.get('win-1')).toBeUndefined();
    expect(page.count()).toBe(0); // lifecycle listeners gone
  });

  it('dispose writes what is pending, then stops', async () => {
    const { writer, edit } = setup(60_000);
    edit({ content: content({ subject: 'kept' }) });
    await writer.dispose();
    expect((await journal.get('win-1'))?.content.subject).toBe('kept');
  });

  it('reports a failed write instead of throwing into the editor', async () => {
    // A store that is full, as IndexedDB is when the quota runs out.
    const full: DraftJournal = { ...journal, put: () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')) };
    const { edit, writer, onError } = setup(1_000, full);
    edit({ content: content({ subject: 'big' }) });
    await writer.flush();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'QuotaExceededError' }));
  });
});
