/** Longest file name kept, in UTF-8 bytes (the usual file-system limit). */
export const MAX_FILE_NAME_BYTES = 255;

// C0/C1 controls, and the bidi embedding/override/isolate marks that can make "gpj.exe" read as "exe.jpg".
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes an uploaded or attached file name safe to store, show and offer for download: no path
 * (only the last segment of "a/b\\c" is kept), no control or direction-override characters, no
 * leading dots, and at most 255 UTF-8 bytes with the extension kept. Never returns "".
 */
export function safeFileName(raw: string | undefined, fallback = 'attachment'): string {
  const lastSegment = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastSegment.normalize('NFC').replace(UNSAFE_CHARACTERS, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').trim();
  if (name === '') name = fallback;
  return truncateKeepingExtension(name, MAX_FILE_NAME_BYTES);
}

function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const budget = maxBytes - Buffer.byteLength(extension);
  let stem = '';
  for (const char of name.slice(0, name.length - extension.length)) {
    if (Buffer.byteLength(stem + char) > budget) break;
    stem += char;
  }
  return stem.trimEnd() + extension;
}

/**
 * A `Content-Disposition` value that every browser reads the same way: an ASCII fallback in
 * `filename` plus the exact name in RFC 5987 `filename*`.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const name = safeFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Content types a browser would run as a page or script if shown inline; they are only ever downloaded. */
export function isActiveContentType(contentType: string): boolean {
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    base === 'text/html' ||
    base === 'application/xhtml+xml' ||
    base === 'image/svg+xml' ||
    base === 'text/xml' ||
    base === 'application/xml' ||
    // Browsers open XSL stylesheets as XML documents, which can carry XHTML and script.
    base === 'text/xsl' ||
    base.endsWith('+xml') ||
    base === 'text/javascript' ||
    base === 'application/javascript' ||
    base === 'application/x-javascript' ||
    base === 'application/ecmascript' ||
    base === 'text/ecmascript'
  );
}

/** A sane Content-Type for a part or upload: lower-case `type/subtype`, else octet-stream. */
export function normalizeContentType(contentType: string | undefined): string {
  const base = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(base) ? base : 'application/octet-stream';
}
