import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { clearFormatting } from './editor-state';

export function ClearFormattingButton({ editor }: { editor: Editor }) {
  return <ToolbarButton label="Clear formatting" icon="T̸" onClick={() => clearFormatting(editor)} />;
}
