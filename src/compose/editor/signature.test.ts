import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { createTestEditor } from './test-editor';
import { setSignature, signatureInputFrom } from './signature';
import { toMessageHtml, htmlToText } from './serialize';
import { replaceTextSignature } from './message-editor';

let editor: Editor;
afterEach(() => editor?.destroy());

const html = () => toMessageHtml(editor).html;
const signatureCount = () => (html().match(/data-signature=/g) ?? []).length;

describe('setSignature', () => {
  it('inserts the signature as a marked block at the end of the body', () => {
    ({ editor } = createTestEditor('<p>Hello</p>'));
    setSignature(editor, { id: 'work', html: '<p>Ann Lee<br><em>Sales</em></p>' });
    expect(html()).toBe('<p>Hello</p><p><br></p><div data-signature="work" class="mc-signature"><p>Ann Lee<br><em>Sales</em></p></div>');
  });

  it('replaces it when the signature or From changes, never duplicating it, and keeps what was typed', () => {
    ({ editor } = createTestEditor('<p></p>'));
    setSignature(editor, { id: 'work', html: '<p>Ann — Work</p>' });
    editor.commands.insertContentAt(1, 'Dear Bob,');
    setSignature(editor, { id: 'home', text: 'Ann\nat home' });
    setSignature(editor, { id: 'home', text: 'Ann\nat home' });
    expect(signatureCount()).toBe(1);
    expect(html()).toBe('<p>Dear Bob,</p><div data-signature="home" class="mc-signature"><p>Ann<br>at home</p></div>');
  });

  it('escapes text signatures', () => {
    ({ editor } = createTestEditor());
    setSignature(editor, signatureInputFrom({ id: 's', type: 'text', body: '<b>not bold</b> & co' }));
    expect(html()).toContain('<p>&lt;b&gt;not bold&lt;/b&gt; &amp; co</p>');
  });

  it('removes it with null, and an empty signature counts as none', () => {
    ({ editor } = createTestEditor('<p>Hi</p>'));
    setSignature(editor, { id: 'a', html: '<p>Sig</p>' });
    setSignature(editor, null);
    expect(signatureCount()).toBe(0);
    setSignature(editor, { id: 'b', html: '<p>  </p>' });
    expect(signatureCount()).toBe(0);
  });

  it('collapses signatures duplicated by an earlier client into one', () => {
    ({ editor } = createTestEditor('<p>x</p><div data-signature="a"><p>A</p></div><div data-signature="a"><p>A</p></div>'));
    expect(signatureCount()).toBe(2);
    setSignature(editor, { id: 'b', html: '<p>B</p>' });
    expect(signatureCount()).toBe(1);
    expect(htmlToText(html())).toBe('x\n\nB');
  });

  it('is not an undo step: undo takes back typing, not the signature', () => {
    ({ editor } = createTestEditor('<p></p>'));
    editor.commands.insertContentAt(1, 'Typed');
    setSignature(editor, { id: 'a', html: '<p>Sig</p>' });
    editor.commands.undo();
    // The blank line that separated "Typed" from the signature stays; the signature stays.
    expect(html()).toBe('<p><br></p><p><br></p><div data-signature="a" class="mc-signature"><p>Sig</p></div>');
  });
});

describe('replaceTextSignature (plain-text mode)', () => {
  it('replaces the previous signature or appends one', () => {
    expect(replaceTextSignature('Hi\n\nAnn', 'Ann', 'Bob')).toBe('Hi\n\nBob');
    expect(replaceTextSignature('Hi\n', null, 'Bob')).toBe('Hi\n\nBob');
    expect(replaceTextSignature('Hi\n\nAnn', 'Ann', '')).toBe('Hi');
    expect(replaceTextSignature('', null, 'Bob')).toBe('Bob');
  });
});
