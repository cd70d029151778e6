import { useCallback, useId, useState } from 'react';
import type { Importance } from '../../api/contract';
import type { ApiClient } from '../../api/transport';
import { addressKey } from '../model/addresses';
import type { Recipient } from '../model/draft';
import type { HeaderStore, HeaderValues } from './header-store';
import { useStoreSlice } from '../hooks/use-store-slice';
import { RecipientField, type RecipientFieldName } from './recipient-field';
import { useT } from '../../i18n/react';

/** One address the user may send from, with the account's display name. */
export type SenderOption = Recipient;

export interface HeaderFieldsProps {
  store: HeaderStore;
  api: ApiClient;
  senders: readonly SenderOption[];
  /** Called when the user picks another From (the window swaps the signature with it). */
  onFromChange(from: Recipient): void;
  /** Puts the caret in To when the window opens (new messages and forwards). */
  focusTo?: boolean;
}

/**
 * From, To, Cc, Bcc, the "More options" group (Reply-To, Importance, receipts) and Subject.
 * Each control subscribes to its own slice, so a keystroke re-renders only the control typed in.
 */
export function HeaderFields({ store, api, senders, onFromChange, focusTo = false }: HeaderFieldsProps) {
  const [ccRequested, setCcRequested] = useState(false);
  const [bccRequested, setBccRequested] = useState(false);
  const [moreRequested, setMoreRequested] = useState<boolean | null>(null);
  const hasCc = useStoreSlice(store, selectHasCc);
  const hasBcc = useStoreSlice(store, selectHasBcc);
  const hasReplyTo = useStoreSlice(store, selectHasReplyTo);
  // Fields holding addresses are always shown: hiding a recipient would be hiding who gets the mail.
  const showCc = ccRequested || hasCc || !!store.pendingText.cc;
  const showBcc = bccRequested || hasBcc || !!store.pendingText.bcc;
  const moreOpen = moreRequested ?? (hasReplyTo || !!store.pendingText.replyTo);
  const moreId = useId();
  const t = useT();

  return (
    <div className="header-fields">
      <FromField store={store} senders={senders} onFromChange={onFromChange} />
      <div className="header-row header-row-to">
        <BoundRecipientField store={store} api={api} field="to" label="To" autoFocus={focusTo} />
        <div className="header-toggles">
          {!showCc && (
            <button type="button" className="link-button" onClick={() => setCcRequested(true)}>
              {t('field.cc')}
            </button>
          )}
          {!showBcc && (
            <button type="button" className="link-button" onClick={() => setBccRequested(true)}>
              {t('field.bcc')}
            </button>
          )}
        </div>
      </div>
      {showCc && <BoundRecipientField store={store} api={api} field="cc" label="Cc" autoFocus={ccRequested && !hasCc} />}
      {showBcc && <BoundRecipientField store={store} api={api} field="bcc" label="Bcc" autoFocus={bccRequested && !hasBcc} />}
      <SubjectField store={store} />
      <button type="button" className="link-button more-options" aria-expanded={moreOpen} aria-controls={moreId} onClick={() => setMoreRequested(!moreOpen)}>
        {t('compose.moreOptions')}
      </button>
      <div id={moreId} className="more-options-group" hidden={!moreOpen}>
        {moreOpen && (
          <>
            <BoundRecipientField store={store} api={api} field="replyTo" label="Reply-To" />
            <ImportanceField store={store} />
            <ReceiptBox store={store} field="requestReadReceipt" label={t('compose.readReceipt')} />
            <ReceiptBox store={store} field="requestDeliveryReceipt" label={t('compose.deliveryReceipt')} />
          </>
        )}
      </div>
    </div>
  );
}

const selectHasCc = (v: HeaderValues) => v.cc.length > 0;
const selectHasBcc = (v: HeaderValues) => v.bcc.length > 0;
const selectHasReplyTo = (v: HeaderValues) => v.replyTo.length > 0;
const selectFrom = (v: HeaderValues) => v.from;
const selectSubject = (v: HeaderValues) => v.subject;
const selectImportance = (v: HeaderValues) => v.importance;
const selectors = {
  to: (v: HeaderValues) => v.to,
  cc: (v: HeaderValues) => v.cc,
  bcc: (v: HeaderValues) => v.bcc,
  replyTo: (v: HeaderValues) => v.replyTo,
  requestReadReceipt: (v: HeaderValues) => v.requestReadReceipt,
  requestDeliveryReceipt: (v: HeaderValues) => v.requestDeliveryReceipt,
} as const;

function FromField({ store, senders, onFromChange }: Pick<HeaderFieldsProps, 'store' | 'senders' | 'onFromChange'>) {
  const id = useId();
  const from = useStoreSlice(store, selectFrom);
  const current = from ? addressKey(from.address) : '';
  const t = useT();
  // A draft may come back with a From this account no longer lists (an alias removed since): keep
  // it as an option so opening the draft never silently changes the sender.
  const options = from && !senders.some((s) => addressKey(s.address) === current) ? [from, ...senders] : senders;
  return (
    <div className="header-row">
      <label className="field-label" htmlFor={id}>
        {t('compose.from')}
      </label>
      <select
        id={id}
        className="from-select"
        value={current}
        onChange={(e) => {
          const picked = options.find((s) => addressKey(s.address) === e.target.value);
          if (picked) onFromChange(picked);
        }}
      >
        {options.map((sender) => (
          <option key={addressKey(sender.address)} value={addressKey(sender.address)}>
            {sender.name ? `${sender.name} <${sender.address}>` : sender.address}
          </option>
        ))}
      </select>
    </div>
  );
}

function BoundRecipientField({
  store,
  api,
  field,
  label,
  autoFocus,
}: {
  store: HeaderStore;
  api: ApiClient;
  field: 'to' | 'cc' | 'bcc' | 'replyTo';
  label: RecipientFieldName;
  autoFocus?: boolean;
}) {
  const value = useStoreSlice(store, selectors[field]);
  const onTextChange = useCallback((text: string) => store.setPendingText(field, text), [store, field]);
  return (
    <RecipientField
      label={label}
      value={value}
      api={api}
      autoFocus={autoFocus}
      initialText={store.pendingText[field]}
      onTextChange={onTextChange}
      onChange={(next) => store.update({ [field]: next })}
    />
  );
}

function SubjectField({ store }: { store: HeaderStore }) {
  const id = useId();
  const subject = useStoreSlice(store, selectSubject);
  const t = useT();
  return (
    <div className="header-row">
      <label className="field-label" htmlFor={id}>
        {t('compose.subject')}
      </label>
      <input id={id} className="subject-input" type="text" value={subject} onChange={(e) => store.update({ subject: e.target.value })} />
    </div>
  );
}

function ImportanceField({ store }: { store: HeaderStore }) {
  const id = useId();
  const importance = useStoreSlice(store, selectImportance);
  const t = useT();
  return (
    <div className="header-row">
      <label className="field-label" htmlFor={id}>
        {t('compose.importance')}
      </label>
      <select id={id} value={importance} onChange={(e) => store.update({ importance: e.target.value as Importance })}>
        <option value="normal">{t('compose.importance.normal')}</option>
        <option value="high">{t('compose.importance.high')}</option>
        <option value="low">{t('compose.importance.low')}</option>
      </select>
    </div>
  );
}

function ReceiptBox({ store, field, label }: { store: HeaderStore; field: 'requestReadReceipt' | 'requestDeliveryReceipt'; label: string }) {
  const checked = useStoreSlice(store, selectors[field]);
  return (
    <label className="checkbox-row">
      <input type="checkbox" checked={checked} onChange={(e) => store.update({ [field]: e.target.checked })} /> {label}
    </label>
  );
}
