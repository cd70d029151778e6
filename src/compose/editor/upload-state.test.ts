import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { createTestEditor } from './test-editor';
import { handleTransferFiles } from './inline-image';
import { applyUploadState } from './upload-state';
import { toMessageHtml } from './serialize';

let editor: Editor;
afterEach(() => editor?.destroy());

describe('applyUploadState', () => {
  it('follows the queue: uploading → failed → retry → done, dispatching only on change', () => {
    const t = createTestEditor('<p>x</p>');
    editor = t.editor;
    handleTransferFiles(editor, [new File(['x'], 'a.png', { type: 'image/png' })], 1);
    const contentId = t.pasted[0].images[0].contentId;
    let transactions = 0;
    editor.on('transaction', () => (transactions += 1));
    const state = () => toMessageHtml(editor).inlineImages[0];

    applyUploadState(editor, [{ inline: true, contentId, status: 'uploading' }]);
    expect(transactions).toBe(0);

    applyUploadState(editor, [{ inline: true, contentId, status: 'failed', error: 'The server is not reachable.' }]);
    expect(state()).toMatchObject({ failed: true, uploading: false });
    applyUploadState(editor, [{ inline: true, contentId, status: 'failed', error: 'The server is not reachable.' }]);
    expect(transactions).toBe(1);

    applyUploadState(editor, [{ inline: true, contentId, status: 'uploading' }]);
    expect(state()).toMatchObject({ failed: false, uploading: true });
    applyUploadState(editor, [
      { inline: true, contentId, status: 'done', tempId: 12 },
      { inline: false, contentId: undefined, status: 'done', tempId: 13 },
    ]);
    expect(state()).toEqual({ contentId, tempId: 12, uploading: false, failed: false });
    const count = transactions;
    applyUploadState(editor, [{ inline: true, contentId, status: 'done', tempId: 12 }]);
    expect(transactions).toBe(count);
  });
});
