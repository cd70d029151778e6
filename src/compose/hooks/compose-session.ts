import { getSignature } from '../../api/account';
import { deleteTemporaryAttachment, uploadTemporaryAttachment } from '../../api/temporary-attachments';
import { ApiError, type ApiClient } from '../../api/transport';
import type { ComposeStart } from '../compose-entry';
import type { MessageEditorHandle } from '../editor/message-editor';
import { collectCids, composeBodyHtml, htmlToText } from '../model/message-html';
import { QuotedHistoryText } from '../model/quoted-text';
import { signatureInputFrom } from '../model/signature-input';
import { applyUploadState } from '../editor/upload-state';
import type { DraftContent, Recipient } from '../model/draft';
import { DraftSync } from '../model/draft-sync';
import { JournalWriter, newJournalKey, type DraftJournal } from '../model/journal';
import { blocksSend, checkBeforeSend, type PresendIssue } from '../model/presend';
import { SendFlow, type ScheduleResult, type SendResult } from '../model/send-flow';
import { describeFailedUploads, UploadQueue, uploadLimitFor } from '../model/upload-queue';
import { createHeaderStore, pickHeaders, type HeaderStore } from '../ui/header-store';

export interface ComposeSessionOptions {
  api: ApiClient;
  start: ComposeStart;
  /** The local journal, when the browser has one (IndexedDB). */
  journal?: Promise<DraftJournal> | null;
  /** Whose draft this is, for the journal; the main address by default. */
  account?: string;
}

/** What Send decided before (or instead of) sending. */
export type SendAttempt =
  | { outcome: 'checks'; issues: PresendIssue[] }
  | { outcome: 'sent'; result: SendResult }
  | { outcome: 'failed' };

/**
 * One compose window's model objects wired together, outside React: the header store, the body
 * editor (attached when it mounts), the upload queue, the draft-sync engine, the send flow and the
 * journal. The engine pulls content through `getContent()` only when it saves, so a keystroke costs
 * one `changed()` call and no render.
 */
export class ComposeSession {
  readonly headers: HeaderStore;
  readonly queue: UploadQueue;
  readonly sync: DraftSync;
  readonly sendFlow: SendFlow;
  readonly quotedHtml: string | null;
  /** Inline images of the quoted history: in the message though not in the editor. */
  private readonly quotedCids: string[];
  /** The history's text, converted once (not on every save). */
  private readonly quotedText: QuotedHistoryText | null;

  private readonly api: ApiClient;
  private readonly start: ComposeStart;
  private editor: MessageEditorHandle | null = null;
  private journalWriter: JournalWriter | null = null;
  private readonly journalKey: string;
  private muted = 0;
  private disposed = false;
  private retained = 0;
  private disposeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly stopQueueWatch: () => void;
  /** Inline images the queue holds, so one removed from the list is removed from the body too. */
  private readonly knownImages = new Set<string>();
  /** The finished uploads as last saved, so a file finishing (or removed) triggers a save. */
  private reportedDone = '';
  private signature: { id: string | null; seq: number } = { id: null, seq: 0 };

  constructor(options: ComposeSessionOptions) {
    this.api = options.api;
    this.start = options.start;
    this.journalKey = options.start.journalKey ?? newJournalKey();
    this.quotedHtml = options.start.quotedHtml;
    this.quotedCids = this.quotedHtml ? collectCids(this.quotedHtml) : [];
    this.quotedText = this.quotedHtml ? new QuotedHistoryText(this.quotedHtml) : null;
    // Half-typed recipients go to the journal only: they are not part of the saved draft.
    this.headers = createHeaderStore(pickHeaders(options.start.content), () => this.changed(), {
      pendingText: options.start.recipientText,
      onPendingText: () => this.journalWriter?.changed(),
    });
    this.queue = new UploadQueue({
      upload: (file, { onProgress, signal }) => uploadTemporaryAttachment(this.api, file, { onProgress, signal }),
      deleteFromServer: (tempId) => deleteTemporaryAttachment(this.api, tempId),
      // One limit per server connection: what one window learns from a 413, the next one knows.
      limit: uploadLimitFor(this.api),
    });
    const attachments = options.start.attachments;
    if (attachments.length > 0) {
      this.queue.addStored(
        attachments,
        attachments.filter((a) => a.isInline && a.contentId).map((a) => a.contentId!),
      );
    }
    this.reportedDone = this.doneIds();
    this.stopQueueWatch = this.queue.subscribe(() => this.onQueueChange());
    this.sync = new DraftSync({
      api: this.api,
      getContent: () => this.getContent(),
      mailId: options.start.draftId,
      // A journal restore holds what the server may not have: saved at once.
      ...(options.start.unsaved ? { baseline: null } : {}),
      timeZone: options.start.settings.timezone || undefined,
      // "Saved 14:03" or "Saved 02:03 PM", as the account writes times.
      ...(options.start.settings.timeFormat ? { timeFormat: options.start.settings.timeFormat } : {}),
    });
    this.sendFlow = new SendFlow({
      api: this.api,
      sync: this.sync,
      getContent: () => this.getContent(),
      uploadsSettled: async () => {
        await this.queue.settled();
        const failed = describeFailedUploads(this.queue.getSnapshot().items);
        if (failed) throw new Error(failed);
      },
    });
    if (options.journal) {
      const account = options.account ?? options.start.senders[0]?.address ?? '';
      options.journal.then(
        (journal) => {
          if (this.disposed) return;
          this.journalWriter = new JournalWriter({
            journal,
            key: this.journalKey,
            account,
            read: () => ({ mailId: this.sync.getSnapshot().mailId, content: this.getContent(), recipientText: { ...this.headers.pendingText } }),
          });
          this.journalWriter.follow(this.sync);
        },
        () => {
          // No IndexedDB (private mode, old browser): the server draft is the only copy.
        },
      );
    }
  }

  // --- lifetime (StrictMode mounts, unmounts and mounts again: disposal waits a tick) -----------

  retain(): void {
    this.retained += 1;
    if (this.disposeTimer !== null) clearTimeout(this.disposeTimer);
    this.disposeTimer = null;
  }

  release(): void {
    this.retained -= 1;
    if (this.retained > 0) return;
    this.disposeTimer = setTimeout(() => this.dispose(), 0);
  }

  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopQueueWatch();
    this.sync.dispose();
    this.queue.dispose();
    void this.journalWriter?.dispose();
    this.start.release();
  }

  // --- content ------------------------------------------------------------------------------

  /** The draft as it is now. Called by the engine and the journal when they write, never per keystroke. */
  getContent(): DraftContent {
    const headers = this.headers.getSnapshot();
    let bodyHtml = this.start.content.bodyHtml;
    let bodyText = this.start.content.bodyText;
    if (this.editor) {
      const body = this.editor.getBody();
      if (body.mode === 'html' && body.html !== null) {
        bodyHtml = composeBodyHtml(body.html, this.quotedHtml);
        bodyText = !this.quotedText ? body.text : body.trailingBreaks === undefined ? htmlToText(bodyHtml) : this.quotedText.afterHtmlBody(body.text, body.trailingBreaks);
        // Images the user deleted from the body leave the message (kept in the queue for Undo).
        this.queue.syncInline([...body.inlineImages.map((image) => image.contentId), ...this.quotedCids]);
      } else {
        bodyHtml = '';
        bodyText = this.quotedText ? this.quotedText.afterPlainText(body.text) : body.text;
        this.queue.syncInline([]);
      }
    }
    return {
      ...headers,
      bodyHtml,
      bodyText,
      attachments: this.queue.draftAttachments(),
      refwType: this.start.content.refwType,
      refwMailId: this.start.content.refwMailId,
    };
  }

  /** The body (or a header) changed: cheap, safe on every keystroke. */
  changed = (): void => {
    if (this.muted > 0 || this.disposed) return;
    this.sync.changed();
    this.journalWriter?.changed();
  };

  // --- the editor ---------------------------------------------------------------------------

  attachEditor = (handle: MessageEditorHandle): void => {
    const first = this.editor === null;
    this.editor = handle;
    if (first && this.start.defaultSignatureId) void this.applySignature(this.start.defaultSignatureId, { quiet: true });
    this.reportImages();
  };

  get editorHandle(): MessageEditorHandle | null {
    return this.editor;
  }

  /** A pasted, dropped or picked image for the body: queued (upload starts) under a new Content-ID, or null when refused. */
  addInlineImage = (file: File): string | null => this.queue.addInlineImage(file);

  /** The images in the body changed (added, deleted, brought back by undo): the queue follows. */
  onInlineImagesChange = (contentIds: string[]): void => {
    this.queue.syncInline([...contentIds, ...this.quotedCids]);
  };

  onFiles = (files: File[]): void => {
    this.queue.addFiles(files);
  };

  /** The signature in the message now (null for none). */
  get signatureId(): string | null {
    return this.signature.id;
  }

  /**
   * Puts signature `id` in place of the current one (or removes it with null). `quiet` inserts the
   * default signature of a new message without counting as an edit: an untouched window saves nothing.
   */
  async applySignature(id: string | null, { quiet = false } = {}): Promise<void> {
    const seq = ++this.signature.seq;
    this.signature.id = id;
    const input = id ? signatureInputFrom(await getSignature(this.api, id)) : null;
    // A later pick (or the window closing) wins over a slow answer.
    if (seq !== this.signature.seq || this.disposed || !this.editor) return;
    if (quiet) this.muted += 1;
    try {
      this.editor.setSignature(input);
    } finally {
      if (quiet) this.muted -= 1;
    }
  }

  /** Another From: the signature is put in again (replaced, never duplicated). */
  setFrom(from: Recipient): void {
    this.headers.update({ from });
    if (this.signature.id && this.editor) void this.applySignature(this.signature.id);
  }

  // --- upload ⇄ editor ----------------------------------------------------------------------

  private onQueueChange(): void {
    this.reportImages();
  }

  private doneIds(): string {
    return this.queue
      .getSnapshot()
      .items.filter((item) => item.status === 'done' && !item.detached)
      .map((item) => item.tempId)
      .join(',');
  }

  /** Mirrors each inline image's upload state onto its node, and saves when the finished files change. */
  private reportImages(): void {
    const items = this.queue.getSnapshot().items;
    const done = this.doneIds();
    if (done !== this.reportedDone) {
      this.reportedDone = done;
      this.changed();
    }
    const editor = this.editor?.editor;
    if (!editor) return;
    applyUploadState(editor, items);
    const inline = new Set(items.filter((item) => item.inline && item.contentId).map((item) => item.contentId!));
    for (const contentId of inline) this.knownImages.add(contentId);
    for (const contentId of [...this.knownImages]) {
      if (inline.has(contentId)) continue;
      this.knownImages.delete(contentId);
      // Removed from the list ("Remove image.png" after a failed upload): out of the body too.
      editor.commands.removeImage(contentId);
    }
  }

  // --- send, schedule, discard, close ---------------------------------------------------------

  /** The pre-send checklist for the message as it is now. */
  checks(): PresendIssue[] {
    const content = this.getContent();
    const items = this.queue.activeItems();
    return checkBeforeSend({
      to: content.to,
      cc: content.cc,
      bcc: content.bcc,
      replyTo: content.replyTo,
      subject: content.subject,
      bodyHtml: content.bodyHtml,
      bodyText: content.bodyText,
      attachmentCount: items.filter((item) => !item.inline).length,
      uploadsInProgress: items.filter((item) => item.status === 'queued' || item.status === 'uploading').length,
      failedUploads: items.filter((item) => item.status === 'failed' || item.status === 'cancelled').map((item) => item.displayName),
    });
  }

  /**
   * Send: the checklist first (blocking issues stop it; confirmable ones need `confirmed`), then the
   * send flow, which saves, waits for uploads and sends exactly once. Failures stay in the flow's
   * snapshot (the window shows them with Retry).
   */
  async send({ confirmed = false } = {}): Promise<SendAttempt> {
    const status = this.sendFlow.getSnapshot().status;
    // A retry after an uncertain failure must go straight to the flow, which checks before resending.
    if (status !== 'failed' || !this.sendFlow.getSnapshot().uncertain) {
      const issues = this.checks();
      const needsConfirm = issues.some((issue) => issue.severity === 'confirm');
      if (blocksSend(issues) || (needsConfirm && !confirmed)) return { outcome: 'checks', issues };
    }
    try {
      const result = await this.sendFlow.send();
      await this.finish();
      return { outcome: 'sent', result };
    } catch {
      return { outcome: 'failed' };
    }
  }

  /**
   * After signing in again: paused saves carry on, and answers whether a send that the expired
   * session stopped should now go ahead (the server refused it outright, so nothing went out).
   */
  resumeAfterSignIn(): boolean {
    this.sync.resume();
    const { status, action, error } = this.sendFlow.getSnapshot();
    return status === 'failed' && action === 'send' && error instanceof ApiError && error.status === 401;
  }

  /** Schedule: blocking issues refuse (the dialog shows why), then the schedule flow. */
  async schedule(deliveryTime: number): Promise<ScheduleResult> {
    const blocking = this.checks().filter((issue) => issue.severity === 'blocking');
    if (blocking.length > 0) throw new Error(blocking.map((issue) => issue.message).join(' '));
    const result = await this.sendFlow.schedule(deliveryTime);
    await this.finish();
    return result;
  }

  /** Deletes the server draft and the journal entry. Throws when the server draft could not be deleted. */
  async discard(): Promise<void> {
    await this.sync.discard();
    await this.journalWriter?.clear();
    await Promise.allSettled(this.queue.activeItems().filter((item) => !item.stored).map((item) => this.queue.remove(item.key)));
  }

  /**
   * Closing: saves what is not saved yet. Answers the draft id (null when nothing was ever saved);
   * throws when the save failed (the window then asks before closing; the journal keeps the content).
   */
  async saveForClose(): Promise<string | null> {
    const draftId = await this.sync.flush();
    await this.journalWriter?.clear();
    return draftId;
  }

  private async finish(): Promise<void> {
    await this.journalWriter?.clear();
  }
}
