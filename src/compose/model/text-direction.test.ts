// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize';
import { contentDirection, directionToKeep, firstStrongDirection, resolveAutoDirections } from './text-direction';

const body = (html: string) => new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html').body;
const resolved = (html: string) => {
  const root = body(html);
  resolveAutoDirections(root);
  return root.innerHTML;
};

describe('firstStrongDirection', () => {
  it('takes the direction of the first letter, skipping digits, punctuation and spaces', () => {
    expect(firstStrongDirection('مرحبا Ana')).toBe('rtl');
    expect(firstStrongDirection('Ana, مرحبا')).toBe('ltr');
    expect(firstStrongDirection('  2024 — «שלום»')).toBe('rtl');
    expect(firstStrongDirection('١٢٣ مرحبا')).toBe('rtl'); // Arabic-Indic digits are not strong
    expect(firstStrongDirection('١٢٣ hello')).toBe('ltr');
    expect(firstStrongDirection('日本語')).toBe('ltr');
    expect(firstStrongDirection('ދިވެހި')).toBe('rtl'); // Thaana
    expect(firstStrongDirection('123 !?')).toBeNull();
    expect(firstStrongDirection('')).toBeNull();
  });
});

describe('resolveAutoDirections (the HTML that is saved and sent)', () => {
  it('marks right-to-left blocks dir="rtl" and leaves left-to-right ones without an attribute', () => {
    expect(resolved('<p dir="auto">مرحبا يا آنا</p><p dir="auto">Hello Ana</p><p dir="auto"><br></p>')).toBe(
      '<p dir="rtl">مرحبا يا آنا</p><p>Hello Ana</p><p><br></p>',
    );
  });

  it('decides by the first letter, even inside marks and links', () => {
    expect(resolved('<p dir="auto"><strong>1.</strong> <a href="https://x.test"><em>שלום</em></a> world</p>')).toBe(
      '<p dir="rtl"><strong>1.</strong> <a href="https://x.test"><em>שלום</em></a> world</p>',
    );
  });

  it('keeps a direction chosen by hand, and resolves what is inside it against it', () => {
    expect(resolved('<p dir="rtl">Windows هو نظام</p><blockquote dir="rtl"><p dir="auto">Hello</p><p dir="auto">مرحبا</p></blockquote>')).toBe(
      '<p dir="rtl">Windows هو نظام</p><blockquote dir="rtl"><p dir="ltr">Hello</p><p>مرحبا</p></blockquote>',
    );
  });

  it('gives a list the direction of its text, and its items only where they differ from it', () => {
    expect(resolved('<ul dir="auto"><li dir="auto"><p dir="auto">أولا</p></li><li dir="auto"><p dir="auto">second</p></li></ul>')).toBe(
      '<ul dir="rtl"><li><p>أولا</p></li><li dir="ltr"><p>second</p></li></ul>',
    );
  });

  it('drops invalid values, which HTML ignores anyway', () => {
    expect(resolved('<p dir="sideways">text</p>')).toBe('<p>text</p>');
  });
});

describe('contentDirection and directionToKeep (reading HTML back into the editor)', () => {
  it('skips parts with a direction of their own when deciding', () => {
    expect(contentDirection(body('<p><span dir="ltr">Word</span> عربي</p>').firstElementChild!)).toBe('rtl');
  });

  it('turns a direction the text gives anyway back into automatic, and keeps one that differs or has no text to go by', () => {
    const [same, chosen, empty, none] = Array.from(body('<p dir="rtl">مرحبا</p><p dir="rtl">Windows هو</p><p dir="rtl"><br></p><p>x</p>').children);
    expect(directionToKeep(same!)).toBeNull();
    expect(directionToKeep(chosen!)).toBe('rtl');
    expect(directionToKeep(empty!)).toBe('rtl');
    expect(directionToKeep(none!)).toBeNull();
  });
});

describe('the sanitiser (quoting and reading mail)', () => {
  it('keeps dir, so quoted right-to-left mail stays right to left', () => {
    const { html } = sanitizeEmailHtml('<p dir="rtl">مرحبا</p><div dir="ltr">Hi</div>', { allowRemoteImages: false });
    expect(html).toBe('<p dir="rtl">مرحبا</p><div dir="ltr">Hi</div>');
  });
});
