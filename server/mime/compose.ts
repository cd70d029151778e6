import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailComposerAttachment } from 'nodemailer/lib/mail-composer';
import type { Importance } from '../../src/api/contract';
import { type MailAddress } from './addresses';
import { safeFileName } from './file-names';

/** A file to put into the message; its bytes come from disk (`path`) or memory (`content`). */
export interface OutgoingAttachment {
  fileName: string;
  contentType: string;
  source: { path: string } | { content: Buffer };
  /** The part's Content-ID without angle brackets; required for inline images. */
  contentId?: string | undefined;
  /** Inline images go into the multipart/related part next to the HTML. */
  inline: boolean;
}

export interface OutgoingMessage {
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  text?: string | undefined;
  html?: string | undefined;
  importance: Importance;
  /** Message-ID of the mail being replied to. */
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  /** Where read receipts go (Disposition-Notification-To); absent = none asked for. */
  readReceiptTo?: MailAddress | undefined;
  date: Date;
  /** Keeps a draft's Message-ID stable across saves; a fresh one is made when absent. */
  messageId?: string | undefined;
  attachments: OutgoingAttachment[];
}

const PRIORITY_HEADERS: Record<Importance, Record<string, string> | undefined> = {
  high: { 'X-Priority': '1 (Highest)', 'X-MSMail-Priority': 'High', Importance: 'High' },
  low: { 'X-Priority': '5 (Lowest)', 'X-MSMail-Priority': 'Low', Importance: 'Low' },
  normal: undefined,
};

/**
 * Builds the RFC 5322 message as stored in the sender's mailbox (Bcc header kept; delivered copies
 * drop it with `withoutBcc`). Layout: multipart/mixed [ multipart/alternative [ text/plain,
 * multipart/related [ text/html, inline images… ] ], files… ], collapsing levels that are empty.
 */
export async function composeMessage(message: OutgoingMessage): Promise<Buffer> {
  const attachments: MailComposerAttachment[] = message.attachments.map((file) => {
    const source = 'path' in file.source ? { path: file.source.path } : { content: file.source.content };
    const common = { ...source, filename: safeFileName(file.fileName), contentType: file.contentType };
    if (file.inline && file.contentId) {
      return { ...common, cid: file.contentId, contentDisposition: 'inline' };
    }
    // A plain file may still carry a Content-ID (Axigen keeps it); as a header it stays out of multipart/related.
    return {
      ...common,
      contentDisposition: 'attachment',
      ...(file.contentId ? { headers: { 'Content-Id': `<${file.contentId.replace(/[<>]/g, '')}>` } } : {}),
    };
  });

  const headers: Record<string, string> = { ...PRIORITY_HEADERS[message.importance] };
  if (message.readReceiptTo) headers['Disposition-Notification-To'] = formatForHeader(message.readReceiptTo);

  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    replyTo: message.replyTo.length > 0 ? message.replyTo : undefined,
    subject: message.subject,
    // Always at least one body part, so readers never see a message with no text at all.
    text: message.text ?? (message.html === undefined ? '' : undefined),
    html: message.html,
    date: message.date,
    messageId: message.messageId,
    inReplyTo: message.inReplyTo,
    references: message.references,
    headers,
    attachments,
    // Nothing may ever be fetched from a URL or read from a path the client controls.
    disableUrlAccess: true,
  });
  const node = composer.compile();
  node.keepBcc = true;
  return node.build();
}

function formatForHeader({ name, address }: MailAddress): string {
  return name === '' ? `<${address}>` : `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

/**
 * The copy that leaves the sender's mailbox: identical bytes except that every Bcc header (with
 * its folded continuation lines) is removed from the top-level header block.
 */
export function withoutBcc(raw: Buffer): Buffer {
  return rewriteTopHeaders(raw, /^bcc$/i, []);
}

/** The same message dated `date` (sending a draft or a scheduled mail dates it when it leaves). */
export function withDate(raw: Buffer, date: Date): Buffer {
  return rewriteTopHeaders(raw, /^date$/i, [`Date: ${rfc2822Date(date)}`]);
}

function rfc2822Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Drops the top-level headers whose name matches `drop` and puts `add` lines first. Body untouched. */
function rewriteTopHeaders(raw: Buffer, drop: RegExp, add: string[]): Buffer {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const headerEnd = end === -1 ? text.length : end + 2;
  const lines = text.slice(0, headerEnd).split('\r\n');
  const kept: string[] = [...add];
  let dropping = false;
  for (const line of lines) {
    if (line !== '' && /^[ \t]/.test(line)) {
      if (!dropping) kept.push(line);
      continue;
    }
    const name = line.slice(0, line.indexOf(':')).trim();
    dropping = line.includes(':') && drop.test(name);
    if (!dropping) kept.push(line);
  }
  return Buffer.from(kept.join('\r\n') + text.slice(headerEnd), 'latin1');
}
