import { useToolbarState } from './use-toolbar-state';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { useT } from '../../../i18n/react';

export function HistoryButtons({ editor }: { editor: Editor }) {
  const state = useToolbarState(editor, (e) => ({ canUndo: e.can().undo(), canRedo: e.can().redo() }));
  const t = useT();
  return (
    <>
      <ToolbarButton label={t('editor.undo')} icon="↶" shortcut="Control+Z" disabled={!state.canUndo} onClick={() => editor.chain().focus().undo().run()} />
      <ToolbarButton label={t('editor.redo')} icon="↷" shortcut="Control+Shift+Z" disabled={!state.canRedo} onClick={() => editor.chain().focus().redo().run()} />
    </>
  );
}
