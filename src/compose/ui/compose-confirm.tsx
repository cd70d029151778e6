import { useEffect, useId, useRef } from 'react';

export type ComposeConfirmState =
  | { kind: 'discard' }
  | { kind: 'plain-text' }
  | { kind: 'close-failed'; message: string }
  | { kind: 'discard-failed'; message: string };

export interface ComposeConfirmProps {
  state: ComposeConfirmState;
  busy: boolean;
  onDiscard(): void;
  onSwitchToPlainText(): void;
  onCloseAnyway(): void;
  onCancel(): void;
}

/**
 * The window's questions (discard?, lose formatting?, close although not saved?) as an inline
 * alertdialog: the message stays visible and editable, and focus moves to the question.
 */
export function ComposeConfirm({ state, busy, onDiscard, onSwitchToPlainText, onCloseAnyway, onCancel }: ComposeConfirmProps) {
  const textId = useId();
  const firstButton = useRef<HTMLButtonElement>(null);
  // Moving focus to a question that just appeared is DOM work, not state syncing.
  useEffect(() => firstButton.current?.focus(), [state.kind]);
  const [question, confirmLabel, onConfirm, cancelLabel] = describe(state, { onDiscard, onSwitchToPlainText, onCloseAnyway });
  return (
    <div
      className="confirm-strip"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={textId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={textId}>{question}</p>
      {confirmLabel && (
        <button ref={firstButton} type="button" className="primary-button" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      )}
      <button ref={confirmLabel ? undefined : firstButton} type="button" className="secondary-button" disabled={busy} onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}

function describe(
  state: ComposeConfirmState,
  actions: Pick<ComposeConfirmProps, 'onDiscard' | 'onSwitchToPlainText' | 'onCloseAnyway'>,
): [question: string, confirm: string | null, onConfirm: () => void, cancel: string] {
  switch (state.kind) {
    case 'discard':
      return ['Discard this draft? It is deleted from Drafts and cannot be brought back.', 'Discard', actions.onDiscard, 'Keep editing'];
    case 'discard-failed':
      return [`The draft could not be discarded. ${state.message}`, 'Try again', actions.onDiscard, 'Keep editing'];
    case 'plain-text':
      return ['Switch to plain text? Formatting, links and inline images are removed from the message.', 'Switch to plain text', actions.onSwitchToPlainText, 'Keep formatting'];
    case 'close-failed':
      return [
        `Your latest changes are not saved on the server yet. ${state.message} They are kept on this device.`,
        'Close anyway',
        actions.onCloseAnyway,
        'Keep open',
      ];
  }
}
