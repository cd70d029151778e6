import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { apiUrl, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import { folderInstance } from '../testing/msw-data';
import { autocompleteContacts, contactsAutocompleteQuery } from './contacts';
import { findFolderByRole, foldersQuery, listFolders } from './folders';

const server = startMswServer();
const requests = recordRequests(server);
const client = createTestClient();

describe('folders', () => {
  it('lists folders with the type filter', async () => {
    requests.clear();
    server.use(http.get(apiUrl('/folders'), () => HttpResponse.json({ syncToken: 't', items: [folderInstance({ role: 'inbox', name: 'Inbox' })] })));
    const list = await new QueryClient().fetchQuery(foldersQuery(client));
    expect(list.items[0]!.role).toBe('inbox');
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/folders', query: { type: 'mails', _h: 'test-session' } });
    await listFolders(client);
    expect(requests[1]!.query).toEqual({ _h: 'test-session' });
  });

  it('finds special folders by role, never by their localised name', () => {
    const folders = [folderInstance({ id: 'a', name: 'Drafts', role: '' }), folderInstance({ id: 'b', name: 'Ciorne', role: 'drafts' })];
    expect(findFolderByRole(folders, 'drafts')?.id).toBe('b');
    expect(findFolderByRole(folders, 'sent')).toBeUndefined();
  });

  it('falls back to a role-less mail folder named Scheduled, and prefers the role when present', () => {
    const byName = [folderInstance({ id: 'n', name: 'scheduled', role: '' })];
    expect(findFolderByRole(byName, 'scheduled')?.id).toBe('n');
    const both = [...byName, folderInstance({ id: 'r', name: 'Programate', role: 'scheduled' })];
    expect(findFolderByRole(both, 'scheduled')?.id).toBe('r');
    expect(findFolderByRole([folderInstance({ name: 'Scheduled', folderType: 'events' })], 'scheduled')).toBeUndefined();
  });
});

describe('contact autocomplete', () => {
  it('sends query and a limit clamped to 1–50', async () => {
    requests.clear();
    server.use(http.get(apiUrl('/contacts/autocomplete'), () => HttpResponse.json({ totalItems: 0, items: [] })));
    await autocompleteContacts(client, 'ana pop');
    await autocompleteContacts(client, 'ana', { limit: 500 });
    await autocompleteContacts(client, 'ana', { limit: 0 });
    expect(requests.map((r) => r.query)).toEqual([
      { query: 'ana pop', limit: '10', _h: 'test-session' },
      { query: 'ana', limit: '50', _h: 'test-session' },
      { query: 'ana', limit: '10', _h: 'test-session' },
    ]);
  });

  it('is disabled for blank input and keyed by the trimmed text', () => {
    expect(contactsAutocompleteQuery(client, '   ').enabled).toBe(false);
    expect(contactsAutocompleteQuery(client, ' ana ').queryKey).toEqual(['contacts', 'autocomplete', 'ana', 10]);
  });
});
