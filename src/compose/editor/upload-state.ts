/**
 * Mirrors the upload queue's inline items onto the image nodes (uploading / failed / done with its
 * temporary-attachment id). Call it from the queue's `subscribe` listener; it dispatches only for
 * images whose state actually changed, so progress ticks cost nothing in the editor.
 */
import type { Editor } from '@tiptap/core';
import type { UploadItem } from '../model/upload-queue';
import { t } from '../../i18n/core';

type InlineItem = Pick<UploadItem, 'contentId' | 'status' | 'tempId' | 'error' | 'inline'>;

export function applyUploadState(editor: Editor, items: readonly InlineItem[]): void {
  if (editor.isDestroyed) return;
  const known = editor.storage.inlineImage.status;
  for (const item of items) {
    if (!item.inline || !item.contentId) continue;
    const current = known.get(item.contentId);
    if (item.status === 'done' && item.tempId !== undefined) {
      if (!current || current.tempId !== item.tempId || current.uploading || current.uploadError) {
        editor.commands.setImageUploaded(item.contentId, item.tempId);
      }
    } else if (item.status === 'failed' || item.status === 'cancelled') {
      const message = item.error ?? (item.status === 'cancelled' ? t('editor.uploadCancelled') : t('editor.uploadFailed'));
      if (!current || current.uploadError !== message) editor.commands.markImageFailed(item.contentId, message);
    } else if (!current || !current.uploading) {
      editor.commands.markImageUploading(item.contentId);
    }
  }
}
