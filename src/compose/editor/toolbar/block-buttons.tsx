import { useToolbarState } from './use-toolbar-state';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { blockState, type BlockName } from './editor-state';
import type { MessageKey } from '../../../i18n/core';
import { useT } from '../../../i18n/react';

const BLOCKS: Record<BlockName, { label: MessageKey; icon: string; shortcut: string }> = {
  bulletList: { label: 'editor.bulletList', icon: '•≡', shortcut: 'Control+Shift+8' },
  orderedList: { label: 'editor.orderedList', icon: '1≡', shortcut: 'Control+Shift+7' },
  blockquote: { label: 'editor.quote', icon: '❝', shortcut: 'Control+Shift+B' },
};

export function BlockButton({ editor, block }: { editor: Editor; block: BlockName }) {
  const state = useToolbarState(editor, (e) => blockState(e, block));
  const spec = BLOCKS[block];
  const t = useT();
  const toggle = () => {
    const chain = editor.chain().focus();
    if (block === 'bulletList') chain.toggleBulletList().run();
    else if (block === 'orderedList') chain.toggleOrderedList().run();
    else chain.toggleBlockquote().run();
  };
  return (
    <ToolbarButton label={t(spec.label)} icon={spec.icon} shortcut={spec.shortcut} pressed={state.active} disabled={!state.enabled} onClick={toggle} />
  );
}
