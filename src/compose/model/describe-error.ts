import { ApiError } from '../../api/transport';
import { getLocale, t } from '../../i18n/core';

/**
 * Turns a failure into a sentence for the person at the keyboard: what happened and what to do,
 * never a status code alone and never "undefined". Callers add the context ("Not sent: …").
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return describeApiError(error);
  if (error instanceof Error && usable(error.message)) return ensureSentence(error.message);
  if (typeof error === 'string' && usable(error)) return ensureSentence(error);
  return t('error.generic');
}

function describeApiError(error: ApiError): string {
  switch (error.kind) {
    case 'network':
      return t('error.network');
    case 'timeout':
      return t('error.timeout');
    case 'aborted':
      return t('error.aborted');
    case 'http':
      break;
  }
  // The server's own sentence is English; other locales keep only the generic sentence for the status.
  const serverSays = getLocale() === 'en' && usable(error.message) && !/^The server answered \d+/.test(error.message) ? ensureSentence(error.message) : '';
  switch (error.status) {
    case 400:
      return serverSays ? t('error.refusedWith', { reason: serverSays }) : t('error.refused');
    case 401:
      return t('error.sessionExpired');
    case 403:
      return serverSays ? t('error.forbiddenWith', { reason: serverSays }) : t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return serverSays || t('error.conflict');
    case 413:
      return t('error.tooLarge');
    case 429:
      return t('error.tooManyRequests');
  }
  if (error.status >= 500) return t('error.server', { status: String(error.status) });
  return serverSays || t('error.status', { status: String(error.status) });
}

function usable(text: string | undefined | null): text is string {
  if (typeof text !== 'string') return false;
  const trimmed = text.trim();
  return trimmed !== '' && trimmed !== 'undefined' && trimmed !== 'null' && trimmed !== '[object Object]';
}

function ensureSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The same sentence to follow a lead-in ("Not saved — you're offline…", "Not sent: the server…"):
 * only the first letter changes, and only when the second is not a capital too (keeps "IMAP", "URL").
 */
export function describeErrorInline(error: unknown): string {
  const sentence = describeError(error);
  return /^[A-Z][^A-Z]/.test(sentence) ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
}
