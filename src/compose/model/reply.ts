/**
 * Reply, reply-all, forward and edit rules: subjects, recipients, the attribution line, the quoted
 * original and the forwarded-message header, in HTML and plain text. React-free and pure; the quoted
 * HTML always goes through the one email sanitising profile.
 */
import type { ComposeFields, MailInstance } from '../../api/contract';
import { dedupeRecipients, formatAddressList, isOwnAddress, parseAddressHeader, type Mailbox } from './addresses';
import { sanitizeEmailHtml, type SanitizeOptions, type SanitizeResult } from './sanitize';
import { t } from '../../i18n/core';

export type ReplyMode = 'reply' | 'replyAll';

/** How dates are written in attribution lines and forwarded headers. */
export interface DateStyle {
  /** IANA zone, e.g. the account's `settings.timezone`; an unknown zone falls back to UTC. */
  timeZone: string;
  /** BCP 47 locale for the date's own format, e.g. "en-GB" → "Tue, 24 Nov 2026" and "14:03". */
  locale: string;
}

// ---------------------------------------------------------------------------------------------
// Subjects
// ---------------------------------------------------------------------------------------------

/**
 * Reply and forward prefixes of the common mail clients and languages (Re, Aw, Sv, Antw, Réf, Rif,
 * Odp, Ynt, Fwd, Fw, Wg, Tr, Enc, Rv, Doorst, Vl, Fs…), with optional counters ("Re[2]:", "Re(3):")
 * and full-width colons. Single letters ("R:", "I:") are left alone: too many real subjects start so.
 */
const PREFIX = /^\s*(?:re|aw|antw|sv|vs|ref|réf|rif|odp|ynt|atb|fwd?|wg|tr|enc|rv|doorst|vl|fs)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;
const LIST_TAG = /^\s*(\[[^\]]{1,40}\])\s*/u;

/** The subject with every leading reply/forward prefix removed (also after a "[list]" tag). */
export function baseSubject(subject: string): string {
  const strip = (s: string): string => {
    let rest = s;
    for (let m = PREFIX.exec(rest); m; m = PREFIX.exec(rest)) rest = rest.slice(m[0].length);
    return rest;
  };
  let rest = strip(subject.replace(/[\r\n]+/g, ' '));
  const tag = LIST_TAG.exec(rest);
  if (tag) {
    const afterTag = strip(rest.slice(tag[0].length));
    rest = afterTag ? `${tag[1]} ${afterTag}` : tag[1];
  }
  return rest.trim();
}

/** "Re: " once, whatever the original carried ("Re: Re:", "RE:", "Aw:", "Fwd: Re:" → "Re: …"). */
export function replySubject(subject: string): string {
  const base = baseSubject(subject);
  return base ? `Re: ${base}` : 'Re:';
}

/** "Fwd: " once, with earlier reply/forward prefixes removed so the subject never grows. */
export function forwardSubject(subject: string): string {
  const base = baseSubject(subject);
  return base ? `Fwd: ${base}` : 'Fwd:';
}

// ---------------------------------------------------------------------------------------------
// Recipients
// ---------------------------------------------------------------------------------------------

export interface ReplyRecipients {
  to: Mailbox[];
  cc: Mailbox[];
}

/** The usable mailboxes of an address header; unreadable entries in a received header are skipped. */
function mailboxes(header: string): Mailbox[] {
  return parseAddressHeader(header)
    .filter((entry) => entry.valid)
    .map((entry) => (entry.name ? { name: entry.name, address: entry.address } : { address: entry.address }));
}

/**
 * Who a reply goes to. To: the original's Reply-To, else its From. Reply all adds the original's To
 * (to To) and Cc (to Cc). The user's own addresses and repeats are removed everywhere. Replying to a
 * message the user sent (From is theirs) goes to the original's recipients instead, as people expect.
 */
export function replyRecipients(original: MailInstance, ownAddresses: readonly string[], mode: ReplyMode): ReplyRecipients {
  const notOwn = (m: Mailbox) => !isOwnAddress(m.address, ownAddresses);
  const author = mailboxes(original.replyTo.trim() ? original.replyTo : original.from);
  const fromSelf = author.length > 0 && !author.some(notOwn);
  const originalTo = mailboxes(original.to);

  let to = fromSelf ? originalTo : author;
  let cc: Mailbox[] = [];
  if (mode === 'replyAll') {
    if (!fromSelf) to = [...to, ...originalTo];
    cc = mailboxes(original.cc);
  }
  to = dedupeRecipients(to.filter(notOwn));
  // A note the user sent only to themselves: replying goes back to them rather than to nobody.
  if (to.length === 0 && fromSelf) to = dedupeRecipients(author);
  cc = dedupeRecipients([...to, ...cc.filter(notOwn)]).slice(to.length);
  return { to, cc };
}

// ---------------------------------------------------------------------------------------------
// Dates and the attribution line
// ---------------------------------------------------------------------------------------------

function dateFormatters(style: DateStyle): { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat } {
  const build = (timeZone: string) => ({
    date: new Intl.DateTimeFormat(style.locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone }),
    time: new Intl.DateTimeFormat(style.locale, { hour: 'numeric', minute: '2-digit', timeZone }),
  });
  try {
    return build(style.timeZone);
  } catch {
    return build('UTC');
  }
}

/** "Tue, 24 Nov 2026 at 14:03" in the user's zone and locale; null when the mail has no usable date. */
export function formatMailDate(unixSeconds: string, style: DateStyle): string | null {
  const seconds = Number(unixSeconds);
  if (!unixSeconds.trim() || !Number.isFinite(seconds) || seconds <= 0) return null;
  const when = new Date(seconds * 1000);
  const { date, time } = dateFormatters(style);
  return t('reply.dateAt', { date: date.format(when), time: time.format(when) });
}

/** A mailbox as people read it: `Ana Popescu <ana@example.test>` (no header quoting), or the address. */
function displayMailbox(m: Mailbox): string {
  return m.name ? `${m.name} <${m.address}>` : m.address;
}

function displayHeader(header: string): string {
  const list = mailboxes(header);
  return list.length > 0 ? list.map(displayMailbox).join(', ') : header.replace(/\s+/g, ' ').trim();
}

/** "On Tue, 24 Nov 2026 at 14:03, Ana Popescu <ana@example.test> wrote:" */
export function attributionLine(original: MailInstance, style: DateStyle): string {
  const sender = displayHeader(original.from);
  const when = formatMailDate(original.date, style);
  if (when) return t('reply.attribution', { when, sender: sender || t('reply.unknownSender') });
  return t('reply.attributionNoDate', { sender: sender || t('reply.unknownSenderStart') });
}

// ---------------------------------------------------------------------------------------------
// Quoting (HTML and text)
// ---------------------------------------------------------------------------------------------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * The attribution line and the original in a `<blockquote type="cite">` — the marker mail clients
 * use to recognise (and collapse) a quote. `sanitizedOriginalHtml` must already be the output of
 * `sanitizeEmailHtml`; `quoteOriginalHtml` does both steps.
 */
export function quoteHtml(sanitizedOriginalHtml: string, attribution: string): string {
  return `<p>${escapeHtml(attribution)}</p><blockquote type="cite">${sanitizedOriginalHtml}</blockquote>`;
}

/**
 * Sanitises the original with the email profile and quotes it. `resolveCid` should re-point the
 * original's inline images to the parts stored into the new draft (e.g. `cid:<new id>`), so they
 * keep working in the reply; the result reports what could not be kept.
 */
export function quoteOriginalHtml(originalHtml: string, attribution: string, options: SanitizeOptions): SanitizeResult {
  const sanitized = sanitizeEmailHtml(originalHtml, options);
  return { ...sanitized, html: quoteHtml(sanitized.html, attribution) };
}

/** Normalised line breaks, trailing whitespace of the whole text removed. */
const lines = (text: string): string[] => text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');

/** The attribution line and the original with every line prefixed "> " (">>" for already-quoted lines). */
export function quoteText(originalText: string, attribution: string): string {
  const quoted = lines(originalText).map((line) => (line === '' ? '>' : line.startsWith('>') ? `>${line}` : `> ${line}`));
  return `${attribution}\n${quoted.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// Forwarding
// ---------------------------------------------------------------------------------------------


/** The forwarded-message header as label/value rows (Cc only when the original had one). */
export function forwardHeaderRows(original: MailInstance, style: DateStyle): [label: string, value: string][] {
  const rows: [string, string][] = [
    [t('forward.from'), displayHeader(original.from)],
    [t('forward.date'), formatMailDate(original.date, style) ?? ''],
    [t('forward.subject'), original.subject.replace(/[\r\n]+/g, ' ').trim() || t('common.noSubject')],
    [t('forward.to'), displayHeader(original.to)],
  ];
  const cc = displayHeader(original.cc);
  if (cc) rows.push([t('forward.cc'), cc]);
  return rows;
}

/** "---------- Forwarded message ---------" with From, Date, Subject, To and Cc, as HTML. */
export function forwardHeaderBlock(original: MailInstance, style: DateStyle): string {
  const rows = forwardHeaderRows(original, style).map(([label, value]) => `${escapeHtml(label)}: ${escapeHtml(value)}`);
  return `<p>${escapeHtml(t('forward.rule'))}<br>${rows.join('<br>')}</p>`;
}

/** The same header block as plain text. */
export function forwardHeaderText(original: MailInstance, style: DateStyle): string {
  return [t('forward.rule'), ...forwardHeaderRows(original, style).map(([label, value]) => `${label}: ${value}`)].join('\n');
}

/** The forwarded header followed by the sanitised original (not indented, as forwards are shown). */
export function forwardOriginalHtml(original: MailInstance, originalHtml: string, style: DateStyle, options: SanitizeOptions): SanitizeResult {
  const sanitized = sanitizeEmailHtml(originalHtml, options);
  return { ...sanitized, html: `${forwardHeaderBlock(original, style)}<div>${sanitized.html}</div>` };
}

export function forwardOriginalText(original: MailInstance, originalText: string, style: DateStyle): string {
  return `${forwardHeaderText(original, style)}\n\n${lines(originalText).join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// The header fields of a new reply or forward
// ---------------------------------------------------------------------------------------------

/** To, Cc, subject and the refw link of a reply (`refwType: "re"`), ready for Create/Send. */
export function replyFields(original: MailInstance, ownAddresses: readonly string[], mode: ReplyMode): Required<Pick<ComposeFields, 'to' | 'cc' | 'subject' | 'refwType' | 'refwMailId'>> {
  const { to, cc } = replyRecipients(original, ownAddresses, mode);
  return { to: formatAddressList(to), cc: formatAddressList(cc), subject: replySubject(original.subject), refwType: 're', refwMailId: original.id };
}

/** Subject and the refw link of a forward (`refwType: "fw"`); recipients are the user's to choose. */
export function forwardFields(original: MailInstance): Required<Pick<ComposeFields, 'subject' | 'refwType' | 'refwMailId'>> {
  return { subject: forwardSubject(original.subject), refwType: 'fw', refwMailId: original.id };
}
