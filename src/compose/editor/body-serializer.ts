/**
 * The body as message HTML and text, without redoing the whole document each time.
 *
 * Saves and journal writes read the body about once a second while the user types. Serialising a
 * body that holds a megabyte of quoted thread (ProseMirror → DOM → HTML, the cid rewrite, the text
 * alternative) took ~100 ms each time on a slow machine — a hitch every second under the user's
 * fingers. ProseMirror nodes are immutable and an edit replaces only the blocks it touched, so every
 * top-level block is serialised once and its HTML and text are kept against the node itself; a read
 * after typing at the end redoes the last paragraph only.
 *
 * The result is exactly what `toMessageHtml` + `htmlToText` give for the whole document (the tests
 * hold the two side by side): message HTML is a concatenation of its top-level blocks, and the text
 * alternative puts between two blocks the larger of their separators (a blank line after a
 * paragraph, list, quote or rule; a line break after a `div` such as the signature).
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import { htmlToText, PARAGRAPH_BLOCKS, toMessageHtml, type InlineImageRef } from './serialize';

export interface SerializedBody {
  html: string;
  text: string;
  /** Inline images in the document, each contentId once, in document order. */
  inlineImages: InlineImageRef[];
  /**
   * Line breaks the text alternative owes after the last block with text (2 after a paragraph, 1
   * after a signature `div`), for joining text that follows (`QuotedHistoryText`).
   */
  trailingBreaks: number;
}

interface SerializedBlock {
  html: string;
  text: string;
  /** Line breaks the text alternative puts before and after this block (see `htmlToText`). */
  breaks: number;
  inlineImages: InlineImageRef[];
}

// As in htmlToText: these elements stand apart by a blank line, the others by a line break.

export class BodySerializer {
  private blocks = new WeakMap<PMNode, SerializedBlock>();
  private last: { doc: PMNode; body: SerializedBody } | null = null;

  serialize(doc: PMNode): SerializedBody {
    if (this.last?.doc === doc) return this.last.body;
    const html: string[] = [];
    const text: string[] = [];
    const images = new Map<string, InlineImageRef>();
    // Breaks owed since the last block that had text: the largest separator seen since then.
    let owed = 0;
    doc.forEach((node) => {
      const block = this.block(doc, node);
      html.push(block.html);
      for (const image of block.inlineImages) if (!images.has(image.contentId)) images.set(image.contentId, image);
      owed = Math.max(owed, block.breaks);
      if (block.text === '') return;
      if (text.length > 0) text.push('\n'.repeat(owed));
      text.push(block.text);
      owed = block.breaks;
    });
    const body = { html: html.join(''), text: text.join(''), inlineImages: [...images.values()], trailingBreaks: owed };
    this.last = { doc, body };
    return body;
  }

  private block(doc: PMNode, node: PMNode): SerializedBlock {
    const known = this.blocks.get(node);
    if (known) return known;
    const { html, inlineImages } = toMessageHtml(doc.type.create(doc.attrs, node));
    const tag = /^<([a-z][a-z0-9]*)/i.exec(html)?.[1]?.toLowerCase() ?? '';
    const block = { html, text: htmlToText(html), breaks: PARAGRAPH_BLOCKS.has(tag) ? 2 : 1, inlineImages };
    this.blocks.set(node, block);
    return block;
  }
}
