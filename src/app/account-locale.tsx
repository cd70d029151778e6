import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { accountSettingsQuery } from '../api/account';
import { applyDocumentLocale, resolveLocale, switchLocale, t, type Locale } from '../i18n/core';
import { useApiClient } from './providers';

/** The browser's preference: used before sign-in and when the account names no language we have. */
export function browserLocale() {
  return resolveLocale(globalThis.navigator?.language, ...(globalThis.navigator?.languages ?? []));
}

/** Sets the page's language from the account's `language` setting, else the browser's, else English. */
export function applyBrowserLocale(): void {
  applyPageLocale(browserLocale());
}

/** The active locale, `<html lang dir>` and the page title in that language. */
function applyPageLocale(locale: Locale): void {
  // Applied once the language's catalog is in, so text and direction switch together.
  switchLocale(locale, (shown) => {
    applyDocumentLocale(shown);
    document.title = t('app.mailbox');
  });
}

/** Rendered while signed in: follows the account's `language` (and goes back to the browser's on sign-out). */
export function AccountLocale() {
  const api = useApiClient();
  const language = useQuery(accountSettingsQuery(api)).data?.language;
  useEffect(() => {
    applyPageLocale(resolveLocale(language, globalThis.navigator?.language, ...(globalThis.navigator?.languages ?? [])));
  }, [language]);
  useEffect(() => applyBrowserLocale, []);
  return null;
}
