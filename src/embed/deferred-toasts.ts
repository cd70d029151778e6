import type { ScheduleResponse, SendResponse } from '../api/contract';
import type { AddScheduledOptions, SendToastEvent, SendToastsSnapshot, SendToastsStore } from '../compose/model/send-toasts';

const NOTHING_YET: SendToastsSnapshot = { toasts: [], announcement: null };

/**
 * Stands in for the embed's send toasts while their chunk loads, so a window can be handed the store
 * the moment it opens. The chunk is asked for once the window's own chunks are in, long before a
 * mail can be sent; should a window report a send or a schedule before it arrives (a slow or failed
 * fetch), the report is kept — with the moment the server answered, so the undo window is not
 * stretched — and shown when the store is in, a failed fetch being tried again right then.
 */
export class DeferredSendToasts implements SendToastsStore {
  private store: SendToastsStore | null = null;
  private loading: Promise<SendToastsStore> | null = null;
  private readonly waiting: Array<(store: SendToastsStore) => void> = [];
  private readonly listeners = new Set<() => void>();
  /** Event listeners and, once the store is in, how to unsubscribe them from it. */
  private readonly eventListeners = new Map<(event: SendToastEvent) => void, (() => void) | null>();
  private disposed = false;
  private pendingIds = 0;

  constructor(
    private readonly load: () => Promise<SendToastsStore>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The store, once loaded. */
  get current(): SendToastsStore | null {
    return this.store;
  }

  /** Loads the store (again, after a failed fetch). Settles, never rejects, when it is in or the fetch failed. */
  start(): Promise<void> {
    if (!this.store && !this.disposed) {
      this.loading ??= this.load().then(
        (store) => {
          this.adopt(store);
          return store;
        },
        (error: unknown) => {
          this.loading = null;
          throw error;
        },
      );
    }
    return (this.loading ?? Promise.resolve()).then(
      () => {},
      () => {},
    );
  }

  private adopt(store: SendToastsStore): void {
    this.store = store;
    if (this.disposed) {
      store.dispose();
      return;
    }
    for (const listener of this.eventListeners.keys()) this.eventListeners.set(listener, store.on(listener));
    store.subscribe(() => this.notify());
    for (const report of this.waiting.splice(0)) report(store);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private whenLoaded(report: (store: SendToastsStore) => void): string {
    this.waiting.push(report);
    void this.start();
    return `pending-${++this.pendingIds}`;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SendToastsSnapshot => this.store?.getSnapshot() ?? NOTHING_YET;

  addSent(response: SendResponse, answeredAt: number = this.now()): string {
    if (this.store) return this.store.addSent(response, answeredAt);
    return this.whenLoaded((store) => store.addSent(response, answeredAt));
  }

  addScheduled(response: ScheduleResponse, options: AddScheduledOptions): string {
    if (this.store) return this.store.addScheduled(response, options);
    return this.whenLoaded((store) => store.addScheduled(response, options));
  }

  undo(toastId: string): Promise<void> {
    return this.store?.undo(toastId) ?? Promise.resolve();
  }

  cancelSchedule(toastId: string): Promise<void> {
    return this.store?.cancelSchedule(toastId) ?? Promise.resolve();
  }

  dismiss(toastId: string): void {
    this.store?.dismiss(toastId);
  }

  on(listener: (event: SendToastEvent) => void): () => void {
    this.eventListeners.set(listener, this.store && !this.disposed ? this.store.on(listener) : null);
    return () => {
      this.eventListeners.get(listener)?.();
      this.eventListeners.delete(listener);
    };
  }

  dispose(): void {
    this.disposed = true;
    this.store?.dispose();
  }
}
