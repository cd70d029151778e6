import type { TemporaryAttachment, TemporaryAttachmentRef } from '../../api/contract';
import { ApiError } from '../../api/transport';
import { createContentId as defaultCreateContentId } from './cid';
import type { DraftAttachment } from './draft';
import { canInline, displayFileName, formatSize } from './file-kinds';
import { getLocale, t } from '../../i18n/core';
import { UploadLimit } from './upload-limit';

// The limit lives in its own module so code loaded up front (the embed, the app config) can
// configure it without pulling the queue in.
export { UploadLimit, uploadLimitFor, type UploadLimitSource } from './upload-limit';

/**
 * The compose window's upload queue (issue 5): every file goes to `POST /temporaryAttachments` at
 * once, a few at a time, with progress, cancel, retry and remove. React-free: components read it
 * through `subscribe`/`getSnapshot` (useSyncExternalStore); the uploader, the server-side delete
 * and the clock are injected so tests drive it without a network or real time.
 *
 * Every limit is checked before a byte is sent, and every failure reads as a sentence that names
 * the file — never "undefined" (a complaint users have about other mail clients).
 */

export type UploadStatus = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface UploadItem {
  /** Stable key for lists and for the queue's methods. */
  readonly key: string;
  /** The file's own name (uploaded as is). */
  readonly name: string;
  /** The name with control characters and bidi overrides removed: what the UI shows and says. */
  readonly displayName: string;
  readonly size: number;
  readonly contentType: string;
  readonly status: UploadStatus;
  /** 0..1 */
  readonly progress: number;
  /** Bytes sent so far. */
  readonly loaded: number;
  /** The temporary-attachment id, once uploaded. */
  readonly tempId?: number;
  /** Why it failed or was cancelled, as a sentence. */
  readonly error?: string;
  /** Failed because the server refuses files this large: Retry cannot help, only Remove. */
  readonly overLimit?: boolean;
  /** An image shown in the body (referenced as `cid:<contentId>`), not a listed attachment. */
  readonly inline: boolean;
  readonly contentId?: string;
  /**
   * An inline image whose node is no longer in the body. It is kept (not deleted on the server) so
   * that Undo in the editor brings it back intact; it is left out of `refs()` and of Send's checks.
   */
  readonly detached?: boolean;
  /** Copied from a stored mail (reopened draft, forward) rather than uploaded from this computer. */
  readonly stored?: boolean;
}

export interface UploadQueueState {
  readonly items: readonly UploadItem[];
  /** Files refused before upload in the latest add, one sentence each (cleared by `dismissRefusals`). */
  readonly refusals: readonly string[];
}

export interface UploadProgressOptions {
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
}

/** Sends one file; resolves to the queue item the server made, rejects (ideally with an ApiError). */
export type Uploader = (file: File, options: UploadProgressOptions) => Promise<TemporaryAttachment>;

/** Deletes a queue item on the server. */
export type QueueItemDeleter = (tempId: number) => Promise<void>;

export interface QueueClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UploadQueueOptions {
  upload: Uploader;
  deleteFromServer: QueueItemDeleter;
  /**
   * The per-file limit shared by every window talking to one server (see `uploadLimitFor`): what
   * one window learns from a 413, the next one knows. Without it the queue keeps its own.
   */
  limit?: UploadLimit;
  /** The server's per-file limit in bytes when no shared `limit` is given (default: the embedded server's 25 MB). */
  maxFileBytes?: number;
  /** Most files one message may carry (default 100). */
  maxFiles?: number;
  /** Uploads running at once (default 3). */
  parallel?: number;
  /** An upload that makes no progress for this long is given up as stalled (default 60 s). */
  stallTimeoutMs?: number;
  clock?: QueueClock;
  createContentId?: () => string;
  /** For sizes in messages. */
  locale?: string;
}

export const DEFAULT_MAX_FILES = 100;
export const DEFAULT_PARALLEL_UPLOADS = 3;
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;
/** Browsers and many proxies mishandle request bodies of 2 GiB and more; refuse those outright. */
export const HARD_FILE_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * A queue item that already exists on the server: an item of `POST /temporaryAttachments/store`'s
 * answer (AttachmentInstance), an attachment of `openDraft`, or one restored from the local journal.
 */
export interface ExistingQueueItem {
  /** The temporary-attachment id. */
  id: number;
  name?: string;
  size?: number;
  contentType?: string;
  contentId?: string;
  isInline: boolean;
}

export interface AddResult {
  added: UploadItem[];
  refused: string[];
}

interface Entry {
  item: UploadItem;
  file?: File;
  controller?: AbortController;
  stallTimer?: unknown;
  /** Bumped whenever an attempt ends or is abandoned, so late answers of old attempts are ignored. */
  attempt: number;
}

const systemClock: QueueClock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class UploadQueue {
  private readonly entries = new Map<string, Entry>();
  private state: UploadQueueState = { items: [], refusals: [] };
  private readonly listeners = new Set<() => void>();
  private settleWaiters: Array<() => void> = [];
  private nextKey = 0;
  private disposed = false;

  private readonly upload: Uploader;
  private readonly deleteFromServer: QueueItemDeleter;
  private readonly maxFiles: number;
  private readonly parallel: number;
  private readonly stallTimeoutMs: number;
  private readonly clock: QueueClock;
  private readonly newContentId: () => string;
  private readonly locale: string | undefined;
  private readonly limit: UploadLimit;

  constructor(options: UploadQueueOptions) {
    this.upload = options.upload;
    this.deleteFromServer = options.deleteFromServer;
    this.limit = options.limit ?? new UploadLimit(options.maxFileBytes);
    this.maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
    this.parallel = Math.max(1, options.parallel ?? DEFAULT_PARALLEL_UPLOADS);
    this.stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    this.clock = options.clock ?? systemClock;
    this.newContentId = options.createContentId ?? defaultCreateContentId;
    this.locale = options.locale;
  }

  // --- the external-store pair -----------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): UploadQueueState => this.state;

  get maxFileBytes(): number {
    return this.limit.bytes;
  }

  get(key: string): UploadItem | undefined {
    return this.entries.get(key)?.item;
  }

  /** The file behind an item added from this computer (for a preview); absent for stored items. */
  fileOf(key: string): File | undefined {
    return this.entries.get(key)?.file;
  }

  // --- adding ---------------------------------------------------------------------------------

  /** Queues files as attachments. Files that break a limit are refused here, before any upload. */
  addFiles(files: Iterable<File>): AddResult {
    return this.addMany([...files].map((file) => ({ file, inline: false })));
  }

  /**
   * Queues an image for the body and answers its new Content-ID at once, so the editor can insert
   * the node before the upload ends. A format that may not be inlined (SVG…) is queued as a plain
   * attachment instead, and a refused file is not queued: both answer null (insert nothing, or
   * remove the node the editor inserted).
   */
  addInlineImage(file: File, contentId = this.newContentId()): string | null {
    // `contentId` is given when the editor already inserted the image node under that id.
    if (!canInline(file)) {
      this.addFiles([file]);
      return null;
    }
    const { added } = this.addMany([{ file, inline: true, contentId }]);
    return added.length > 0 ? contentId : null;
  }

  /**
   * Adds the queue items `POST /temporaryAttachments/store` made from a stored mail, as finished
   * uploads. `inlineContentIds` are the cids the body shows (see `repointStoredAttachments`); without
   * it the server's `isInline` decides.
   */
  addStored(items: readonly ExistingQueueItem[], inlineContentIds?: Iterable<string>): UploadItem[] {
    const shown = inlineContentIds ? new Set(inlineContentIds) : undefined;
    const added: UploadItem[] = [];
    for (const stored of items) {
      // Adding the same queue item twice (a reopen racing a journal restore) would send it twice.
      if ([...this.entries.values()].some((e) => e.item.tempId === stored.id)) continue;
      const contentId = stored.contentId ?? '';
      const inline = contentId !== '' && (shown ? shown.has(contentId) : stored.isInline);
      const name = stored.name ?? '';
      const size = stored.size ?? 0;
      const item: UploadItem = {
        key: this.createKey(),
        name,
        displayName: displayFileName(name),
        size,
        contentType: stored.contentType || 'application/octet-stream',
        status: 'done',
        progress: 1,
        loaded: size,
        tempId: stored.id,
        inline,
        stored: true,
        ...(contentId ? { contentId } : {}),
      };
      this.entries.set(item.key, { item, attempt: 0 });
      added.push(item);
    }
    if (added.length > 0) this.publish();
    return added;
  }

  private addMany(requests: Array<{ file: File; inline: boolean; contentId?: string }>): AddResult {
    const refused: string[] = [];
    const accepted: typeof requests = [];
    for (const request of requests) {
      const reason = this.refusalFor(request.file);
      if (reason) refused.push(reason);
      else accepted.push(request);
    }
    const room = Math.max(0, this.maxFiles - this.activeItems().length);
    if (accepted.length > room) {
      const over = accepted.splice(room);
      refused.push(tooManyFiles(this.maxFiles, over.map((r) => displayFileName(r.file.name))));
    }
    const added: UploadItem[] = [];
    for (const { file, inline, contentId } of accepted) {
      const item: UploadItem = {
        key: this.createKey(),
        name: file.name,
        displayName: displayFileName(file.name),
        size: file.size,
        contentType: file.type || 'application/octet-stream',
        status: 'queued',
        progress: 0,
        loaded: 0,
        inline,
        ...(contentId ? { contentId } : {}),
      };
      this.entries.set(item.key, { item, file, attempt: 0 });
      added.push(item);
    }
    this.state = { ...this.state, refusals: refused };
    this.publish();
    this.pump();
    return { added, refused };
  }

  private refusalFor(file: File): string | null {
    const name = displayFileName(file.name);
    if (file.size === 0) return t('upload.empty', { name });
    return this.sizeRefusal(name, file.size);
  }

  /** Why a file of this size will not be accepted, as a sentence; null when it may be sent. */
  private sizeRefusal(name: string, size: number): string | null {
    const verdict = this.limit.check(size);
    if (verdict === 'over-limit') return t('upload.tooLargeMax', { name, max: formatSize(this.limit.bytes, this.locale) });
    if (verdict === 'refused-before') return t('upload.tooLargeSize', { name, size: formatSize(size, this.locale) });
    if (size >= HARD_FILE_LIMIT_BYTES) return t('upload.tooLargeHard', { name });
    return null;
  }

  dismissRefusals(): void {
    if (this.state.refusals.length === 0) return;
    this.state = { ...this.state, refusals: [] };
    this.publish();
  }

  // --- per item -------------------------------------------------------------------------------

  /** Stops an upload in progress (or one still waiting); the item stays, offering Retry or Remove. */
  cancel(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || (entry.item.status !== 'uploading' && entry.item.status !== 'queued')) return;
    this.endAttempt(entry);
    this.update(entry, { status: 'cancelled', progress: 0, loaded: 0, error: t('upload.cancelled', { name: entry.item.displayName }) });
    this.pump();
  }

  /** Sends a failed or cancelled file again — unless the server is now known to refuse its size. */
  retry(key: string): void {
    const entry = this.entries.get(key);
    if (!entry?.file || (entry.item.status !== 'failed' && entry.item.status !== 'cancelled')) return;
    const tooLarge = this.sizeRefusal(entry.item.displayName, entry.file.size);
    if (tooLarge) {
      this.update(entry, { status: 'failed', progress: 0, loaded: 0, error: tooLarge, overLimit: true });
      return;
    }
    this.update(entry, { status: 'queued', progress: 0, loaded: 0, error: undefined, overLimit: false });
    this.pump();
  }

  /**
   * Takes the file out of the message: stops its upload and deletes its queue item on the server
   * (a 404 — already gone — is fine, and a failed delete only leaves a file the server expires).
   */
  async remove(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.endAttempt(entry);
    this.entries.delete(key);
    this.publish();
    this.pump();
    if (entry.item.tempId !== undefined) await this.deleteQuietly(entry.item.tempId);
  }

  /** The inline image with this Content-ID. */
  findByContentId(contentId: string): UploadItem | undefined {
    for (const { item } of this.entries.values()) if (item.contentId === contentId && item.inline) return item;
    return undefined;
  }

  /**
   * Tells the queue which inline images the body holds now (the editor calls it when its document
   * changes). Images no longer in the body are detached — out of the message but kept, so Undo
   * restores them; images that came back are attached again.
   */
  syncInline(contentIdsInBody: Iterable<string>): void {
    const present = new Set(contentIdsInBody);
    let changed = false;
    for (const entry of this.entries.values()) {
      if (!entry.item.inline || !entry.item.contentId) continue;
      const detached = !present.has(entry.item.contentId);
      if ((entry.item.detached ?? false) !== detached) {
        entry.item = { ...entry.item, detached };
        changed = true;
      }
    }
    if (changed) {
      this.publish();
      this.checkSettled();
    }
  }

  /** Deletes detached inline images for good (e.g. once the draft is sent or closed). */
  async pruneDetached(): Promise<void> {
    const keys = [...this.entries.values()].filter((e) => e.item.detached).map((e) => e.item.key);
    await Promise.all(keys.map((key) => this.remove(key)));
  }

  // --- what Save and Send need ----------------------------------------------------------------

  /** Items that belong to the message (detached inline images left out). */
  activeItems(): UploadItem[] {
    return this.state.items.filter((item) => !item.detached);
  }

  /** `temporaryAttachments` for save and send: finished uploads only. */
  refs(): TemporaryAttachmentRef[] {
    return this.activeItems()
      .filter((item) => item.status === 'done' && item.tempId !== undefined)
      .map((item) => {
        const ref: TemporaryAttachmentRef = { id: item.tempId! };
        if (item.inline && item.contentId) ref.contentId = item.contentId;
        ref.isInline = item.inline;
        return ref;
      });
  }

  /** The finished uploads as the draft model keeps them (with name, size and type for the journal). */
  draftAttachments(): DraftAttachment[] {
    return this.activeItems()
      .filter((item) => item.status === 'done' && item.tempId !== undefined)
      .map((item) => {
        const attachment: DraftAttachment = { id: item.tempId!, isInline: item.inline, name: item.name, size: item.size, contentType: item.contentType };
        if (item.inline && item.contentId) attachment.contentId = item.contentId;
        return attachment;
      });
  }

  /** Whether some file of the message did not upload (failed or cancelled): Send must wait for Retry or Remove. */
  hasFailed(): boolean {
    return this.activeItems().some((item) => item.status === 'failed' || item.status === 'cancelled');
  }

  isBusy(): boolean {
    return this.activeItems().some(isPending);
  }

  /** Resolves once nothing of the message is queued or uploading (failed items count as settled). */
  settled(): Promise<void> {
    if (!this.isBusy()) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /** Stops every upload (the window is closing). Server items are left for the draft that uses them. */
  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries.values()) this.endAttempt(entry);
    this.listeners.clear();
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  // --- internals ------------------------------------------------------------------------------

  private createKey(): string {
    this.nextKey += 1;
    return `upload-${this.nextKey}`;
  }

  private pump(): void {
    if (this.disposed) return;
    let running = [...this.entries.values()].filter((e) => e.item.status === 'uploading').length;
    for (const entry of this.entries.values()) {
      if (running >= this.parallel) break;
      if (entry.item.status !== 'queued') continue;
      running += 1;
      this.start(entry);
    }
  }

  private start(entry: Entry): void {
    const file = entry.file!;
    const controller = new AbortController();
    entry.controller = controller;
    entry.attempt += 1;
    const attempt = entry.attempt;
    const current = () => entry.attempt === attempt && this.entries.get(entry.item.key) === entry;
    let percent = 0;
    this.update(entry, { status: 'uploading', progress: 0, loaded: 0, error: undefined });
    this.armStallTimer(entry, attempt);

    const onProgress = (loaded: number, total: number) => {
      if (!current()) return;
      this.armStallTimer(entry, attempt);
      const size = total > 0 ? total : file.size;
      const progress = size > 0 ? Math.min(1, Math.max(0, loaded / size)) : 0;
      // Re-render per whole percent, not per progress event (there can be thousands).
      const nextPercent = Math.floor(progress * 100);
      if (nextPercent === percent) return;
      percent = nextPercent;
      this.update(entry, { progress, loaded: Math.min(loaded, file.size) });
    };

    let outcome: Promise<TemporaryAttachment>;
    try {
      outcome = this.upload(file, { onProgress, signal: controller.signal });
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome.then(
      (uploaded) => {
        if (!current()) {
          // Cancelled or removed while the answer was on its way: the server item belongs to nobody.
          if (!this.entries.has(entry.item.key) || entry.item.status === 'cancelled') void this.deleteQuietly(uploaded.id);
          return;
        }
        this.endAttempt(entry);
        this.update(entry, { status: 'done', progress: 1, loaded: file.size, tempId: uploaded.id, error: undefined });
        this.pump();
      },
      (error: unknown) => {
        if (!current()) return;
        this.endAttempt(entry);
        if (error instanceof ApiError && error.kind === 'aborted') {
          this.update(entry, { status: 'cancelled', progress: 0, loaded: 0, error: t('upload.cancelled', { name: entry.item.displayName }) });
        } else {
          const refused = error instanceof ApiError && error.status === 413;
          if (refused) this.learnFrom413(error, file.size);
          this.update(entry, { status: 'failed', error: describeUploadFailure(error, entry.item, this.limit.bytes, this.locale), overLimit: refused && this.limit.check(file.size) !== null });
          if (refused) this.refuseWaitingOverLimit();
        }
        this.pump();
      },
    );
  }

  private learnFrom413(error: ApiError, size: number): void {
    if (error.limitBytes !== undefined) this.limit.learn(error.limitBytes);
    else this.limit.refusedAt(size);
  }

  /** After a 413 taught the limit, files still waiting for their turn that are over it fail at once, unsent. */
  private refuseWaitingOverLimit(): void {
    for (const entry of this.entries.values()) {
      if (entry.item.status !== 'queued' || !entry.file) continue;
      const tooLarge = this.sizeRefusal(entry.item.displayName, entry.file.size);
      if (tooLarge) this.update(entry, { status: 'failed', progress: 0, loaded: 0, error: tooLarge, overLimit: true });
    }
  }

  private armStallTimer(entry: Entry, attempt: number): void {
    if (entry.stallTimer !== undefined) this.clock.clearTimeout(entry.stallTimer);
    entry.stallTimer = this.clock.setTimeout(() => {
      if (entry.attempt !== attempt || entry.item.status !== 'uploading') return;
      this.endAttempt(entry);
      this.update(entry, { status: 'failed', error: t('upload.noResponse', { name: entry.item.displayName }) });
      this.pump();
    }, this.stallTimeoutMs);
  }

  /** Abandons the running attempt, if any: aborts the request and stops its timer. */
  private endAttempt(entry: Entry): void {
    if (entry.stallTimer !== undefined) this.clock.clearTimeout(entry.stallTimer);
    entry.stallTimer = undefined;
    const controller = entry.controller;
    entry.controller = undefined;
    entry.attempt += 1;
    controller?.abort();
  }

  private update(entry: Entry, patch: Partial<Omit<UploadItem, 'key'>>): void {
    const next = { ...entry.item, ...patch } as UploadItem & { error?: string };
    if (patch.error === undefined && 'error' in patch) delete next.error;
    entry.item = next;
    this.publish();
  }

  private publish(): void {
    this.state = { ...this.state, items: [...this.entries.values()].map((e) => e.item) };
    for (const listener of [...this.listeners]) listener();
    this.checkSettled();
  }

  private checkSettled(): void {
    if (this.settleWaiters.length === 0 || this.isBusy()) return;
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private async deleteQuietly(tempId: number): Promise<void> {
    try {
      await this.deleteFromServer(tempId);
    } catch {
      // 404 means it is already gone; any other failure leaves a file the server drops with the session.
    }
  }
}

export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  return new UploadQueue(options);
}

const isPending = (item: UploadItem) => item.status === 'queued' || item.status === 'uploading';

function listNames(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return t('upload.namesMore', { names: names.slice(0, 3).join(', '), count: names.length - 3 });
}

function tooManyFiles(max: number, names: readonly string[]): string {
  return names.length === 1 ? t('upload.tooManyOne', { max, name: names[0]! }) : t('upload.tooMany', { max, count: names.length, names: listNames(names) });
}

/** A failed upload as a sentence naming the file, with what to do next. */
export function describeUploadFailure(error: unknown, item: Pick<UploadItem, 'displayName' | 'size'>, maxFileBytes: number, locale?: string): string {
  const name = item.displayName;
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'network':
        return t('upload.connectionLost', { name });
      case 'timeout':
        return t('upload.noResponse', { name });
      case 'aborted':
        return t('upload.cancelled', { name });
      case 'http':
        break;
    }
    if (error.status === 413) {
      // The server's stated limit is the truth; without one (a proxy in front of the server may allow
      // less than the server says) the file's own size is the useful number.
      if (error.limitBytes !== undefined) return t('upload.tooLargeMax', { name, max: formatSize(error.limitBytes, locale) });
      return item.size > maxFileBytes
        ? t('upload.tooLargeMax', { name, max: formatSize(maxFileBytes, locale) })
        : t('upload.tooLargeSize', { name, size: formatSize(item.size, locale) });
    }
    if (error.status === 401) return t('upload.sessionExpired', { name });
    if (error.status === 429) return t('upload.busy', { name });
    if (error.status >= 500) return t('upload.serverError', { name, status: String(error.status) });
    // The server's own sentence is English: other locales say only what failed.
    const says = getLocale() === 'en' ? usableMessage(error.message) : null;
    return says && !/^The server answered \d+/.test(says) ? t('upload.failedWith', { name, reason: sentence(says) }) : t('upload.failedStatus', { name, status: String(error.status) });
  }
  const says = getLocale() !== 'en' ? null : error instanceof Error ? usableMessage(error.message) : typeof error === 'string' ? usableMessage(error) : null;
  return says ? t('upload.failedWithRetry', { name, reason: sentence(says) }) : t('upload.failedRetry', { name });
}

function usableMessage(text: string | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed || trimmed === 'undefined' || trimmed === 'null' || trimmed === '[object Object]') return null;
  return trimmed;
}

function sentence(text: string): string {
  const lowered = text.charAt(0).toLowerCase() + text.slice(1);
  return /[.!?…]$/.test(lowered) ? lowered : `${lowered}.`;
}

/** Send's status line while uploads run: "Uploading report.pdf…", "Uploading 2 files…", or null. */
export function describePendingUploads(items: readonly UploadItem[]): string | null {
  const pending = items.filter((item) => !item.detached && isPending(item));
  if (pending.length === 0) return null;
  return pending.length === 1 ? t('upload.pendingOne', { name: pending[0]!.displayName }) : t('upload.pendingMany', { count: pending.length });
}

/** Why Send is held back by files that did not upload, or null when none. */
export function describeFailedUploads(items: readonly UploadItem[]): string | null {
  const failed = items.filter((item) => !item.detached && (item.status === 'failed' || item.status === 'cancelled'));
  if (failed.length === 0) return null;
  return failed.length === 1 ? t('upload.failedOne', { name: failed[0]!.displayName }) : t('upload.failedMany', { count: failed.length });
}
