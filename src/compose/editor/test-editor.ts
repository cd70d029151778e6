/** Test helper: a headless editor with the message extensions and recorded callbacks. */
import { Editor } from '@tiptap/core';
import { createMessageExtensions } from './extensions';
import type { PendingInlineImage } from './inline-image';

export function createTestEditor(content = '<p></p>') {
  let n = 0;
  const pasted: { images: PendingInlineImage[]; position: number }[] = [];
  const attached: File[][] = [];
  const revoked: string[] = [];
  const presence: string[][] = [];
  const refuse = new Set<string>();
  const editor = new Editor({
    extensions: createMessageExtensions({
      addInlineImage: (file) => (refuse.has(file.name) ? null : `img-${++n}@test.example`),
      onInlineImagesChange: (ids) => presence.push(ids),
      createPreviewUrl: (file) => `blob:http://localhost/${n + 1}-${file.name}`,
      revokePreviewUrl: (url) => revoked.push(url),
      onImageFiles: (images, position) => pasted.push({ images, position }),
      onFiles: (files) => attached.push(files),
    }),
    content,
  });
  return { editor, pasted, attached, revoked, presence, refuse };
}
