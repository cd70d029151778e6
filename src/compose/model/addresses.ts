/**
 * Recipient parsing and validation for the To/Cc/Bcc/Reply-To fields and for reading address headers.
 *
 * Parsing is done by the `email-addresses` library (RFC 5322 + RFC 6532); on top of it sits a stricter
 * policy for what a webmail may send to, because "syntactically valid" addresses include forms that have
 * misrouted mail in other products (nodemailer GHSA-mm7p-fcc7-pg87: `"a@evil.com x"@internal.test`
 * delivered to evil.com; `user@good-corp.com(x)evil.com`). Every entry is checked twice: by our own
 * scanner (which gives the reason in plain words) and by the library; if they disagree on the
 * mailbox, the entry is refused rather than guessed. The full policy is in docs/addresses.md.
 *
 * Policy for RFC 5321-only forms (the fixture's `rfc5321` category):
 * - Quoted local parts are refused, except when the quotes are redundant (`"jane"@x.test`, whose
 *   content is already a plain dot-atom): that is the same mailbox, sent as `jane@x.test`. A quoted
 *   local part with spaces, `@`, escapes or an empty one is never a mailbox a person is given, and it is
 *   the very form of the misrouting attacks above.
 * - Address literals (`x@[192.0.2.1]`, `x@[IPv6:…]`) are refused: mail to a bare IP bypasses the
 *   domain's MX and policy, Axigen and the large providers refuse it, and in a To field it is almost
 *   always a typo or a trick.
 * - Numeric top-level domains (`x@iana.123`, `x@192.0.2.1` without brackets) are refused: no TLD is
 *   all-numeric (RFC 3696 §2) and browsers' URL parsing reads them as IPv4, so they cannot be routed.
 * - Dotless domains (`x@org`, `x@io`, `postmaster@localhost`) are accepted — they are legal, `test@io`
 *   is in the fixture's plainly valid set, and on-premises Axigen deployments deliver to them — with a
 *   warning, since they are usually an unfinished domain.
 */
import emailAddresses from 'email-addresses';
import { t } from '../../i18n/core';

/** One recipient as typed, pasted or read from a header. */
export interface RecipientEntry {
  /** The text of this entry as the user gave it (trimmed of separators and surrounding spaces). */
  raw: string;
  /** Display name, decoded (no quotes, no escapes), '' when there is none. */
  name: string;
  /**
   * The address as shown to the user: local part as typed, domain in Unicode (IDN kept readable);
   * redundant quotes around the local part removed. '' when nothing address-like could be read.
   */
  address: string;
  /** The address to send: the same mailbox with its domain in ASCII (punycode); '' when invalid. */
  sendAddress: string;
  valid: boolean;
  /** Why the entry cannot be used, in plain words; present exactly when `valid` is false. */
  reason?: string;
  /** Something worth a second look on a usable address (e.g. a domain without a dot). */
  warning?: string;
}

/** The parts of a recipient needed to write it into a header. */
export interface Mailbox {
  name?: string;
  address: string;
}

const MAX_LOCAL_OCTETS = 64;
const MAX_DOMAIN_OCTETS = 255;
const MAX_LABEL_OCTETS = 63;
const MAX_ADDRESS_OCTETS = 254;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK = /[\r\n]/;
// C0 controls except tab/CR/LF (handled separately), DEL and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const ASCII_ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]$/;
const ASCII_DOMAIN_CHAR = /^[A-Za-z0-9.-]$/;
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const utf8 = new TextEncoder();
const octets = (s: string): number => utf8.encode(s).length;

/** A character allowed unquoted in a local part: RFC 5322 atext, or any non-ASCII (RFC 6532). */
function isAtext(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0xa0 ? true : ASCII_ATEXT.test(ch);
}

function isDotAtom(text: string): boolean {
  if (text === '' || text.startsWith('.') || text.endsWith('.') || text.includes('..')) return false;
  for (const ch of text) if (ch !== '.' && !isAtext(ch)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Scanning: where quotes, comments and angle brackets are, so separators inside them are kept
// ---------------------------------------------------------------------------------------------

interface Scan {
  /** Index of the '<' of the angle address, -1 when there is none. */
  angleOpen: number;
  angleClose: number;
  unclosedQuote: boolean;
  unclosedComment: boolean;
  extraAngles: boolean;
}

/**
 * Calls `visit` for each character outside quoted strings and comments (skipping backslash escapes
 * inside them), and answers whether a quote or a comment was left open. Separators and angle
 * brackets only count out there: `"Doe, Jane"` and `(work; old)` hold no separator.
 */
function forEachBareChar(text: string, visit: (ch: string, index: number) => void): { unclosedQuote: boolean; unclosedComment: boolean } {
  let quoted = false;
  let comment = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if ((quoted || comment > 0) && ch === '\\') {
      i += 1;
    } else if (quoted) {
      if (ch === '"') quoted = false;
    } else if (comment > 0) {
      if (ch === '(') comment += 1;
      else if (ch === ')') comment -= 1;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === '(') {
      comment = 1;
    } else {
      visit(ch, i);
    }
  }
  return { unclosedQuote: quoted, unclosedComment: comment > 0 };
}

function scanEntry(text: string): Scan {
  let angleOpen = -1;
  let angleClose = -1;
  let extraAngles = false;
  const { unclosedQuote, unclosedComment } = forEachBareChar(text, (ch, i) => {
    if (ch === '<') {
      if (angleOpen >= 0) extraAngles = true;
      else angleOpen = i;
    } else if (ch === '>') {
      if (angleOpen < 0 || angleClose >= 0) extraAngles = true;
      else angleClose = i;
    }
  });
  return { angleOpen, angleClose, unclosedQuote, unclosedComment, extraAngles };
}

interface Piece {
  text: string;
  /** The separator right after this piece ('' at the end of the text). */
  sep: string;
}

/**
 * Splits typed or pasted text into entries at commas, semicolons and line breaks that are outside
 * quotes, comments and angle brackets.
 */
function splitEntries(text: string): Piece[] {
  const pieces: Piece[] = [];
  let angle = false;
  let start = 0;
  forEachBareChar(text, (ch, i) => {
    if (ch === '<') {
      angle = true;
    } else if (ch === '>') {
      angle = false;
    } else if (!angle && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      pieces.push({ text: text.slice(start, i).trim(), sep: ch });
      start = i + 1;
    }
  });
  pieces.push({ text: text.slice(start).trim(), sep: '' });
  return pieces.filter((p) => p.text !== '');
}

const looksLikeNameAddr = (s: string): boolean => {
  const scan = scanEntry(s);
  return scan.angleOpen > 0 && scan.angleClose > scan.angleOpen && !scan.extraAngles;
};

/**
 * `Doe, Jane <jane@x.test>` pasted without quotes: the words before the comma are not an address and
 * the entry after it has a name and an address, so they are one recipient named "Doe, Jane" (the
 * name is then shown on the chip, so the join is visible). Only a single comma joins; a semicolon or
 * line break is always a separator.
 */
function joinUnquotedCommaNames(pieces: Piece[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += 1) {
    const { text, sep } = pieces[i];
    const next = pieces[i + 1];
    const plainWords = /^[^@<>"()[\]:;\\]+$/.test(text);
    if (next && sep === ',' && plainWords && looksLikeNameAddr(next.text) && !next.text.startsWith('"')) {
      pieces[i + 1] = { text: `${text}, ${next.text}`, sep: next.sep };
      continue;
    }
    out.push(text);
  }
  return out;
}

/** Whitespace-separated addresses in one entry (`a@x.test b@y.test`) are several recipients. */
function splitBareWhitespaceList(part: string): string[] {
  if (/["<>()]/.test(part) || !/\s/.test(part)) return [part];
  const words = part.split(/\s+/);
  return words.every((w) => w.includes('@')) ? words : [part];
}

// ---------------------------------------------------------------------------------------------
// The addr-spec policy
// ---------------------------------------------------------------------------------------------

type SpecResult =
  | { ok: true; local: string; domain: string; asciiDomain: string; warning?: string }
  | { ok: false; reason: string; local?: string; domain?: string };

/** Index of the '@' that separates local part and domain: the last one outside quotes. */
function atIndex(spec: string): number {
  let quoted = false;
  let at = -1;
  for (let i = 0; i < spec.length; i += 1) {
    const ch = spec[i];
    if (quoted && ch === '\\') i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '@') at = i;
  }
  return at;
}

/** Converts a (possibly Unicode) domain to its ASCII form, or null when it is not a valid host name. */
export function domainToAscii(domain: string): string | null {
  try {
    // The WHATWG URL parser applies UTS #46 (IDNA) processing: the same conversion browsers use.
    const host = new URL(`http://${domain}/`).hostname;
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

function checkDomain(domain: string): { ok: true; ascii: string; warning?: string } | { ok: false; reason: string } {
  if (domain === '') return { ok: false, reason: t('addr.noDomain') };
  if (domain.startsWith('[')) return { ok: false, reason: t('addr.ipLiteral') };
  for (const ch of domain) {
    if (ch.codePointAt(0)! < 0x80 && !ASCII_DOMAIN_CHAR.test(ch)) {
      return { ok: false, reason: t('addr.domainChar', { char: ch }) };
    }
  }
  const labels = domain.split('.');
  if (labels.some((l) => l === '')) return { ok: false, reason: t('addr.domainDot') };
  if (labels.some((l) => l.startsWith('-') || l.endsWith('-'))) {
    return { ok: false, reason: t('addr.domainHyphen') };
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) {
    return { ok: false, reason: t('addr.domainNumeric') };
  }
  const ascii = domainToAscii(domain);
  if (ascii === null) return { ok: false, reason: t('addr.domainInvalid') };
  const asciiLabels = ascii.split('.');
  if (asciiLabels.some((l) => l.length > MAX_LABEL_OCTETS)) {
    return { ok: false, reason: t('addr.domainLabelLong') };
  }
  if (asciiLabels.some((l) => !ASCII_LABEL.test(l))) return { ok: false, reason: t('addr.domainInvalid') };
  if (ascii.length > MAX_DOMAIN_OCTETS) return { ok: false, reason: t('addr.domainLong') };
  const warning = asciiLabels.length === 1 ? t('addr.domainNoDot') : undefined;
  return { ok: true, ascii, ...(warning ? { warning } : {}) };
}

function checkLocal(rawLocal: string): { ok: true; local: string } | { ok: false; reason: string } {
  if (rawLocal === '') return { ok: false, reason: t('addr.noLocal') };
  let local = rawLocal;
  if (local.includes('"')) {
    // Redundant quotes ("jane"@x.test) name the same mailbox as jane@x.test; anything else quoted is
    // refused (see the policy at the top of this file).
    const inner = local.slice(1, -1);
    const redundant = local.length > 2 && local.startsWith('"') && local.endsWith('"') && !/["\\]/.test(inner) && isDotAtom(inner);
    if (!redundant) return { ok: false, reason: t('addr.quotedLocal') };
    local = inner;
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, reason: t('addr.localDot') };
  }
  for (const ch of local) {
    if (ch !== '.' && !isAtext(ch)) return { ok: false, reason: t('addr.localChar', { char: ch }) };
  }
  if (octets(local) > MAX_LOCAL_OCTETS) return { ok: false, reason: t('addr.localLong') };
  return { ok: true, local };
}

function checkSpec(spec: string): SpecResult {
  const at = atIndex(spec);
  if (scanEntry(spec).unclosedQuote) return { ok: false, reason: t('addr.unclosedQuote') };
  if (at < 0) return { ok: false, reason: t('addr.noAt') };
  const rawLocal = spec.slice(0, at);
  const domain = spec.slice(at + 1);
  const local = checkLocal(rawLocal);
  if (!local.ok) return { ok: false, reason: local.reason, local: rawLocal, domain };
  const dom = checkDomain(domain);
  if (!dom.ok) return { ok: false, reason: dom.reason, local: local.local, domain };
  if (octets(local.local) + 1 + dom.ascii.length > MAX_ADDRESS_OCTETS) {
    return { ok: false, reason: t('addr.tooLong'), local: local.local, domain };
  }
  return { ok: true, local: local.local, domain, asciiDomain: dom.ascii, ...(dom.warning ? { warning: dom.warning } : {}) };
}

/** Whitespace or a comment outside quotes: both are legal RFC 5322 CFWS, and both hide tricks. */
function cfwsProblem(spec: string): string | null {
  let quoted = false;
  for (let i = 0; i < spec.length; i += 1) {
    const ch = spec[i];
    if (quoted && ch === '\\') i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') return t('addr.comment');
    else if (!quoted && ch === ')') return t('addr.strayParen');
  }
  quoted = false;
  for (let i = 0; i < spec.length; i += 1) {
    const ch = spec[i];
    if (quoted && ch === '\\') i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && /\s/.test(ch)) return t('addr.spaces');
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// One entry
// ---------------------------------------------------------------------------------------------

function invalid(raw: string, reason: string, name = '', address = ''): RecipientEntry {
  return { raw, name, address, sendAddress: '', valid: false, reason };
}

function libraryMailbox(input: string): emailAddresses.ParsedMailbox | null {
  const parsed = emailAddresses.parseOneAddress({
    input,
    rfc6532: true,
    atInDisplayName: true,
    commaInDisplayName: true,
  });
  return parsed && parsed.type === 'mailbox' ? parsed : null;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The display name as written, quotes removed, for names the library cannot read (`Jane [Sales]`). */
function looseName(display: string): string {
  const withoutComments = display.replace(/\((?:[^()\\]|\\.)*\)/g, ' ');
  return collapse(withoutComments.replace(/\\(.)/g, '$1').replace(/"/g, ''));
}

/**
 * Parses one recipient exactly as given (one chip's text): no splitting and no trimming, so stray
 * whitespace or line breaks around a bare address are reported rather than silently dropped.
 */
export function parseRecipient(raw: string): RecipientEntry {
  if (raw.trim() === '') return invalid(raw, t('addr.empty'));
  if (LONE_SURROGATE.test(raw)) return invalid(raw, t('addr.brokenChar'));
  if (LINE_BREAK.test(raw)) return invalid(raw, t('addr.lineBreak'));
  if (CONTROL.test(raw)) return invalid(raw, t('addr.control'));

  const scan = scanEntry(raw);
  if (scan.unclosedQuote) return invalid(raw, t('addr.unclosedQuote'));
  if (scan.unclosedComment) return invalid(raw, t('addr.unclosedComment'));
  if (scan.extraAngles) return invalid(raw, t('addr.manyAngles'));
  if (scan.angleOpen >= 0 && scan.angleClose < 0) return invalid(raw, t('addr.noCloseAngle'));

  const angled = scan.angleOpen >= 0;
  const spec = angled ? raw.slice(scan.angleOpen + 1, scan.angleClose).trim() : raw;
  const display = angled ? raw.slice(0, scan.angleOpen) : '';
  if (angled) {
    const after = raw.slice(scan.angleClose + 1).replace(/\((?:[^()\\]|\\.)*\)/g, '');
    if (after.trim() !== '') return invalid(raw, t('addr.afterAngle'));
  }

  const cfws = cfwsProblem(spec);
  const checked = checkSpec(spec);
  const shownAddress = (local: string | undefined, domain: string | undefined) =>
    local !== undefined && domain !== undefined ? `${local}@${domain}` : '';
  const name = angled ? looseName(display) : '';

  if (cfws) return invalid(raw, cfws, name);
  if (!checked.ok) return invalid(raw, checked.reason, name, shownAddress(checked.local, checked.domain));

  // The library must read the same mailbox from the raw entry: a second, independent parse that
  // closes the door on parser differentials (the misrouting class this module guards against).
  // Display names it cannot read (`Jane [Sales] <…>`) are handed to it quoted, the address as typed.
  const direct = libraryMailbox(raw);
  const lib = direct ?? (angled ? libraryMailbox(`"${name.replace(/["\\]/g, '\\$&')}" <${spec}>`) : null);
  if (!lib || lib.local !== checked.local || lib.domain !== checked.domain) {
    return invalid(raw, t('addr.unreadable'), name);
  }
  const libName = angled && direct ? collapse(lib.name ?? '') : name;

  const entry: RecipientEntry = {
    raw,
    name: libName,
    address: `${checked.local}@${checked.domain}`,
    sendAddress: `${checked.local}@${checked.asciiDomain}`,
    valid: true,
  };
  if (checked.warning) entry.warning = checked.warning;
  return entry;
}

/**
 * Parses typed or pasted text into recipients: split at commas, semicolons and line breaks outside
 * quoted names and angle brackets; `"Doe, Jane" <jane@x.test>` (and the unquoted `Doe, Jane
 * <jane@x.test>`) stays one recipient; whitespace-separated bare addresses become several.
 */
export function parseRecipientInput(text: string): RecipientEntry[] {
  const parts = joinUnquotedCommaNames(splitEntries(text));
  return parts.flatMap(splitBareWhitespaceList).map(parseRecipient);
}

/**
 * Reads an address header as the API gives it (`MailInstance.from/to/cc/replyTo`), groups flattened.
 * Invalid entries are returned too (flagged), so nothing the sender wrote disappears silently.
 */
export function parseAddressHeader(header: string): RecipientEntry[] {
  if (header.trim() === '') return [];
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const list = emailAddresses.parseAddressList({ input: unfolded, rfc6532: true, atInDisplayName: true, commaInDisplayName: false });
  if (list) {
    const boxes = list.flatMap((a) => (a.type === 'group' ? a.addresses : [a]));
    return boxes.map((box) => parseRecipient(box.name ? formatAddress({ name: box.name, address: box.address }) : box.address));
  }
  return parseRecipientInput(unfolded);
}

// ---------------------------------------------------------------------------------------------
// Writing headers
// ---------------------------------------------------------------------------------------------

/** The address with its domain in ASCII, for sending. Addresses that do not convert are returned as given. */
export function toSendableAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const ascii = domainToAscii(address.slice(at + 1));
  return ascii === null ? address : `${address.slice(0, at)}@${ascii}`;
}

// atext plus space and non-ASCII: a display name made only of these needs no quotes.
const PLAIN_NAME = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\- \u00A0-\uFFFF]+$/u;

/**
 * A display name as an RFC 5322 phrase: plain words as they are, anything with specials (comma,
 * quote, dot, @, brackets, "=?"…) as a quoted string with `"` and `\` escaped. Non-ASCII stays UTF-8; the
 * server's MIME layer encodes it (RFC 2047). Line breaks and control characters are removed so a
 * name can never inject a header.
 */
export function formatDisplayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = collapse(name.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' '));
  if (clean === '') return '';
  // "=?" starts an RFC 2047 encoded word; inside quotes it is never decoded, so a name cannot smuggle one.
  if (PLAIN_NAME.test(clean) && !LONE_SURROGATE.test(clean) && !clean.includes('=?')) return clean;
  return `"${clean.replace(/["\\]/g, '\\$&')}"`;
}

/** One mailbox as a header string: `Name <local@ascii-domain>` or the bare address. */
export function formatAddress(mailbox: Mailbox): string {
  const address = toSendableAddress(mailbox.address.trim());
  const name = formatDisplayName(mailbox.name ?? '');
  return name === '' ? address : `${name} <${address}>`;
}

/** A list of mailboxes as one header value, comma-separated (the contract's address strings). */
export function formatAddressList(list: readonly Mailbox[]): string {
  return list.map(formatAddress).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------

/**
 * A key under which two spellings of one mailbox compare equal: case-insensitive (as every real
 * mail system treats local parts, though RFC 5321 allows otherwise), domain in ASCII. Accepts a bare
 * address or `Name <address>`.
 */
export function addressKey(address: string): string {
  let bare = address.trim();
  const scan = scanEntry(bare);
  if (scan.angleOpen >= 0 && scan.angleClose > scan.angleOpen) bare = bare.slice(scan.angleOpen + 1, scan.angleClose).trim();
  return toSendableAddress(bare).toLowerCase();
}

/** Whether `address` is one of the user's own addresses (main address and aliases). */
export function isOwnAddress(address: string, ownAddresses: readonly string[]): boolean {
  const key = addressKey(address);
  return key !== '' && ownAddresses.some((own) => addressKey(own) === key);
}

/**
 * Drops later repeats of the same mailbox (by `addressKey`), keeping the first — and with it the
 * first display name. Entries without an address (flagged input) are all kept: they are the user's
 * text to fix, not duplicates.
 */
export function dedupeRecipients<T extends { address: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    if (item.address === '') return true;
    const key = addressKey(item.address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
