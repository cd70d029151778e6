import type { DraftContent } from '../model/draft';
import type { RecipientText } from '../model/journal';
import type { ExternalStore } from '../hooks/use-store-slice';

/** The header part of the draft, which the header fields edit. */
export type HeaderValues = Pick<
  DraftContent,
  'from' | 'to' | 'cc' | 'bcc' | 'replyTo' | 'subject' | 'importance' | 'requestReadReceipt' | 'requestDeliveryReceipt'
>;

/** Text typed into a recipient field that is not a chip yet: kept by the journal, never saved. */
export type PendingRecipientText = Partial<RecipientText>;

export interface HeaderStore extends ExternalStore<HeaderValues> {
  update(patch: Partial<HeaderValues>): void;
  /** Half-typed recipients, read when the journal writes (not React state: nothing re-renders). */
  readonly pendingText: PendingRecipientText;
  setPendingText(field: keyof PendingRecipientText, text: string): void;
}

export const pickHeaders = (content: DraftContent): HeaderValues => ({
  from: content.from,
  to: content.to,
  cc: content.cc,
  bcc: content.bcc,
  replyTo: content.replyTo,
  subject: content.subject,
  importance: content.importance,
  requestReadReceipt: content.requestReadReceipt,
  requestDeliveryReceipt: content.requestDeliveryReceipt,
});

/**
 * The header values of one window. Each field subscribes to its own slice; `onChange` tells the
 * draft-sync engine (which pulls the values when it saves) — no React state is involved in between.
 */
export function createHeaderStore(
  initial: HeaderValues,
  onChange: (patch: Partial<HeaderValues>) => void,
  options: { pendingText?: PendingRecipientText; onPendingText?: () => void } = {},
): HeaderStore {
  let state = initial;
  const pendingText: PendingRecipientText = { ...options.pendingText };
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(patch) {
      state = { ...state, ...patch };
      for (const listener of listeners) listener();
      onChange(patch);
    },
    pendingText,
    setPendingText(field, text) {
      if ((pendingText[field] ?? '') === text) return;
      pendingText[field] = text;
      options.onPendingText?.();
    },
  };
}
