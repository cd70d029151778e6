import { Fragment, useLayoutEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { applyDocumentLocale, getLocale, subscribeLocale, switchLocale, translatorFor, type Locale, type Translate } from './core';

/** The active locale; components re-render when it changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

/** `t(key, params)` in the active locale. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translatorFor(locale), [locale]);
}

/**
 * Makes `locale` the active one (and, unless `document` is false, sets `<html lang dir>`). Hosts that
 * embed the window pass their own locale; the standalone app passes the account's language.
 */
export function I18nProvider({ locale, document: applyToDocument = true, children }: { locale: Locale; document?: boolean; children: ReactNode }) {
  useLayoutEffect(() => {
    // `<html lang dir>` follow the language actually shown (a catalog may still be on its way).
    switchLocale(locale, (shown) => {
      if (applyToDocument) applyDocumentLocale(shown);
    });
  }, [locale, applyToDocument]);
  return <>{children}</>;
}

/**
 * A message with React nodes in its placeholders (e.g. bold parts), keeping the word order of the
 * locale: the translation decides where `{email}` goes, the caller decides how it looks.
 */
export function formatWithNodes(t: Translate, key: Parameters<Translate>[0], nodes: Record<string, ReactNode>, params: Record<string, string | number> = {}): ReactNode[] {
  const marks: Record<string, string> = {};
  for (const name of Object.keys(nodes)) marks[name] = `\u0000${name}\u0000`;
  const text = t(key, { ...params, ...marks });
  return text.split('\u0000').map((part, index) => (index % 2 === 1 && part in nodes ? <Fragment key={index}>{nodes[part]}</Fragment> : part));
}
