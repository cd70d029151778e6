import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import type { Importance } from '../../src/api/contract';
import { formatAddress, type MailAddress } from './addresses';
import { normalizeContentType, safeFileName } from './file-names';

/** One attachment of a stored message, numbered in MIME order (the per-mail attachment id). */
export interface ReadAttachment {
  id: number;
  name: string;
  contentType: string;
  size: number;
  /** Content-ID without angle brackets, "" when none. */
  contentId: string;
  /** In multipart/related and referenced from the HTML as cid: — the AttachmentInstance meaning. */
  isInline: boolean;
  content: Buffer;
}

/** What the API needs from a stored message, read back with mailparser. */
export interface ReadMessage {
  from: string;
  fromAddresses: MailAddress[];
  to: string;
  toAddresses: MailAddress[];
  cc: string;
  ccAddresses: MailAddress[];
  bcc: string;
  bccAddresses: MailAddress[];
  /** Reply-To when present, else From (as Axigen answers). */
  replyTo: string;
  replyToAddresses: MailAddress[];
  sender: string;
  messageId: string;
  references: string[];
  subject: string;
  snippet: string;
  importance: Importance;
  /** Disposition-Notification-To is present. */
  returnReceipt: boolean;
  /** The HTML part as sent (cid: references untouched), or undefined when there is none. */
  html: string | undefined;
  /** The text part, or text derived from the HTML when there is no text part. */
  text: string;
  attachments: ReadAttachment[];
}

const SNIPPET_LENGTH = 200;

export async function readMessage(raw: Buffer): Promise<ReadMessage> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const html = typeof parsed.html === 'string' ? parsed.html : undefined;

  const fromAddresses = addressesOf(parsed.from);
  const toAddresses = addressesOf(parsed.to);
  const ccAddresses = addressesOf(parsed.cc);
  const bccAddresses = addressesOf(parsed.bcc);
  const replyToHeader = addressesOf(parsed.replyTo);
  const replyToAddresses = replyToHeader.length > 0 ? replyToHeader : fromAddresses;
  const senderHeader = parsed.headers.get('sender');
  const text = parsed.text ?? '';

  return {
    from: formatList(fromAddresses),
    fromAddresses,
    to: formatList(toAddresses),
    toAddresses,
    cc: formatList(ccAddresses),
    ccAddresses,
    bcc: formatList(bccAddresses),
    bccAddresses,
    replyTo: formatList(replyToAddresses),
    replyToAddresses,
    sender: isAddressObject(senderHeader) ? formatList(addressesOf(senderHeader)) : '',
    messageId: parsed.messageId ?? '',
    references: referencesOf(parsed),
    subject: parsed.subject ?? '',
    snippet: text.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH),
    importance: importanceOf(parsed),
    returnReceipt: parsed.headers.has('disposition-notification-to'),
    html,
    text,
    attachments: parsed.attachments.map((attachment, id) => {
      const contentId = (attachment.cid ?? '').replace(/[<>]/g, '');
      const contentType = normalizeContentType(attachment.contentType);
      return {
        id,
        name: safeFileName(attachment.filename, defaultName(contentType, id)),
        contentType,
        size: attachment.size,
        contentId,
        isInline: attachment.related === true && contentId !== '' && html !== undefined && referencesCid(html, contentId),
        content: attachment.content,
      };
    }),
  };
}

function referencesCid(html: string, contentId: string): boolean {
  const escaped = contentId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`cid:${escaped}(?![^"'\\s>)])`, 'i').test(html);
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (value === undefined) return [];
  const objects = Array.isArray(value) ? value : [value];
  const flatten = (entries: EmailAddress[]): MailAddress[] =>
    entries.flatMap((entry) => (entry.group ? flatten(entry.group) : entry.address ? [{ name: entry.name ?? '', address: entry.address }] : []));
  return objects.flatMap((object) => flatten(object.value));
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && Array.isArray((value as AddressObject).value);
}

const formatList = (list: MailAddress[]) => list.map(formatAddress).join(', ');

function referencesOf(parsed: ParsedMail): string[] {
  const refs = parsed.references;
  if (refs === undefined) return [];
  return (Array.isArray(refs) ? refs : [refs]).flatMap((ref) => ref.split(/\s+/)).filter(Boolean);
}

function importanceOf(parsed: ParsedMail): Importance {
  // mailparser folds Importance / X-Priority / X-MSMail-Priority into one "priority" header.
  const priority = String(parsed.headers.get('priority') ?? '').toLowerCase();
  return priority === 'high' || priority === 'low' ? priority : 'normal';
}

function defaultName(contentType: string, id: number): string {
  const subtype = contentType.split('/')[1] ?? 'bin';
  const extension = /^[a-z0-9]{1,8}$/.test(subtype) ? subtype : 'bin';
  return `attachment-${id + 1}.${extension}`;
}
