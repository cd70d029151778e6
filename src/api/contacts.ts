import { queryOptions } from '@tanstack/react-query';
import type { ContactAutocompleteResponse } from './contract';
import type { ApiClient } from './transport';

export const AUTOCOMPLETE_DEFAULT_LIMIT = 10;
export const AUTOCOMPLETE_MAX_LIMIT = 50;

export const contactKeys = {
  all: ['contacts'] as const,
  autocomplete: (query: string, limit: number) => [...contactKeys.all, 'autocomplete', query, limit] as const,
};

/** `GET /contacts/autocomplete?query=&limit=` — limit is clamped to the documented 1–50. */
export function autocompleteContacts(
  client: ApiClient,
  query: string,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<ContactAutocompleteResponse> {
  const limit = clampLimit(options.limit ?? AUTOCOMPLETE_DEFAULT_LIMIT);
  return client.request<ContactAutocompleteResponse>('GET', '/contacts/autocomplete', { query: { query, limit }, signal: options.signal });
}

/**
 * Suggestions for what the user typed. Disabled for blank input; react-query cancels the previous
 * request through `signal` when the text changes, so stale answers never land.
 */
export const contactsAutocompleteQuery = (client: ApiClient, query: string, limit = AUTOCOMPLETE_DEFAULT_LIMIT) => {
  const trimmed = query.trim();
  const clamped = clampLimit(limit);
  return queryOptions({
    queryKey: contactKeys.autocomplete(trimmed, clamped),
    queryFn: ({ signal }) => autocompleteContacts(client, trimmed, { limit: clamped, signal }),
    enabled: trimmed.length > 0,
    staleTime: 60_000,
  });
};

function clampLimit(limit: number): number {
  return Math.min(AUTOCOMPLETE_MAX_LIMIT, Math.max(1, Math.floor(limit) || AUTOCOMPLETE_DEFAULT_LIMIT));
}
