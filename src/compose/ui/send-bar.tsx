import type { ReactNode } from 'react';
import { useStoreSlice } from '../hooks/use-store-slice';
import type { SendFlow, SendFlowSnapshot } from '../model/send-flow';
import type { ScheduleSettings } from './schedule-dialog';
import { ScheduleSendButton } from './schedule-send-button';
import { useT } from '../../i18n/react';

export interface SendBarProps {
  flow: SendFlow;
  onSend(): void;
  /** Resolves when scheduled; rejects to keep the dialog open with the reason. */
  onSchedule(deliveryTime: number): Promise<unknown>;
  onDiscard(): void;
  scheduleSettings: ScheduleSettings | null;
  /** The `Attach files` control (the uploads' own button). */
  attach: ReactNode;
}

const selectRunning = (s: SendFlowSnapshot) => s.status === 'saving' || s.status === 'uploading' || s.status === 'sending';

/** `Send`, `Schedule send`, `Attach files` and `Discard draft`. Send keeps its name while it runs. */
export function SendBar({ flow, onSend, onSchedule, onDiscard, scheduleSettings, attach }: SendBarProps) {
  const running = useStoreSlice(flow, selectRunning);
  const t = useT();
  return (
    <div className="send-bar">
      <button type="button" className="primary-button" disabled={running} onClick={onSend} aria-keyshortcuts="Control+Enter Meta+Enter">
        {t('compose.send')}
      </button>
      <ScheduleSendButton onSchedule={onSchedule} settings={scheduleSettings} disabled={running} className="secondary-button" />
      {attach}
      <span className="spacer" />
      <button type="button" className="secondary-button danger-button" disabled={running} onClick={onDiscard}>
        {t('compose.discardDraft')}
      </button>
    </div>
  );
}
