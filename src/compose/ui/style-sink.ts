import { createContext, useContext, useLayoutEffect } from 'react';

/**
 * Where its rules go in the cascade: `library` — a library's defaults (react-day-picker's), before
 * our own rules so ours win on equal specificity (`.mc-calendar` sets the calendar's variables);
 * `component` — our own rules for a part that loads later (the toasts), after the rest, as a lazily
 * loaded chunk's stylesheet would be.
 */
export type StyleLayer = 'library' | 'component';

/**
 * Where a lazily loaded part of the window puts its stylesheet (`id` names it, so it is added once):
 * the page's document, or — in the embed — the window's shadow root, where a stylesheet in the
 * document would not reach (and must not: the host's page is not ours to style).
 */
export type StyleSink = (id: string, cssText: string, layer: StyleLayer) => void;

/** The document's `<head>`: first for a library's defaults, last for our own rules. */
export const documentStyleSink: StyleSink = (id, cssText, layer) => {
  if ([...document.head.querySelectorAll('style[data-mc-style]')].some((el) => (el as HTMLElement).dataset['mcStyle'] === id)) return;
  const sheet = document.createElement('style');
  sheet.dataset['mcStyle'] = id;
  sheet.textContent = cssText;
  if (layer === 'library') document.head.prepend(sheet);
  else document.head.append(sheet);
};

export const StyleSinkContext = createContext<StyleSink>(documentStyleSink);

/** Adds a lazily loaded component's stylesheet where it renders, before the first paint. */
export function useLazyStyles(id: string, cssText: string, layer: StyleLayer): void {
  const sink = useContext(StyleSinkContext);
  useLayoutEffect(() => sink(id, cssText, layer), [sink, id, cssText, layer]);
}
