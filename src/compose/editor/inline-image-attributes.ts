/** Names shared by the node, the serialiser and the toolbar (kept apart to avoid import cycles). */
export const INLINE_IMAGE_NODE = 'inlineImage';

/** Formats shown inline. SVG and anything else that can carry script go out as attachments. */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const INLINE_IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp)$/i;

/** Widths a user can give an image; the upper bound keeps sent mail readable on a desktop. */
export const IMAGE_MIN_WIDTH = 16;
export const IMAGE_MAX_WIDTH = 2000;
/** Large pasted screenshots start at this width (they can be resized back up). */
export const IMAGE_DEFAULT_MAX_WIDTH = 640;

export interface InlineImageAttributes {
  src: string;
  contentId: string | null;
  tempId: string | null;
  alt: string;
  width: number | null;
  uploading: boolean;
  uploadError: string | null;
}

export function isInlineImageFile(file: File): boolean {
  if (file.type) return INLINE_IMAGE_TYPES.includes(file.type.toLowerCase());
  // Some sources (drag from a file manager on Linux) omit the type: fall back to the name.
  return INLINE_IMAGE_EXTENSIONS.test(file.name);
}

/** Files pasted or dropped into the body: images to inline, everything else to attach. */
export function splitTransferFiles(files: readonly File[]): { images: File[]; others: File[] } {
  const images: File[] = [];
  const others: File[] = [];
  for (const file of files) (isInlineImageFile(file) ? images : others).push(file);
  return { images, others };
}

export function clampImageWidth(width: number): number {
  return Math.round(Math.min(IMAGE_MAX_WIDTH, Math.max(IMAGE_MIN_WIDTH, width)));
}
