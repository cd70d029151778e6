import { useToolbarState } from './use-toolbar-state';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { currentAlignment, setAlignment, type Alignment } from './editor-state';
import { directionOf, type MessageKey } from '../../../i18n/core';
import { useLocale, useT } from '../../../i18n/react';

const ALIGNMENTS: { value: Alignment; label: MessageKey; icon: string; shortcut: string }[] = [
  { value: 'left', label: 'editor.alignLeft', icon: '⇤', shortcut: 'Control+Shift+L' },
  { value: 'center', label: 'editor.alignCenter', icon: '↔', shortcut: 'Control+Shift+E' },
  { value: 'right', label: 'editor.alignRight', icon: '⇥', shortcut: 'Control+Shift+R' },
];

export function AlignButtons({ editor }: { editor: Editor }) {
  const alignment = useToolbarState(editor, (e) => currentAlignment(e));
  const t = useT();
  // Right to left, the buttons run from the right: "Align right" (the natural alignment) comes first.
  const ordered = directionOf(useLocale()) === 'rtl' ? [...ALIGNMENTS].reverse() : ALIGNMENTS;
  return (
    <>
      {ordered.map((a) => (
        <ToolbarButton
          key={a.value}
          label={t(a.label)}
          icon={a.icon}
          shortcut={a.shortcut}
          pressed={alignment === a.value}
          onClick={() => setAlignment(editor, a.value)}
        />
      ))}
    </>
  );
}
