import {
  UNDO_WINDOW_SECONDS,
  type ScheduleResponse,
  type SendResponse,
  type UndoSendRequest,
  type UndoSendResponse,
} from '../../api/contract';
import { ApiError } from '../../api/transport';
import { describeError } from './describe-error';
import { scheduledConfirmation, type DisplayFormats } from './schedule-format';
import { t, type MessageKey } from '../../i18n/core';

/**
 * The toasts shown after a send: "Message sent" with Undo and a countdown, and "Scheduled for …"
 * with Cancel schedule. They live outside any compose window so they survive it closing.
 *
 * The undo window is counted from the moment the server answered the send (the server holds the
 * mail for UNDO_WINDOW_SECONDS from its own receipt, so our window never ends early). Remaining
 * seconds are always derived from the clock, never decremented, so a throttled background tab
 * shows the truth when it wakes. Every text says what really happened.
 */

/** How long "Sent" stays once the undo window is over. */
export const SENT_VISIBLE_MS = 4_000;
/** How long an outcome ("Sending undone …", "Too late …", cancel results) stays. */
export const OUTCOME_VISIBLE_MS = 8_000;
/** How long a "Scheduled for …" toast offers Cancel schedule before it goes away. */
export const SCHEDULED_VISIBLE_MS = 30_000;

export interface ToastClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemToastClock: ToastClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type SentToastPhase =
  /** Within the window; Undo is offered. */
  | 'counting'
  /** The undo request is on its way. */
  | 'undoing'
  /** Undone and the draft was reopened. */
  | 'undone'
  /** Undone, but the server could not rebuild a draft (no mailId). */
  | 'undone-no-draft'
  /** Undone and the draft is in Drafts, but opening it here failed. */
  | 'undone-reopen-failed'
  /** The server refused: the window had passed. */
  | 'too-late'
  /** The undo request failed (network, server error); Undo can be tried again while the window is open. */
  | 'undo-failed'
  /** The window ended: delivery is final. */
  | 'sent';

export interface SentToast {
  kind: 'sent';
  id: string;
  processingId: number;
  /** The copy in Sent, when the server saved one. */
  mailId?: string;
  phase: SentToastPhase;
  /** The toast's main text, e.g. "Message sent", "Undoing…", "Too late — the message was already sent". */
  text: string;
  /** Extra plain words (the error, what to do next), when there are any. */
  detail?: string;
  /** Whole seconds left in the undo window (0 once it is over). */
  secondsLeft: number;
  /** Whether the Undo button should be offered. */
  canUndo: boolean;
  /** Whether a request is in flight. */
  busy: boolean;
  /** The draft the undo produced, when there is one. */
  draftId?: string;
}

export type ScheduledToastPhase =
  | 'scheduled'
  | 'cancelling'
  /** Back in Drafts and reopened. */
  | 'cancelled'
  /** Back in Drafts, but opening it here failed. */
  | 'cancelled-reopen-failed'
  /** The server refused or could not be reached; Cancel schedule can be tried again. */
  | 'cancel-failed'
  /** The mail is no longer scheduled (already delivered, deleted elsewhere). */
  | 'cancel-too-late';

export interface ScheduledToast {
  kind: 'scheduled';
  id: string;
  /** The mail in Scheduled. */
  mailId: string;
  /** Unix seconds. */
  deliveryTime: number;
  timeZone: string;
  phase: ScheduledToastPhase;
  text: string;
  detail?: string;
  canCancel: boolean;
  busy: boolean;
  draftId?: string;
}

export type SendToast = SentToast | ScheduledToast;

export interface SendToastsSnapshot {
  /** Oldest first. */
  toasts: readonly SendToast[];
  /**
   * What the polite live region should say: set when a toast appears and when an outcome is known,
   * never on countdown ticks. `seq` grows with every announcement so equal texts are announced again.
   */
  announcement: { seq: number; text: string } | null;
}

export type SendToastEvent =
  /** The send was accepted and is held for the undo window. */
  | { type: 'queued'; processingId: number; mailId?: string }
  /** The undo window ended without an undo: delivery is final. */
  | { type: 'sent'; processingId: number; mailId?: string }
  /** Sending was undone; `draftId` is the rebuilt draft when the server made one. */
  | { type: 'undone'; processingId: number; draftId?: string }
  | { type: 'scheduled'; mailId: string; deliveryTime: number }
  /** The schedule was cancelled; `draftId` is the mail back in Drafts. */
  | { type: 'scheduleCancelled'; mailId: string; draftId: string };

export interface SendToastsOptions {
  /** `POST /mails/send/undo` */
  undo: (request: UndoSendRequest) => Promise<UndoSendResponse>;
  /** `DELETE /mails/send/schedule/{mailId}` */
  cancelSchedule: (mailId: string) => Promise<ScheduleResponse>;
  /** Opens the compose window on a draft (the app's `openDraft`). */
  reopenDraft: (draftId: string) => void | Promise<void>;
  clock?: ToastClock;
}

export interface AddScheduledOptions {
  deliveryTime: number;
  timeZone: string;
  formats?: DisplayFormats;
}

export interface SendToastsStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): SendToastsSnapshot;
  /** Call as soon as the send answered; `answeredAt` defaults to the clock's now. Returns the toast id. */
  addSent(response: SendResponse, answeredAt?: number): string;
  /** Call as soon as a schedule answered. Returns the toast id. */
  addScheduled(response: ScheduleResponse, options: AddScheduledOptions): string;
  /** Undo a sent toast (ignored outside the window or while a request is in flight). */
  undo(toastId: string): Promise<void>;
  /** Cancel a scheduled toast's schedule and reopen the draft. */
  cancelSchedule(toastId: string): Promise<void>;
  /** Removes a toast now (a toast with a request in flight stays until it is answered). */
  dismiss(toastId: string): void;
  /** Listens to what happened, for the embed API. Returns an unsubscribe function. */
  on(listener: (event: SendToastEvent) => void): () => void;
  /** Stops the timers (the toasts stay as they are). */
  dispose(): void;
}

interface SentRecord {
  kind: 'sent';
  id: string;
  processingId: number;
  mailId?: string;
  deadline: number;
  phase: SentToastPhase;
  detail?: string;
  draftId?: string;
  removeAt?: number;
}

interface ScheduledRecord {
  kind: 'scheduled';
  id: string;
  mailId: string;
  deliveryTime: number;
  timeZone: string;
  text: string;
  phase: ScheduledToastPhase;
  detail?: string;
  draftId?: string;
  removeAt?: number;
}

type ToastRecord = SentRecord | ScheduledRecord;

const SENT_TEXT: Record<SentToastPhase, MessageKey> = {
  counting: 'toast.sent.counting',
  undoing: 'toast.sent.undoing',
  undone: 'toast.sent.undone',
  'undone-no-draft': 'toast.sent.undoneNoDraft',
  'undone-reopen-failed': 'toast.sent.undoneReopenFailed',
  'too-late': 'toast.sent.tooLate',
  'undo-failed': 'toast.sent.undoFailed',
  sent: 'toast.sent.sent',
};

export function createSendToasts(options: SendToastsOptions): SendToastsStore {
  const clock = options.clock ?? systemToastClock;
  const records: ToastRecord[] = [];
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: SendToastEvent) => void>();
  let announcement: SendToastsSnapshot['announcement'] = null;
  let snapshot: SendToastsSnapshot = { toasts: [], announcement: null };
  let timer: unknown = undefined;
  let nextId = 1;
  let disposed = false;

  function emit(event: SendToastEvent): void {
    for (const listener of [...eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        // A host's listener must not break the toasts.
        console.error('send-toasts listener failed', error);
      }
    }
  }

  function announce(text: string): void {
    announcement = { seq: (announcement?.seq ?? 0) + 1, text };
  }

  function secondsLeft(record: SentRecord, now: number): number {
    return Math.max(0, Math.ceil((record.deadline - now) / 1000));
  }

  /** Moves toasts along by time: windows ending, outcomes expiring. */
  function advance(now: number): void {
    for (let index = records.length - 1; index >= 0; index--) {
      const record = records[index]!;
      if (record.removeAt !== undefined && now >= record.removeAt) {
        records.splice(index, 1);
        continue;
      }
      if (record.kind === 'sent' && now >= record.deadline) {
        if (record.phase === 'counting') {
          record.phase = 'sent';
          record.removeAt = record.deadline + SENT_VISIBLE_MS;
          announce(t('toast.announce.sent'));
          emit({ type: 'sent', processingId: record.processingId, ...(record.mailId ? { mailId: record.mailId } : {}) });
        } else if (record.phase === 'undo-failed') {
          // The undo never got through and the window is over: the server has most likely sent it.
          record.phase = 'sent';
          record.detail = t('toast.detail.undoLost');
          record.removeAt = now + OUTCOME_VISIBLE_MS;
          announce(t('toast.announce.sentWith', { detail: record.detail }));
          emit({ type: 'sent', processingId: record.processingId, ...(record.mailId ? { mailId: record.mailId } : {}) });
        }
      }
    }
  }

  function view(record: ToastRecord, now: number, previous: SendToast | undefined): SendToast {
    let next: SendToast;
    if (record.kind === 'sent') {
      const open = now < record.deadline;
      next = {
        kind: 'sent',
        id: record.id,
        processingId: record.processingId,
        ...(record.mailId ? { mailId: record.mailId } : {}),
        phase: record.phase,
        text: t(SENT_TEXT[record.phase]),
        ...(record.detail ? { detail: record.detail } : {}),
        secondsLeft: record.phase === 'counting' || record.phase === 'undo-failed' || record.phase === 'undoing' ? secondsLeft(record, now) : 0,
        canUndo: open && (record.phase === 'counting' || record.phase === 'undo-failed'),
        busy: record.phase === 'undoing',
        ...(record.draftId ? { draftId: record.draftId } : {}),
      };
    } else {
      next = {
        kind: 'scheduled',
        id: record.id,
        mailId: record.mailId,
        deliveryTime: record.deliveryTime,
        timeZone: record.timeZone,
        phase: record.phase,
        text: scheduledText(record),
        ...(record.detail ? { detail: record.detail } : {}),
        canCancel: record.phase === 'scheduled' || record.phase === 'cancel-failed',
        busy: record.phase === 'cancelling',
        ...(record.draftId ? { draftId: record.draftId } : {}),
      };
    }
    // Keep the old object when nothing changed, so rows that didn't change don't re-render.
    return previous && shallowEqual(previous, next) ? previous : next;
  }

  function rebuild(): void {
    const now = clock.now();
    advance(now);
    const previousById = new Map(snapshot.toasts.map((toast) => [toast.id, toast]));
    const toasts = records.map((record) => view(record, now, previousById.get(record.id)));
    const changed =
      toasts.length !== snapshot.toasts.length || toasts.some((toast, index) => toast !== snapshot.toasts[index]) || announcement !== snapshot.announcement;
    if (changed) {
      snapshot = { toasts, announcement };
      for (const listener of [...listeners]) listener();
    }
    schedule(now);
  }

  /** One timer for the next moment anything visible changes: a second ticking over, a window ending, a removal. */
  function schedule(now: number): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    if (disposed) return;
    let wake = Infinity;
    for (const record of records) {
      if (record.removeAt !== undefined) wake = Math.min(wake, record.removeAt);
      if (record.kind === 'sent' && record.deadline > now && (record.phase === 'counting' || record.phase === 'undo-failed' || record.phase === 'undoing')) {
        const untilTick = (record.deadline - now) % 1000 || 1000;
        wake = Math.min(wake, now + untilTick);
      }
    }
    if (wake === Infinity) return;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        rebuild();
      },
      Math.max(0, wake - now),
    );
  }

  function findSent(id: string): SentRecord | undefined {
    const record = records.find((r) => r.id === id);
    return record?.kind === 'sent' ? record : undefined;
  }

  function findScheduled(id: string): ScheduledRecord | undefined {
    const record = records.find((r) => r.id === id);
    return record?.kind === 'scheduled' ? record : undefined;
  }

  async function openDraft(draftId: string): Promise<string | null> {
    try {
      await options.reopenDraft(draftId);
      return null;
    } catch (error) {
      return describeError(error);
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,

    addSent(response, answeredAt = clock.now()) {
      const id = `send-${nextId++}`;
      const record: SentRecord = {
        kind: 'sent',
        id,
        processingId: response.processingId,
        deadline: answeredAt + UNDO_WINDOW_SECONDS * 1000,
        phase: 'counting',
        ...(response.mailId ? { mailId: response.mailId } : {}),
      };
      records.push(record);
      announce(t('toast.announce.queued', { seconds: UNDO_WINDOW_SECONDS }));
      emit({ type: 'queued', processingId: record.processingId, ...(record.mailId ? { mailId: record.mailId } : {}) });
      rebuild();
      return id;
    },

    addScheduled(response, { deliveryTime, timeZone, formats }) {
      const id = `schedule-${nextId++}`;
      const text = scheduledConfirmation(deliveryTime * 1000, timeZone, clock.now(), formats);
      records.push({ kind: 'scheduled', id, mailId: response.mailId, deliveryTime, timeZone, text, phase: 'scheduled', removeAt: clock.now() + SCHEDULED_VISIBLE_MS });
      announce(`${text}.`);
      emit({ type: 'scheduled', mailId: response.mailId, deliveryTime });
      rebuild();
      return id;
    },

    async undo(toastId) {
      const record = findSent(toastId);
      if (!record || clock.now() >= record.deadline || (record.phase !== 'counting' && record.phase !== 'undo-failed')) return;
      record.phase = 'undoing';
      delete record.detail;
      announce(t('toast.sent.undoing'));
      rebuild();
      let response: UndoSendResponse | undefined;
      try {
        response = await options.undo({ processingId: record.processingId, ...(record.mailId ? { mailId: record.mailId } : {}) });
      } catch (error) {
        if (isTooLate(error)) {
          record.phase = 'too-late';
          record.removeAt = clock.now() + OUTCOME_VISIBLE_MS;
          announce(t('toast.announce.outcome', { text: t(SENT_TEXT['too-late']) }));
          emit({ type: 'sent', processingId: record.processingId, ...(record.mailId ? { mailId: record.mailId } : {}) });
        } else if (clock.now() < record.deadline) {
          record.phase = 'undo-failed';
          record.detail = t('toast.detail.undoMayFail', { reason: describeError(error) });
          announce(t('toast.announce.undoFailed', { detail: record.detail }));
        } else {
          // Answered (or failed) after the window: the server keeps nothing past it.
          record.phase = 'sent';
          record.detail = t('toast.detail.undoFailedLate', { reason: stripStop(describeError(error)) });
          record.removeAt = clock.now() + OUTCOME_VISIBLE_MS;
          announce(t('toast.announce.sentWith', { detail: record.detail }));
          emit({ type: 'sent', processingId: record.processingId, ...(record.mailId ? { mailId: record.mailId } : {}) });
        }
        rebuild();
        return;
      }

      const draftId = response?.mailId;
      if (!draftId) {
        record.phase = 'undone-no-draft';
        record.detail = t('toast.detail.noDraft');
        record.removeAt = clock.now() + OUTCOME_VISIBLE_MS;
        announce(t('toast.announce.outcome', { text: t(SENT_TEXT['undone-no-draft']) }));
        emit({ type: 'undone', processingId: record.processingId });
        rebuild();
        return;
      }
      record.draftId = draftId;
      const reopenProblem = await openDraft(draftId);
      if (reopenProblem) {
        record.phase = 'undone-reopen-failed';
        record.detail = t('toast.detail.reopenFailed', { reason: reopenProblem });
      } else {
        record.phase = 'undone';
      }
      record.removeAt = clock.now() + OUTCOME_VISIBLE_MS;
      announce(t('toast.announce.outcome', { text: t(SENT_TEXT[record.phase]) }));
      emit({ type: 'undone', processingId: record.processingId, draftId });
      rebuild();
    },

    async cancelSchedule(toastId) {
      const record = findScheduled(toastId);
      if (!record || (record.phase !== 'scheduled' && record.phase !== 'cancel-failed')) return;
      record.phase = 'cancelling';
      delete record.detail;
      delete record.removeAt; // stays while the request is in flight
      announce(t('toast.schedule.cancelling'));
      rebuild();
      let response: ScheduleResponse;
      try {
        response = await options.cancelSchedule(record.mailId);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          record.phase = 'cancel-too-late';
          record.detail = t('toast.detail.noLongerScheduled');
          record.removeAt = clock.now() + OUTCOME_VISIBLE_MS;
        } else {
          record.phase = 'cancel-failed';
          record.detail = t('toast.detail.stillScheduled', { reason: describeError(error) });
          record.removeAt = clock.now() + SCHEDULED_VISIBLE_MS;
        }
        announce(t('toast.announce.outcomeWith', { text: scheduledText(record), detail: record.detail }));
        rebuild();
        return;
      }
      record.draftId = response.mailId;
      const reopenProblem = await openDraft(response.mailId);
      if (reopenProblem) {
        record.phase = 'cancelled-reopen-failed';
        record.detail = t('toast.detail.draftNotOpened', { reason: reopenProblem });
      } else {
        record.phase = 'cancelled';
      }
      record.removeAt = clock.now() + OUTCOME_VISIBLE_MS;
      announce(t('toast.announce.outcome', { text: scheduledText(record) }));
      emit({ type: 'scheduleCancelled', mailId: record.mailId, draftId: response.mailId });
      rebuild();
    },

    dismiss(toastId) {
      const index = records.findIndex((r) => r.id === toastId);
      const record = records[index];
      if (!record || record.phase === 'undoing' || record.phase === 'cancelling') return;
      records.splice(index, 1);
      rebuild();
    },

    on(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },

    dispose() {
      disposed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}

function scheduledText(record: ScheduledRecord): string {
  switch (record.phase) {
    case 'scheduled':
      return record.text;
    case 'cancelling':
      return t('toast.schedule.cancelling');
    case 'cancelled':
      return t('toast.schedule.cancelled');
    case 'cancelled-reopen-failed':
      return t('toast.schedule.cancelledReopenFailed');
    case 'cancel-failed':
      return t('toast.schedule.cancelFailed', { scheduled: lowerFirst(record.text) });
    case 'cancel-too-late':
      return t('toast.schedule.tooLate');
  }
}

/** The server's "window has passed" answer: 400 UNDO_TOO_LATE, or 404 (the queue no longer has it). */
export function isTooLate(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && ((error.status === 400 && error.code === 'UNDO_TOO_LATE') || error.status === 404);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function stripStop(text: string): string {
  return text.replace(/[.!]$/, '');
}

function shallowEqual(a: SendToast, b: SendToast): boolean {
  const keysA = Object.keys(a) as Array<keyof SendToast>;
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => a[key] === b[key]);
}
