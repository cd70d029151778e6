/**
 * The extension set of the message body.
 *
 * StarterKit's extensions, listed one by one (in its order) and trimmed to what a mail body needs and
 * the toolbar offers — listed rather than `StarterKit.configure({ x: false })`, which still bundles
 * every extension it could add (code blocks and headings were 2 KB gzip of the editor chunk):
 * - kept: paragraphs, bold, italic, underline, strike, inline code, links, bullet/ordered lists
 *   (+ list keymap), blockquote, hard break, horizontal rule (signatures and pasted mail use it),
 *   undo/redo, drop cursor, gap cursor;
 * - dropped: headings (no control in a mail toolbar, and "# " input rules surprise people writing
 *   mail; pasted headings become bold paragraphs), code blocks (pasted <pre> becomes code lines),
 *   trailing node (it would put an empty paragraph after the signature), and StarterKit's hard
 *   break (it binds Mod+Enter, the window's Send; `hard-break.ts` keeps Shift+Enter only).
 * Links: no open on click (the body is being edited), autolink and link-on-paste on, and only
 * http(s)/mailto targets are accepted — everything else (javascript:, data:, file:) is refused.
 */
import { Extension, type AnyExtension } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Code } from '@tiptap/extension-code';
import { Document } from '@tiptap/extension-document';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
import { Link } from '@tiptap/extension-link';
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { Dropcursor, Gapcursor, Placeholder, UndoRedo } from '@tiptap/extensions';
import { TextStyle, Color } from '@tiptap/extension-text-style';
import { TextAlign } from '@tiptap/extension-text-align';
import { ShiftEnterHardBreak } from './hard-break';
import { InlineImage, type InlineImageOptions } from './inline-image';
import { SignatureBlock } from './signature';
import { CaretBlock } from './caret-block';
import { BlockDirection } from './block-direction';
import { cleanPastedHtml } from './paste-cleaner';
import { normalizeLinkUrl, SAFE_LINK_PROTOCOLS } from './link-url';
import { t } from '../../i18n/core';

export interface MessageExtensionsOptions extends Partial<InlineImageOptions> {
  placeholder?: string;
}

/** Runs the Word/Docs cleaner on every HTML paste (ProseMirror's `transformPastedHTML`). */
const PasteCleaner = Extension.create({
  name: 'mcPasteCleaner',
  transformPastedHTML(html) {
    return cleanPastedHtml(html);
  },
});

export function createMessageExtensions(options: MessageExtensionsOptions = {}): AnyExtension[] {
  const { placeholder = t('editor.placeholder'), ...imageOptions } = options;
  return [
    Bold,
    Blockquote,
    BulletList,
    Code,
    Document,
    Dropcursor,
    Gapcursor,
    UndoRedo,
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    Link.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      protocols: [...SAFE_LINK_PROTOCOLS],
      isAllowedUri: (url) => normalizeLinkUrl(url).ok,
      shouldAutoLink: (url) => normalizeLinkUrl(url).ok,
      HTMLAttributes: { rel: 'noopener noreferrer', target: '_blank' },
    }),
    OrderedList,
    Paragraph,
    Strike,
    Text,
    Underline,
    ShiftEnterHardBreak,
    TextStyle,
    Color,
    TextAlign.configure({ types: ['paragraph'], alignments: ['left', 'center', 'right'] }),
    Placeholder.configure({ placeholder }),
    // Blocks follow their own text's direction (dir="auto"), or the one chosen in the toolbar.
    BlockDirection,
    InlineImage.configure(imageOptions),
    SignatureBlock,
    PasteCleaner,
    // Keeps the caret's blocks out of content-visibility skipping (editor.css).
    CaretBlock,
  ];
}
