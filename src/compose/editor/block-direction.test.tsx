import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { Editor } from '@tiptap/core';
import { createMessageExtensions } from './extensions';
import { MessageEditor, type MessageEditorHandle } from './message-editor';
import { fromMessageHtml, htmlToText, toMessageHtml } from './serialize';

/**
 * Right-to-left mail (issue 8): blocks follow their own text's direction while writing, the toolbar
 * can choose one, and the HTML that is saved and sent says which way each block reads.
 */

const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

function makeEditor(content: string) {
  const editor = new Editor({ extensions: createMessageExtensions(), content });
  editors.push(editor);
  return editor;
}

const ARABIC = 'مرحبا يا آنا، أرسلت لك التقرير.';

describe('the body while writing', () => {
  it('gives every block dir="auto", so each paragraph follows its own text', () => {
    const editor = makeEditor(`<p>${ARABIC}</p><p>Hello</p><ul><li><p>بند</p></li></ul><blockquote><p>quoted</p></blockquote>`);
    const dirs = Array.from(editor.view.dom.querySelectorAll('p, ul, li, blockquote')).map((el) => `${el.localName}:${el.getAttribute('dir')}`);
    expect(dirs).toEqual(['p:auto', 'p:auto', 'ul:auto', 'li:auto', 'p:auto', 'blockquote:auto', 'p:auto']);
  });

  it('keeps a chosen direction when Enter splits the paragraph', () => {
    const editor = makeEditor('<p>Windows</p>');
    editor.chain().setTextSelection(8).setBlockDirection('rtl').splitBlock().insertContent('هو نظام').run();
    expect(editor.state.doc.toJSON().content.map((p: { attrs: { dir: string | null } }) => p.attrs.dir)).toEqual(['rtl', 'rtl']);
  });
});

describe('the HTML that is saved and sent', () => {
  it('marks an Arabic message right to left, and leaves its text alternative alone', () => {
    const editor = makeEditor(`<p>${ARABIC}</p><p>شكرا</p>`);
    const { html } = toMessageHtml(editor);
    expect(html).toBe(`<p dir="rtl">${ARABIC}</p><p dir="rtl">شكرا</p>`);
    expect(htmlToText(html)).toBe(`${ARABIC}\n\nشكرا`);
  });

  it('leaves left-to-right mail exactly as it was, and marks only the right-to-left parts of a mixed one', () => {
    expect(toMessageHtml(makeEditor('<p>Hello</p><ul><li><p>one</p></li></ul>')).html).toBe('<p>Hello</p><ul><li><p>one</p></li></ul>');
    expect(toMessageHtml(makeEditor('<p>Dear Ana,</p><p>مرحبا</p><ol><li><p>أولا</p></li><li><p>second</p></li></ol>')).html).toBe(
      '<p>Dear Ana,</p><p dir="rtl">مرحبا</p><ol dir="rtl"><li><p>أولا</p></li><li dir="ltr"><p>second</p></li></ol>',
    );
  });

  it('carries a direction chosen by hand, and drops it again when it is unset', () => {
    const editor = makeEditor('<p>Windows هو نظام تشغيل</p><p>next</p>');
    editor.chain().setTextSelection(2).setBlockDirection('rtl').run();
    expect(toMessageHtml(editor).html).toBe('<p dir="rtl">Windows هو نظام تشغيل</p><p>next</p>');
    editor.chain().setTextSelection(2).setBlockDirection(null).run();
    expect(toMessageHtml(editor).html).toBe('<p>Windows هو نظام تشغيل</p><p>next</p>');
  });

  it('survives save and reopen: the same HTML again, the text-given directions automatic once more, the chosen one kept', () => {
    const first = makeEditor(`<p>${ARABIC}</p><p>Windows هو نظام</p><p>Hi</p>`);
    first.chain().setTextSelection(ARABIC.length + 4).setBlockDirection('rtl').run();
    const saved = toMessageHtml(first).html;
    expect(saved).toBe(`<p dir="rtl">${ARABIC}</p><p dir="rtl">Windows هو نظام</p><p>Hi</p>`);

    const reopened = makeEditor(fromMessageHtml(saved, () => null));
    expect(reopened.state.doc.toJSON().content.map((p: { attrs: { dir: string | null } }) => p.attrs.dir)).toEqual([null, 'rtl', null]);
    expect(toMessageHtml(reopened).html).toBe(saved);
    // The first paragraph follows its text again: rewritten in English, it reads left to right.
    reopened.chain().setTextSelection({ from: 1, to: ARABIC.length + 1 }).insertContent('Rewritten').run();
    expect(toMessageHtml(reopened).html).toBe('<p>Rewritten</p><p dir="rtl">Windows هو نظام</p><p>Hi</p>');
  });
});

describe('the toolbar', () => {
  let handle: MessageEditorHandle | null = null;
  const button = (name: string) => within(screen.getByRole('toolbar', { name: 'Formatting' })).getByRole('button', { name });

  function renderEditor(initialHtml: string) {
    render(<MessageEditor initialHtml={initialHtml} onChange={() => {}} onReady={(h) => (handle = h)} />);
    return handle!;
  }

  it('shows which way the paragraph at the caret reads, and sets it', () => {
    const editor = renderEditor(`<p>Hello</p><p>${ARABIC}</p>`).editor;
    act(() => void editor.commands.setTextSelection(2));
    expect(button('Left to right text').getAttribute('aria-pressed')).toBe('true');
    expect(button('Right to left text').getAttribute('aria-pressed')).toBe('false');
    act(() => void editor.commands.setTextSelection(10));
    expect(button('Right to left text').getAttribute('aria-pressed')).toBe('true');

    act(() => void editor.commands.setTextSelection(2));
    act(() => button('Right to left text').click());
    expect(button('Right to left text').getAttribute('aria-pressed')).toBe('true');
    expect(handle!.getBody().html).toBe(`<p dir="rtl">Hello</p><p dir="rtl">${ARABIC}</p>`);
    // Pressed again, the chosen direction goes: the paragraph follows its text.
    act(() => button('Right to left text').click());
    expect(button('Left to right text').getAttribute('aria-pressed')).toBe('true');
    expect(handle!.getBody().html).toBe(`<p>Hello</p><p dir="rtl">${ARABIC}</p>`);
  });
});
