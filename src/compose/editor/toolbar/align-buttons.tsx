import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { currentAlignment, setAlignment, type Alignment } from './editor-state';

const ALIGNMENTS: { value: Alignment; label: string; icon: string; shortcut: string }[] = [
  { value: 'left', label: 'Align left', icon: '⇤', shortcut: 'Control+Shift+L' },
  { value: 'center', label: 'Align center', icon: '↔', shortcut: 'Control+Shift+E' },
  { value: 'right', label: 'Align right', icon: '⇥', shortcut: 'Control+Shift+R' },
];

export function AlignButtons({ editor }: { editor: Editor }) {
  const alignment = useEditorState({ editor, selector: ({ editor: e }) => currentAlignment(e) });
  return (
    <>
      {ALIGNMENTS.map((a) => (
        <ToolbarButton
          key={a.value}
          label={a.label}
          icon={a.icon}
          shortcut={a.shortcut}
          pressed={alignment === a.value}
          onClick={() => setAlignment(editor, a.value)}
        />
      ))}
    </>
  );
}
