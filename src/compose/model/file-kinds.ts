/**
 * What kind of file this is, for the decisions the compose window makes about it: which images may
 * sit inside the body, and how a size reads to a person.
 */
import { getLocale, t } from '../../i18n/core';

/**
 * Raster formats every mail client renders and that cannot carry script. SVG (script, external
 * references), HTML, PDF and anything else become plain attachments.
 */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const INLINE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'jpe', 'gif', 'webp']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether the file may be shown inline in the body. Both the declared type and the name must agree
 * when both are known, so `evil.svg` labelled `image/png` (or the reverse) stays an attachment.
 */
export function canInline(file: { name: string; type: string }): boolean {
  const type = file.type.toLowerCase().split(';')[0]!.trim();
  const extension = extensionOf(file.name);
  if (type && !INLINE_TYPES.has(type)) return false;
  if (extension && !INLINE_EXTENSIONS.has(extension)) return false;
  return type !== '' || extension !== '';
}

/** Whether the file is an image of any kind (decides nothing about inlining; see `canInline`). */
export function isImage(file: { name: string; type: string }): boolean {
  return file.type.toLowerCase().startsWith('image/') || INLINE_EXTENSIONS.has(extensionOf(file.name)) || extensionOf(file.name) === 'svg';
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * A size for people: "512 bytes", "1.5 kB", "25 MB". Steps of 1024, the convention mail limits
 * are quoted in (a "25 MB" limit is 25 × 1024 × 1024 bytes), so the limit and the file's size read
 * the same way. Numbers and units through Intl in the app's active language unless `locale` is given.
 */
export function formatSize(bytes: number, locale: string | string[] = getLocale()): string {
  if (!Number.isFinite(bytes) || bytes < 0) bytes = 0;
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const format = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  });
  return format.format(unit === 0 ? Math.round(value) : value);
}

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters and BOM.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A file name safe to show: no control characters, and no bidi overrides that could make
 * `invoice\u202Efdp.exe` read as "invoiceexe.pdf". The real name is still what gets uploaded.
 */
export function displayFileName(name: string): string {
  const cleaned = name.replace(UNSAFE_IN_NAMES, '').trim();
  return cleaned || t('upload.unnamed');
}
