import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestClient, startMswServer } from '../../testing/msw';
import { FakeMailbox } from '../../testing/msw-mailbox';
import { emptyDraft, type DraftContent } from './draft';
import { DraftSync, OFFLINE_TEXT, RECREATED_NOTICE, SESSION_EXPIRED_TEXT, type Connectivity, type DraftSyncOptions } from './draft-sync';

const server = startMswServer();
const mailbox = new FakeMailbox();

/** A connectivity the test switches by hand. */
function fakeConnectivity() {
  const listeners = new Set<(online: boolean) => void>();
  const state = { online: true };
  const connectivity: Connectivity = {
    isOnline: () => state.online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    connectivity,
    set(online: boolean) {
      state.online = online;
      for (const listener of listeners) listener(online);
    },
  };
}

/** The editor: content in a variable, `type()` changes it and tells the engine, as the real one does. */
function setup(options: Partial<DraftSyncOptions> = {}) {
  let content: DraftContent = emptyDraft({ to: [{ name: 'Bob', address: 'bob@example.test' }] });
  const net = fakeConnectivity();
  const getContent = vi.fn(() => content);
  const sync = new DraftSync({
    api: createTestClient(),
    getContent,
    random: () => 0,
    connectivity: net.connectivity,
    timeZone: 'UTC',
    locale: 'en-GB',
    ...options,
  });
  const type = (text: string) => {
    content = { ...content, bodyText: content.bodyText + text, bodyHtml: `<p>${content.bodyText + text}</p>` };
    sync.changed();
  };
  const set = (patch: Partial<DraftContent>) => {
    content = { ...content, ...patch };
    sync.changed();
  };
  return { sync, type, set, net, getContent, content: () => content };
}

const creates = () => mailbox.callLines().filter((line) => line === 'POST /mails').length;
const saves = () => mailbox.callLines().filter((line) => line === 'POST /mails' || line.startsWith('PUT /drafts/'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-11-24T14:03:00Z'));
  mailbox.reset();
  mailbox.install(server);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('saving', () => {
  it('creates the draft once under rapid edits, 1.5 s after the typing stops', async () => {
    const { sync, type } = setup();
    for (let i = 0; i < 10; i += 1) {
      type('x');
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(saves()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_300);
    expect(saves()).toEqual(['POST /mails']);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd1', hasUnsavedChanges: false, statusText: 'Saved 14:03' });
    expect(mailbox.lastBody('POST', '/mails')).toMatchObject({ to: 'Bob <bob@example.test>', bodyText: 'xxxxxxxxxx' });
  });

  it('issues the create once even when saves are asked for while it is in flight', async () => {
    mailbox.latencyMs = 3_000;
    const { sync, type } = setup();
    type('a');
    await vi.advanceTimersByTimeAsync(1_500); // create starts
    type('b');
    void sync.saveNow();
    type('c');
    void sync.saveNow();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(creates()).toBe(1);
    expect(saves()).toEqual(['POST /mails', 'PUT /drafts/d1']);
    expect(mailbox.drafts.size).toBe(1);
    expect(mailbox.bodies.get(sync.getSnapshot().mailId!)).toMatchObject({ bodyText: 'abc' });
  });

  it('adopts the new id after every replace, so exactly one draft exists at every moment', async () => {
    const { sync, type } = setup();
    const ids: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      type(`${round}`);
      await vi.advanceTimersByTimeAsync(1_500);
      ids.push(sync.getSnapshot().mailId!);
      expect(mailbox.drafts.size).toBe(1);
    }
    expect(ids).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    expect(saves()).toEqual(['POST /mails', 'PUT /drafts/d1', 'PUT /drafts/d2', 'PUT /drafts/d3', 'PUT /drafts/d4', 'PUT /drafts/d5']);
    expect([...mailbox.drafts.keys()]).toEqual(['d6']);
  });

  it('puts what was typed during a slow save into the next save', async () => {
    mailbox.latencyMs = 3_000;
    const { sync, type } = setup();
    type('first');
    await vi.advanceTimersByTimeAsync(1_500); // create in flight until t=4.5 s
    await vi.advanceTimersByTimeAsync(500);
    type(' second');
    await vi.advanceTimersByTimeAsync(1_500); // quiet timer fires while the create is still in flight
    expect(saves()).toEqual(['POST /mails']);
    expect(sync.getSnapshot().status).toBe('saving');
    await vi.advanceTimersByTimeAsync(1_000); // create answers; the queued save starts right after
    expect(saves()).toEqual(['POST /mails', 'PUT /drafts/d1']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sync.getSnapshot()).toMatchObject({ mailId: 'd2', status: 'saved', hasUnsavedChanges: false });
    expect(mailbox.bodies.get('d2')).toMatchObject({ bodyText: 'first second' });
    expect(mailbox.drafts.size).toBe(1);
  });

  it('sends nothing when nothing changed', async () => {
    const { sync, type, set, content } = setup();
    // A new window that was never edited makes no draft, even when asked to save.
    await sync.saveNow();
    expect(await sync.flush()).toBeNull();
    expect(mailbox.calls).toEqual([]);

    type('hello');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(saves()).toHaveLength(1);

    // changed() without a real difference, and a change undone before the save.
    sync.changed();
    await vi.advanceTimersByTimeAsync(2_000);
    const saved = content();
    set({ subject: 'temp' });
    set({ subject: saved.subject });
    await vi.advanceTimersByTimeAsync(2_000);
    await sync.saveNow();
    // Receipts are not stored in a draft, so toggling one is not a reason to save.
    set({ requestReadReceipt: true });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(saves()).toHaveLength(1);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', hasUnsavedChanges: false });
  });

  it('saves at least every 10 s while typing goes on', async () => {
    const { type } = setup();
    for (let t = 0; t < 25_000; t += 500) {
      type('.');
      await vi.advanceTimersByTimeAsync(500);
    }
    // Typing never paused for 1.5 s: saves came from the 10 s limit only.
    expect(saves()).toEqual(['POST /mails', 'PUT /drafts/d1']);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(saves()).toHaveLength(3);
    expect(mailbox.bodies.get('d3')).toMatchObject({ bodyText: '.'.repeat(50) });
  });

  it('pulls the content only when it is about to save, not on every change', async () => {
    const { type, getContent } = setup({ baseline: emptyDraft() });
    for (let i = 0; i < 30; i += 1) type('k');
    expect(getContent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(getContent).toHaveBeenCalledTimes(1);
  });

  it('tells subscribers once per burst, not per keystroke', async () => {
    const { sync, type } = setup();
    const listener = vi.fn();
    sync.subscribe(listener);
    for (let i = 0; i < 20; i += 1) type('z');
    expect(listener).toHaveBeenCalledTimes(1); // hasUnsavedChanges became true
    await vi.advanceTimersByTimeAsync(1_500);
    expect(listener.mock.calls.length).toBeLessThanOrEqual(3); // saving, saved
  });
});

describe('failures', () => {
  it('retries network errors and 5xx with exponential backoff and says when', async () => {
    mailbox.fail('POST', '/mails', 503, { times: 3 });
    const { sync, type } = setup();
    type('hi');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sync.getSnapshot()).toMatchObject({ status: 'retrying', statusText: 'Not saved — retrying in 2 s' });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(creates()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(creates()).toBe(2);
    expect(sync.getSnapshot().statusText).toBe('Not saved — retrying in 4 s');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(creates()).toBe(3);
    expect(sync.getSnapshot().statusText).toBe('Not saved — retrying in 8 s');
    type(' there'); // typing while waiting does not add a second clock…
    await vi.advanceTimersByTimeAsync(7_999);
    expect(creates()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    // …and the retry carries the latest content.
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd1', statusText: 'Saved 14:03' });
    expect(mailbox.bodies.get('d1')).toMatchObject({ bodyText: 'hi there' });
    expect(mailbox.drafts.size).toBe(1);
  });

  it('caps the backoff and retries at once on saveNow', async () => {
    mailbox.fail('POST', '/mails', 'network', { times: 5 });
    const { sync, type } = setup({ retry: { initialMs: 1_000, maxMs: 3_000 } });
    type('x');
    await vi.advanceTimersByTimeAsync(1_500); // fail 1 → 1 s
    await vi.advanceTimersByTimeAsync(1_000); // fail 2 → 2 s
    await vi.advanceTimersByTimeAsync(2_000); // fail 3 → 3 s (capped from 4)
    expect(sync.getSnapshot().statusText).toBe('Not saved — retrying in 3 s');
    await vi.advanceTimersByTimeAsync(3_000); // fail 4 → 3 s
    expect(sync.getSnapshot().statusText).toBe('Not saved — retrying in 3 s');
    await sync.saveNow(); // fail 5, at once
    expect(creates()).toBe(5);
    await sync.saveNow();
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd1' });
  });

  it('applies jitter from the injected random source', async () => {
    mailbox.fail('POST', '/mails', 500);
    const { sync, type } = setup({ random: () => 0.5 });
    type('x');
    await vi.advanceTimersByTimeAsync(1_500);
    // 2 s minus up to 20 %: 0.5 → 1.8 s.
    expect(sync.getSnapshot().retryAt).toBe(Date.now() + 1_800);
  });

  it('adopts the draft a create made when only its answer was lost, instead of making a second one', async () => {
    mailbox.fail('POST', '/mails', 'network', { afterWork: true });
    const { sync, type } = setup();
    type('lost answer');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(mailbox.drafts.size).toBe(1); // the server did create it
    expect(sync.getSnapshot().mailId).toBeNull();
    type('!');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(creates()).toBe(1);
    expect(mailbox.callLines()).toEqual(['POST /mails', 'GET /folders', 'GET /mails', 'PUT /drafts/d1']);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd2', notice: null });
    expect([...mailbox.drafts.keys()]).toEqual(['d2']);
    expect(mailbox.bodies.get('d2')).toMatchObject({ bodyText: 'lost answer!' });
  });

  it('adopts the draft a lost replace made instead of recreating it', async () => {
    const { sync, type } = setup();
    type('one');
    await vi.advanceTimersByTimeAsync(1_500);
    mailbox.fail('PUT', '/drafts/d1', 'network', { afterWork: true });
    type(' two');
    await vi.advanceTimersByTimeAsync(1_500); // d1 replaced by d2 on the server; we never heard
    await vi.advanceTimersByTimeAsync(2_000); // retry: PUT d1 → 404 → finds d2 → replaces it
    expect(mailbox.callLines()).toEqual(['POST /mails', 'PUT /drafts/d1', 'PUT /drafts/d1', 'GET /folders', 'GET /mails', 'PUT /drafts/d2']);
    expect(sync.getSnapshot()).toMatchObject({ mailId: 'd3', notice: null, status: 'saved' });
    expect([...mailbox.drafts.keys()]).toEqual(['d3']);
  });

  it('allows for a server clock that is far off when looking for a lost draft', async () => {
    mailbox.now = () => Date.now() - 2 * 3_600_000; // the server is two hours behind
    const { sync, type } = setup();
    type('one');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sync.serverTimeOffset()).toBeCloseTo(-2 * 3_600_000, -4);
    mailbox.fail('PUT', '/drafts/d1', 'network', { afterWork: true });
    type(' two');
    await vi.advanceTimersByTimeAsync(1_500);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sync.getSnapshot()).toMatchObject({ mailId: 'd3', notice: null });
    expect(creates()).toBe(1);
    expect([...mailbox.drafts.keys()]).toEqual(['d3']);
  });

  it('saves the content as a new draft when the draft was removed elsewhere, and says so', async () => {
    const { sync, type } = setup();
    type('keep me');
    await vi.advanceTimersByTimeAsync(1_500);
    mailbox.drafts.clear(); // deleted in another window
    type(' please');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(mailbox.callLines()).toEqual(['POST /mails', 'PUT /drafts/d1', 'POST /mails']);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd2', notice: RECREATED_NOTICE() });
    expect(mailbox.bodies.get('d2')).toMatchObject({ bodyText: 'keep me please' });
    sync.dismissNotice();
    expect(sync.getSnapshot().notice).toBeNull();
  });

  it('pauses on 401 with the content kept, and saves when the session is back', async () => {
    mailbox.fail('POST', '/mails', 401);
    const { sync, type } = setup();
    type('precious');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sync.getSnapshot()).toMatchObject({ status: 'session-expired', statusText: SESSION_EXPIRED_TEXT(), hasUnsavedChanges: true });
    type(' words');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(creates()).toBe(1); // no hammering while signed out
    sync.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd1' });
    expect(mailbox.bodies.get('d1')).toMatchObject({ bodyText: 'precious words' });
  });

  it('waits while offline and saves when the browser is back online', async () => {
    const { sync, type, net } = setup();
    net.set(false);
    type('on the train');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(mailbox.calls).toEqual([]);
    expect(sync.getSnapshot()).toMatchObject({ status: 'offline', statusText: OFFLINE_TEXT() });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(mailbox.calls).toEqual([]);
    net.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd1' });
  });

  it('goes offline when a save fails for lack of network, not into a retry loop', async () => {
    mailbox.latencyMs = 1_000;
    const { sync, type, net } = setup();
    type('x');
    mailbox.fail('POST', '/mails', 'network');
    await vi.advanceTimersByTimeAsync(1_500); // the create is on its way…
    net.set(false); // …when the connection drops
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sync.getSnapshot()).toMatchObject({ status: 'offline', retryAt: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(creates()).toBe(1);
    mailbox.latencyMs = 0;
    net.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(mailbox.callLines()).toEqual(['POST /mails', 'GET /folders', 'GET /mails', 'POST /mails']);
    // The lost create is looked for first (it failed without an answer), then saved once.
    expect(creates()).toBe(2);
    expect(sync.getSnapshot().status).toBe('saved');
  });

  it('shows the server reason when it refuses the draft, and tries again on the next change', async () => {
    mailbox.fail('POST', '/mails', 413);
    const { sync, type } = setup();
    type('big');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sync.getSnapshot()).toMatchObject({ status: 'failed', hasUnsavedChanges: true });
    expect(sync.getSnapshot().statusText).toBe('Not saved — it is too large for the server. Remove some attachments or send smaller files.');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(creates()).toBe(1);
    type('!');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', mailId: 'd1' });
  });
});

describe('flush, hold and the end of a draft', () => {
  it('flush cancels the debounce and saves at once', async () => {
    const { sync, type } = setup();
    type('quick send');
    expect(await sync.flush()).toBe('d1');
    expect(saves()).toEqual(['POST /mails']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(saves()).toEqual(['POST /mails']); // the cancelled debounce does not fire later
  });

  it('flush waits for the save in flight, then saves the edits made during it', async () => {
    mailbox.latencyMs = 2_000;
    const { sync, type } = setup();
    type('a');
    await vi.advanceTimersByTimeAsync(1_500);
    type('b');
    let flushed: string | null | undefined;
    void sync.flush().then((id) => (flushed = id));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(flushed).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2_001);
    expect(flushed).toBe('d2');
    expect(saves()).toEqual(['POST /mails', 'PUT /drafts/d1']);
    expect(mailbox.bodies.get('d2')).toMatchObject({ bodyText: 'ab' });
  });

  it('flush rejects with the error when the content cannot be saved', async () => {
    mailbox.fail('POST', '/mails', 400);
    const { sync, type } = setup();
    type('x');
    await expect(sync.flush()).rejects.toMatchObject({ status: 400 });
  });

  it('hold stops automatic saves until released', async () => {
    const { sync, type } = setup();
    const release = sync.hold();
    type('held');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(saves()).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(saves()).toEqual(['POST /mails']);
  });

  it('saves a restored journal entry once without waiting for an edit', async () => {
    const draft = mailbox.addDraft({ subject: 'old' });
    const { sync } = setup({ mailId: draft.id, baseline: null });
    await vi.advanceTimersByTimeAsync(1_500);
    expect(saves()).toEqual([`PUT /drafts/${draft.id}`]);
    expect(sync.getSnapshot().mailId).toBe('d2');
  });

  it('stops for good once sent', async () => {
    const { sync, type } = setup();
    type('bye');
    await sync.flush();
    sync.markSent();
    type('more');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(saves()).toEqual(['POST /mails']);
    expect(sync.getSnapshot()).toMatchObject({ status: 'sent', hasUnsavedChanges: false });
  });

  it('discard waits for the save in flight and deletes the draft it made', async () => {
    mailbox.latencyMs = 1_000;
    const { sync, type } = setup();
    type('never mind');
    await vi.advanceTimersByTimeAsync(1_500); // create in flight
    const discarded = sync.discard();
    await vi.advanceTimersByTimeAsync(3_000);
    await discarded;
    expect(mailbox.callLines()).toEqual(['POST /mails', 'DELETE /mails/d1']);
    expect(mailbox.drafts.size).toBe(0);
    expect(sync.getSnapshot()).toMatchObject({ status: 'discarded', mailId: null });
  });
});

describe('under random typing, latency and failures', () => {
  /** mulberry32: a tiny seeded generator, so a failing seed can be replayed. */
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  it.each([1, 2, 3, 4, 5])('seed %i: one request at a time, never two drafts, the last word saved', async (seed) => {
    const random = seeded(seed);
    mailbox.latencyMs = () => Math.floor(random() * 4_000);
    const { sync, type, content } = setup();
    for (let step = 0; step < 60; step += 1) {
      const roll = random();
      if (roll < 0.08) mailbox.fail(random() < 0.5 ? 'POST' : 'PUT', random() < 0.5 ? '/mails' : '/drafts/*', random() < 0.5 ? 'network' : 503, { afterWork: random() < 0.5 });
      else if (roll < 0.12) void sync.saveNow();
      else type(String.fromCharCode(97 + Math.floor(random() * 26)));
      await vi.advanceTimersByTimeAsync(Math.floor(random() * 2_500));
      expect(mailbox.drafts.size).toBeLessThanOrEqual(1);
    }
    // Send-time flush: retried until it gets through the planned failures still waiting.
    mailbox.latencyMs = 0;
    let finalId: string | null = null;
    for (let attempt = 0; finalId === null; attempt += 1) {
      expect(attempt).toBeLessThan(10);
      const flushing = sync.flush().catch(() => null);
      await vi.advanceTimersByTimeAsync(5_000);
      finalId = await flushing;
    }
    expect(mailbox.maxConcurrent).toBe(1);
    expect([...mailbox.drafts.keys()]).toEqual([finalId]);
    expect(mailbox.bodies.get(finalId)?.bodyText).toBe(content().bodyText);
    expect(sync.getSnapshot()).toMatchObject({ status: 'saved', hasUnsavedChanges: false });
  });
});
