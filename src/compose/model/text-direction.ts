/**
 * Text direction of message HTML, without the editor (issue 8: right-to-left mail).
 *
 * While writing, every block of the body carries `dir="auto"`, so each paragraph takes the direction
 * of its own first letter: Arabic runs right to left, English left to right, in the same message.
 * The HTML that is saved and sent carries the *resolved* direction instead, because not every mail
 * client understands `auto` (Outlook's Word engine does not): a block that reads right to left gets
 * `dir="rtl"`, one that reads like its surroundings gets no attribute at all, so ordinary left-to-right
 * mail stays exactly as it was. A direction the writer chose by hand (`dir="rtl"`/`"ltr"`) is kept.
 */

export type TextDirection = 'ltr' | 'rtl';

/**
 * Scripts written right to left (Unicode bidi classes R and AL). A letter of any other script is
 * strong left to right; digits, punctuation and spaces are neutral.
 */
const RTL_LETTER =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mende_Kikakui}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\p{Script=Kharoshthi}\p{Script=Old_South_Arabian}\p{Script=Avestan}]/u;
const LETTER = /\p{L}/u;

/** Elements whose text never decides a direction (as in the HTML `dir=auto` rules). */
const IGNORED = new Set(['script', 'style', 'textarea', 'bdi', 'template']);

/** The direction of the first letter in `text` (HTML's "first strong character"), or null when it has none. */
export function firstStrongDirection(text: string): TextDirection | null {
  const letter = LETTER.exec(text);
  if (!letter) return null;
  return RTL_LETTER.test(letter[0]) ? 'rtl' : 'ltr';
}

/** An explicit `dir` of `ltr` or `rtl` (not `auto`, not absent, not invalid). */
export function explicitDirection(el: Element): TextDirection | null {
  const dir = el.getAttribute('dir')?.trim().toLowerCase();
  return dir === 'ltr' || dir === 'rtl' ? dir : null;
}

/**
 * The direction `dir="auto"` gives `el`: its first letter's, skipping descendants with a direction
 * of their own. Null when it holds no letter.
 */
export function contentDirection(el: Element): TextDirection | null {
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) {
      const found = firstStrongDirection(child.nodeValue ?? '');
      if (found) return found;
    } else if (child.nodeType === 1) {
      const element = child as Element;
      if (explicitDirection(element) || IGNORED.has(element.localName)) continue;
      const found = contentDirection(element);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Replaces every `dir="auto"` under `root` by the direction it resolves to: `dir="rtl"`/`"ltr"` where
 * it differs from what the element inherits, no attribute where it is the same (a block without
 * letters inherits). `inherited` is the direction around `root` — left to right in a recipient's
 * mail client. Invalid `dir` values are removed (HTML ignores them too).
 */
export function resolveAutoDirections(root: Element, inherited: TextDirection = 'ltr'): void {
  for (const el of Array.from(root.children)) {
    const raw = el.getAttribute('dir');
    let own = explicitDirection(el);
    if (own === null && raw !== null) {
      if (raw.trim().toLowerCase() === 'auto') {
        own = contentDirection(el) ?? inherited;
        if (own === inherited) el.removeAttribute('dir');
        else el.setAttribute('dir', own);
      } else {
        el.removeAttribute('dir');
      }
    }
    resolveAutoDirections(el, own ?? inherited);
  }
}

/**
 * Reading message HTML back into the editor: an explicit direction that its content would give
 * anyway becomes automatic again, so a reopened draft keeps following what is typed. A direction
 * that differs from the content (chosen by hand), or one on a block without letters, is kept.
 */
export function directionToKeep(el: Element): TextDirection | null {
  const explicit = explicitDirection(el);
  if (explicit === null) return null;
  return contentDirection(el) === explicit ? null : explicit;
}
