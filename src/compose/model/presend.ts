import { isUsableRecipient, type Recipient } from './draft';
import { t } from '../../i18n/core';

/**
 * The pre-send checklist: everything worth a second look before a message leaves, in one list the
 * window shows in one place (non-modal). Blocking issues stop the send; "confirm" ones need a
 * "Send anyway"; "wait" means the send goes ahead by itself once uploads finish.
 */

export type PresendSeverity = 'blocking' | 'confirm' | 'wait';

export type PresendCode = 'no-recipients' | 'invalid-addresses' | 'empty-subject' | 'missing-attachment' | 'uploads-in-progress' | 'uploads-failed';

export interface PresendIssue {
  code: PresendCode;
  severity: PresendSeverity;
  /** Plain words, ready to show. */
  message: string;
}

export interface PresendInput {
  to: readonly Recipient[];
  cc: readonly Recipient[];
  bcc: readonly Recipient[];
  replyTo?: readonly Recipient[];
  subject: string;
  /** Preferred for the attachment check: quoted parts (blockquote) are easy to leave out. */
  bodyHtml?: string;
  bodyText: string;
  /** Files in the message, finished or not (inline images do not count as "attached"). */
  attachmentCount: number;
  uploadsInProgress?: number;
  /** Names of files whose upload failed and that are still in the list. */
  failedUploads?: readonly string[];
}

export function checkBeforeSend(input: PresendInput): PresendIssue[] {
  const issues: PresendIssue[] = [];
  const fields: [string, readonly Recipient[]][] = [
    [t('field.to'), input.to],
    [t('field.cc'), input.cc],
    [t('field.bcc'), input.bcc],
    [t('field.replyTo'), input.replyTo ?? []],
  ];

  const invalid = fields.flatMap(([field, list]) => list.filter((r) => !isUsableRecipient(r)).map((r) => ({ field, recipient: r })));
  if (invalid.length > 0) {
    const names = invalid.map(({ field, recipient }) =>
      recipient.reason ? t('presend.invalidEntryWith', { address: shownAs(recipient), field, reason: lowerFirst(recipient.reason) }) : t('presend.invalidEntry', { address: shownAs(recipient), field }),
    );
    issues.push({
      code: 'invalid-addresses',
      severity: 'blocking',
      message: t(invalid.length === 1 ? 'presend.invalidOne' : 'presend.invalidMany', { names: names.join('; ') }),
    });
  }

  const usable = [...input.to, ...input.cc, ...input.bcc].filter(isUsableRecipient);
  if (usable.length === 0) {
    issues.push({ code: 'no-recipients', severity: 'blocking', message: t('presend.noRecipients') });
  }

  const failed = input.failedUploads ?? [];
  if (failed.length > 0) {
    issues.push({
      code: 'uploads-failed',
      severity: 'blocking',
      message: t(failed.length === 1 ? 'presend.uploadsFailedOne' : 'presend.uploadsFailedMany', { names: listNames(failed) }),
    });
  }

  const uploading = input.uploadsInProgress ?? 0;
  if (uploading > 0) {
    issues.push({
      code: 'uploads-in-progress',
      severity: 'wait',
      message: t('presend.uploading', { count: uploading }),
    });
  }

  if (input.subject.trim() === '') {
    issues.push({ code: 'empty-subject', severity: 'confirm', message: t('presend.emptySubject') });
  }

  if (input.attachmentCount === 0) {
    const word = mentionsAttachment(ownText(input));
    if (word) {
      issues.push({
        code: 'missing-attachment',
        severity: 'confirm',
        message: t('presend.missingAttachment', { word }),
      });
    }
  }
  return issues;
}

/** Whether the list stops the send (anything blocking). */
export const blocksSend = (issues: readonly PresendIssue[]): boolean => issues.some((issue) => issue.severity === 'blocking');

// English and Romanian (with and without diacritics, both comma- and cedilla-s). Whole words only:
// "attachés" or "detached" must not match.
const ATTACHMENT_WORDS = new RegExp(
  [
    'attach(?:ed|es|ing|ment|ments)?',
    'enclosed',
    'ata[șşs](?:at|ată|ata|ate|ați|ati|ez|ăm|am|eaz[ăa]|ament|amente|amentul|amentele|amentului)',
    'anex(?:at|ată|ata|ate|ez|ăm|am|a|ă|ele|ei)',
    'în anex[ăa]',
    'in anex[ăa]',
  ]
    .map((word) => `(?<![\\p{L}\\p{N}])(?:${word})(?![\\p{L}\\p{N}])`)
    .join('|'),
  'iu',
);

/** The first attachment word in the text, as written, or null. */
export function mentionsAttachment(text: string): string | null {
  const match = ATTACHMENT_WORDS.exec(text);
  return match ? match[0] : null;
}

/**
 * The text the sender wrote, without quoted replies: blockquotes in HTML; in plain text, lines
 * starting with ">" and everything from a reply header ("On … wrote:", "La … a scris:",
 * "-----Original Message-----") on.
 */
export function ownText(input: Pick<PresendInput, 'bodyHtml' | 'bodyText'>): string {
  const fromHtml = input.bodyHtml ? htmlWithoutQuotes(input.bodyHtml) : null;
  const text = fromHtml ?? input.bodyText;
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (REPLY_HEADER.test(trimmed)) break;
    if (trimmed.startsWith('>')) continue;
    lines.push(line);
  }
  return lines.join('\n');
}

const REPLY_HEADER = /^(?:On .+ wrote:|La .+ a scris:|În .+ a scris:|-{2,}\s*(?:Original Message|Forwarded message|Mesaj original|Mesaj redirecționat)\s*-{2,})$/i;

function htmlWithoutQuotes(html: string): string | null {
  if (typeof DOMParser === 'undefined') return null;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const quote of doc.querySelectorAll('blockquote, .gmail_quote, [data-quoted]')) quote.remove();
  // Block elements end lines, so a reply header paragraph stays a line of its own.
  for (const block of doc.querySelectorAll('p, div, br, li, h1, h2, h3, h4, h5, h6')) block.after(doc.createTextNode('\n'));
  return doc.body.textContent ?? '';
}

function shownAs(recipient: Recipient): string {
  return (recipient.raw ?? (recipient.address || recipient.name)).trim() || '(empty)';
}

function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  if (quoted.length <= 1) return quoted.join('');
  return t('presend.namesAnd', { names: quoted.slice(0, -1).join(', '), last: quoted.at(-1)! });
}
