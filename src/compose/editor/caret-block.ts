/**
 * Marks the blocks that hold the caret (`mc-caret-path`), so `editor.css` can leave them out of
 * `content-visibility: auto`. A block with that property starts out skipped until the browser's next
 * frame decides it is on screen; a paragraph just made by Enter would be skipped while the next key
 * lands in it, and a first right-to-left letter typed there (the block turning right to left) could
 * leave the caret before that letter instead of after it. The blocks around the caret are always
 * laid out; everything else in a long body may still be skipped.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export const CARET_PATH_CLASS = 'mc-caret-path';

const key = new PluginKey('mcCaretBlock');

function caretPath(state: EditorState): DecorationSet {
  const decorations: Decoration[] = [];
  const seen = new Set<number>();
  for (const $pos of [state.selection.$from, state.selection.$to]) {
    for (let depth = 1; depth <= $pos.depth; depth += 1) {
      const from = $pos.before(depth);
      if (seen.has(from)) continue;
      seen.add(from);
      decorations.push(Decoration.node(from, from + $pos.node(depth).nodeSize, { class: CARET_PATH_CLASS }));
    }
  }
  return DecorationSet.create(state.doc, decorations);
}

export const CaretBlock = Extension.create({
  name: 'mcCaretBlock',
  addProseMirrorPlugins() {
    return [new Plugin({ key, props: { decorations: caretPath } })];
  },
});
