import { MAX_SCHEDULE_AHEAD_SECONDS, type SendMailRequest } from '../../api/contract';
import { deleteDraft } from '../../api/drafts';
import { getMail } from '../../api/mails';
import { scheduleDraft, scheduleMail, sendDraft, sendMail } from '../../api/send';
import { ApiError, type ApiClient } from '../../api/transport';
import { describeError, describeErrorInline } from './describe-error';
import { toScheduleRequest, toSendRequest, wantsReceipts, type DraftContent } from './draft';
import { systemClock, type Clock } from './draft-sync';
import { findRecentMail } from './find-recent-mail';
import { t } from '../../i18n/core';

/**
 * Send and Schedule, as docs/architecture.md describes them: stop autosave, save what is pending
 * (waiting for a save in flight), wait for uploads, then Send Draft — or `POST /mails/send` when there
 * is no draft or receipts are asked for (only that call carries them), deleting the draft afterwards.
 *
 * Never twice. A send whose answer never came (network cut, timeout, 5xx) may have gone out, so:
 * - autosave stays on hold (a Replace would 404 on a sent draft and recreate it, and the retry
 *   would then send the new copy);
 * - the retry first checks: via the draft, does the draft still exist (Send Draft deletes it; gone
 *   means sent); via `/mails/send`, is the message in Sent (or Scheduled) — subject and To as sent,
 *   made since the attempt. Only when it is not found is the request made again.
 * - calls while a send runs share it; after success the result is answered without a request.
 */

export interface SendResult {
  /** The copy in Sent; absent when none was saved or when the send was confirmed indirectly. */
  mailId?: string;
  /** For Undo; absent when the send was confirmed indirectly (then Undo is not offered). */
  processingId?: number;
  confirmedBy: 'response' | 'draft-gone' | 'found';
}

export interface ScheduleResult {
  /** The mail in Scheduled; absent when confirmed only by the draft being gone. */
  mailId?: string;
  confirmedBy: 'response' | 'draft-gone' | 'found';
}

export type SendFlowStatus = 'idle' | 'saving' | 'uploading' | 'sending' | 'sent' | 'scheduled' | 'failed';

export interface SendFlowSnapshot {
  status: SendFlowStatus;
  action: 'send' | 'schedule' | null;
  /** What is happening or what went wrong, in plain words; null when idle. */
  message: string | null;
  error: unknown;
  /** The last attempt may have gone through; Retry checks before sending again. */
  uncertain: boolean;
  result: SendResult | ScheduleResult | null;
  /** A draft that could not be deleted after `/mails/send` (the user may delete it from Drafts). */
  leftoverDraftId: string | null;
}

/** The parts of the draft-sync engine the send needs. */
export interface SendSync {
  flush(): Promise<string | null>;
  hold(): () => void;
  markSent(kind: 'sent' | 'scheduled'): void;
  /** Server clock minus ours, for comparing our times with mail dates. */
  serverTimeOffset?(): number;
}

export interface SendFlowOptions {
  api: ApiClient;
  sync: SendSync;
  getContent(): DraftContent;
  /** Resolves when no upload is running; rejects when one failed. */
  uploadsSettled?: () => Promise<void>;
  /** The window's journal entry, removed once the mail is sent or scheduled. */
  journal?: { clear(): Promise<void> };
  clock?: Clock;
}

type Action = { kind: 'send' } | { kind: 'schedule'; deliveryTime: number };

type Unanswered =
  | { via: 'draft'; draftId: string; action: Action['kind'] }
  /** `startedAt` is in server time (our clock plus the offset the engine learnt). */
  | { via: 'mail'; request: SendMailRequest; startedAt: number; action: Action['kind']; draftId: string | null };

export class SendFlow {
  private readonly options: SendFlowOptions;
  private readonly clock: Clock;
  private readonly listeners = new Set<() => void>();
  private snapshot: SendFlowSnapshot = { status: 'idle', action: null, message: null, error: null, uncertain: false, result: null, leftoverDraftId: null };
  private running: Promise<SendResult | ScheduleResult> | null = null;
  private unanswered: Unanswered | null = null;
  /** Kept from an uncertain attempt until it is resolved, so autosave cannot touch the draft. */
  private releaseHold: (() => void) | null = null;
  /** A draft left behind by a `/mails/send` that turned out to have gone through. */
  private pendingDraftDelete: string | null = null;

  constructor(options: SendFlowOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SendFlowSnapshot => this.snapshot;

  /** Sends the message (also the Retry after a failure). */
  send(): Promise<SendResult> {
    return this.start({ kind: 'send' }) as Promise<SendResult>;
  }

  /** Schedules delivery at `deliveryTime` (unix seconds). */
  schedule(deliveryTime: number): Promise<ScheduleResult> {
    return this.start({ kind: 'schedule', deliveryTime }) as Promise<ScheduleResult>;
  }

  private start(action: Action): Promise<SendResult | ScheduleResult> {
    if (this.running) return this.running;
    if (this.snapshot.result) return Promise.resolve(this.snapshot.result);
    const run = this.run(action).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(action: Action): Promise<SendResult | ScheduleResult> {
    this.releaseHold ??= this.options.sync.hold();
    try {
      if (action.kind === 'schedule') this.checkDeliveryTime(action.deliveryTime);

      // An earlier attempt may have gone through: find out before anything touches the draft.
      const earlier = this.unanswered ? await this.resolveUnanswered() : null;
      if (earlier) return this.succeed(action, earlier, null);

      this.update({ status: 'saving', action: action.kind, message: t('send.saving'), error: null });
      let draftId = await this.options.sync.flush();
      if (this.options.uploadsSettled) {
        this.update({ status: 'uploading', message: t('send.waitingUploads') });
        await this.options.uploadsSettled();
        this.update({ status: 'saving', message: t('send.saving') });
        draftId = await this.options.sync.flush();
      }

      this.update({ status: 'sending', message: action.kind === 'send' ? t('send.sending') : t('send.scheduling') });
      const content = this.options.getContent();
      if (draftId !== null && !wantsReceipts(content)) {
        const result = await this.viaDraft(action, draftId);
        return this.succeed(action, result, null);
      }
      const result = await this.viaMail(action, content, draftId);
      return this.succeed(action, result, draftId);
    } catch (error) {
      const uncertain = this.unanswered !== null;
      if (!uncertain) {
        this.releaseHold?.();
        this.releaseHold = null;
      }
      this.update({
        status: 'failed',
        error,
        uncertain,
        message: uncertain
          ? t(action.kind === 'send' ? 'send.uncertainSend' : 'send.uncertainSchedule', { reason: describeError(error) })
          : t(action.kind === 'send' ? 'send.notSent' : 'send.notScheduled', { reason: describeErrorInline(error) }),
      });
      throw error;
    }
  }

  private async viaDraft(action: Action, draftId: string): Promise<SendResult | ScheduleResult> {
    try {
      if (action.kind === 'send') {
        const response = await sendDraft(this.options.api, draftId);
        return { ...response, confirmedBy: 'response' };
      }
      const response = await scheduleDraft(this.options.api, draftId, action.deliveryTime);
      return { mailId: response.mailId, confirmedBy: 'response' };
    } catch (error) {
      if (isUnanswered(error)) this.unanswered = { via: 'draft', draftId, action: action.kind };
      throw error;
    }
  }

  private async viaMail(action: Action, content: DraftContent, draftId: string | null): Promise<SendResult | ScheduleResult> {
    const request = action.kind === 'send' ? toSendRequest(content) : toScheduleRequest(content, action.deliveryTime);
    const startedAt = this.clock.now() + (this.options.sync.serverTimeOffset?.() ?? 0);
    try {
      if (action.kind === 'send') {
        const response = await sendMail(this.options.api, request);
        return { ...response, confirmedBy: 'response' };
      }
      const response = await scheduleMail(this.options.api, { ...request, deliveryTime: action.deliveryTime });
      return { mailId: response.mailId, confirmedBy: 'response' };
    } catch (error) {
      if (isUnanswered(error)) this.unanswered = { via: 'mail', request, startedAt, action: action.kind, draftId };
      throw error;
    }
  }

  /**
   * Did the unanswered attempt go through? Answers its result when it did, null when it certainly
   * did not (then it is safe to send); throws when we still cannot tell.
   */
  private async resolveUnanswered(): Promise<SendResult | ScheduleResult | null> {
    const unanswered = this.unanswered!;
    this.update({ status: 'sending', message: t('send.checking'), error: null });
    if (unanswered.via === 'draft') {
      try {
        await getMail(this.options.api, unanswered.draftId);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          this.unanswered = null;
          return { confirmedBy: 'draft-gone' };
        }
        throw error;
      }
      this.unanswered = null;
      return null;
    }
    const found = await findRecentMail(
      this.options.api,
      unanswered.action === 'send' ? 'sent' : 'scheduled',
      unanswered.request,
      unanswered.startedAt,
      unanswered.draftId ? [unanswered.draftId] : [],
    );
    const draftId = unanswered.draftId;
    this.unanswered = null;
    if (!found) return null;
    // The mail path leaves the draft behind; the success step deletes it.
    this.pendingDraftDelete = draftId;
    return { mailId: found.id, confirmedBy: 'found' };
  }

  private async succeed(action: Action, result: SendResult | ScheduleResult, draftToDelete: string | null): Promise<SendResult | ScheduleResult> {
    const kind = action.kind === 'send' ? 'sent' : 'scheduled';
    this.options.sync.markSent(kind);
    this.releaseHold = null;
    // The server has the mail now; the local copy would only offer a stale restore.
    void this.options.journal?.clear();
    let leftoverDraftId: string | null = null;
    const toDelete = draftToDelete ?? this.pendingDraftDelete;
    this.pendingDraftDelete = null;
    if (toDelete !== null) {
      try {
        await deleteDraft(this.options.api, toDelete);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) leftoverDraftId = toDelete;
      }
    }
    this.update({
      status: kind,
      action: action.kind,
      result,
      error: null,
      uncertain: false,
      leftoverDraftId,
      message: kind === 'sent' ? t('send.sent') : t('send.scheduled'),
    });
    return result;
  }

  private checkDeliveryTime(deliveryTime: number): void {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    if (!Number.isInteger(deliveryTime)) throw new RangeError(t('send.deliveryNotWhole'));
    if (deliveryTime <= nowSeconds) throw new RangeError(t('send.deliveryPast'));
    if (deliveryTime > nowSeconds + MAX_SCHEDULE_AHEAD_SECONDS) throw new RangeError(t('send.deliveryTooFar'));
  }

  private update(patch: Partial<SendFlowSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** No answer, or a server failure after which the send may still have happened. */
function isUnanswered(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout' || error.status >= 500);
}
