import emailAddresses from 'email-addresses';
import addressparser from 'nodemailer/lib/addressparser';
import { badRequest } from '../http/errors';

/** One mailbox of an address header: the display name ("" when none) and `local@domain`. */
export interface MailAddress {
  name: string;
  address: string;
}

// RFC 5322 atext plus any non-ASCII character (RFC 6531 allows UTF-8 local parts).
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * Parses an address header value the client sent ("Jane <jane@x.test>, bob@x.test") into mailboxes,
 * or throws a 400 naming `field`.
 *
 * Two parsers must agree: the strict RFC 5322 grammar of `email-addresses` rejects what is
 * ambiguous (an unquoted comma inside a name, a comment glued to the domain as in
 * `user@good.test(x)evil.test`), and nodemailer's `addressparser` — which the delivery path uses —
 * must find the same addresses. On top of that, local parts must be plain dot-atoms, so a quoted
 * local part such as `"a@evil.test x"@internal.test` can never be read with a different domain
 * by some other mail software downstream.
 */
export function parseAddressList(value: string, field: string): MailAddress[] {
  const input = value.replace(/^[\s,;]+|[\s,;]+$/g, '');
  if (input === '') return [];

  const strict = emailAddresses.parseAddressList({ input, rfc6532: true, startAt: 'address-list' });
  if (strict === null) {
    throw badRequest(
      `"${field}" is not a valid address list: write addresses as "Name <user@domain>" separated by commas, and put names containing commas in double quotes.`,
      field,
    );
  }
  const strictAddresses = strict.flatMap((entry) => (entry.type === 'group' ? entry.addresses : [entry]));

  const parsed = addressparser(input, { flatten: true });
  if (parsed.length !== strictAddresses.length) {
    throw badRequest(`"${field}" can be read in more than one way; quote the display names.`, field);
  }

  return parsed.map((entry, index) => {
    const strictEntry = strictAddresses[index]!;
    const address = validateAddress(entry.address, field);
    const strictAddress = `${strictEntry.local}@${strictEntry.domain}`;
    if (strictAddress.toLowerCase() !== address.toLowerCase()) {
      throw badRequest(`"${field}" can be read in more than one way; quote the display names.`, field);
    }
    return { name: entry.name.trim(), address };
  });
}

/** Like `parseAddressList` but for headers that hold exactly one mailbox (`from`). */
export function parseSingleAddress(value: string, field: string): MailAddress {
  const list = parseAddressList(value, field);
  if (list.length !== 1) throw badRequest(`"${field}" must hold exactly one address.`, field);
  return list[0]!;
}

function validateAddress(address: string, field: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const invalid = (why: string) => badRequest(`"${field}" holds "${address || '(empty)'}", which is not a usable email address: ${why}.`, field);
  if (at <= 0 || domain === '') throw invalid('it needs the form user@domain');
  if (!DOT_ATOM.test(local)) throw invalid('the part before "@" may not contain quotes, spaces, "@" or empty dots');
  if ([...local].length > 64) throw invalid('the part before "@" is longer than 64 characters');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) throw invalid('the domain is not a valid host name');
  if (address.length > 254) throw invalid('it is longer than 254 characters');
  return `${local}@${domain.toLowerCase()}`;
}

/** The domain an address is routed to (always the text after the last "@"). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** `Name <addr>` for one mailbox, quoting the name when it needs it; header encoding is nodemailer's job. */
export function formatAddress({ name, address }: MailAddress): string {
  if (name === '') return address;
  const needsQuotes = /[^\p{L}\p{N}!#$%&'*+\-/=?^_`{|}~ .]/u.test(name) || name.includes('.');
  return needsQuotes ? `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>` : `${name} <${address}>`;
}

export function formatAddressList(list: readonly MailAddress[]): string {
  return list.map(formatAddress).join(', ');
}
