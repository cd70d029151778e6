import { describe, expect, it } from 'vitest';
import { canInline, displayFileName, formatSize, isImage } from './file-kinds';

describe('canInline', () => {
  it('allows the raster formats every client renders', () => {
    for (const [name, type] of [
      ['a.png', 'image/png'],
      ['b.JPG', 'image/jpeg'],
      ['c.gif', 'image/gif'],
      ['d.webp', 'image/webp'],
      ['pasted', 'image/png'],
    ]) expect(canInline({ name: name!, type: type! })).toBe(true);
  });

  it('never inlines SVG or other active formats, nor a mislabelled file', () => {
    expect(canInline({ name: 'logo.svg', type: 'image/svg+xml' })).toBe(false);
    expect(canInline({ name: 'evil.svg', type: 'image/png' })).toBe(false);
    expect(canInline({ name: 'page.html', type: 'text/html' })).toBe(false);
    expect(canInline({ name: 'scan.tiff', type: 'image/tiff' })).toBe(false);
    expect(canInline({ name: 'x', type: '' })).toBe(false);
    expect(isImage({ name: 'logo.svg', type: 'image/svg+xml' })).toBe(true);
  });
});

describe('formatSize', () => {
  it('reads in 1024 steps with the locale’s units', () => {
    expect(formatSize(0, 'en')).toBe('0 bytes');
    expect(formatSize(1, 'en')).toBe('1 byte');
    expect(formatSize(1536, 'en')).toBe('1.5 kB');
    expect(formatSize(25 * 1024 * 1024, 'en')).toBe('25 MB');
    expect(formatSize(2 * 1024 ** 3, 'en')).toBe('2 GB');
    expect(formatSize(1536, 'de')).toBe('1,5 kB');
  });
});

describe('displayFileName', () => {
  it('drops control characters and bidi overrides that could disguise a name', () => {
    expect(displayFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(displayFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(displayFileName('\u200f\u2066')).toBe('Unnamed file');
    expect(displayFileName('résumé 2024.pdf')).toBe('résumé 2024.pdf');
  });
});
