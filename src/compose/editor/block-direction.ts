/**
 * Text direction in the body (issue 8). Every block — paragraphs, list items, lists, quotes — has a
 * `dir` attribute: null means automatic, shown as `dir="auto"` so each block follows its own first
 * letter (Arabic right to left, English left to right, in one message); `rtl`/`ltr` is a direction
 * the writer chose with the toolbar's "Right to left text" / "Left to right text" (as Gmail and
 * Outlook offer: automatic detection gets a paragraph that starts with a Latin name wrong).
 *
 * The saved and sent HTML carries resolved directions (`resolveAutoDirections` in the model), and
 * reading HTML back keeps only directions that differ from the content (`directionToKeep`), so a
 * reopened draft goes on following what is typed.
 */
import { Extension, type Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { directionToKeep, firstStrongDirection, type TextDirection } from '../model/text-direction';

export const DIRECTION_NODE_TYPES = ['paragraph', 'listItem', 'bulletList', 'orderedList', 'blockquote'] as const;
const DIRECTION_TYPES: ReadonlySet<string> = new Set(DIRECTION_NODE_TYPES);

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    blockDirection: {
      /** Sets (or with null, returns to automatic) the direction of the blocks the selection touches. */
      setBlockDirection: (direction: TextDirection | null) => ReturnType;
    };
  }
}

export const BlockDirection = Extension.create({
  name: 'blockDirection',

  addGlobalAttributes() {
    return [
      {
        types: [...DIRECTION_NODE_TYPES],
        attributes: {
          dir: {
            default: null,
            // Split paragraphs keep a chosen direction: Enter in a right-to-left paragraph goes on right to left.
            keepOnSplit: true,
            parseHTML: (element) => directionToKeep(element),
            renderHTML: (attributes) => ({ dir: (attributes.dir as TextDirection | null) ?? 'auto' }),
          },
        },
      },
    ];
  },

  addCommands() {
    return {
      setBlockDirection:
        (direction) =>
        ({ state, tr, dispatch }) => {
          const { from, to } = state.selection;
          let found = false;
          state.doc.nodesBetween(from, to, (node, pos) => {
            if (!DIRECTION_TYPES.has(node.type.name)) return true;
            found = true;
            if (dispatch && node.attrs.dir !== direction) tr.setNodeMarkup(pos, undefined, { ...node.attrs, dir: direction });
            return true;
          });
          return found;
        },
    };
  },
});

export interface BlockDirectionState {
  /** The direction the block at the caret reads in. */
  direction: TextDirection;
  /** Whether that direction was chosen by hand (else it follows the text). */
  chosen: boolean;
}

/**
 * The direction of the block at the caret, for the toolbar: its chosen direction, else its first
 * letter's, else a chosen direction around it, else the editor's (the window's language).
 */
export function blockDirectionAt(editor: Editor): BlockDirectionState {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth -= 1) {
    const node = $from.node(depth);
    if (!DIRECTION_TYPES.has(node.type.name)) continue;
    const chosen = node.attrs.dir as TextDirection | null;
    if (chosen) return { direction: chosen, chosen: true };
    if (node.isTextblock) {
      const fromText = firstStrongDirectionOf(node);
      if (fromText) return { direction: fromText, chosen: false };
    }
  }
  const dom = editor.isInitialized ? editor.view.dom : null;
  return { direction: dom && getComputedStyle(dom).direction === 'rtl' ? 'rtl' : 'ltr', chosen: false };
}

/**
 * The first letter's direction, as `dir="auto"` decides. Runs on every keystroke (the toolbar's
 * selector), so it reads text nodes only until a letter turns up rather than building the block's text.
 */
function firstStrongDirectionOf(block: PMNode): TextDirection | null {
  for (let i = 0; i < block.childCount; i += 1) {
    const child = block.child(i);
    if (!child.isText) continue;
    const found = firstStrongDirection(child.text ?? '');
    if (found) return found;
  }
  return null;
}

/**
 * A direction button pressed: the blocks at the selection read that way from now on. Pressing the
 * direction a block already has by choice returns it to automatic.
 */
export function toggleBlockDirection(editor: Editor, direction: TextDirection): void {
  const current = blockDirectionAt(editor);
  const next = current.chosen && current.direction === direction ? null : direction;
  editor.chain().focus().setBlockDirection(next).run();
}
