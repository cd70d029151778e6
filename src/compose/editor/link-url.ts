/** Link rules shared by the Link extension (autolink, pasted links) and the link dialog. */

export const SAFE_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

export type LinkUrlResult = { ok: true; url: string } | { ok: false; error: string };

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
  if (value === '') return { ok: false, error: 'Enter a web address or an email address.' };
  if (/\s/.test(value)) return { ok: false, error: 'A link cannot contain spaces.' };
  const scheme = SCHEME.exec(value);
  if (scheme && !/^[a-z0-9.-]+:\d+/i.test(value)) {
    if (!isSafeLinkUrl(value)) {
      return { ok: false, error: 'Only web (http, https) and email (mailto) links are allowed.' };
    }
    if (/^mailto:/i.test(value)) {
      return EMAIL_ONLY.test(value.slice(7).split('?')[0])
        ? { ok: true, url: value }
        : { ok: false, error: 'That email address does not look complete.' };
    }
    try {
      const url = new URL(value);
      if (!url.hostname) return { ok: false, error: 'That web address has no site name.' };
      return { ok: true, url: value };
    } catch {
      return { ok: false, error: 'That web address is not valid.' };
    }
  }
  if (EMAIL_ONLY.test(value)) return { ok: true, url: `mailto:${value}` };
  if (HOST_LIKE.test(value)) return { ok: true, url: `https://${value}` };
  return { ok: false, error: 'That does not look like a web address (for example example.com).' };
}
