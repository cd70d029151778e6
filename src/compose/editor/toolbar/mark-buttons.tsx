import { useToolbarState } from './use-toolbar-state';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { markState, type MarkName } from './editor-state';
import type { MessageKey } from '../../../i18n/core';
import { useT } from '../../../i18n/react';

interface MarkSpec {
  label: MessageKey;
  icon: string;
  shortcut: string;
}

const MARKS: Record<MarkName, MarkSpec> = {
  bold: { label: 'editor.bold', icon: 'B', shortcut: 'Control+B' },
  italic: { label: 'editor.italic', icon: 'I', shortcut: 'Control+I' },
  underline: { label: 'editor.underline', icon: 'U', shortcut: 'Control+U' },
  strike: { label: 'editor.strike', icon: 'S', shortcut: 'Control+Shift+S' },
  code: { label: 'editor.code', icon: '</>', shortcut: 'Control+E' },
};

export function MarkButton({ editor, mark }: { editor: Editor; mark: MarkName }) {
  const state = useToolbarState(editor, (e) => markState(e, mark));
  const spec = MARKS[mark];
  const t = useT();
  return (
    <ToolbarButton
      label={t(spec.label)}
      icon={<span className={`mc-toolbar__glyph mc-toolbar__glyph--${mark}`}>{spec.icon}</span>}
      shortcut={spec.shortcut}
      pressed={state.active}
      disabled={!state.enabled}
      onClick={() => editor.chain().focus().toggleMark(mark).run()}
    />
  );
}
