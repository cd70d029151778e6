/**
 * Cleans HTML pasted from Word, Outlook, Google Docs and web pages before tiptap parses it.
 *
 * Keeps what a mail body can hold (paragraphs, line breaks, lists, quotes, bold/italic/underline/
 * strike, inline code, colour, alignment, links, http(s) images) and drops the rest: Office XML and
 * conditional comments, `mso-*` and font styles, classes, Google's `docs-internal-guid` wrapper.
 * Word's fake lists (paragraphs styled `mso-list`) become real lists; tables become one paragraph
 * per row because the editor has no table node and a flattened row keeps its cells readable.
 */

const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'meta', 'link', 'title', 'head', 'xml', 'template', 'iframe', 'object', 'embed',
  'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'canvas', 'video', 'audio', 'noscript',
]);

/** Elements whose tag we keep (attributes are filtered separately). */
const KEEP_TAGS = new Set([
  'p', 'br', 'ul', 'ol', 'li', 'blockquote', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'code',
  'a', 'img', 'hr', 'span', 'div', 'sub', 'sup',
]);

const BLOCK_TAGS = new Set(['p', 'div', 'ul', 'ol', 'li', 'blockquote', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table']);

export function cleanPastedHtml(html: string): string {
  // Copied from a ProseMirror editor (this one, mostly): already in our shape, and `data-pm-slice`
  // tells ProseMirror how the copied range was open, which cleaning would throw away. The schema
  // still decides what survives the parse.
  if (/<[^>]+\sdata-pm-slice=/i.test(html)) return html;
  // Conditional comments carry VML fallbacks and duplicate content; remove them before parsing so
  // the "downlevel-revealed" variant (<![if !supportLists]>) does not leak its bullet glyphs.
  const withoutConditionals = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!\[if[^\]]*\]>/gi, '')
    .replace(/<!\[endif\]>/gi, '');
  const doc = new DOMParser().parseFromString(withoutConditionals, 'text/html');
  const body = doc.body;
  removeComments(body);
  unwrapGoogleDocsWrapper(body);
  convertWordLists(body);
  cleanTree(body);
  return body.innerHTML.trim();
}

function removeComments(root: Node): void {
  const walker = root.ownerDocument!.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
}

function unwrapGoogleDocsWrapper(body: HTMLElement): void {
  for (const el of Array.from(body.querySelectorAll('[id^="docs-internal-guid"]'))) unwrap(el);
}

function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

function styleOf(el: Element): Map<string, string> {
  const map = new Map<string, string>();
  const style = el.getAttribute('style') ?? '';
  for (const part of style.split(';')) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const name = part.slice(0, i).trim().toLowerCase();
    const value = part.slice(i + 1).trim();
    if (name) map.set(name, value);
  }
  return map;
}

// ---- Word lists -----------------------------------------------------------------------------

interface WordListItem {
  el: Element;
  level: number;
  ordered: boolean;
}

function wordListInfo(el: Element): WordListItem | null {
  if (el.tagName.toLowerCase() !== 'p') return null;
  const msoList = styleOf(el).get('mso-list');
  const className = el.getAttribute('class') ?? '';
  if (!msoList && !/MsoListParagraph/i.test(className)) return null;
  if (msoList && /^\s*ignore\s*$/i.test(msoList)) return null;
  const level = Number(/level(\d+)/i.exec(msoList ?? '')?.[1] ?? '1');
  const marker = wordListMarker(el);
  if (!msoList && marker === null) return null;
  const ordered = marker !== null && /^[(]?([0-9]+|[a-z]{1,4})[.)]$/i.test(marker.trim()) && !/^[·o§▪•\-–]$/.test(marker.trim());
  return { el, level: Number.isFinite(level) && level > 0 ? level : 1, ordered };
}

/** The bullet or number Word renders in a span styled `mso-list:Ignore`. */
function wordListMarker(el: Element): string | null {
  for (const span of Array.from(el.querySelectorAll('span'))) {
    if (/mso-list\s*:\s*ignore/i.test(span.getAttribute('style') ?? '')) {
      return (span.textContent ?? '').replace(/\u00a0/g, ' ').trim();
    }
  }
  return null;
}

function removeWordListMarkers(el: Element): void {
  for (const span of Array.from(el.querySelectorAll('span'))) {
    if (/mso-list\s*:\s*ignore/i.test(span.getAttribute('style') ?? '')) span.remove();
  }
}

function convertWordLists(body: HTMLElement): void {
  const doc = body.ownerDocument;
  const paragraphs = Array.from(body.querySelectorAll('p'));
  let i = 0;
  while (i < paragraphs.length) {
    const first = wordListInfo(paragraphs[i]);
    if (!first) {
      i += 1;
      continue;
    }
    const run: WordListItem[] = [first];
    let j = i + 1;
    while (j < paragraphs.length) {
      const next = wordListInfo(paragraphs[j]);
      if (!next || !areAdjacent(run[run.length - 1].el, next.el)) break;
      run.push(next);
      j += 1;
    }
    const rootList = buildList(doc, run);
    run[0].el.parentNode!.insertBefore(rootList, run[0].el);
    for (const item of run) item.el.remove();
    i = j;
  }
}

function areAdjacent(a: Element, b: Element): boolean {
  let n = a.nextSibling;
  while (n && n.nodeType === 3 && !(n.textContent ?? '').trim()) n = n.nextSibling;
  return n === b;
}

function buildList(doc: Document, items: WordListItem[]): Element {
  const base = items[0].level;
  const root = doc.createElement(items[0].ordered ? 'ol' : 'ul');
  const stack: { list: Element; level: number }[] = [{ list: root, level: base }];
  for (const item of items) {
    const level = Math.max(item.level, base);
    while (stack.length > 1 && stack[stack.length - 1].level > level) stack.pop();
    let top = stack[stack.length - 1];
    if (level > top.level) {
      const parentLi = top.list.lastElementChild ?? top.list.appendChild(doc.createElement('li'));
      const nested = doc.createElement(item.ordered ? 'ol' : 'ul');
      parentLi.appendChild(nested);
      top = { list: nested, level };
      stack.push(top);
    }
    removeWordListMarkers(item.el);
    const li = doc.createElement('li');
    const p = doc.createElement('p');
    while (item.el.firstChild) p.appendChild(item.el.firstChild);
    li.appendChild(p);
    top.list.appendChild(li);
  }
  return root;
}

// ---- General cleaning -------------------------------------------------------------------------

function cleanTree(root: Element): void {
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === 1) cleanElement(child as Element);
  }
}

function cleanElement(el: Element): void {
  const tag = el.tagName.toLowerCase();
  if (DROP_WITH_CONTENT.has(tag)) {
    el.remove();
    return;
  }
  // Office namespaces: <o:p>, <w:sdt>, <v:shape>, <st1:place>. Their text (if any) is kept.
  if (tag.includes(':')) {
    if (tag === 'o:p' || tag.startsWith('v:') || tag.startsWith('w:data')) {
      el.remove();
      return;
    }
    cleanTree(el);
    unwrap(el);
    return;
  }
  if (tag === 'table') {
    flattenTable(el);
    return;
  }
  if (/^h[1-6]$/.test(tag)) {
    // No heading node in a mail body: a heading stays visible as a bold paragraph.
    const p = replaceTag(el, 'p');
    const strong = el.ownerDocument.createElement('strong');
    while (p.firstChild) strong.appendChild(p.firstChild);
    p.appendChild(strong);
    cleanElement(p);
    return;
  }
  if (tag === 'pre') {
    const p = replaceTag(el, 'p');
    const lines = (p.textContent ?? '').replace(/\n$/, '').split('\n');
    p.textContent = '';
    lines.forEach((line, index) => {
      if (index > 0) p.appendChild(el.ownerDocument.createElement('br'));
      const code = el.ownerDocument.createElement('code');
      code.textContent = line;
      p.appendChild(code);
    });
    return;
  }
  if (tag === 'font') {
    const color = el.getAttribute('color');
    const span = replaceTag(el, 'span');
    if (color) span.setAttribute('style', `color: ${color}`);
    cleanElement(span);
    return;
  }
  if (!KEEP_TAGS.has(tag)) {
    cleanTree(el);
    if (BLOCK_TAGS.has(tag) || tag === 'section' || tag === 'article' || tag === 'center') {
      replaceTag(el, 'div');
    } else {
      unwrap(el);
    }
    return;
  }

  if (tag === 'img') {
    cleanImage(el);
    return;
  }

  const style = styleOf(el);
  const keptAttributes = new Map<string, string>();
  if (tag === 'a') {
    const href = el.getAttribute('href') ?? '';
    if (/^(https?:|mailto:)/i.test(href.trim())) keptAttributes.set('href', href.trim());
  }
  if (tag === 'ol') {
    const start = el.getAttribute('start');
    if (start && /^\d+$/.test(start)) keptAttributes.set('start', start);
  }
  if (/^(p|div|li|ul|ol|blockquote)$/.test(tag)) {
    // A right-to-left block the writer set (Word writes dir=RTL, web pages a style) stays so; the
    // editor keeps it only where the text's own letters would not give it. Left-to-right is left to
    // the letters: Google Docs marks every block dir="ltr", Arabic ones included.
    const dir = (el.getAttribute('dir') ?? style.get('direction') ?? '').trim().toLowerCase();
    if (dir === 'rtl') keptAttributes.set('dir', dir);
  }
  const keptStyle: string[] = [];
  if (tag === 'p' || tag === 'div' || tag === 'li') {
    const align = style.get('text-align') ?? el.getAttribute('align') ?? '';
    if (/^(center|right|justify)$/i.test(align)) keptStyle.push(`text-align: ${align.toLowerCase()}`);
  }
  const color = style.get('color');
  if (tag === 'span' && color && !isDefaultTextColor(color)) keptStyle.push(`color: ${color}`);
  for (const name of el.getAttributeNames()) el.removeAttribute(name);
  for (const [name, value] of keptAttributes) el.setAttribute(name, value);
  if (keptStyle.length > 0) el.setAttribute('style', keptStyle.join('; '));

  cleanTree(el);
  if (tag === 'a' && !el.hasAttribute('href')) {
    unwrap(el);
    return;
  }
  // Docs and web pages express emphasis with styles on spans; turn those into real marks.
  if (tag === 'span' || tag === 'p' || tag === 'li' || tag === 'div' || tag === 'a') wrapStyleMarks(el, style);
  if (tag === 'span' && !el.hasAttribute('style')) unwrap(el);
}

function isDefaultTextColor(color: string): boolean {
  const c = color.replace(/\s+/g, '').toLowerCase();
  return c === '#000000' || c === '#000' || c === 'black' || c === 'rgb(0,0,0)' || c === 'windowtext' || c === 'inherit' || c === 'initial';
}

function wrapStyleMarks(el: Element, style: Map<string, string>): void {
  const wrappers: string[] = [];
  const weight = style.get('font-weight') ?? '';
  if (/^(bold|bolder|[6-9]00)$/i.test(weight)) wrappers.push('strong');
  if (/italic|oblique/i.test(style.get('font-style') ?? '')) wrappers.push('em');
  const decoration = `${style.get('text-decoration') ?? ''} ${style.get('text-decoration-line') ?? ''}`;
  if (/underline/i.test(decoration)) wrappers.push('u');
  if (/line-through/i.test(decoration)) wrappers.push('s');
  if (/monospace|courier|consolas/i.test(style.get('font-family') ?? '') && el.tagName.toLowerCase() === 'span') wrappers.push('code');
  if (wrappers.length === 0 || !el.firstChild) return;
  // A block's style applies to its inline content, so wrap inside it; a span is wrapped in place.
  const doc = el.ownerDocument;
  let inner: Element | null = null;
  let outer: Element | null = null;
  for (const tag of wrappers) {
    const w = doc.createElement(tag);
    if (inner) inner.appendChild(w);
    else outer = w;
    inner = w;
  }
  while (el.firstChild) inner!.appendChild(el.firstChild);
  el.appendChild(outer!);
}

function cleanImage(el: Element): void {
  const src = (el.getAttribute('src') ?? '').trim();
  const keep = /^https?:/i.test(src) || (/^blob:/i.test(src) && el.hasAttribute('data-content-id'));
  if (!keep) {
    // data:, file:// (Word's local temp files) and cid: of another message cannot be shown here.
    el.remove();
    return;
  }
  const alt = el.getAttribute('alt');
  const width = el.getAttribute('width') ?? styleOf(el).get('width')?.replace(/px$/, '');
  const contentId = el.getAttribute('data-content-id');
  for (const name of el.getAttributeNames()) el.removeAttribute(name);
  el.setAttribute('src', src);
  if (alt) el.setAttribute('alt', alt);
  if (width && /^\d+(\.\d+)?$/.test(width)) el.setAttribute('width', String(Math.round(Number(width))));
  if (contentId) el.setAttribute('data-content-id', contentId);
}

function replaceTag(el: Element, tag: string): Element {
  const replacement = el.ownerDocument.createElement(tag);
  for (const name of el.getAttributeNames()) replacement.setAttribute(name, el.getAttribute(name)!);
  while (el.firstChild) replacement.appendChild(el.firstChild);
  el.replaceWith(replacement);
  return replacement;
}

function flattenTable(table: Element): void {
  const doc = table.ownerDocument;
  const rows = Array.from(table.querySelectorAll('tr'));
  const out = doc.createElement('div');
  for (const row of rows) {
    const p = doc.createElement('p');
    const cells = Array.from(row.children).filter((c) => /^(td|th)$/i.test(c.tagName));
    cells.forEach((cell, index) => {
      if (index > 0) p.appendChild(doc.createTextNode(' | '));
      cleanTree(cell);
      appendCellInline(cell, p);
    });
    if ((p.textContent ?? '').trim() !== '' || p.querySelector('img')) out.appendChild(p);
  }
  table.replaceWith(...Array.from(out.childNodes));
}

/** A cell's paragraphs become line breaks so the row stays one paragraph. */
function appendCellInline(cell: Element, target: Element): void {
  let first = true;
  const blocks = Array.from(cell.childNodes);
  for (const node of blocks) {
    if (node.nodeType === 1 && BLOCK_TAGS.has((node as Element).tagName.toLowerCase())) {
      if (!(node.textContent ?? '').trim() && !(node as Element).querySelector('img')) continue;
      if (!first) target.appendChild(cell.ownerDocument.createElement('br'));
      while (node.firstChild) target.appendChild(node.firstChild);
      first = false;
    } else if (node.nodeType === 3) {
      if (!(node.textContent ?? '').trim()) continue;
      target.appendChild(node);
      first = false;
    } else {
      target.appendChild(node);
      first = false;
    }
  }
}
