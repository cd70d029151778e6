/**
 * The editor's document ⇄ the HTML that is saved and sent, and HTML ⇄ text.
 *
 * Live document: inline images show from `blob:`/http URLs and carry their `contentId`.
 * Message HTML: every inline image is `<img src="cid:CONTENTID" alt width>`, no blob:, no data:.
 */
import { getHTMLFromFragment, type Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { INLINE_IMAGE_NODE } from './inline-image-attributes';
import { editorHtmlToMessageHtml } from '../model/message-html';

// The editor-free part (message HTML, quoting, text) lives in model/message-html.ts, so code outside the
// lazily loaded editor can use it without pulling tiptap in; everything is still importable from here.
export * from '../model/message-html';

export interface InlineImageRef {
  contentId: string;
  /** Temporary-attachment id once the upload finished; null while uploading or after a failure. */
  tempId: number | null;
  uploading: boolean;
  failed: boolean;
}

export interface MessageHtml {
  html: string;
  /** Inline images still in the document, each contentId once (copies of one image share it). */
  inlineImages: InlineImageRef[];
}

export function toMessageHtml(source: Editor | PMNode): MessageHtml {
  const doc = 'state' in source ? source.state.doc : source;
  const inlineImages = collectInlineImages(doc);
  const raw = getHTMLFromFragment(doc.content, doc.type.schema);
  return { html: editorHtmlToMessageHtml(raw), inlineImages };
}

function collectInlineImages(doc: PMNode): InlineImageRef[] {
  const seen = new Map<string, InlineImageRef>();
  doc.descendants((node) => {
    if (node.type.name !== INLINE_IMAGE_NODE) return true;
    const contentId = node.attrs.contentId as string | null;
    if (contentId && !seen.has(contentId)) {
      seen.set(contentId, {
        contentId,
        tempId: (node.attrs.tempId as number | null) ?? null,
        uploading: Boolean(node.attrs.uploading),
        failed: Boolean(node.attrs.uploadError),
      });
    }
    return false;
  });
  return [...seen.values()];
}
