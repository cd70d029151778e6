/**
 * The one email sanitising profile, used by the reader and by quoting in replies and forwards.
 *
 * DOMPurify does the HTML work; this profile narrows its defaults to what mail may carry and adds the
 * email-specific rules DOMPurify cannot know (docs: perf-reliability anchors B1, Proton's and
 * Roundcube's profiles):
 * - HTML only: SVG and MathML are dropped whole (SVG `<use href=data:…>` and `animate` are the
 *   Roundcube CVE classes; an inert SVG is not worth that surface in mail).
 * - No forms or controls (phishing), no `action`/`formaction`, no `base` (it redirects every relative
 *   link), `meta` (refresh), `link`, frames, `object`/`embed`/`applet`, media elements, `srcset` and
 *   `background` (tracking channels), `ping`.
 * - `<style>` elements are dropped, inline `style` is kept but cleaned (see css.ts). A `<style>` block
 *   styles whatever document the HTML lands in — the quote sits inside the compose window's document
 *   before the editor parses it — and the style sanitiser is where Roundcube's recent XSS and
 *   disclosure bugs were; inline styles carry most of real mail's formatting. `class` is dropped
 *   for the same reason: with no stylesheet of its own it can only match the app's CSS (UI spoofing).
 * - `id`/`name` are prefixed (`user-content-…`) so mail cannot clobber DOM properties or hijack the
 *   app's ids (an `aria-labelledby` target, a `getElementById`); `#fragment` links, `usemap` and
 *   id-reference attributes (`aria-labelledby`, `for`, `headers`…) follow the prefix.
 * - Images: `cid:` only through `resolveCid` (parts of the same message or draft; an unknown cid is
 *   removed and reported — cid spoofing); `data:` only for PNG, JPEG, GIF and WebP; remote images
 *   blocked unless allowed (the URL is kept in `data-remote-src` for "Show images") and counted;
 *   relative URLs, which would resolve against the app's origin, are removed.
 * - Links open in a new tab with `rel="noopener noreferrer"`.
 * - The result is stable under re-parsing (mutation XSS): it is re-parsed and re-sanitised until
 *   serialising gives the same string, and refused if that does not happen.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { cleanStyle } from './css';

export interface SanitizeOptions {
  /** Maps a Content-ID (no `cid:`, no angle brackets) to a URL for that part of the same message. */
  resolveCid?: (cid: string) => string | undefined;
  allowRemoteImages: boolean;
}

export interface SanitizeResult {
  html: string;
  /** Remote images whose `src` was withheld (0 when remote images are allowed). */
  blockedRemoteImages: number;
  /** Content-IDs referenced by the HTML that are not parts of this message, each once. */
  unresolvedCids: string[];
}

/** The attribute that keeps a blocked remote image's URL, so "Show images" can restore it. */
export const REMOTE_SRC_ATTRIBUTE = 'data-remote-src';

const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpeg|jpg|gif|webp)(?:;[a-z0-9=.+-]+)*(?:;base64)?,/i;
const REMOTE = /^(?:https?:)?\/\//i;
// URLs our own resolveCid may hand back: object URLs, a re-pointed cid: of the draft's own part,
// safe data images, http(s), or same-origin paths.
const TRUSTED_RESOLVED = /^(?:blob:|cid:|https?:\/\/|\/(?!\/))/i;
const ABSOLUTE_LINK = /^(?:https?|mailto|tel):/i;
const NAMED_PREFIX = 'user-content-';
const DANGEROUS_SCHEME = /^(?:javascript|vbscript|livescript|mocha):|^data:text\/html/i;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0020\u007F-\u00A0\u00AD\u200B-\u200F\u2028\u2029\uFEFF]/g;

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style', 'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output',
    'base', 'meta', 'link', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal',
    'audio', 'video', 'source', 'track', 'picture', 'noscript', 'template', 'svg', 'math', 'dialog',
  ],
  FORBID_ATTR: ['action', 'formaction', 'srcset', 'sizes', 'background', 'ping', 'poster', 'class', 'longdesc', 'form', 'autofocus', 'popover', 'popovertarget'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  // blob: passes here only so that a URL resolveCid gave us survives a second pass; the hooks below
  // remove every blob: (and every other src/href) they did not produce themselves.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel|cid|blob):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

/** Later passes re-read our own output: the remote-image marker is ours there, not the sender's. */
const LATER_PASS_CONFIG: Config = { ...CONFIG, ADD_ATTR: [REMOTE_SRC_ATTRIBUTE] };

interface CallState {
  options: SanitizeOptions;
  blocked: number;
  unresolved: Set<string>;
  /** URLs resolveCid returned during this call: the only non-remote, non-data srcs a later pass keeps. */
  resolved: Set<string>;
}

let purifier: Purifier | null = null;
let state: CallState | null = null;

/** `cid:<part@x>` / `cid:part%40x` → `part@x`. */
export function normalizeCid(url: string): string {
  let cid = url.trim().replace(/^cid:/i, '');
  try {
    cid = decodeURIComponent(cid);
  } catch {
    // A malformed escape is kept as written; it will simply not match a part.
  }
  return cid.replace(/^<|>$/g, '').trim();
}

/** A `cid:` URL resolved to the message's own part, or null (and reported) when it is not one. */
function resolveCid(call: CallState, url: string): string | null {
  const cid = normalizeCid(url);
  const resolved = cid ? call.options.resolveCid?.(cid) : undefined;
  if (resolved && (TRUSTED_RESOLVED.test(resolved) || SAFE_DATA_IMAGE.test(resolved))) {
    call.resolved.add(resolved);
    return resolved;
  }
  call.unresolved.add(cid);
  return null;
}

function cleanImageSource(call: CallState, img: Element): void {
  const src = (img.getAttribute('src') ?? '').trim();
  if (src === '') return;
  if (call.resolved.has(src)) return;
  if (/^cid:/i.test(src)) {
    const resolved = resolveCid(call, src);
    if (resolved === null) img.removeAttribute('src');
    else img.setAttribute('src', resolved);
  } else if (SAFE_DATA_IMAGE.test(src)) {
    // kept: an embedded raster image fetches nothing
  } else if (REMOTE.test(src)) {
    if (call.options.allowRemoteImages) {
      img.setAttribute('referrerpolicy', 'no-referrer');
    } else {
      img.removeAttribute('src');
      img.setAttribute(REMOTE_SRC_ATTRIBUTE, src);
      call.blocked += 1;
    }
  } else {
    img.removeAttribute('src');
  }
}

function cleanLink(link: Element): void {
  const href = (link.getAttribute('href') ?? '').trim();
  if (href === '') {
    link.removeAttribute('href');
  } else if (href.startsWith('#')) {
    const target = href.slice(1);
    link.setAttribute('href', `#${target.startsWith(NAMED_PREFIX) ? target : NAMED_PREFIX + target}`);
    link.removeAttribute('target');
    return;
  } else if (!ABSOLUTE_LINK.test(href)) {
    // Relative, protocol-relative or cid: links mean nothing in a message (and would hit our origin).
    link.removeAttribute('href');
  }
  // Removed first so that the attributes always come out in one order (idempotent output).
  link.removeAttribute('target');
  link.removeAttribute('rel');
  if (link.hasAttribute('href')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
}

// Attributes that point at ids: they follow the id prefix, so mail can neither label nor control the
// app's own elements (an aria-labelledby aimed at the Send button) once it sits in the app's document.
const IDREF_LIST_ATTRIBUTES = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-flowto', 'aria-details', 'headers'];
const IDREF_ATTRIBUTES = ['aria-activedescendant', 'aria-errormessage', 'for', 'list'];

function prefixIdReferences(element: Element): void {
  const prefix = (id: string) => (id.startsWith(NAMED_PREFIX) ? id : NAMED_PREFIX + id);
  for (const name of IDREF_LIST_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) element.setAttribute(name, value.split(/\s+/).filter(Boolean).map(prefix).join(' '));
  }
  for (const name of IDREF_ATTRIBUTES) {
    const value = element.getAttribute(name)?.trim();
    if (value) element.setAttribute(name, prefix(value));
  }
  const usemap = element.getAttribute('usemap')?.trim();
  if (usemap?.startsWith('#')) element.setAttribute('usemap', `#${prefix(usemap.slice(1))}`);
}

function cleanStyleAttribute(call: CallState, element: Element): void {
  const style = element.getAttribute('style');
  if (style === null) return;
  const cleaned = cleanStyle(style, (url) => {
    if (call.resolved.has(url)) return url;
    if (/^cid:/i.test(url)) return resolveCid(call, url);
    if (SAFE_DATA_IMAGE.test(url)) return url;
    // Remote url() is removed even when images are allowed: CSS fetches are a read-tracking and
    // data-exfiltration channel (attribute selectors + url()), and nothing in mail needs them.
    return null;
  });
  if (cleaned === '') element.removeAttribute('style');
  else element.setAttribute('style', cleaned);
}

function getPurifier(): Purifier {
  if (purifier) return purifier;
  if (typeof window === 'undefined') throw new Error('sanitizeEmailHtml needs a DOM (a browser, or jsdom in tests).');
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    // DOMPurify checks schemes only on URL attributes; a script URL in any attribute (a title, an
    // aria-label) has no business in mail and could become a URL wherever it is copied.
    if (DANGEROUS_SCHEME.test(data.attrValue.replace(INVISIBLE, ''))) data.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    const call = state;
    if (!call || node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    if (tag === 'img') cleanImageSource(call, element);
    if (tag === 'a' || tag === 'area') cleanLink(element);
    prefixIdReferences(element);
    cleanStyleAttribute(call, element);
  });
  purifier = instance;
  return instance;
}

/** Serialises what `html` parses to: the browser's own reading of a string. */
function reparse(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.innerHTML;
}

const MAX_STABILISE_PASSES = 3;

/**
 * Sanitises email HTML with the email profile. Pure apart from needing a DOM; safe to call for every
 * render (the reader) and for quoting. Never throws on hostile input.
 */
export function sanitizeEmailHtml(html: string, options: SanitizeOptions): SanitizeResult {
  const instance = getPurifier();
  const call: CallState = { options, blocked: 0, unresolved: new Set(), resolved: new Set() };
  const run = (input: string, config: Config): string => {
    state = call;
    try {
      return instance.sanitize(input, { ...config, RETURN_TRUSTED_TYPE: false }) as string;
    } finally {
      state = null;
    }
  };
  let out = run(html, CONFIG);
  let stable = false;
  for (let pass = 0; pass < MAX_STABILISE_PASSES && !stable; pass += 1) {
    const again = reparse(out);
    if (again === out) {
      stable = true;
    } else {
      // Blocked images and removed cids of the first pass carry no src any more, so the counts stay
      // those of the first pass plus anything a re-read newly exposes.
      out = run(again, LATER_PASS_CONFIG);
    }
  }
  if (!stable) {
    // Markup that keeps changing under re-parsing is the signature of mutation XSS: show it as text.
    const text = document.createElement('template');
    text.innerHTML = out;
    const pre = document.createElement('pre');
    pre.textContent = text.content.textContent ?? '';
    return { html: pre.outerHTML, blockedRemoteImages: 0, unresolvedCids: [] };
  }
  return { html: out, blockedRemoteImages: call.blocked, unresolvedCids: [...call.unresolved] };
}
