import { Hono } from 'hono';
import type { ContactAutocompleteResponse } from '../../src/api/contract';
import { autocompleteContacts } from '../accounts/contacts';
import type { AppDeps, AppEnv } from '../http/env';
import { requireSession } from '../http/session';
import { parseQuery, query } from '../http/validate';

/** Recipient autocomplete over the address book and Collected Addresses. */
export function contactsRoutes(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(deps));

  routes.get('/autocomplete', (c) => {
    const params = parseQuery(c, {
      query: query.withDefault(query.string({ maxLength: 256 }), ''),
      limit: query.withDefault(query.integer({ min: 1, max: 50 }), 10),
    });
    return c.json<ContactAutocompleteResponse>(autocompleteContacts(deps.db, c.var.session.accountId, params.query, params.limit));
  });

  return routes;
}
