import type { MailInstance, ReplaceDraftRequest } from '../../api/contract';
import { createDraft, deleteDraft, replaceDraft } from '../../api/drafts';
import { ApiError, type ApiClient } from '../../api/transport';
import { describeErrorInline } from './describe-error';
import { draftFingerprint, toCreateRequest, toReplaceRequest, type DraftContent } from './draft';
import { findRecentMail } from './find-recent-mail';
import { getLocale, t } from '../../i18n/core';

/**
 * The autosave engine: keeps one compose window's content saved as a server draft without ever
 * losing an edit or leaving a duplicate draft behind (docs/architecture.md, "The draft lifecycle").
 *
 * - The editor only says `changed()` — cheap, no React state — and the engine pulls the content with
 *   `getContent()` when it is about to save. Keystrokes never re-render anything; the snapshot
 *   changes only when the save state does.
 * - First save Create (`POST /mails`), later saves Replace Draft (`PUT /drafts/{id}`), always adopting
 *   the id in the answer. One request in flight, ever; a save wanted meanwhile runs right after it.
 * - Saves 1.5 s after the last change, and at least every 10 s while changes keep coming.
 * - Nothing is sent when the content has the fingerprint of the last save.
 * - Network errors, timeouts and 5xx retry with exponential backoff; a 404 on Replace saves the
 *   content as a new draft and says so; a 401 pauses until `resume()`; offline waits for `online`.
 * - An answer that never came may still have been a save: before writing again the engine looks for
 *   the draft that request would have made (find-recent-mail.ts) and adopts it, so a flaky network
 *   cannot leave duplicates.
 */

export type SaveStatus =
  /** Nothing saved yet and nothing to report. */
  | 'idle'
  | 'saving'
  | 'saved'
  | 'retrying'
  | 'offline'
  | 'session-expired'
  /** Refused by the server (400, 403, 413…): kept, saved again on the next change or `saveNow()`. */
  | 'failed'
  | 'sent'
  | 'scheduled'
  | 'discarded';

export interface DraftSyncSnapshot {
  status: SaveStatus;
  /** The save state in plain words, for the element with role `status`. */
  statusText: string;
  /** The server draft's current id; null until the first save. */
  mailId: string | null;
  /** Changes not yet on the server. Flips once per burst of typing, not per keystroke. */
  hasUnsavedChanges: boolean;
  /** Epoch ms of the last successful save. */
  lastSavedAt: number | null;
  /** Epoch ms of the next retry while `status` is 'retrying'. */
  retryAt: number | null;
  /** The last failure, while it is the reason for the status. */
  error: unknown;
  /** Something the user should be told once (e.g. the draft was saved as a new one). */
  notice: string | null;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Connectivity {
  isOnline(): boolean;
  /** Calls back on going online/offline; answers an unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface RetryPolicy {
  /** First delay. */
  initialMs: number;
  /** Delays grow by this factor per failure… */
  factor: number;
  /** …up to this cap. */
  maxMs: number;
  /** Up to this fraction is taken off each delay at random, so many clients do not retry in step. */
  jitter: number;
}

export interface DraftSyncOptions {
  api: ApiClient;
  /** The current content; called only when a save is about to happen. */
  getContent(): DraftContent;
  /** The server draft being edited (reopened draft, restored journal entry). */
  mailId?: string | null;
  /**
   * What the server already holds: saves happen only when the content differs from it. Defaults to
   * `getContent()` at construction (a new window saves nothing until the user changes something).
   * Pass `null` when unknown — e.g. restored from the journal — to save once right away.
   */
  baseline?: DraftContent | null;
  /** Quiet time after the last change before saving. */
  quietMs?: number;
  /** Longest time changes wait while typing goes on. */
  maxWaitMs?: number;
  retry?: Partial<RetryPolicy>;
  /** 0 ≤ n < 1; injected so tests get exact delays. */
  random?: () => number;
  /** Per-request time limit; a hung request must not block saving forever. */
  requestTimeoutMs?: number;
  clock?: Clock;
  connectivity?: Connectivity;
  /** "14:03" for "Saved 14:03". Defaults to Intl in `timeZone` (or the browser's zone). */
  formatTime?: (epochMs: number) => string;
  timeZone?: string;
  locale?: string;
  /** The account's `timeFormat` ("hh:mm" is 24 h, "hh:mm AM" 12 h); the locale's habit when absent. */
  timeFormat?: string;
}

export const DEFAULT_QUIET_MS = 1_500;
export const DEFAULT_MAX_WAIT_MS = 10_000;
export const DEFAULT_RETRY: RetryPolicy = { initialMs: 2_000, factor: 2, maxMs: 60_000, jitter: 0.2 };
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Texts the window shows, in the active language (functions: the language may change after import). */
export const RECREATED_NOTICE = (): string => t('save.recreated');
export const OFFLINE_TEXT = (): string => t('save.offline');
export const SESSION_EXPIRED_TEXT = (): string => t('save.sessionExpired');

/** The global timers, looked up at call time so test fake timers apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `navigator.onLine` and the window's online/offline events. */
export const browserConnectivity: Connectivity = {
  isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
  subscribe(listener) {
    if (typeof window === 'undefined') return () => {};
    const online = () => listener(true);
    const offline = () => listener(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};

type Outcome = { ok: true } | { ok: false; error: unknown };

/** A write whose answer never came: it may have made a draft we do not know the id of. */
interface UnansweredWrite {
  request: ReplaceDraftRequest;
  startedAt: number;
}

const TERMINAL: ReadonlySet<SaveStatus> = new Set(['sent', 'scheduled', 'discarded']);

export class DraftSync {
  private readonly api: ApiClient;
  private readonly getContent: () => DraftContent;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly requestTimeoutMs: number;
  private readonly clock: Clock;
  private readonly connectivity: Connectivity;
  private readonly formatTime: (epochMs: number) => string;
  private readonly listeners = new Set<() => void>();
  private readonly stopConnectivity: () => void;

  private snapshot: DraftSyncSnapshot;
  private mailId: string | null;
  /** Fingerprint of what the server holds; null when unknown (must save). */
  private savedFingerprint: string | null;
  /** Counts `changed()` calls; `savedSeq` is the count the last successful save had pulled. */
  private changeSeq = 0;
  private savedSeq = 0;
  private quietTimer: unknown = null;
  private maxTimer: unknown = null;
  private retryTimer: unknown = null;
  private inFlight: Promise<Outcome> | null = null;
  /** A save was wanted while one was in flight: run it right after. */
  private saveQueued = false;
  private failures = 0;
  private pausedForSession = false;
  private holds = 0;
  private disposed = false;
  private unanswered: UnansweredWrite | null = null;
  /** Server clock minus ours, learnt from saved drafts' dates; 0 until the first save. */
  private serverOffsetMs = 0;

  constructor(options: DraftSyncOptions) {
    this.api = options.api;
    this.getContent = options.getContent;
    this.quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.clock = options.clock ?? systemClock;
    this.connectivity = options.connectivity ?? browserConnectivity;
    this.formatTime = options.formatTime ?? intlTimeFormatter(options.locale, options.timeZone, options.timeFormat);
    this.mailId = options.mailId ?? null;
    const baseline = options.baseline === undefined ? this.getContent() : options.baseline;
    this.savedFingerprint = baseline === null ? null : draftFingerprint(baseline);
    this.snapshot = {
      status: 'idle',
      statusText: '',
      mailId: this.mailId,
      hasUnsavedChanges: this.savedFingerprint === null,
      lastSavedAt: null,
      retryAt: null,
      error: null,
      notice: null,
    };
    this.stopConnectivity = this.connectivity.subscribe((online) => this.onConnectivity(online));
    if (this.savedFingerprint === null) this.scheduleAfterChange();
  }

  // --- useSyncExternalStore --------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DraftSyncSnapshot => this.snapshot;

  // --- What the window calls -------------------------------------------------------------------

  /** The content changed. Cheap: call it on every keystroke. */
  changed = (): void => {
    if (this.isStopped()) return;
    this.changeSeq += 1;
    if (!this.snapshot.hasUnsavedChanges) this.update({ hasUnsavedChanges: true });
    this.scheduleAfterChange();
  };

  /** Save now (Mod+S, "Retry now"): skips the debounce and any backoff wait. */
  saveNow = (): Promise<void> => {
    if (this.isStopped()) return Promise.resolve();
    this.clearTimers();
    this.pausedForSession = false;
    if (this.inFlight) {
      this.saveQueued = true;
      return this.inFlight.then(() => undefined);
    }
    return this.startSave().then(() => undefined);
  };

  /**
   * Cancels the debounce, waits for the save in flight, then saves whatever is not saved yet.
   * Resolves to the draft id (null when there is no draft because nothing was ever written);
   * rejects with the save's error when the content could not be saved.
   */
  async flush(): Promise<string | null> {
    this.clearTimers();
    // Changes typed during each save are saved by the next round; a bound keeps a user who never
    // stops typing from holding a send forever (the journal still has every keystroke).
    for (let round = 0; round < 8; round += 1) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.isStopped()) return this.mailId;
      if (!this.hasUnsaved()) return this.mailId;
      this.pausedForSession = false;
      const outcome = await this.startSave();
      if (!outcome.ok) throw outcome.error;
    }
    return this.mailId;
  }

  /**
   * Stops automatic saves (for the time a send runs: a Replace would give the draft a new id under
   * the send's feet). Changes still count; releasing schedules their save. Answers the release.
   */
  hold(): () => void {
    this.holds += 1;
    this.clearTimers();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && !this.isStopped() && this.hasUnsaved()) this.scheduleAfterChange();
    };
  }

  /** The session is back (signed in again): saves what waited. */
  resume = (): void => {
    if (this.isStopped()) return;
    this.pausedForSession = false;
    if (this.snapshot.status === 'session-expired') this.update({ status: this.snapshot.lastSavedAt ? 'saved' : 'idle', error: null });
    if (this.hasUnsaved()) this.requestSave(true);
  };

  /**
   * How far the server's clock is ahead of ours (ms, negative when behind), as seen in the dates of
   * the drafts it saved; 0 before the first save. Used to compare our times with its mail dates.
   */
  serverTimeOffset(): number {
    return this.serverOffsetMs;
  }

  dismissNotice = (): void => {
    if (this.snapshot.notice !== null) this.update({ notice: null });
  };

  /** The draft was sent or scheduled (the server consumed it): stop for good. */
  markSent(kind: 'sent' | 'scheduled' = 'sent'): void {
    this.stop();
    this.update({ status: kind, hasUnsavedChanges: false, retryAt: null, error: null });
  }

  /**
   * Discards the draft: no more saves, waits for a save in flight (so its draft is known), then
   * deletes the server draft. On failure the engine carries on as before and the error is thrown.
   */
  async discard(): Promise<void> {
    const release = this.hold();
    try {
      while (this.inFlight) await this.inFlight;
      if (this.mailId !== null) {
        try {
          await deleteDraft(this.api, this.mailId);
        } catch (error) {
          // Already gone is what we wanted.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
        }
      }
    } catch (error) {
      release();
      throw error;
    }
    this.stop();
    this.mailId = null;
    this.update({ status: 'discarded', mailId: null, hasUnsavedChanges: false, retryAt: null, error: null });
  }

  /** The window is gone: timers and listeners stop. A save in flight finishes on its own. */
  dispose(): void {
    this.stop();
  }

  // --- Scheduling ------------------------------------------------------------------------------

  private scheduleAfterChange(): void {
    if (this.holds > 0 || this.isStopped()) return;
    // While a retry is pending its timer carries the latest content; no need for a second clock.
    if (this.retryTimer !== null) return;
    if (this.quietTimer !== null) this.clock.clearTimeout(this.quietTimer);
    this.quietTimer = this.clock.setTimeout(() => {
      this.quietTimer = null;
      this.requestSave(false);
    }, this.quietMs);
    if (this.maxTimer === null) {
      this.maxTimer = this.clock.setTimeout(() => {
        this.maxTimer = null;
        this.requestSave(false);
      }, this.maxWaitMs);
    }
  }

  private requestSave(force: boolean): void {
    if (this.isStopped()) return;
    this.clearDebounce();
    if (this.holds > 0 && !force) return;
    if (this.inFlight) {
      this.saveQueued = true;
      return;
    }
    if (this.pausedForSession && !force) return;
    void this.startSave();
  }

  private startSave(): Promise<Outcome> {
    this.saveQueued = false;
    if (this.retryTimer !== null) {
      this.clock.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const run = (async (): Promise<Outcome> => {
      try {
        if (!this.connectivity.isOnline()) throw new ApiError('network', 0, 'The browser is offline.');
        await this.saveOnce();
        this.failures = 0;
        return { ok: true };
      } catch (error) {
        this.onFailure(error);
        return { ok: false, error };
      }
    })();
    this.inFlight = run;
    void run.then(() => {
      this.inFlight = null;
      this.afterSave();
    });
    return run;
  }

  private afterSave(): void {
    if (this.isStopped()) return;
    if (this.saveQueued && this.holds === 0 && this.retryTimer === null && !this.pausedForSession) {
      this.saveQueued = false;
      if (this.hasUnsaved()) void this.startSave();
    }
  }

  // --- One save --------------------------------------------------------------------------------

  private async saveOnce(): Promise<void> {
    const seq = this.changeSeq;
    const content = this.getContent();
    const fingerprint = draftFingerprint(content);
    if (fingerprint === this.savedFingerprint) {
      this.savedSeq = seq;
      this.update({
        hasUnsavedChanges: this.changeSeq !== this.savedSeq,
        status: this.snapshot.lastSavedAt ? 'saved' : 'idle',
        retryAt: null,
        error: null,
      });
      return;
    }
    this.update({ status: 'saving', retryAt: null });
    if (this.mailId === null && this.unanswered) await this.adoptUnansweredDraft();
    const request = this.mailId === null ? toCreateRequest(content) : toReplaceRequest(content);
    const startedAt = this.clock.now();
    const replacing = this.mailId;
    let mail: MailInstance;
    try {
      mail =
        replacing === null
          ? await createDraft(this.api, request, { timeoutMs: this.requestTimeoutMs })
          : await replaceDraft(this.api, replacing, request, { timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      if (replacing !== null && error instanceof ApiError && error.status === 404) {
        await this.recoverFromMissingDraft();
        return this.saveOnce();
      }
      if (isUnanswered(error)) this.unanswered = { request, startedAt };
      throw error;
    }
    this.unanswered = null;
    this.mailId = mail.id;
    this.savedFingerprint = fingerprint;
    this.savedSeq = seq;
    const now = this.clock.now();
    const serverDate = Number(mail.date) * 1000;
    if (Number.isFinite(serverDate) && serverDate > 0) this.serverOffsetMs = serverDate - now;
    this.update({
      status: 'saved',
      mailId: mail.id,
      lastSavedAt: now,
      hasUnsavedChanges: this.changeSeq !== seq,
      retryAt: null,
      error: null,
    });
  }

  /**
   * Replace answered 404: the draft was sent, deleted or replaced elsewhere. Unless it was our own
   * unanswered Replace that moved it (then we adopt what it made), the content becomes a new draft.
   */
  private async recoverFromMissingDraft(): Promise<void> {
    this.mailId = null;
    this.savedFingerprint = null;
    if (this.unanswered) {
      await this.adoptUnansweredDraft();
      if (this.mailId !== null) return;
    }
    this.update({ mailId: null, notice: RECREATED_NOTICE() });
  }

  /** Looks for the draft an unanswered write may have made, and adopts it. */
  private async adoptUnansweredDraft(): Promise<void> {
    const unanswered = this.unanswered;
    if (!unanswered) return;
    const found = await findRecentMail(this.api, 'drafts', unanswered.request, unanswered.startedAt + this.serverOffsetMs);
    this.unanswered = null;
    if (found) {
      this.mailId = found.id;
      this.update({ mailId: found.id });
    }
  }

  private onFailure(error: unknown): void {
    if (this.isStopped()) return;
    if (error instanceof ApiError && error.status === 401) {
      this.pausedForSession = true;
      this.update({ status: 'session-expired', retryAt: null, error, hasUnsavedChanges: true });
      return;
    }
    if (error instanceof ApiError && error.isTransient) {
      if (!this.connectivity.isOnline()) {
        this.update({ status: 'offline', retryAt: null, error, hasUnsavedChanges: true });
        return;
      }
      this.failures += 1;
      const delay = this.backoffDelay(this.failures);
      this.retryTimer = this.clock.setTimeout(() => {
        this.retryTimer = null;
        this.requestSave(false);
      }, delay);
      this.update({ status: 'retrying', retryAt: this.clock.now() + delay, error, hasUnsavedChanges: true });
      return;
    }
    this.update({ status: 'failed', retryAt: null, error, hasUnsavedChanges: true });
  }

  private backoffDelay(failures: number): number {
    const { initialMs, factor, maxMs, jitter } = this.retry;
    const base = Math.min(maxMs, initialMs * factor ** (failures - 1));
    return Math.round(base * (1 - jitter * this.random()));
  }

  private onConnectivity(online: boolean): void {
    if (this.isStopped()) return;
    if (!online) {
      if (this.hasUnsaved() && this.snapshot.status !== 'session-expired') this.update({ status: 'offline', retryAt: null });
      return;
    }
    if (this.snapshot.status === 'offline' || this.snapshot.status === 'retrying') {
      this.failures = 0;
      this.clearTimers();
      this.update({ status: this.snapshot.lastSavedAt ? 'saved' : 'idle', retryAt: null });
      if (this.hasUnsaved()) this.requestSave(false);
    }
  }

  // --- State -----------------------------------------------------------------------------------

  private hasUnsaved(): boolean {
    return this.savedFingerprint === null || this.changeSeq !== this.savedSeq || this.snapshot.hasUnsavedChanges;
  }

  private isStopped(): boolean {
    return this.disposed || TERMINAL.has(this.snapshot.status);
  }

  private clearDebounce(): void {
    if (this.quietTimer !== null) this.clock.clearTimeout(this.quietTimer);
    if (this.maxTimer !== null) this.clock.clearTimeout(this.maxTimer);
    this.quietTimer = null;
    this.maxTimer = null;
  }

  private clearTimers(): void {
    this.clearDebounce();
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private stop(): void {
    this.disposed = true;
    this.clearTimers();
    this.stopConnectivity();
  }

  private update(patch: Partial<DraftSyncSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    next.statusText = this.describe(next);
    const changed = (Object.keys(next) as (keyof DraftSyncSnapshot)[]).some((key) => next[key] !== this.snapshot[key]);
    if (!changed) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private describe(state: DraftSyncSnapshot): string {
    switch (state.status) {
      case 'idle':
        return '';
      case 'saving':
        return t('save.saving');
      case 'saved':
        return state.lastSavedAt === null ? '' : t('save.saved', { time: this.formatTime(state.lastSavedAt) });
      case 'retrying': {
        const seconds = Math.max(1, Math.ceil(((state.retryAt ?? this.clock.now()) - this.clock.now()) / 1000));
        return t('save.retrying', { seconds });
      }
      case 'offline':
        return OFFLINE_TEXT();
      case 'session-expired':
        return SESSION_EXPIRED_TEXT();
      case 'failed':
        return t('save.failed', { reason: describeErrorInline(state.error) });
      case 'sent':
        return t('save.sent');
      case 'scheduled':
        return t('save.scheduled');
      case 'discarded':
        return t('save.discarded');
    }
  }
}

/** No answer, or a failure after which the server may still have done the write. */
function isUnanswered(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout' || error.status >= 500);
}

function intlTimeFormatter(locale?: string, timeZone?: string, timeFormat?: string): (epochMs: number) => string {
  const hourCycle: Intl.DateTimeFormatOptions = !timeFormat?.trim() ? {} : /a\.?m\.?/i.test(timeFormat) ? { hourCycle: 'h12' } : { hourCycle: 'h23' };
  const format = new Intl.DateTimeFormat(locale ?? getLocale(), { hour: '2-digit', minute: '2-digit', ...hourCycle, ...(timeZone ? { timeZone } : {}) });
  return (epochMs) => format.format(epochMs);
}
