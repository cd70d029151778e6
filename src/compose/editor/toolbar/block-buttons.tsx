import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { blockState, type BlockName } from './editor-state';

const BLOCKS: Record<BlockName, { label: string; icon: string; shortcut: string }> = {
  bulletList: { label: 'Bulleted list', icon: '•≡', shortcut: 'Control+Shift+8' },
  orderedList: { label: 'Numbered list', icon: '1≡', shortcut: 'Control+Shift+7' },
  blockquote: { label: 'Quote', icon: '❝', shortcut: 'Control+Shift+B' },
};

export function BlockButton({ editor, block }: { editor: Editor; block: BlockName }) {
  const state = useEditorState({ editor, selector: ({ editor: e }) => blockState(e, block) });
  const spec = BLOCKS[block];
  const toggle = () => {
    const chain = editor.chain().focus();
    if (block === 'bulletList') chain.toggleBulletList().run();
    else if (block === 'orderedList') chain.toggleOrderedList().run();
    else chain.toggleBlockquote().run();
  };
  return (
    <ToolbarButton label={spec.label} icon={spec.icon} shortcut={spec.shortcut} pressed={state.active} disabled={!state.enabled} onClick={toggle} />
  );
}
