// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import emailVectors from './__fixtures__/email-vectors.json';
import xssVectors from './__fixtures__/xss-vectors.json';
import { normalizeCid, REMOTE_SRC_ATTRIBUTE, sanitizeEmailHtml, type SanitizeOptions } from './index';

interface EmailVector {
  name: string;
  payload: string;
  options?: { allowRemoteImages?: boolean; cids?: Record<string, string> };
  expect: {
    absent?: string[];
    present?: string[];
    notContains?: string[];
    blockedRemoteImages?: number;
    unresolvedCids?: string[];
  };
}

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'srcset', 'data', 'cite', 'ping'];
const SCRIPT_URL = /^(?:javascript|vbscript):|^data:text\/html/i;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0020\u007F-\u00A0\u00AD\u200B-\u200F\uFEFF]/g;

function parse(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function serialise(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.innerHTML;
}

/** The safety properties of the fixtures README, checked on the re-parsed output. */
function safetyProblems(html: string): string[] {
  const problems: string[] = [];
  const root = parse(html);
  const all = [...root.querySelectorAll('*')];
  if (root.querySelector('script')) problems.push('a <script> remains');
  for (const tag of ['base', 'meta', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'link', 'style', 'svg', 'math', 'input', 'button']) {
    if (root.querySelector(tag)) problems.push(`a <${tag}> remains`);
  }
  for (const element of all) {
    for (const attr of [...element.attributes]) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(INVISIBLE, '');
      if (name.startsWith('on')) problems.push(`${element.tagName} has ${name}`);
      if (['action', 'formaction', 'srcset', 'background'].includes(name)) problems.push(`${element.tagName} has ${name}`);
      if (SCRIPT_URL.test(value)) problems.push(`${element.tagName}[${name}] is a script URL`);
      if (URL_ATTRIBUTES.includes(name) && /^data:/i.test(value) && !/^data:image\/(?:png|jpeg|jpg|gif|webp)[;,]/i.test(value)) {
        problems.push(`${element.tagName}[${name}] is a non-image data: URL`);
      }
      if (name === 'style' && /expression\(|javascript:|behavior|-moz-binding|@import|url\(\s*["']?(?:https?:)?\/\//i.test(value)) {
        problems.push(`${element.tagName} has a dangerous style: ${attr.value}`);
      }
    }
  }
  if (serialise(html) !== html) problems.push('the output changes when re-parsed (mXSS round-trip)');
  return problems;
}

const blockAll: SanitizeOptions = { allowRemoteImages: false, resolveCid: () => undefined };

describe('every payload of xss-vectors.json through the email profile', () => {
  const vectors = xssVectors as string[];

  it('has the 221 payloads the README describes', () => {
    expect(vectors).toHaveLength(221);
  });

  it.each(vectors.map((payload, i) => [i, payload.slice(0, 60), payload] as const))(
    '#%i %s — safe, with remote images blocked',
    (_, __, payload) => {
      const { html } = sanitizeEmailHtml(payload, blockAll);
      expect(safetyProblems(html)).toEqual([]);
    },
  );

  it.each(vectors.map((payload, i) => [i, payload.slice(0, 60), payload] as const))(
    '#%i %s — safe, with remote images allowed',
    (_, __, payload) => {
      const { html } = sanitizeEmailHtml(payload, { allowRemoteImages: true });
      expect(safetyProblems(html)).toEqual([]);
    },
  );

  it('keeps the harmless regression cases harmless, not empty', () => {
    const { html } = sanitizeEmailHtml('<div aria-labelledby="msg--title" role="dialog"><i></i>some button</div>', blockAll);
    expect(html).toBe('<div aria-labelledby="user-content-msg--title" role="dialog"><i></i>some button</div>');
  });
});

describe("the project's email vectors (email-vectors.json)", () => {
  const vectors = emailVectors as EmailVector[];

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    const cids = vector.options?.cids;
    const result = sanitizeEmailHtml(vector.payload, {
      allowRemoteImages: vector.options?.allowRemoteImages ?? false,
      ...(cids ? { resolveCid: (cid: string) => cids[cid] } : {}),
    });
    expect(safetyProblems(result.html)).toEqual([]);
    const root = parse(result.html);
    for (const selector of vector.expect.absent ?? []) expect(root.querySelector(selector), `${selector} in ${result.html}`).toBeNull();
    for (const selector of vector.expect.present ?? []) expect(root.querySelector(selector), `${selector} in ${result.html}`).not.toBeNull();
    for (const text of vector.expect.notContains ?? []) expect(result.html.toLowerCase()).not.toContain(text.toLowerCase());
    if (vector.expect.blockedRemoteImages !== undefined) expect(result.blockedRemoteImages).toBe(vector.expect.blockedRemoteImages);
    if (vector.expect.unresolvedCids !== undefined) expect(result.unresolvedCids).toEqual(vector.expect.unresolvedCids);
  });
});

describe('sanitizeEmailHtml behaviour', () => {
  it('reports each unresolved cid once and resolves the known ones, in images and styles', () => {
    const seen: string[] = [];
    const result = sanitizeEmailHtml(
      '<img src="cid:a@x"><img src="cid:b@x"><img src="cid:b@x"><div style="background-image: url(cid:a@x)">x</div>',
      { allowRemoteImages: false, resolveCid: (cid) => (seen.push(cid), cid === 'a@x' ? 'blob:https://app.test/a' : undefined) },
    );
    expect(result.unresolvedCids).toEqual(['b@x']);
    expect(result.html).toContain('<img src="blob:https://app.test/a">');
    expect(result.html).toContain('url(&quot;blob:https://app.test/a&quot;)');
    expect(seen).toEqual(expect.arrayContaining(['a@x', 'b@x']));
  });

  it('lets resolveCid re-point a cid to a part of the draft (for quoting)', () => {
    const result = sanitizeEmailHtml('<img src="cid:orig@x">', { allowRemoteImages: false, resolveCid: () => 'cid:copy-1@draft' });
    expect(result.html).toBe('<img src="cid:copy-1@draft">');
    expect(result.unresolvedCids).toEqual([]);
  });

  it('keeps the remote URL for "Show images" and restores it when allowed', () => {
    const payload = '<p>Hi</p><img src="https://images.test/a.png" alt="A">';
    const blocked = sanitizeEmailHtml(payload, blockAll);
    expect(blocked.blockedRemoteImages).toBe(1);
    expect(parse(blocked.html).querySelector('img')?.getAttribute(REMOTE_SRC_ATTRIBUTE)).toBe('https://images.test/a.png');
    const shown = sanitizeEmailHtml(payload, { allowRemoteImages: true });
    expect(shown.blockedRemoteImages).toBe(0);
    expect(parse(shown.html).querySelector('img')?.getAttribute('src')).toBe('https://images.test/a.png');
  });

  it('keeps ordinary email formatting', () => {
    const html =
      '<table width="100%" cellpadding="0"><tbody><tr><td align="center" style="color: #333; font-family: Arial, sans-serif; padding: 8px">' +
      '<h1>Title</h1><p>Some <b>bold</b>, <i>italic</i> and <a href="https://example.test/">a link</a>.</p>' +
      '<blockquote type="cite"><p>quoted</p></blockquote></td></tr></tbody></table>';
    const { html: out } = sanitizeEmailHtml(html, blockAll);
    const root = parse(out);
    expect(root.querySelector('td')?.getAttribute('style')).toBe('color: #333; font-family: Arial, sans-serif; padding: 8px');
    expect(root.querySelector('td')?.getAttribute('align')).toBe('center');
    expect(root.querySelector('blockquote[type="cite"] p')?.textContent).toBe('quoted');
    expect(root.querySelector('h1')?.textContent).toBe('Title');
  });

  it('is idempotent on its own output', () => {
    for (const payload of [...(xssVectors as string[]), ...(emailVectors as EmailVector[]).map((v) => v.payload)]) {
      const once = sanitizeEmailHtml(payload, { allowRemoteImages: true }).html;
      expect(sanitizeEmailHtml(once, { allowRemoteImages: true }).html).toBe(once);
    }
  });

  it('handles empty and plain-text input', () => {
    expect(sanitizeEmailHtml('', blockAll)).toEqual({ html: '', blockedRemoteImages: 0, unresolvedCids: [] });
    expect(sanitizeEmailHtml('a < b & c', blockAll).html).toBe('a &lt; b &amp; c');
  });

  it('normalises cid spellings', () => {
    expect(normalizeCid('cid:<logo@x.test>')).toBe('logo@x.test');
    expect(normalizeCid('CID:logo%40x.test')).toBe('logo@x.test');
    expect(normalizeCid('cid:%E0%A4%A')).toBe('%E0%A4%A');
  });
});
