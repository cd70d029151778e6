import { createContext, useContext, useLayoutEffect } from 'react';

/**
 * Where a lazily loaded part of the window puts its stylesheet (`id` names it, so it is added once):
 * the page's document, or — in the embed — the window's shadow root, where a stylesheet in the
 * document would not reach (and must not: the host's page is not ours to style).
 */
export type StyleSink = (id: string, cssText: string) => void;

/**
 * The document's `<head>`, first: a library's defaults (react-day-picker's) come before the app's
 * own rules, so ours win on equal specificity (`.mc-calendar` sets the calendar's variables).
 */
export const documentStyleSink: StyleSink = (id, cssText) => {
  if ([...document.head.querySelectorAll('style[data-mc-style]')].some((el) => (el as HTMLElement).dataset['mcStyle'] === id)) return;
  const sheet = document.createElement('style');
  sheet.dataset['mcStyle'] = id;
  sheet.textContent = cssText;
  document.head.prepend(sheet);
};

export const StyleSinkContext = createContext<StyleSink>(documentStyleSink);

/** Adds a lazily loaded component's stylesheet where it renders, before the first paint. */
export function useLazyStyles(id: string, cssText: string): void {
  const sink = useContext(StyleSinkContext);
  useLayoutEffect(() => sink(id, cssText), [sink, id, cssText]);
}
