import type {
  CreateMailRequest,
  Importance,
  ReplaceDraftRequest,
  ScheduleSendRequest,
  SendMailRequest,
  TemporaryAttachmentRef,
} from '../../api/contract';
import { formatAddressList } from './addresses';

/**
 * The draft value: everything the compose window holds that is saved, sent or kept in the local
 * journal, as plain data. Its mapping to the contract's request bodies lives here so that saving,
 * sending and the "did anything change?" fingerprint can never disagree about what a draft is.
 */

/**
 * One recipient. A `RecipientEntry` from `addresses.ts` fits as it is. Entries flagged invalid stay in
 * the form and in the journal (they are the user's text to fix) but are left out of what is saved
 * and sent — a strict server would refuse the whole draft for one typo otherwise.
 */
export interface Recipient {
  name: string;
  address: string;
  /** The text as the user typed it, when it differs from name + address. */
  raw?: string;
  /** `false` for a flagged entry; absent means usable. */
  valid?: boolean;
  /** Why a flagged entry cannot be used, in plain words. */
  reason?: string;
}

/** A file in the upload queue that belongs to this draft. */
export interface DraftAttachment {
  /** Temporary-attachment id (the queue item). */
  id: number;
  /** Set for inline images; the body references it as `cid:<contentId>`. */
  contentId?: string;
  isInline: boolean;
  /** Shown in the list and kept in the journal; never sent (the server knows the file). */
  name?: string;
  size?: number;
  contentType?: string;
}

export type RefwKind = '' | 're' | 'fw';

export interface DraftContent {
  from: Recipient | null;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  replyTo: Recipient[];
  subject: string;
  importance: Importance;
  /** Only honoured on send (Axigen drafts have no receipt fields); kept in the journal. */
  requestReadReceipt: boolean;
  requestDeliveryReceipt: boolean;
  /** HTML as saved: inline images as `<img src="cid:…">`, never blob: URLs. */
  bodyHtml: string;
  /** The plain-text alternative (or the whole body in plain-text mode). */
  bodyText: string;
  attachments: DraftAttachment[];
  refwType: RefwKind;
  refwMailId: string;
}

export function emptyDraft(overrides: Partial<DraftContent> = {}): DraftContent {
  return {
    from: null,
    to: [],
    cc: [],
    bcc: [],
    replyTo: [],
    subject: '',
    importance: 'normal',
    requestReadReceipt: false,
    requestDeliveryReceipt: false,
    bodyHtml: '',
    bodyText: '',
    attachments: [],
    refwType: '',
    refwMailId: '',
    ...overrides,
  };
}

export const isUsableRecipient = (recipient: Recipient): boolean => recipient.valid !== false && recipient.address.trim() !== '';

/** The usable recipients of a field as one RFC 5322 header value ("" when none). */
export function recipientsHeader(recipients: readonly Recipient[]): string {
  return formatAddressList(recipients.filter(isUsableRecipient));
}

/** Every recipient of To, Cc and Bcc that can be sent to. */
export const usableRecipients = (content: DraftContent): Recipient[] =>
  [...content.to, ...content.cc, ...content.bcc].filter(isUsableRecipient);

/** Whether the draft asks for a receipt, which only `POST /mails/send` can carry. */
export const wantsReceipts = (content: DraftContent): boolean => content.requestReadReceipt || content.requestDeliveryReceipt;

/**
 * The fields shared by Create, Replace, Send and Schedule. Empty values are left out rather than sent
 * as "": Replace is a full replacement, so an absent field is cleared anyway, and a strict server
 * has fewer ways to object. The key order is fixed, which keeps the fingerprint stable.
 */
function composeFields(content: DraftContent): ReplaceDraftRequest {
  const fields: ReplaceDraftRequest = {};
  const from = content.from && isUsableRecipient(content.from) ? recipientsHeader([content.from]) : '';
  if (from) fields.from = from;
  const to = recipientsHeader(content.to);
  if (to) fields.to = to;
  const cc = recipientsHeader(content.cc);
  if (cc) fields.cc = cc;
  const bcc = recipientsHeader(content.bcc);
  if (bcc) fields.bcc = bcc;
  const replyTo = recipientsHeader(content.replyTo);
  if (replyTo) fields.replyTo = replyTo;
  // refwType and refwMailId go together or not at all (the server refuses one without the other).
  if (content.refwType && content.refwMailId) {
    fields.refwType = content.refwType;
    fields.refwMailId = content.refwMailId;
  }
  if (content.subject) fields.subject = content.subject;
  fields.importance = content.importance;
  if (content.bodyText) fields.bodyText = content.bodyText;
  if (content.bodyHtml) fields.bodyHtml = content.bodyHtml;
  if (content.attachments.length > 0) fields.temporaryAttachments = content.attachments.map(attachmentRef);
  return fields;
}

function attachmentRef(attachment: DraftAttachment): TemporaryAttachmentRef {
  const ref: TemporaryAttachmentRef = { id: attachment.id };
  if (attachment.contentId) ref.contentId = attachment.contentId;
  ref.isInline = attachment.isInline;
  return ref;
}

/** `POST /mails` body (lands in Drafts: no folderId). */
export const toCreateRequest = (content: DraftContent): CreateMailRequest => composeFields(content);

/** `PUT /drafts/{id}` body. */
export const toReplaceRequest = (content: DraftContent): ReplaceDraftRequest => composeFields(content);

/** `POST /mails/send` body; receipts only where asked for. */
export function toSendRequest(content: DraftContent): SendMailRequest {
  const request: SendMailRequest = composeFields(content);
  if (content.requestReadReceipt) request.requestReadReceipt = true;
  if (content.requestDeliveryReceipt) request.requestDeliveryReceipt = true;
  return request;
}

/** `POST /mails/send/schedule` body. */
export const toScheduleRequest = (content: DraftContent, deliveryTime: number): ScheduleSendRequest => ({ ...toSendRequest(content), deliveryTime });

/**
 * What a save would write, as a string: two contents with the same fingerprint make the same draft
 * on the server, so a save between them would change nothing. Receipts and attachment names are not
 * part of it because a draft does not store them.
 */
export const draftFingerprint = (content: DraftContent): string => JSON.stringify(toReplaceRequest(content));
