import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { markState, type MarkName } from './editor-state';

interface MarkSpec {
  label: string;
  icon: string;
  shortcut: string;
}

const MARKS: Record<MarkName, MarkSpec> = {
  bold: { label: 'Bold', icon: 'B', shortcut: 'Control+B' },
  italic: { label: 'Italic', icon: 'I', shortcut: 'Control+I' },
  underline: { label: 'Underline', icon: 'U', shortcut: 'Control+U' },
  strike: { label: 'Strikethrough', icon: 'S', shortcut: 'Control+Shift+S' },
  code: { label: 'Inline code', icon: '</>', shortcut: 'Control+E' },
};

export function MarkButton({ editor, mark }: { editor: Editor; mark: MarkName }) {
  const state = useEditorState({ editor, selector: ({ editor: e }) => markState(e, mark) });
  const spec = MARKS[mark];
  return (
    <ToolbarButton
      label={spec.label}
      icon={<span className={`mc-toolbar__glyph mc-toolbar__glyph--${mark}`}>{spec.icon}</span>}
      shortcut={spec.shortcut}
      pressed={state.active}
      disabled={!state.enabled}
      onClick={() => editor.chain().focus().toggleMark(mark).run()}
    />
  );
}
