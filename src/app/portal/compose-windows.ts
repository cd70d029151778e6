import type { ComposeRequest } from '../../compose/compose-entry';
import { t } from '../../i18n/core';

export interface OpenWindow {
  id: number;
  request: ComposeRequest;
}

export interface ComposeWindowsSnapshot {
  windows: readonly OpenWindow[];
  /** Why the last open was refused, in plain words; null when it wasn't. */
  refusal: string | null;
}

/** At most this many windows at once (as Proton does). */
export const MAX_WINDOWS = 3;

/**
 * The compose windows open in the portal. A plain store rather than component state, so that
 * long-lived callers (the toasts' "reopen the draft after Undo") always open into the current list.
 */
export class ComposeWindows {
  private snapshot: ComposeWindowsSnapshot = { windows: [], refusal: null };
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** Opens a window for `request`; false when refused as one too many (the refusal says so). */
  open = (request: ComposeRequest): boolean => {
    const { windows } = this.snapshot;
    // The same draft or answer is never open twice: two windows would save over each other.
    if (request.mailId && windows.some((w) => w.request.mailId === request.mailId && w.request.mode === request.mode)) return true;
    if (windows.length >= MAX_WINDOWS) {
      this.set({ windows, refusal: t('app.tooManyWindows', { max: MAX_WINDOWS }) });
      return false;
    }
    this.set({ windows: [...windows, { id: this.nextId++, request }], refusal: null });
    return true;
  };

  close = (id: number): void => {
    this.set({ windows: this.snapshot.windows.filter((w) => w.id !== id), refusal: null });
  };

  private set(next: ComposeWindowsSnapshot) {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
