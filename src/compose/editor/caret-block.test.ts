import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { CARET_PATH_CLASS } from './caret-block';
import { createTestEditor } from './test-editor';

const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

function editorWith(html: string): Editor {
  const { editor } = createTestEditor(html);
  editors.push(editor);
  return editor;
}

/** The text of each block marked as holding the caret, outermost first. */
const marked = (editor: Editor) => [...editor.view.dom.querySelectorAll(`.${CARET_PATH_CLASS}`)].map((el) => `${el.tagName.toLowerCase()}:${el.textContent}`);

/** Position just after `text` in the document. */
function after(editor: Editor, text: string): number {
  let at = -1;
  editor.state.doc.descendants((node, pos) => {
    if (node.isText && node.text?.includes(text)) at = pos + node.text.indexOf(text) + text.length;
  });
  return at;
}

describe('CaretBlock', () => {
  it('marks the caret’s block and its quote, and nothing else', () => {
    const editor = editorWith('<p>top</p><blockquote><p>one</p><p>two</p></blockquote><p>end</p>');
    editor.commands.setTextSelection(after(editor, 'two'));
    expect(marked(editor)).toEqual(['blockquote:onetwo', 'p:two']);
    editor.commands.setTextSelection(after(editor, 'end'));
    expect(marked(editor)).toEqual(['p:end']);
  });

  it('marks a paragraph made by Enter from the moment it exists', () => {
    const editor = editorWith('<blockquote><p>quoted</p></blockquote><p>last</p>');
    editor.commands.setTextSelection(after(editor, 'last'));
    editor.commands.splitBlock();
    expect(marked(editor)).toEqual(['p:']);
    expect(editor.view.dom.lastElementChild?.classList.contains(CARET_PATH_CLASS)).toBe(true);
  });

  it('leaves the saved HTML alone', () => {
    const editor = editorWith('<p>text</p>');
    editor.commands.setTextSelection(2);
    expect(editor.getHTML()).not.toContain(CARET_PATH_CLASS);
  });
});
