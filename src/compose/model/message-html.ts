/**
 * Message HTML without the editor: cid images ⇄ displayable URLs, quoted history in and out of the
 * body, the formatting check, and HTML ⇄ text. Nothing here imports tiptap, so the compose window,
 * the model's callers and the embed can use it before (or without) the lazily loaded editor;
 * `serialize.ts` re-exports all of it next to `toMessageHtml`, which needs the editor's document.
 */
import { decodeCid } from './cid';
import { resolveAutoDirections } from './text-direction';

// In a module of their own so the embed turns a prefilled body into HTML without loading this one up front.
export { escapeHtml, textToHtml } from './text-html';

const EDITOR_ONLY_IMAGE_ATTRIBUTES = ['data-content-id', 'data-temp-id', 'data-uploading', 'data-upload-error'];

/** Rewrites tiptap's HTML into message HTML (exported for callers holding an HTML string). */
export function editorHtmlToMessageHtml(editorHtml: string): string {
  const body = parseBody(editorHtml);
  for (const img of Array.from(body.querySelectorAll('img'))) {
    const contentId = img.getAttribute('data-content-id');
    const src = img.getAttribute('src') ?? '';
    if (contentId) {
      img.setAttribute('src', `cid:${contentId}`);
    } else if (!/^(https?|cid):/i.test(src)) {
      // A blob: or data: URL means nothing to the recipient; never send it.
      img.remove();
      continue;
    }
    for (const name of EDITOR_ONLY_IMAGE_ATTRIBUTES) img.removeAttribute(name);
  }
  // An empty paragraph has no height in mail clients: keep the blank line the author typed.
  for (const p of Array.from(body.querySelectorAll('p'))) {
    if (p.childNodes.length === 0) p.appendChild(body.ownerDocument.createElement('br'));
  }
  // The editor writes dir="auto" on every block; mail clients get the direction it resolves to.
  resolveAutoDirections(body);
  return body.innerHTML;
}

/** `cid:a%40b` and `cid:<a@b>` both name the part `a@b`; anything else is not a cid URL. */
export function contentIdFromCidUrl(url: string): string | null {
  const match = /^\s*cid:(.+)$/i.exec(url);
  if (!match) return null;
  const id = decodeCid(match[1]);
  return id === '' ? null : id;
}

/** Resolves a Content-ID to a displayable URL (normally a blob: URL of the queue item), or null. */
export type ResolveCid = (contentId: string) => string | null;

/**
 * Message HTML → HTML for `editor.commands.setContent`: each `cid:X` image shows from
 * `resolveCid(X)` and keeps `contentId = X`, so saving writes `cid:X` again.
 */
export function fromMessageHtml(html: string, resolveCid: ResolveCid): string {
  const body = parseBody(html);
  for (const img of Array.from(body.querySelectorAll('img'))) {
    const contentId = contentIdFromCidUrl(img.getAttribute('src') ?? '');
    if (contentId) {
      img.setAttribute('data-content-id', contentId);
      img.setAttribute('src', resolveCid(contentId) ?? '');
    } else if (/^\s*data:/i.test(img.getAttribute('src') ?? '')) {
      // data: URLs are never put in the live document (they make typing slow and bloat saves).
      img.remove();
    }
  }
  return body.innerHTML;
}

/** Every Content-ID referenced by `cid:` images in `html` (e.g. in quoted history being forwarded). */
export function collectCids(html: string): string[] {
  const ids = new Set<string>();
  const body = parseBody(html);
  for (const img of Array.from(body.querySelectorAll('img'))) {
    const id = contentIdFromCidUrl(img.getAttribute('src') ?? '');
    if (id) ids.add(id);
  }
  return [...ids];
}

// ---- Quoted history ----------------------------------------------------------------------------

const QUOTED_ATTRIBUTE = 'data-mc-quoted';

/**
 * The saved/sent body: what the user edits, then the quoted history. Quoted history is never in the
 * live editor (a megabyte of it would slow every keystroke); the compose window keeps it as a
 * string, shows it collapsed, and appends it here. The wrapper lets `splitQuotedHtml` take it back
 * out when a draft is reopened.
 */
export function composeBodyHtml(editorHtml: string, quotedHtml: string | null | undefined): string {
  if (!quotedHtml || quotedHtml.trim() === '') return editorHtml;
  return `${editorHtml}<div ${QUOTED_ATTRIBUTE}="">${quotedHtml}</div>`;
}

/** Inverse of `composeBodyHtml` for reopened drafts; `quotedHtml` is null when there is none. */
export function splitQuotedHtml(html: string): { editorHtml: string; quotedHtml: string | null } {
  const body = parseBody(html);
  const quoted = body.querySelector(`div[${QUOTED_ATTRIBUTE}]`);
  if (!quoted) return { editorHtml: html, quotedHtml: null };
  const quotedHtml = quoted.innerHTML;
  // Anything after the quote (rare: edited elsewhere) stays in the editable part rather than vanish.
  quoted.remove();
  return { editorHtml: body.innerHTML, quotedHtml };
}

// ---- Formatting check, text ⇄ HTML -------------------------------------------------------------

const FORMATTING_SELECTOR = [
  'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'code', 'a[href]', 'ul', 'ol', 'blockquote', 'img',
  'hr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'sub', 'sup', 'font', '[style*="color"]', '[style*="text-align"]',
].join(',');

/** True when converting `html` to plain text would lose anything visible (marks, lists, images…). */
export function hasFormatting(html: string): boolean {
  return parseBody(html).querySelector(FORMATTING_SELECTOR) !== null;
}

/** Blocks the text alternative separates with a blank line (the rest with one line break). */
export const PARAGRAPH_BLOCKS = new Set(['p', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'hr']);
const LINE_BLOCKS = new Set(['div', 'li', 'tr', 'section', 'article', 'header', 'footer', 'center', 'dd', 'dt', 'dl', 'address']);
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript']);

/**
 * The text alternative of a message: paragraphs separated by a blank line, <br> as a newline,
 * lists with "- " or "1. ", links as "text <url>", quotes prefixed "> ", images as "[alt]".
 */
export function htmlToText(html: string): string {
  const text = renderBlock(parseBody(html), false);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

function renderBlock(el: Element, preformatted: boolean): string {
  const out = new TextOut();
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) {
      out.appendInline(child.textContent ?? '', preformatted);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const node = child as Element;
    const tag = node.tagName.toLowerCase();
    if (SKIPPED.has(tag)) continue;
    if (tag === 'br') {
      out.trimEnd(' ');
      out.append('\n');
      continue;
    }
    if (tag === 'img') {
      out.append(`[${(node.getAttribute('alt') ?? '').trim() || 'image'}]`);
      continue;
    }
    if (tag === 'a') {
      out.append(renderLink(node, preformatted));
      continue;
    }
    if (PARAGRAPH_BLOCKS.has(tag) || LINE_BLOCKS.has(tag)) {
      const separator = PARAGRAPH_BLOCKS.has(tag) ? 2 : 1;
      out.ensureBreak(separator);
      out.append(renderBlockElement(node, tag, preformatted));
      out.ensureBreak(separator);
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      if (node.previousElementSibling) out.append(' | ');
      out.append(renderBlock(node, preformatted).replace(/\n+/g, ' ').trim());
      continue;
    }
    out.append(renderBlock(node, preformatted || tag === 'pre'));
  }
  return out.toString();
}

function renderBlockElement(node: Element, tag: string, preformatted: boolean): string {
  switch (tag) {
    case 'hr':
      return '----------';
    case 'blockquote':
      return trimBreaks(renderBlock(node, preformatted))
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'ul':
    case 'ol':
      return renderList(node, tag === 'ol', preformatted);
    case 'pre':
      return renderBlock(node, true);
    default:
      return trimBreaks(renderBlock(node, preformatted));
  }
}

function renderList(list: Element, ordered: boolean, preformatted: boolean): string {
  const start = Number(list.getAttribute('start') ?? '1');
  let n = Number.isFinite(start) ? start : 1;
  const lines: string[] = [];
  for (const item of Array.from(list.children)) {
    if (item.tagName.toLowerCase() !== 'li') continue;
    const marker = ordered ? `${n}. ` : '- ';
    n += 1;
    const body = trimBreaks(renderBlock(item, preformatted)).replace(/\n{2,}/g, '\n');
    const indent = ' '.repeat(marker.length);
    lines.push(
      body
        .split('\n')
        .map((line, i) => (i === 0 ? marker + line : line === '' ? '' : indent + line))
        .join('\n'),
    );
  }
  return lines.join('\n');
}

function renderLink(a: Element, preformatted: boolean): string {
  const text = renderBlock(a, preformatted).trim();
  const href = (a.getAttribute('href') ?? '').trim();
  if (!href || !/^(https?|mailto):/i.test(href)) return text;
  const bare = href.replace(/^mailto:/i, '');
  if (text === '' ) return href;
  if (text === href || text === bare || `${text}/` === href) return text;
  return `${text} <${href}>`;
}

/**
 * The text being built, kept as pieces: the checks at its end (trailing spaces and line breaks) look
 * only at the last pieces. Testing the end of one growing string (a `$` regex, or indexing a
 * concatenated string, which flattens it) costs its whole length each time, and once per block that
 * made a long body quadratic — 5 MB of paragraphs froze the page for seconds on every save.
 */
class TextOut {
  private readonly parts: string[] = [];

  append(text: string): void {
    if (text !== '') this.parts.push(text);
  }

  appendInline(text: string, preformatted: boolean): void {
    if (preformatted) return this.append(text);
    let collapsed = text.replace(/[\t\n\r\f ]+/g, ' ');
    const last = this.lastChar();
    if (last === '' || last === '\n' || last === ' ') collapsed = collapsed.replace(/^ /, '');
    this.append(collapsed);
  }

  /** Drops trailing characters of `chars` (across pieces). */
  trimEnd(chars: string): void {
    while (this.parts.length > 0) {
      const piece = this.parts[this.parts.length - 1]!;
      let end = piece.length;
      while (end > 0 && chars.includes(piece[end - 1]!)) end -= 1;
      if (end > 0) {
        if (end < piece.length) this.parts[this.parts.length - 1] = piece.slice(0, end);
        return;
      }
      this.parts.pop();
    }
  }

  /** Ends the text with at least `count` line breaks (none at the very start). */
  ensureBreak(count: number): void {
    this.trimEnd(' \t');
    if (this.parts.length === 0) return;
    let existing = 0;
    for (let i = this.parts.length - 1; i >= 0 && existing < count; i -= 1) {
      const piece = this.parts[i]!;
      let j = piece.length - 1;
      while (j >= 0 && piece.charCodeAt(j) === 10 && existing < count) {
        existing += 1;
        j -= 1;
      }
      if (j >= 0) break;
    }
    if (existing < count) this.parts.push('\n'.repeat(count - existing));
  }

  private lastChar(): string {
    const piece = this.parts[this.parts.length - 1];
    return piece ? piece[piece.length - 1]! : '';
  }

  toString(): string {
    return this.parts.join('');
  }
}

function trimBreaks(text: string): string {
  return text.replace(/^\n+|\n+$/g, '');
}

function parseBody(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html').body;
}
