import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Editor } from '@tiptap/core';
import { BodySerializer } from './body-serializer';
import { composeBodyHtml, htmlToText, toMessageHtml } from './serialize';
import { QuotedHistoryText } from '../model/quoted-text';
import * as serialize from './serialize';
import { setSignature } from './signature';
import { createTestEditor } from './test-editor';

const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
  vi.restoreAllMocks();
});

function editorWith(html: string): Editor {
  const { editor } = createTestEditor(html);
  editors.push(editor);
  return editor;
}

/** What the window used to read: the whole document serialised in one go. */
function whole(editor: Editor) {
  const { html, inlineImages } = toMessageHtml(editor);
  return { html, text: htmlToText(html), inlineImages };
}

/** Everything but `trailingBreaks`, which the whole-document path has no counterpart for. */
function serialized(serializer: BodySerializer, editor: Editor) {
  const { html, text, inlineImages } = serializer.serialize(editor.state.doc);
  return { html, text, inlineImages };
}

const img = (n: number) => `<img src="blob:http://localhost/${n}" data-content-id="img-${n}@test.example" alt="Picture ${n}" width="96">`;

const BODIES: Record<string, string> = {
  empty: '<p></p>',
  'empty paragraphs around text': '<p></p><p>One</p><p></p><p></p><p>Two</p><p></p>',
  'marks, links and line breaks': '<p>Hi <b>Bob</b>, see <a href="https://example.com/a">the notes</a><br>and   <i>this</i> </p><p style="text-align: center">Centred</p>',
  lists: '<ul><li><p>one</p></li><li><p>two</p><ul><li><p>deep</p></li></ul></li></ul><ol start="3"><li><p>three</p></li></ol><p>after</p>',
  'quote with nested quote and images': `<p>Answer</p><blockquote><p>On Monday</p>${'<p>quoted <b>text</b></p>'.repeat(5)}<blockquote><p>older</p></blockquote><p>${img(1)} caption</p><p></p></blockquote><p></p>`,
  'rule and image paragraphs': `<p>a</p><hr><p>${img(2)}</p><p>${img(2)}${img(3)}</p><p>b</p>`,
  'code and strike': '<p><code>x = 1</code> <s>old</s></p>',
  'two signature blocks in a row (a line break between divs)': '<p>text</p><div data-signature="a"><p>A</p></div><div data-signature="b"><p>B</p><p>b</p></div><p>after</p>',
  'right-to-left and mixed blocks': '<p>مرحبا بكم</p><p>Hello</p><blockquote><p>שלום</p><p>ok</p></blockquote><p dir="rtl">chosen</p><ul><li><p>واحد</p></li></ul>',
  'only whitespace and breaks': '<p> </p><p><br></p><p>text</p><p><br><br></p>',
};

describe('BodySerializer', () => {
  it.each(Object.entries(BODIES))('gives what serialising the whole document gives: %s', (_name, html) => {
    const editor = editorWith(html);
    expect(serialized(new BodySerializer(), editor)).toEqual(whole(editor));
  });

  it('gives the same with a signature after the text, and after typing, deleting and undoing', () => {
    const editor = editorWith(`<p>Hello</p><blockquote><p>quoted</p><p>${img(4)}</p></blockquote><p></p>`);
    setSignature(editor, { id: 's1', html: '<p>Kind regards,</p><p>Ana</p>' });
    const serializer = new BodySerializer();
    expect(serialized(serializer, editor)).toEqual(whole(editor));
    editor.commands.setTextSelection(3);
    editor.commands.insertContent('y there');
    expect(serialized(serializer, editor)).toEqual(whole(editor));
    editor.commands.setTextSelection({ from: 1, to: editor.state.doc.content.size - 1 });
    editor.commands.deleteSelection();
    expect(serialized(serializer, editor)).toEqual(whole(editor));
    editor.commands.undo();
    expect(serialized(serializer, editor)).toEqual(whole(editor));
    expect(serializer.serialize(editor.state.doc).inlineImages.map((i) => i.contentId)).toEqual(['img-4@test.example']);
  });

  it('serialises only the block that changed when the user types at the end of a long body', () => {
    const editor = editorWith(`<p>Answer</p><blockquote>${'<p>quoted paragraph</p>'.repeat(200)}</blockquote><p></p>`);
    const serializer = new BodySerializer();
    serializer.serialize(editor.state.doc);
    const spy = vi.spyOn(serialize, 'toMessageHtml');
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    editor.commands.insertContent('x');
    const body = serializer.serialize(editor.state.doc);
    expect(body.text.endsWith('\n\nx')).toBe(true);
    // Only the last paragraph: the quote (200 paragraphs) and the first paragraph are reused.
    expect(spy).toHaveBeenCalledTimes(1);
    // The same document again costs nothing.
    serializer.serialize(editor.state.doc);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('reports an upload finishing on an image (a new node) in the next read', () => {
    const editor = editorWith(`<p>${img(5)}</p>`);
    editor.commands.setImageUploaded('img-5@test.example', 77);
    const serializer = new BodySerializer();
    expect(serializer.serialize(editor.state.doc).inlineImages).toEqual([{ contentId: 'img-5@test.example', tempId: 77, uploading: false, failed: false }]);
    editor.commands.markImageFailed('img-5@test.example', 'disk full');
    expect(serializer.serialize(editor.state.doc).inlineImages).toEqual([{ contentId: 'img-5@test.example', tempId: null, uploading: false, failed: true }]);
  });

  const HISTORIES = {
    'a quoted reply': '<p>On Monday, Bob wrote:</p><blockquote type="cite"><p>Hello <b>Ana</b></p><p></p><p>second</p></blockquote>',
    'a forward header and a div-built message': '<div>---------- Forwarded message ---------</div><div>From: Bob</div><div><div>inner</div><p>para</p></div>',
    'nothing but an image': '<p><img src="cid:x@y" alt="chart"></p>',
    'blank': '<p></p>',
  };

  it.each(Object.entries(BODIES).flatMap(([body, html]) => Object.entries(HISTORIES).map(([history, quoted]) => [body, history, html, quoted] as const)))(
    'joins the body and the quoted history as the whole composed body reads: %s + %s',
    (_body, _history, html, quoted) => {
      const editor = editorWith(html);
      const body = new BodySerializer().serialize(editor.state.doc);
      expect(new QuotedHistoryText(quoted).afterHtmlBody(body.text, body.trailingBreaks)).toBe(htmlToText(composeBodyHtml(body.html, quoted)));
    },
  );

  it('joins after a signature (a div) with the line break a div owes', () => {
    const editor = editorWith('<p>Hi</p>');
    setSignature(editor, { id: 's1', html: '<p>Ana</p>' });
    const body = new BodySerializer().serialize(editor.state.doc);
    const quoted = HISTORIES['a quoted reply'];
    expect(new QuotedHistoryText(quoted).afterHtmlBody(body.text, body.trailingBreaks)).toBe(htmlToText(composeBodyHtml(body.html, quoted)));
  });
});
