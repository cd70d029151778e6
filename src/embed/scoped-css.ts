import composeCss from '../compose/ui/compose.css?inline';
import attachmentsCss from '../compose/ui/attachments.css?inline';
import editorCss from '../compose/editor/editor.css?inline';
import baseCss from './embed-base.css?inline';

/**
 * The compose window's CSS as text, for the shadow root (never the host's document).
 *
 * `rem` is relative to the host page's root font size, which the host controls (a portal with
 * `html { font-size: 10px }` would shrink the window). Every `rem` in a declaration becomes a
 * multiple of our own `--mc-rem`; media queries keep theirs (custom properties are not allowed
 * there, and media-query `rem` already uses the browser's initial size, not the page's).
 */
export function scopeRem(css: string): string {
  return css.replace(/(@(?:media|container|supports)[^{]*\{)|(-?(?:\d+\.?\d*|\.\d+))rem\b/g, (_match: string, prelude: string | undefined, amount: string | undefined) =>
    prelude ?? `calc(${amount} * var(--mc-rem, 16px))`,
  );
}

let cached: { base: string; components: string } | null = null;

/**
 * The window's CSS, for the two sheets of the shadow root: the base first, then the components, so
 * the component rules win on equal specificity. Stylesheets of lazy parts (the schedule dialog's and
 * calendar's, the toasts') are not here: they arrive with their chunk (see `ShadowRoot`).
 */
export function embeddedCss(): { base: string; components: string } {
  cached ??= { base: scopeRem(baseCss), components: scopeRem([editorCss, composeCss, attachmentsCss].join('\n')) };
  return cached;
}
