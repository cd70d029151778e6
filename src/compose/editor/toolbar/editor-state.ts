/**
 * Pure readers of editor state for the toolbar selectors (`useEditorState`). Each returns a small
 * value so a control re-renders only when its own state changes.
 */
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { INLINE_IMAGE_NODE } from '../inline-image-attributes';

export type MarkName = 'bold' | 'italic' | 'underline' | 'strike' | 'code';

export function markState(editor: Editor, mark: MarkName): { active: boolean; enabled: boolean } {
  return {
    active: editor.isActive(mark),
    enabled: editor.isEditable && canToggleMark(editor, mark),
  };
}

/** `can()` runs the command dry; it throws for marks the schema lacks, which counts as "cannot". */
export function canToggleMark(editor: Editor, mark: MarkName): boolean {
  try {
    return editor.can().toggleMark(mark);
  } catch {
    return false;
  }
}

export type BlockName = 'bulletList' | 'orderedList' | 'blockquote';

export function blockState(editor: Editor, block: BlockName): { active: boolean; enabled: boolean } {
  const can = editor.can();
  const enabled =
    block === 'bulletList' ? can.toggleBulletList() : block === 'orderedList' ? can.toggleOrderedList() : can.toggleBlockquote();
  return { active: editor.isActive(block), enabled: editor.isEditable && enabled };
}

export type Alignment = 'left' | 'center' | 'right';

/** Where text goes with no alignment set: the start of the line, which is the right in a right-to-left layout. */
function naturalAlignment(editor: Editor): Alignment {
  const dom = editor.isInitialized ? editor.view.dom : null;
  return dom && getComputedStyle(dom).direction === 'rtl' ? 'right' : 'left';
}

export function currentAlignment(editor: Editor): Alignment {
  if (editor.isActive({ textAlign: 'center' })) return 'center';
  if (editor.isActive({ textAlign: 'right' })) return 'right';
  if (editor.isActive({ textAlign: 'left' })) return 'left';
  return naturalAlignment(editor);
}

export function setAlignment(editor: Editor, alignment: Alignment): void {
  // The natural alignment is the default: store no attribute rather than `text-align` on every paragraph.
  if (alignment === naturalAlignment(editor)) editor.chain().focus().unsetTextAlign().run();
  else editor.chain().focus().setTextAlign(alignment).run();
}

export function currentColor(editor: Editor): string | null {
  const color = editor.getAttributes('textStyle').color as string | undefined;
  return color ? color.toLowerCase() : null;
}

export function selectedImage(editor: Editor): { alt: string; width: number | null } | null {
  const { selection } = editor.state;
  if (!(selection instanceof NodeSelection) || selection.node.type.name !== INLINE_IMAGE_NODE) return null;
  return { alt: (selection.node.attrs.alt as string) ?? '', width: (selection.node.attrs.width as number | null) ?? null };
}

export function clearFormatting(editor: Editor): void {
  editor.chain().focus().unsetAllMarks().clearNodes().unsetTextAlign().run();
}
