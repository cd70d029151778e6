import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { contactsAutocompleteQuery } from '../../api/contacts';
import type { ApiClient } from '../../api/transport';
import { formatAddress } from '../model/addresses';
import { debounce } from './debounce';

export interface ContactSuggestion {
  key: string;
  name: string;
  email: string;
  /** What picking the suggestion puts into the field, e.g. `"Doe, Jane" <jane@x.test>`. */
  text: string;
}

/** Quiet time after the last keystroke before asking the server: one request per pause, not per key. */
export const SUGGESTION_DEBOUNCE_MS = 200;
const SUGGESTION_LIMIT = 8;

/**
 * Contact suggestions for what is typed in a recipient field, from `/contacts/autocomplete` through
 * react-query (cached per query). `search` is called from the input's change event, so no effect
 * mirrors the typed text into state.
 */
export function useContactSuggestions(api: ApiClient, exclude: ReadonlySet<string>) {
  const [query, setQuery] = useState('');
  const [schedule] = useState(() => debounce((next: string) => setQuery(next), SUGGESTION_DEBOUNCE_MS));
  useEffect(() => () => schedule.cancel(), [schedule]);

  // Keeping the previous answer while the next loads stops the list from flickering shut per key.
  const result = useQuery({ ...contactsAutocompleteQuery(api, query, SUGGESTION_LIMIT), placeholderData: keepPreviousData });

  const items: ContactSuggestion[] =
    query.length === 0
      ? []
      : (result.data?.items ?? [])
          .filter((contact) => contact.email && !exclude.has(contact.email.toLowerCase()))
          .map((contact) => ({
            key: `${contact.id}:${contact.email}`,
            name: contact.name,
            email: contact.email,
            text: formatAddress({ name: contact.name, address: contact.email }),
          }));

  return {
    items,
    search(text: string) {
      const trimmed = text.trim();
      if (!trimmed) {
        schedule.cancel();
        setQuery('');
      } else schedule(trimmed);
    },
  };
}
