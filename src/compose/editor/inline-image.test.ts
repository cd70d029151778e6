import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { Slice } from '@tiptap/pm/model';
import { createTestEditor } from './test-editor';
import { splitTransferFiles } from './inline-image-attributes';
import { canInline as isInlineImageFile } from '../model/file-kinds';
import { toMessageHtml } from './serialize';

let editor: Editor;
afterEach(() => editor?.destroy());

const file = (name: string, type: string) => new File(['x'], name, { type });
const png = () => file('a.png', 'image/png');
const svg = () => file('logo.svg', 'image/svg+xml');
const pdf = () => file('report.pdf', 'application/pdf');

function fakeTransfer(files: File[], data: Record<string, string> = {}) {
  return { files, getData: (type: string) => data[type] ?? '', types: Object.keys(data) };
}

function paste(ed: Editor, files: File[], data: Record<string, string> = {}): boolean {
  const event = { clipboardData: fakeTransfer(files, data), preventDefault: () => {} } as unknown as ClipboardEvent;
  return Boolean(ed.view.someProp('handlePaste', (handler) => handler(ed.view, event, Slice.empty)));
}

function drop(ed: Editor, files: File[]): boolean {
  const event = { dataTransfer: fakeTransfer(files), clientX: 0, clientY: 0, preventDefault: () => {} } as unknown as DragEvent;
  return Boolean(ed.view.someProp('handleDrop', (handler) => handler(ed.view, event, Slice.empty, false)));
}

describe('which files are inlined', () => {
  it('inlines png, jpeg, gif and webp only; SVG and others are attachments', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].map((t) => isInlineImageFile(file('f', t)))).toEqual([true, true, true, true]);
    expect(isInlineImageFile(svg())).toBe(false);
    expect(isInlineImageFile(file('x.bmp', 'image/bmp'))).toBe(false);
    expect(isInlineImageFile(file('x.html', 'text/html'))).toBe(false);
    expect(isInlineImageFile(file('photo.JPG', ''))).toBe(true);
    // A name and a type that disagree never inline.
    expect(isInlineImageFile(file('evil.svg', 'image/png'))).toBe(false);
    expect(isInlineImageFile(file('logo.svg', ''))).toBe(false);
    expect(splitTransferFiles([png(), svg(), pdf()])).toEqual({ images: [expect.any(File)], others: [expect.any(File), expect.any(File)] });
  });
});

describe('paste and drop handlers', () => {
  it('pasting a png inserts it at the caret at once (blob preview, uploading) and hands it to onImageFiles', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    editor.commands.setTextSelection(2);
    expect(paste(editor, [png()])).toBe(true);
    expect(t.pasted).toHaveLength(1);
    expect(t.pasted[0].position).toBe(2);
    const [image] = t.pasted[0].images;
    expect(image.contentId).toBe('img-1@test.example');
    expect(image.previewUrl).toMatch(/^blob:/);
    const node = editor.state.doc.nodeAt(2)!;
    expect(node.type.name).toBe('inlineImage');
    expect(node.attrs).toMatchObject({ src: image.previewUrl, contentId: image.contentId, uploading: true, tempId: null });
    expect(t.attached).toEqual([]);
  });

  it('pasting an SVG never inlines it: it goes to onFiles as an attachment', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    expect(paste(editor, [svg()])).toBe(true);
    expect(t.pasted).toEqual([]);
    expect(t.attached.map((f) => f.map((x) => x.name))).toEqual([['logo.svg']]);
    expect(toMessageHtml(editor).inlineImages).toEqual([]);
  });

  it('dropping a mix splits it: images inline, the rest attached', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    expect(drop(editor, [png(), pdf(), svg()])).toBe(true);
    expect(t.pasted[0].images.map((i) => i.file.name)).toEqual(['a.png']);
    expect(t.attached[0].map((f) => f.name)).toEqual(['report.pdf', 'logo.svg']);
  });

  it('lets a paste from Word keep its text when the clipboard also carries a picture of it', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    expect(paste(editor, [png()], { 'text/html': '<p class=MsoNormal>Quarterly numbers</p>' })).toBe(false);
    expect(t.pasted).toEqual([]);
  });

  it('leaves pastes without files to the normal HTML/text path', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    expect(paste(editor, [], { 'text/plain': 'hi' })).toBe(false);
  });
});

describe('the injected queue decides', () => {
  it('inserts nothing for a file the queue refuses, and the rest in one go', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    t.refuse.add('huge.png');
    paste(editor, [file('huge.png', 'image/png'), file('ok.png', 'image/png')]);
    expect(t.pasted[0].images.map((i) => i.file.name)).toEqual(['ok.png']);
    expect(toMessageHtml(editor).inlineImages.map((i) => i.contentId)).toEqual(['img-1@test.example']);
  });

  it('reports the set of inline images only when it changes (insert, delete, undo), not per keystroke', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    paste(editor, [png()]);
    expect(t.presence).toEqual([['img-1@test.example']]);
    editor.commands.insertContentAt(1, 'typing');
    editor.commands.insertContentAt(1, 'more');
    expect(t.presence).toHaveLength(1);
    editor.commands.removeImage('img-1@test.example');
    expect(t.presence.at(-1)).toEqual([]);
    editor.commands.undo();
    expect(t.presence.at(-1)).toEqual(['img-1@test.example']);
    // Selecting everything and typing over it removes the image too.
    editor.chain().selectAll().insertContent('x').run();
    expect(t.presence.at(-1)).toEqual([]);
    expect(t.presence).toHaveLength(4);
  });
});

describe('upload state commands', () => {
  it('marks an image uploaded or failed without adding undo steps, and undo/redo keeps the latest state', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    paste(editor, [png()]);
    const cid = t.pasted[0].images[0].contentId;
    editor.commands.markImageFailed(cid, 'The server refused the file');
    expect(toMessageHtml(editor).inlineImages[0]).toMatchObject({ failed: true, uploading: false });
    editor.commands.markImageUploading(cid);
    editor.commands.setImageUploaded(cid, 9);
    expect(toMessageHtml(editor).inlineImages).toEqual([{ contentId: cid, tempId: 9, uploading: false, failed: false }]);

    // Undo removes the insertion (the status updates are not steps); redo brings the image back
    // with its current upload state, not the "uploading" state it was inserted with.
    editor.commands.undo();
    expect(toMessageHtml(editor).inlineImages).toEqual([]);
    editor.commands.redo();
    expect(toMessageHtml(editor).inlineImages).toEqual([{ contentId: cid, tempId: 9, uploading: false, failed: false }]);
  });

  it('revokes the blob previews it created when the editor is destroyed', () => {
    const t = createTestEditor('<p>ab</p>');
    paste(t.editor, [png()]);
    const url = t.pasted[0].images[0].previewUrl;
    t.editor.destroy();
    expect(t.revoked).toEqual([url]);
  });
});

describe('selection and upload state', () => {
  it('keeps the image selected when its upload finishes', () => {
    const t = createTestEditor('<p>ab</p>');
    editor = t.editor;
    paste(editor, [png()]);
    const cid = t.pasted[0].images[0].contentId;
    editor.commands.setNodeSelection(t.pasted[0].position);
    editor.commands.setImageUploaded(cid, 3);
    expect(editor.state.selection.toJSON()).toEqual({ type: 'node', anchor: t.pasted[0].position });
  });
});
