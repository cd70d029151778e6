import type { RefwType } from '../../src/api/contract';
import { nowSeconds } from '../clock';
import { badRequest, forbidden } from '../http/errors';
import type { AppDeps, SessionInfo } from '../http/env';
import { parseAddressList, parseSingleAddress, type MailAddress } from '../mime/addresses';
import { composeMessage, type OutgoingAttachment } from '../mime/compose';
import { readMessage } from '../mime/read';
import { getMailAccount, maySendAs } from './accounts-bridge';
import { checkComposeRules, type ComposeBody } from './compose-request';
import { findMailById } from './mail-store';
import { findTemporaryAttachment, storagePath } from './temporary-attachments';

/** A message built from a compose body, ready to be stored and/or queued. */
export interface ComposedMail {
  raw: Buffer;
  from: MailAddress;
  /** Every envelope recipient (To, Cc and Bcc), deduplicated, in that order. */
  recipients: MailAddress[];
  refwType: RefwType;
  refwMailId: string;
  /** The source mail's internal uid when it exists and belongs to the caller. */
  refwSourceUid: number | null;
  deliveryReceipt: boolean;
}

/**
 * Validates the cross-field rules, resolves the From identity, the reply/forward source and the
 * temporary attachments of THIS session, and builds the MIME message (Bcc kept: this is the
 * sender's copy). Queue items are only read, never consumed, so a failed send can be retried.
 */
export async function composeFromBody(deps: AppDeps, session: SessionInfo, body: ComposeBody): Promise<ComposedMail> {
  checkComposeRules(body);
  const { db } = deps;
  const account = getMailAccount(db, session.accountId);

  const from = body.from === undefined || body.from.trim() === '' ? { name: account.fullName, address: account.email } : parseSingleAddress(body.from, 'from');
  if (!maySendAs(db, session.accountId, from.address)) {
    throw forbidden(`You cannot send as ${from.address}: "from" must be your own address or one of your aliases.`, 'from');
  }
  const to = parseAddressList(body.to ?? '', 'to');
  const cc = parseAddressList(body.cc ?? '', 'cc');
  const bcc = parseAddressList(body.bcc ?? '', 'bcc');
  const replyTo = parseAddressList(body.replyTo ?? '', 'replyTo');

  const attachments: OutgoingAttachment[] = (body.temporaryAttachments ?? []).map((ref, index) => {
    const item = findTemporaryAttachment(db, session.sessionId, ref.id);
    if (!item) {
      throw badRequest(
        `Field "temporaryAttachments[${index}].id": ${ref.id} is not in this session's attachment queue (upload it again, or store the mail's attachments first).`,
        `temporaryAttachments[${index}].id`,
      );
    }
    return {
      fileName: item.name,
      contentType: item.content_type,
      source: { path: storagePath(deps, item.storage_name) },
      contentId: ref.contentId,
      inline: ref.isInline === true,
    };
  });

  // The reply/forward source is looked up only among the caller's mail. A source that is gone
  // (deleted while the reply was being written) does not block saving: the draft keeps the id
  // it was given and simply gets no In-Reply-To.
  let inReplyTo: string | undefined;
  let references: string[] | undefined;
  let refwSourceUid: number | null = null;
  if (body.refwType !== undefined && body.refwMailId !== undefined) {
    const source = findMailById(db, session.accountId, body.refwMailId);
    if (source) {
      refwSourceUid = source.uid;
      if (body.refwType === 're' && source.message_id !== '') {
        inReplyTo = source.message_id;
        const sourceReferences = (await readMessage(source.raw)).references;
        references = [...sourceReferences, source.message_id].slice(-20);
      }
    }
  }

  const raw = await composeMessage({
    from,
    to,
    cc,
    bcc,
    replyTo,
    subject: body.subject ?? '',
    text: body.bodyText,
    html: body.bodyHtml,
    importance: body.importance ?? 'normal',
    inReplyTo,
    references,
    readReceiptTo: body.requestReadReceipt ? from : undefined,
    date: new Date(nowSeconds(deps.clock) * 1000),
    attachments,
  });

  return {
    raw,
    from,
    recipients: uniqueRecipients([...to, ...cc, ...bcc]),
    refwType: body.refwType ?? '',
    refwMailId: body.refwMailId ?? '',
    refwSourceUid,
    deliveryReceipt: body.requestDeliveryReceipt === true,
  };
}

/** Each address once (compared without case), first occurrence kept: the envelope of a mail. */
export function uniqueRecipients(addresses: MailAddress[]): MailAddress[] {
  const seen = new Set<string>();
  return addresses.filter((r) => {
    const key = r.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Sending needs somebody to send to. */
export function requireRecipients(mail: { recipients: MailAddress[] }): void {
  if (mail.recipients.length === 0) {
    throw badRequest('Add at least one recipient in "to", "cc" or "bcc" before sending.', 'to');
  }
}
