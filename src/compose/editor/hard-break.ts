/**
 * A line break (<br>) on Shift+Enter only.
 *
 * StarterKit's HardBreak also binds Mod+Enter, which would swallow the compose window's Mod+Enter
 * (Send) whenever the body has focus, so the body uses this node instead (same name, same HTML,
 * same mark-keeping behaviour).
 */
import { Node } from '@tiptap/core';

export const ShiftEnterHardBreak = Node.create({
  name: 'hardBreak',
  inline: true,
  group: 'inline',
  selectable: false,
  linebreakReplacement: true,

  parseHTML() {
    return [{ tag: 'br' }];
  },

  renderHTML() {
    return ['br'];
  },

  renderText() {
    return '\n';
  },

  addKeyboardShortcuts() {
    return {
      'Shift-Enter': ({ editor }) => {
        const { selection, storedMarks } = editor.state;
        if (selection.$from.parent.type.spec.isolating) return false;
        // Bold stays bold on the next line, as it does after Enter.
        const marks = storedMarks ?? (selection.$to.parentOffset ? selection.$from.marks() : null);
        const splittable = editor.extensionManager.splittableMarks;
        return editor
          .chain()
          .insertContent({ type: this.name })
          .command(({ tr, dispatch }) => {
            if (dispatch && marks) tr.ensureMarks(marks.filter((m) => splittable.includes(m.type.name)));
            return true;
          })
          .scrollIntoView()
          .run();
      },
    };
  },
});
