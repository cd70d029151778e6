import type { AppDeps } from '../http/env';
import { deliverQueueItem, retryDelayAfter, smtpRelay, TemporaryDeliveryError, type DeliveryContext } from '../delivery/deliver';
import { sweepTemporaryAttachments } from '../mail/temporary-attachments';
import { claimDue, markFailed, recoverInterrupted, retryLater, type QueueRow } from './processing-queue';

/** How often the worker looks for due work on its own (the clock's onChange also wakes it). */
export const POLL_INTERVAL_MS = 500;
const SWEEP_INTERVAL_MS = 10 * 60_000;

export interface QueueWorker {
  /** Recovers work interrupted by a crash, then polls for due work and listens to clock changes. */
  start(): void;
  /** Stops polling and taking new work, and waits for the deliveries already claimed. */
  stop(): Promise<void>;
  /** Delivers everything due now and resolves when done (tests call this to "run due work now"). */
  runDueWork(): Promise<number>;
}

interface ChangeableClock {
  onChange(listener: () => void): () => void;
}

const canNotify = (clock: unknown): clock is ChangeableClock => typeof (clock as Partial<ChangeableClock>).onChange === 'function';

/**
 * Drives the processing queue from the (injectable) clock: mail becomes due when its undo window
 * ends or its delivery time comes, and is delivered by this worker. Runs never overlap: a call
 * while a run is in progress waits for it and then runs again, so nothing due is missed.
 */
export function createQueueWorker(
  deps: AppDeps,
  options: { deliver?: (context: DeliveryContext, row: QueueRow) => Promise<void> } = {},
): QueueWorker {
  const relay = deps.config.smtpRelayUrl ? smtpRelay(deps.config.smtpRelayUrl) : undefined;
  const context: DeliveryContext = { ...deps, relay };
  const deliver = options.deliver ?? deliverQueueItem;
  let running: Promise<number> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastSweep = 0;
  let stopped = false;

  async function runOnce(): Promise<number> {
    let delivered = 0;
    // After stop() no new batch is claimed: shutdown waits for the claimed one only, not for the whole backlog.
    while (!stopped) {
      const due = claimDue(deps.db, deps.clock.now());
      if (due.length === 0) return delivered;
      for (const row of due) {
        try {
          await deliver(context, row);
          delivered += 1;
        } catch (err) {
          handleFailure(row, err);
        }
      }
    }
    return delivered;
  }

  function handleFailure(row: QueueRow, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof TemporaryDeliveryError)) console.error(`[queue] delivering ${row.id} failed:`, err);
    const delay = retryDelayAfter(row.attempts);
    if (delay === undefined) markFailed(deps.db, row.id, deps.clock.now(), message);
    else retryLater(deps.db, row.id, deps.clock.now() + delay, message);
  }

  function runDueWork(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await runOnce();
        } while (again);
      } finally {
        running = undefined;
      }
      return total;
    })();
    return running;
  }

  function tick(): void {
    runDueWork().catch((err: unknown) => console.error('[queue] run failed:', err));
    const now = Date.now();
    if (now - lastSweep >= SWEEP_INTERVAL_MS) {
      lastSweep = now;
      try {
        sweepTemporaryAttachments(deps);
      } catch (err) {
        console.error('[queue] sweeping uploads failed:', err);
      }
    }
  }

  return {
    start() {
      if (timer) return;
      stopped = false;
      recoverInterrupted(deps.db);
      timer = setInterval(tick, POLL_INTERVAL_MS);
      timer.unref();
      if (canNotify(deps.clock)) unsubscribe = deps.clock.onChange(tick);
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
      if (running) await running.catch(() => undefined);
      relay?.close();
    },
    runDueWork,
  };
}
