import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DraftContent } from './draft';
import { systemClock, type Clock } from './draft-sync';

/**
 * The local journal: the latest content of every open compose window, in IndexedDB, until its mail is
 * sent, scheduled or discarded. A crash, a closed tab or an expired session loses nothing: on the next
 * start the app lists the entries and offers to restore them (and the server draft id, so a restore
 * replaces that draft instead of making a second one).
 */

/** What the user typed into a recipient field but did not turn into a chip yet. */
export interface RecipientText {
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
}

export interface JournalEntry {
  /** One compose session (a window), stable across saves; not the server id, which changes. */
  key: string;
  /** Whose draft this is: a shared browser must not offer one account's drafts to another. */
  account: string;
  /** The server draft, when one was saved. */
  mailId: string | null;
  /** Everything, including Cc/Bcc and the attachments' names and sizes. */
  content: DraftContent;
  recipientText: RecipientText;
  /** Epoch ms of the write. */
  updatedAt: number;
}

export interface DraftJournal {
  put(entry: JournalEntry): Promise<void>;
  get(key: string): Promise<JournalEntry | undefined>;
  /** Newest first; only the account's entries when one is given. */
  list(account?: string): Promise<JournalEntry[]>;
  remove(key: string): Promise<void>;
  close(): void;
}

interface JournalSchema extends DBSchema {
  drafts: { key: string; value: JournalEntry; indexes: { account: string } };
}

export const JOURNAL_DB_NAME = 'mailbox-compose-journal';

/** Opens (and on first use creates) the journal database. Rejects where IndexedDB is unavailable. */
export async function openDraftJournal(name = JOURNAL_DB_NAME): Promise<DraftJournal> {
  if (typeof indexedDB === 'undefined') throw new Error('This browser cannot keep drafts on the device (IndexedDB is unavailable).');
  const db: IDBPDatabase<JournalSchema> = await openDB<JournalSchema>(name, 1, {
    upgrade(database) {
      const store = database.createObjectStore('drafts', { keyPath: 'key' });
      store.createIndex('account', 'account');
    },
  });
  return {
    async put(entry) {
      await db.put('drafts', entry);
    },
    get: (key) => db.get('drafts', key),
    async list(account) {
      const entries = account === undefined ? await db.getAll('drafts') : await db.getAllFromIndex('drafts', 'account', account);
      return entries.sort((a, b) => b.updatedAt - a.updatedAt);
    },
    async remove(key) {
      await db.delete('drafts', key);
    },
    close: () => db.close(),
  };
}

/** A fresh compose-session key. */
export function newJournalKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `compose-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** When the page may be about to go away: the last chance to write. */
export interface PageLifecycle {
  subscribe(onHide: () => void): () => void;
}

export const browserLifecycle: PageLifecycle = {
  subscribe(onHide) {
    if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  },
};

/**
 * Marks the journal entries whose window is open, across tabs (the Web Locks API): a lock is let go
 * when its window closes, its tab closes or its browser crashes, so an entry nobody holds is one a
 * crash or a closed tab left behind — and only those are offered for restore.
 */
export interface EntryLocks {
  /** Holds the entry's lock until the answered function is called. */
  hold(key: string): () => void;
  /** The keys some window (in any tab) holds now. */
  held(): Promise<Set<string>>;
}

const LOCK_PREFIX = 'mailbox-compose-journal:';

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: Array<{ name?: string }> }>;
}

const lockManager = (): LockManagerLike | null =>
  typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks ? (navigator.locks as unknown as LockManagerLike) : null;

export const browserEntryLocks: EntryLocks = {
  hold(key) {
    const locks = lockManager();
    if (!locks) return () => {};
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    locks.request(`${LOCK_PREFIX}${key}`, () => released).catch(() => {
      // Locks refused (an opaque origin): entries are then told apart by the journal alone.
    });
    return release;
  },
  async held() {
    const locks = lockManager();
    if (!locks) return new Set();
    const { held = [] } = await locks.query();
    return new Set(held.map((lock) => lock.name ?? '').filter((name) => name.startsWith(LOCK_PREFIX)).map((name) => name.slice(LOCK_PREFIX.length)));
  },
};

export interface JournalWriterOptions {
  journal: DraftJournal;
  key: string;
  account: string;
  /** The current state; called only when a write is about to happen. */
  read(): { mailId: string | null; content: DraftContent; recipientText?: Partial<RecipientText> };
  /** At most one write per this long while changes keep coming. */
  throttleMs?: number;
  clock?: Clock;
  lifecycle?: PageLifecycle;
  /** A write failed (quota, private mode); the server draft is then the only copy. */
  onError?(error: unknown): void;
  /** Marks the entry live while the writer runs (default: the browser's Web Locks, where available). */
  locks?: EntryLocks;
}

export const DEFAULT_JOURNAL_THROTTLE_MS = 1_000;

/**
 * Writes one window's journal entry: throttled (not every keystroke) but never more than
 * `throttleMs` behind, and at once when the page is hidden or unloaded.
 */
export class JournalWriter {
  private readonly options: JournalWriterOptions;
  private readonly throttleMs: number;
  private readonly clock: Clock;
  private readonly stopLifecycle: () => void;
  private readonly releaseLock: () => void;
  private timer: unknown = null;
  private pending = false;
  private stopped = false;
  /** Writes and the final removal run one after another, in order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(options: JournalWriterOptions) {
    this.options = options;
    this.throttleMs = options.throttleMs ?? DEFAULT_JOURNAL_THROTTLE_MS;
    this.clock = options.clock ?? systemClock;
    this.stopLifecycle = (options.lifecycle ?? browserLifecycle).subscribe(() => void this.flush());
    this.releaseLock = (options.locks ?? browserEntryLocks).hold(options.key);
  }

  /** Something changed; it will be written within `throttleMs`. */
  changed = (): void => {
    if (this.stopped) return;
    this.pending = true;
    if (this.timer !== null) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.throttleMs);
  };

  /**
   * Calls `changed()` whenever the store's draft id changes, so the journal always names the live
   * server draft (a restore must replace it, not create a second one). Answers an unsubscribe.
   */
  follow(store: { subscribe(listener: () => void): () => void; getSnapshot(): { mailId: string | null } }): () => void {
    let last = store.getSnapshot().mailId;
    return store.subscribe(() => {
      const { mailId } = store.getSnapshot();
      if (mailId !== last) {
        last = mailId;
        this.changed();
      }
    });
  }

  /** Writes a pending change now. The state is read synchronously, so a pagehide handler gets it in. */
  flush = (): Promise<void> => {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.pending || this.stopped) return this.chain;
    this.pending = false;
    const state = this.options.read();
    const entry: JournalEntry = {
      key: this.options.key,
      account: this.options.account,
      mailId: state.mailId,
      content: state.content,
      recipientText: { to: '', cc: '', bcc: '', replyTo: '', ...state.recipientText },
      updatedAt: this.clock.now(),
    };
    const write = this.options.journal.put(entry);
    this.chain = this.chain.then(() => write).catch((error: unknown) => this.options.onError?.(error));
    return this.chain;
  };

  /** The mail was sent, scheduled or discarded: stop and remove the entry (after any write in progress). */
  clear(): Promise<void> {
    this.stop();
    this.chain = this.chain.then(() => this.options.journal.remove(this.options.key)).catch((error: unknown) => this.options.onError?.(error));
    return this.chain;
  }

  /** The window closes with its draft kept: write what is pending, then stop. */
  async dispose(): Promise<void> {
    await this.flush();
    this.stop();
  }

  private stop(): void {
    this.stopped = true;
    this.pending = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.stopLifecycle();
    this.releaseLock();
  }
}
