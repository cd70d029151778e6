import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { clearFormatting } from './editor-state';
import { useT } from '../../../i18n/react';

export function ClearFormattingButton({ editor }: { editor: Editor }) {
  const t = useT();
  return <ToolbarButton label={t('editor.clearFormatting')} icon="T̸" onClick={() => clearFormatting(editor)} />;
}
