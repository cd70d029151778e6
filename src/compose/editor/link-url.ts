/** Link rules shared by the Link extension (autolink, pasted links) and the link dialog. */
import type { MessageKey } from '../../i18n/core';

export const SAFE_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

export type LinkUrlResult = { ok: true; url: string } | { ok: false; error: MessageKey };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const EMAIL_ONLY = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const HOST_LIKE = /^(localhost|[^\s/:?#]+\.[^\s/:?#]{2,})(:\d+)?([/?#]\S*)?$/i;

export function isSafeLinkUrl(url: string): boolean {
  const match = SCHEME.exec(url.trim());
  if (!match) return false;
  return (SAFE_LINK_PROTOCOLS as readonly string[]).includes(match[1].toLowerCase());
}

/**
 * Turns what a user typed into a link target, or says in plain words why it can't be one.
 * "example.com/x" becomes https://example.com/x and "ann@example.com" becomes a mailto: link,
 * because that is what people mean when they type them.
 */
export function normalizeLinkUrl(input: string): LinkUrlResult {
  const value = input.trim();
  if (value === '') return { ok: false, error: 'link.empty' };
  if (/\s/.test(value)) return { ok: false, error: 'link.spaces' };
  const scheme = SCHEME.exec(value);
  if (scheme && !/^[a-z0-9.-]+:\d+/i.test(value)) {
    if (!isSafeLinkUrl(value)) {
      return { ok: false, error: 'link.scheme' };
    }
    if (/^mailto:/i.test(value)) {
      return EMAIL_ONLY.test(value.slice(7).split('?')[0])
        ? { ok: true, url: value }
        : { ok: false, error: 'link.incompleteEmail' };
    }
    try {
      const url = new URL(value);
      if (!url.hostname) return { ok: false, error: 'link.noHost' };
      return { ok: true, url: value };
    } catch {
      return { ok: false, error: 'link.invalid' };
    }
  }
  if (EMAIL_ONLY.test(value)) return { ok: true, url: `mailto:${value}` };
  if (HOST_LIKE.test(value)) return { ok: true, url: `https://${value}` };
  return { ok: false, error: 'link.notAddress' };
}
