import { useEffect, useId, useRef } from 'react';
import type { Translate } from '../../i18n/core';
import { useT } from '../../i18n/react';

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
  const t = useT();
  // Moving focus to a question that just appeared is DOM work, not state syncing.
  useEffect(() => firstButton.current?.focus(), [state.kind]);
  const [question, confirmLabel, onConfirm, cancelLabel] = describe(state, { onDiscard, onSwitchToPlainText, onCloseAnyway }, t);
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
  t: Translate,
): [question: string, confirm: string | null, onConfirm: () => void, cancel: string] {
  switch (state.kind) {
    case 'discard':
      return [t('compose.confirm.discard'), t('compose.confirm.discardButton'), actions.onDiscard, t('compose.keepEditing')];
    case 'discard-failed':
      return [t('compose.confirm.discardFailed', { reason: state.message }), t('compose.tryAgain'), actions.onDiscard, t('compose.keepEditing')];
    case 'plain-text':
      return [t('compose.confirm.plainText'), t('compose.confirm.plainTextButton'), actions.onSwitchToPlainText, t('compose.confirm.keepFormatting')];
    case 'close-failed':
      return [
        t('compose.confirm.unsaved', { reason: state.message }),
        t('compose.confirm.closeAnyway'),
        actions.onCloseAnyway,
        t('compose.confirm.keepOpen'),
      ];
  }
}
