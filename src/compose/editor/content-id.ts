/**
 * Content-IDs for inline images (RFC 2392 `cid:` URLs).
 *
 * The id is `<random>@mailbox-compose`: only letters, digits, `-`, `.` and one `@`, so it is a valid
 * `addr-spec`-shaped msg-id (RFC 5322 §3.6.4) and needs no percent-encoding inside `cid:` (RFC 2392 §2).
 * Each call is unique: every paste of the same file gets its own id, so removing one copy never
 * orphans another.
 */
export type CreateContentId = () => string;

const CONTENT_ID_DOMAIN = 'mailbox-compose';

export const createContentId: CreateContentId = () => {
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : fallbackRandomHex();
  return `img-${random}@${CONTENT_ID_DOMAIN}`;
};

function fallbackRandomHex(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The characters RFC 2392 lets through unescaped; anything else we received is percent-decoded first. */
const SAFE_CONTENT_ID = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+(@[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+)?$/;

export function isSafeContentId(value: string): boolean {
  return value.length > 0 && value.length <= 250 && SAFE_CONTENT_ID.test(value);
}

/** `cid:a%40b` and `cid:<a@b>` both name the part `a@b`. */
export function contentIdFromCidUrl(url: string): string | null {
  const match = /^cid:(.+)$/i.exec(url.trim());
  if (!match) return null;
  let id = match[1];
  try {
    id = decodeURIComponent(id);
  } catch {
    // A malformed escape is kept verbatim: the part it names simply will not resolve.
  }
  id = id.replace(/^<(.*)>$/, '$1');
  return id.length > 0 ? id : null;
}
