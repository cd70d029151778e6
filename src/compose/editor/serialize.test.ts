import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import { createMessageExtensions } from './extensions';
import { handleTransferFiles, type PendingInlineImage } from './inline-image';
import {
  collectCids,
  composeBodyHtml,
  fromMessageHtml,
  hasFormatting,
  htmlToText,
  splitQuotedHtml,
  textToHtml,
  toMessageHtml,
} from './serialize';
import { isSafeContentId } from '../model/cid';

const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

function makeEditor(content = '<p></p>') {
  let n = 0;
  const pasted: PendingInlineImage[] = [];
  const attached: File[] = [];
  const editor = new Editor({
    extensions: createMessageExtensions({
      addInlineImage: () => `img-${++n}@test.example`,
      createPreviewUrl: () => `blob:http://localhost/preview-${n + 1}`,
      revokePreviewUrl: () => {},
      onImageFiles: (images) => pasted.push(...images),
      onFiles: (files) => attached.push(...files),
    }),
    content,
  });
  editors.push(editor);
  return { editor, pasted, attached };
}

const png = (name = 'shot.png') => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });

describe('toMessageHtml', () => {
  it('writes every inline image as cid: with alt and width, and lists the images still present', () => {
    const { editor, pasted } = makeEditor('<p>Hello</p>');
    editor.commands.setTextSelection(6);
    handleTransferFiles(editor, [png('a.png'), png('b.png')]);
    expect(pasted.map((p) => p.contentId)).toEqual(['img-1@test.example', 'img-2@test.example']);
    editor.commands.setImageUploaded('img-1@test.example', 41);

    const { html, inlineImages } = toMessageHtml(editor);
    expect(html).toContain('<img src="cid:img-1@test.example">');
    expect(html).toContain('<img src="cid:img-2@test.example">');
    expect(html).not.toMatch(/blob:|data:|data-content-id|data-uploading|data-temp-id/);
    expect(inlineImages).toEqual([
      { contentId: 'img-1@test.example', tempId: 41, uploading: false, failed: false },
      { contentId: 'img-2@test.example', tempId: null, uploading: true, failed: false },
    ]);
  });

  it('keeps blank lines visible in mail clients and drops images that have no cid and no web URL', () => {
    const { editor } = makeEditor('<p>a</p><p></p><p>b</p>');
    expect(toMessageHtml(editor).html).toBe('<p>a</p><p><br></p><p>b</p>');
  });

  it('drops an image once it is removed from the body', () => {
    const { editor } = makeEditor('<p>x</p>');
    handleTransferFiles(editor, [png(), png()], 1);
    editor.commands.removeImage('img-1@test.example');
    const { html, inlineImages } = toMessageHtml(editor);
    expect(html).not.toContain('img-1@');
    expect(inlineImages.map((i) => i.contentId)).toEqual(['img-2@test.example']);
  });
});

describe('round trip: editor → HTML → editor', () => {
  it('keeps content ids, alt text and width across several images', () => {
    const { editor } = makeEditor('<p>One two</p>');
    handleTransferFiles(editor, [png('a.png')], 4);
    handleTransferFiles(editor, [png('b.png')], 1);
    editor.commands.setImageUploaded('img-1@test.example', 1);
    editor.commands.setImageUploaded('img-2@test.example', 2);
    // Give the first image alt text and a width the way the Image options dialog does.
    let firstPos = -1;
    editor.state.doc.descendants((n, pos) => {
      if (n.type.name === 'inlineImage' && n.attrs.contentId === 'img-1@test.example') firstPos = pos;
    });
    editor.chain().setNodeSelection(firstPos).updateSelectedImage({ alt: 'Chart', width: 320 }).run();

    const saved = toMessageHtml(editor).html;
    expect(saved).toContain('<img src="cid:img-1@test.example" alt="Chart" width="320">');

    const urls: Record<string, string> = { 'img-1@test.example': 'blob:x/1', 'img-2@test.example': 'blob:x/2' };
    const { editor: reopened } = makeEditor(fromMessageHtml(saved, (cid) => urls[cid] ?? null));
    const images: Record<string, unknown>[] = [];
    reopened.state.doc.descendants((n) => {
      if (n.type.name === 'inlineImage') images.push(n.attrs);
    });
    expect(images.map((a) => [a.contentId, a.src, a.alt, a.width])).toEqual([
      ['img-2@test.example', 'blob:x/2', '', null],
      ['img-1@test.example', 'blob:x/1', 'Chart', 320],
    ]);
    expect(toMessageHtml(reopened).html).toBe(saved);
  });

  it('gives each paste of the same file its own content id, and removing one keeps the other', () => {
    const { editor, pasted } = makeEditor('<p>x</p>');
    const file = png('same.png');
    handleTransferFiles(editor, [file], 1);
    handleTransferFiles(editor, [file], 1);
    expect(new Set(pasted.map((p) => p.contentId)).size).toBe(2);
    expect(pasted.every((p) => p.file === file)).toBe(true);

    editor.commands.removeImage(pasted[0].contentId);
    const saved = toMessageHtml(editor);
    expect(saved.inlineImages.map((i) => i.contentId)).toEqual([pasted[1].contentId]);
    const { editor: reopened } = makeEditor(fromMessageHtml(saved.html, () => 'blob:x/only'));
    expect(toMessageHtml(reopened).inlineImages.map((i) => i.contentId)).toEqual([pasted[1].contentId]);
  });

  it('keeps an image whose part is missing (empty src) so the cid is not silently lost', () => {
    const html = fromMessageHtml('<p><img src="cid:gone@x" alt="Logo"></p>', () => null);
    const { editor } = makeEditor(html);
    expect(toMessageHtml(editor).html).toBe('<p><img src="cid:gone@x" alt="Logo"></p>');
  });

  it('never lets data: images into the live document', () => {
    expect(fromMessageHtml('<p><img src="data:image/png;base64,AAAA">hi</p>', () => null)).toBe('<p>hi</p>');
  });

  it('accepts cid URLs with escapes and angle brackets', () => {
    const html = fromMessageHtml('<img src="cid:%3Cpart1%40example.com%3E">', (cid) => `blob:${cid}`);
    expect(html).toContain('data-content-id="part1@example.com"');
  });
});

describe('content ids', () => {
  it('come from the model and are RFC 2392-safe and unique per paste', async () => {
    const { createContentId } = await import('../model/cid');
    const ids = Array.from({ length: 50 }, () => createContentId());
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(isSafeContentId(id)).toBe(true);
  });
});

describe('quoted history', () => {
  it('is appended outside the editor and taken back out on reopen', () => {
    const quoted = '<p>On Monday Ann wrote:</p><blockquote><p>Old <img src="cid:logo@x"></p></blockquote>';
    const body = composeBodyHtml('<p>Thanks!</p>', quoted);
    expect(body.startsWith('<p>Thanks!</p>')).toBe(true);
    expect(splitQuotedHtml(body)).toEqual({ editorHtml: '<p>Thanks!</p>', quotedHtml: quoted });
    expect(collectCids(body)).toEqual(['logo@x']);
    expect(composeBodyHtml('<p>a</p>', null)).toBe('<p>a</p>');
    expect(splitQuotedHtml('<p>a</p>')).toEqual({ editorHtml: '<p>a</p>', quotedHtml: null });
  });
});

describe('htmlToText', () => {
  it('renders paragraphs, breaks, lists, links, quotes and images', () => {
    const html = [
      '<p>Hi <strong>Ann</strong>,</p>',
      '<p>line one<br>line two</p>',
      '<ul><li><p>apples</p></li><li><p>pears</p><ul><li><p>green</p></li></ul></li></ul>',
      '<ol start="3"><li><p>third</p></li><li><p>fourth</p></li></ol>',
      '<p>See <a href="https://example.com/docs">the docs</a> or https://example.com or <a href="mailto:bob@example.com">bob@example.com</a>.</p>',
      '<blockquote><p>quoted</p><blockquote><p>deeper</p></blockquote></blockquote>',
      '<p><img src="cid:a@b" alt="Chart"> and <img src="cid:c@d"></p>',
    ].join('');
    expect(htmlToText(html)).toBe(
      [
        'Hi Ann,',
        '',
        'line one',
        'line two',
        '',
        '- apples',
        '- pears',
        '  - green',
        '',
        '3. third',
        '4. fourth',
        '',
        'See the docs <https://example.com/docs> or https://example.com or bob@example.com.',
        '',
        '> quoted',
        '>',
        '> > deeper',
        '',
        '[Chart] and [image]',
      ].join('\n'),
    );
  });

  it('collapses source whitespace and empty paragraphs', () => {
    expect(htmlToText('<p>  a\n   b  </p><p></p><p><br></p><p>c</p>')).toBe('a b\n\nc');
  });
});

describe('textToHtml and hasFormatting', () => {
  it('turns blank lines into paragraphs and escapes markup', () => {
    expect(textToHtml('a <b>\nline\n\nnext & more')).toBe('<p>a &lt;b&gt;<br>line</p><p>next &amp; more</p>');
    expect(textToHtml('')).toBe('<p></p>');
    expect(htmlToText(textToHtml('one\ntwo\n\nthree'))).toBe('one\ntwo\n\nthree');
  });

  it('says whether converting to plain text loses anything', () => {
    expect(hasFormatting('<p>plain</p><p>text<br>only</p>')).toBe(false);
    expect(hasFormatting('<p>a <strong>b</strong></p>')).toBe(true);
    expect(hasFormatting('<ul><li><p>x</p></li></ul>')).toBe(true);
    expect(hasFormatting('<p><img src="cid:x@y"></p>')).toBe(true);
    expect(hasFormatting('<p><span style="color: #c5221f">red</span></p>')).toBe(true);
    expect(hasFormatting('<p style="text-align: center">mid</p>')).toBe(true);
  });
});
