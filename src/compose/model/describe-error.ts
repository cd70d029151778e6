import { ApiError } from '../../api/transport';

/**
 * Turns a failure into a sentence for the person at the keyboard: what happened and what to do,
 * never a status code alone and never "undefined". Callers add the context ("Not sent: …").
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return describeApiError(error);
  if (error instanceof Error && usable(error.message)) return ensureSentence(error.message);
  if (typeof error === 'string' && usable(error)) return ensureSentence(error);
  return 'Something went wrong. Try again.';
}

function describeApiError(error: ApiError): string {
  switch (error.kind) {
    case 'network':
      return "You're offline or the server can't be reached. Check your connection and try again.";
    case 'timeout':
      return 'The server took too long to answer. Try again in a moment.';
    case 'aborted':
      return 'The request was cancelled.';
    case 'http':
      break;
  }
  const serverSays = usable(error.message) && !/^The server answered \d+/.test(error.message) ? ensureSentence(error.message) : '';
  switch (error.status) {
    case 400:
      return serverSays ? `The server refused it: ${serverSays}` : 'The server refused it as invalid.';
    case 401:
      return 'Your session has expired. Sign in again; nothing you wrote is lost.';
    case 403:
      return serverSays ? `That is not allowed: ${serverSays}` : "You don't have permission to do that.";
    case 404:
      return 'It no longer exists on the server: it may have been sent, moved or deleted elsewhere.';
    case 409:
      return serverSays || 'It was changed elsewhere in the meantime. Try again.';
    case 413:
      return 'It is too large for the server. Remove some attachments or send smaller files.';
    case 429:
      return 'The server is getting too many requests. Wait a moment and try again.';
  }
  if (error.status >= 500) return `The server had a problem (error ${error.status}). Try again in a moment.`;
  return serverSays || `The server answered with error ${error.status}. Try again.`;
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
