/** Names shared by the node, the serialiser and the toolbar (kept apart to avoid import cycles). */
import { canInline } from '../model/file-kinds';

export const INLINE_IMAGE_NODE = 'inlineImage';

/** What the image picker offers; the decision itself is the model's `canInline`. */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Widths a user can give an image; the upper bound keeps sent mail readable on a desktop. */
export const IMAGE_MIN_WIDTH = 16;
export const IMAGE_MAX_WIDTH = 2000;
/** Large pasted screenshots start at this width (they can be resized back up). */
export const IMAGE_DEFAULT_MAX_WIDTH = 640;

export interface InlineImageAttributes {
  src: string;
  contentId: string | null;
  tempId: number | null;
  alt: string;
  width: number | null;
  uploading: boolean;
  uploadError: string | null;
}

/** Files pasted or dropped into the body: images to inline, everything else to attach. */
export function splitTransferFiles(files: readonly File[]): { images: File[]; others: File[] } {
  const images: File[] = [];
  const others: File[] = [];
  for (const file of files) (canInline(file) ? images : others).push(file);
  return { images, others };
}

export function clampImageWidth(width: number): number {
  return Math.round(Math.min(IMAGE_MAX_WIDTH, Math.max(IMAGE_MIN_WIDTH, width)));
}
