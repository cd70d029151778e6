import type { AttachmentInstance } from '../../api/contract';

/**
 * Content-IDs for inline images (RFC 2392 `cid:` URLs, RFC 5322 msg-id syntax).
 *
 * The client invents the Content-ID (the upload answer carries none), so it must be unique per
 * image — two pastes of the same file are two parts — and use only characters that survive both a
 * MIME header and a URL without escaping: hex digits, a dot and one `@`.
 */

const CID_DOMAIN = 'mailbox-compose';

/** Random bytes as hex; crypto.getRandomValues is in every browser and in Node 20. */
function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}

let sequence = 0;

/**
 * A new Content-ID such as `5f0c…e1.3@mailbox-compose` (no angle brackets: the body says
 * `src="cid:<that>"` and the server adds the brackets in the header). 128 random bits make a clash
 * with any other message's id practically impossible; the sequence keeps ids in one window apart
 * even if the random source were weak.
 */
export function createContentId(): string {
  sequence += 1;
  return `${randomHex(16)}.${sequence.toString(36)}@${CID_DOMAIN}`;
}

/** Whether `id` is usable as a Content-ID we would produce or accept: RFC 5322 dot-atom-text on both sides of one `@`. */
export function isSafeContentId(id: string): boolean {
  return /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(id);
}

// `src` attributes whose value is a cid: URL, quoted either way or unquoted.
const CID_SRC = /(?<=[\s"'/])src\s*=\s*(?:"\s*cid:([^"]*)"|'\s*cid:([^']*)'|cid:([^\s"'>]+))/gi;

/** A cid: URL's id as RFC 2392 defines it: %-escapes decoded; stray angle brackets tolerated. */
export function decodeCid(raw: string): string {
  let decoded = raw.trim();
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A lone % is part of the id, not an escape.
  }
  return decoded.replace(/^<(.*)>$/, '$1');
}

/** The Content-IDs the HTML references from `src="cid:…"`, decoded, each once, in document order. */
export function extractCids(html: string): string[] {
  const seen = new Set<string>();
  for (const match of html.matchAll(CID_SRC)) {
    const id = decodeCid(match[1] ?? match[2] ?? match[3] ?? '');
    if (id) seen.add(id);
  }
  return [...seen];
}

/** One stored part that the HTML shows inline. */
export interface RepointedImage {
  contentId: string;
  /** The queue item (temporary-attachment id) that now carries the image. */
  tempId: number;
  item: AttachmentInstance;
}

export interface RepointResult {
  /** contentId → queue id, for every cid in the HTML that one of this mail's stored parts carries. */
  tempIdByContentId: ReadonlyMap<string, number>;
  /** The stored parts the HTML shows, in the HTML's order; they go out as `{ id, contentId, isInline: true }`. */
  inline: RepointedImage[];
  /** Every other stored part: a plain attachment (an inline-flagged part the HTML no longer shows is one too). */
  attachments: AttachmentInstance[];
  /**
   * cids in the HTML that no stored part of this mail carries (a broken reference, or one pointing
   * at another message's part): the UI warns instead of silently sending a broken image.
   */
  unresolved: string[];
}

/**
 * After `POST /temporaryAttachments/store`, the queue items keep the stored parts' Content-IDs, so
 * the HTML's `cid:` references stay as they are; what changes is which queue id backs each one.
 * Only this mail's own parts can resolve a cid: a reference to anything else stays unresolved
 * (cid spoofing must not pull some other queue item into the message).
 */
export function repointStoredAttachments(html: string, storedItems: readonly AttachmentInstance[]): RepointResult {
  const byContentId = new Map<string, AttachmentInstance>();
  for (const item of storedItems) {
    const id = decodeCid(item.contentId ?? '');
    // The first part wins when a mail repeats a Content-ID; the repeat stays a plain attachment.
    if (id && !byContentId.has(id)) byContentId.set(id, item);
  }
  const tempIdByContentId = new Map<string, number>();
  const inline: RepointedImage[] = [];
  const unresolved: string[] = [];
  for (const contentId of extractCids(html)) {
    const item = byContentId.get(contentId);
    if (!item) {
      unresolved.push(contentId);
      continue;
    }
    tempIdByContentId.set(contentId, item.id);
    inline.push({ contentId, tempId: item.id, item });
  }
  const inlineItems = new Set(inline.map((entry) => entry.item));
  return {
    tempIdByContentId,
    inline,
    attachments: storedItems.filter((item) => !inlineItems.has(item)),
    unresolved,
  };
}
