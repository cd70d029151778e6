import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { accountSettingsQuery } from '../api/account';
import { applyDocumentLocale, resolveLocale, setLocale } from '../i18n/core';
import { useApiClient } from './providers';

/** The browser's preference: used before sign-in and when the account names no language we have. */
export function browserLocale() {
  return resolveLocale(globalThis.navigator?.language, ...(globalThis.navigator?.languages ?? []));
}

/** Sets the page's language from the account's `language` setting, else the browser's, else English. */
export function applyBrowserLocale(): void {
  const locale = browserLocale();
  setLocale(locale);
  applyDocumentLocale(locale);
}

/** Rendered while signed in: follows the account's `language` (and goes back to the browser's on sign-out). */
export function AccountLocale() {
  const api = useApiClient();
  const language = useQuery(accountSettingsQuery(api)).data?.language;
  useEffect(() => {
    const locale = resolveLocale(language, globalThis.navigator?.language, ...(globalThis.navigator?.languages ?? []));
    setLocale(locale);
    applyDocumentLocale(locale);
  }, [language]);
  useEffect(() => applyBrowserLocale, []);
  return null;
}
