import { useRef } from 'react';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { ImageIcon } from './icons';
import { handleTransferFiles } from '../inline-image';
import { INLINE_IMAGE_TYPES } from '../inline-image-attributes';
import { useT } from '../../../i18n/react';

/** Picks image files and inserts them exactly as a paste would (the window uploads them). */
export function InsertImageButton({ editor }: { editor: Editor }) {
  const input = useRef<HTMLInputElement>(null);
  const t = useT();
  return (
    <>
      <ToolbarButton label={t('editor.insertImage')} icon={<ImageIcon />} onClick={() => input.current?.click()} />
      <input
        ref={input}
        type="file"
        accept={INLINE_IMAGE_TYPES.join(',')}
        multiple
        hidden
        aria-label={t('editor.imageFile')}
        tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length > 0) {
            editor.commands.focus();
            handleTransferFiles(editor, files, editor.state.selection.from);
          }
        }}
      />
    </>
  );
}
