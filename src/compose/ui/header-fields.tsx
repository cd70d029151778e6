import { useId, useState } from 'react';
import type { Importance } from '../../api/contract';
import type { ApiClient } from '../../api/transport';
import { useStoreSlice, type ExternalStore } from '../hooks/use-store-slice';
import { RecipientField, type RecipientFieldName } from './recipient-field';

/** The header part of the message the header fields edit. */
export interface HeaderValues {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  subject: string;
  importance: Importance;
  requestReadReceipt: boolean;
  requestDeliveryReceipt: boolean;
}

export interface HeaderStore extends ExternalStore<HeaderValues> {
  update(patch: Partial<HeaderValues>): void;
}

/** One address the user may send from, as the From list shows it. */
export interface SenderOption {
  email: string;
  /** The full `From` value, e.g. `"Ana Ivan" <ana@example.test>`. */
  value: string;
  label: string;
}

export interface HeaderFieldsProps {
  store: HeaderStore;
  api: ApiClient;
  senders: readonly SenderOption[];
  /** Called when the user picks another From (the window swaps the signature with it). */
  onFromChange(value: string): void;
}

/**
 * From, To, Cc, Bcc, the "More options" group (Reply-To, Importance, receipts) and Subject.
 * Each control subscribes to its own slice, so a keystroke re-renders only the control typed in.
 */
export function HeaderFields({ store, api, senders, onFromChange }: HeaderFieldsProps) {
  const [ccRequested, setCcRequested] = useState(false);
  const [bccRequested, setBccRequested] = useState(false);
  const [moreRequested, setMoreRequested] = useState<boolean | null>(null);
  const hasCc = useStoreSlice(store, selectHasCc);
  const hasBcc = useStoreSlice(store, selectHasBcc);
  const hasReplyTo = useStoreSlice(store, selectHasReplyTo);
  // Fields holding addresses are always shown: hiding a recipient would be hiding who gets the mail.
  const showCc = ccRequested || hasCc;
  const showBcc = bccRequested || hasBcc;
  const moreOpen = moreRequested ?? hasReplyTo;
  const moreId = useId();

  return (
    <div className="header-fields">
      <FromField store={store} senders={senders} onFromChange={onFromChange} />
      <div className="header-row header-row-to">
        <BoundRecipientField store={store} api={api} field="to" label="To" />
        <div className="header-toggles">
          {!showCc && (
            <button type="button" className="link-button" onClick={() => setCcRequested(true)}>
              Cc
            </button>
          )}
          {!showBcc && (
            <button type="button" className="link-button" onClick={() => setBccRequested(true)}>
              Bcc
            </button>
          )}
        </div>
      </div>
      {showCc && <BoundRecipientField store={store} api={api} field="cc" label="Cc" autoFocus={ccRequested && !hasCc} />}
      {showBcc && <BoundRecipientField store={store} api={api} field="bcc" label="Bcc" autoFocus={bccRequested && !hasBcc} />}
      <SubjectField store={store} />
      <button type="button" className="link-button more-options" aria-expanded={moreOpen} aria-controls={moreId} onClick={() => setMoreRequested(!moreOpen)}>
        More options
      </button>
      <div id={moreId} className="more-options-group" hidden={!moreOpen}>
        {moreOpen && (
          <>
            <BoundRecipientField store={store} api={api} field="replyTo" label="Reply-To" />
            <ImportanceField store={store} />
            <ReceiptBox store={store} field="requestReadReceipt" label="Request read receipt" />
            <ReceiptBox store={store} field="requestDeliveryReceipt" label="Request delivery receipt" />
          </>
        )}
      </div>
    </div>
  );
}

const selectHasCc = (v: HeaderValues) => v.cc.trim() !== '';
const selectHasBcc = (v: HeaderValues) => v.bcc.trim() !== '';
const selectHasReplyTo = (v: HeaderValues) => v.replyTo.trim() !== '';
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
  // A draft may come back with a From this account no longer lists (an alias removed since): keep
  // it as an option so opening the draft never silently changes the sender.
  const known = senders.some((s) => s.value === from);
  return (
    <div className="header-row">
      <label className="field-label" htmlFor={id}>
        From
      </label>
      <select id={id} className="from-select" value={from} onChange={(e) => onFromChange(e.target.value)}>
        {!known && from && <option value={from}>{from}</option>}
        {senders.map((sender) => (
          <option key={sender.email} value={sender.value}>
            {sender.label}
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
  return <RecipientField label={label} value={value} api={api} autoFocus={autoFocus} onChange={(next) => store.update({ [field]: next })} />;
}

function SubjectField({ store }: { store: HeaderStore }) {
  const id = useId();
  const subject = useStoreSlice(store, selectSubject);
  return (
    <div className="header-row">
      <label className="field-label" htmlFor={id}>
        Subject
      </label>
      <input id={id} className="subject-input" type="text" value={subject} onChange={(e) => store.update({ subject: e.target.value })} />
    </div>
  );
}

function ImportanceField({ store }: { store: HeaderStore }) {
  const id = useId();
  const importance = useStoreSlice(store, selectImportance);
  return (
    <div className="header-row">
      <label className="field-label" htmlFor={id}>
        Importance
      </label>
      <select id={id} value={importance} onChange={(e) => store.update({ importance: e.target.value as Importance })}>
        <option value="normal">Normal</option>
        <option value="high">High</option>
        <option value="low">Low</option>
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
