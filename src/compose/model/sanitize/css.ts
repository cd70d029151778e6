/**
 * Cleaning of inline `style` attributes for the email profile.
 *
 * CSS in mail is an attack and tracking surface of its own: legacy script hooks (`expression()`,
 * `behavior`, `-moz-binding`), remote fetches (`url()`, `@import`) that confirm a read or exfiltrate
 * data, and escapes/comments that hide all of these (`\75 rl(` is `url(`). So the value is first
 * reduced to a canonical form — comments removed, escapes decoded, controls dropped — then checked
 * declaration by declaration, and what is written back is exactly the canonical text that was checked:
 * the browser never sees a spelling we did not look at.
 */

/** What a `url(…)` in a style may become: a replacement URL, or null to drop the declaration. */
export type CssUrlPolicy = (url: string) => string | null;

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;
const PROPERTY = /^-?[a-z][a-z0-9-]*$/;
// Script hooks of old engines; matched on the canonical, lower-cased and space-free text.
const FORBIDDEN = ['expression(', 'javascript:', 'vbscript:', 'behavior', 'behaviour', '-moz-binding', '@import', 'binding:', 'image-set(', 'src(', '<', '\\'];

/** CSS escape sequences decoded (`\75` → `u`, `\:` → `:`), invalid code points as U+FFFD. */
function decodeEscapes(text: string): string {
  return text.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-fA-F]))/g, (_, hex: string | undefined, ch: string | undefined) => {
    if (hex === undefined) return ch ?? '';
    const code = parseInt(hex, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
}

/**
 * Comments removed; an unclosed comment swallows the rest, as CSS parsing does. They are removed
 * without a gap, so `u`, a comment, `rl(` is checked (and written) as `url(`: stricter than CSS, never
 * looser.
 */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '');
}

/** Splits at `;` outside quotes and parentheses. */
function splitDeclarations(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ';' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

const URL_FUNCTION = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;

/** One declaration's value with every `url()` passed through the policy; null when one is refused. */
function rewriteUrls(value: string, policy: CssUrlPolicy): string | null {
  let refused = false;
  const rewritten = value.replace(URL_FUNCTION, (_, dq: string | undefined, sq: string | undefined, bare: string | undefined) => {
    const replacement = policy((dq ?? sq ?? bare ?? '').trim());
    if (replacement === null) {
      refused = true;
      return '';
    }
    return `url("${replacement.replace(/["\\\n\r]/g, (c) => encodeURIComponent(c))}")`;
  });
  if (refused) return null;
  // A url( that the pattern could not read (unbalanced, odd quoting) is refused rather than guessed.
  return /url\(/i.test(rewritten.replace(URL_FUNCTION, '')) ? null : rewritten;
}

/** The cleaned style text ('' when nothing survives). */
export function cleanStyle(style: string, policy: CssUrlPolicy): string {
  const canonical = decodeEscapes(stripComments(style)).replace(CONTROLS, '');
  const kept: string[] = [];
  for (const declaration of splitDeclarations(canonical)) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    let value = declaration.slice(colon + 1).trim();
    if (!PROPERTY.test(property) || value === '') continue;
    const squashed = `${property}:${value}`.toLowerCase().replace(/\s+/g, '');
    if (FORBIDDEN.some((bad) => squashed.includes(bad))) continue;
    if (/url\(/i.test(value)) {
      const rewritten = rewriteUrls(value, policy);
      if (rewritten === null) continue;
      value = rewritten;
    }
    kept.push(`${property}: ${value}`);
  }
  return kept.join('; ');
}
