import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AliasList } from '../../api/contract';
import type { ComposeRequest } from '../../compose/compose-entry';
import { sharedDraftJournal } from '../../compose/hooks/shared-journal';
import { emptyDraft, type DraftContent } from '../../compose/model/draft';
import type { JournalEntry } from '../../compose/model/journal';
import { apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../../testing/msw';
import { AppProviders } from '../providers';
import { formatWhen, RestoreOffer } from './restore-offer';

const server = startMswServer();
const api = createTestClient();
const ME = 'ana@example.test';
const aliases: AliasList = {
  items: [
    { emailAddress: 'ana.alias@example.test', type: 'accountAlias' },
    { emailAddress: ME, type: 'mainAddress' },
  ],
};

// 14:03 UTC on a fixed day; "now" is later that day.
const AT_1403 = Date.UTC(2026, 10, 24, 14, 3);
const NOW = Date.UTC(2026, 10, 24, 18, 0);

const entry = (key: string, content: Partial<DraftContent>, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  key,
  account: ME,
  mailId: null,
  content: emptyDraft({ to: [{ name: '', address: 'bob@example.test' }], ...content }),
  recipientText: { to: '', cc: '', bcc: '', replyTo: '' },
  updatedAt: AT_1403,
  ...extra,
});

async function putEntries(...entries: JournalEntry[]) {
  const journal = await sharedDraftJournal();
  for (const e of entries) await journal.put(e);
}

const journalKeys = async () => (await (await sharedDraftJournal()).list()).map((e) => e.key).sort();

afterEach(async () => {
  const journal = await sharedDraftJournal();
  for (const e of await journal.list()) await journal.remove(e.key);
});

function renderOffer(onRestore: (request: ComposeRequest) => boolean | void = () => {}) {
  server.use(http.get(apiUrl('/account/aliases'), () => HttpResponse.json(aliases)));
  return render(
    <AppProviders api={api}>
      <RestoreOffer onRestore={onRestore} timeZone="UTC" now={() => NOW} />
    </AppProviders>,
  );
}

describe('RestoreOffer', () => {
  it('offers each unsent message of this account on one line of one region, never another account’s', async () => {
    await putEntries(
      entry('a', { subject: 'Budget' }),
      entry('b', { subject: '', bodyText: 'No subject but some words' }, { updatedAt: AT_1403 - 60_000 }),
      entry('c', { subject: 'Someone else’s' }, { account: 'other@example.test' }),
    );
    renderOffer();
    const region = await screen.findByRole('region', { name: 'Unsent messages' });
    const lines = within(region).getAllByRole('listitem');
    expect(lines.map((line) => line.textContent)).toEqual([
      'You have an unsent message from 14:03: BudgetRestoreDiscard',
      'You have an unsent message from 14:02: (no subject)RestoreDiscard',
    ]);
  });

  it('shows nothing when there is nothing worth restoring, and forgets empty entries', async () => {
    await putEntries(entry('empty', { to: [] }));
    renderOffer();
    await waitFor(async () => expect(await journalKeys()).toEqual([]));
    expect(screen.queryByRole('region', { name: 'Unsent messages' })).toBeNull();
  });

  it('Restore opens the window on the entry and takes the line away', async () => {
    const saved = entry('a', { subject: 'Budget', cc: [{ name: 'Carol', address: 'carol@example.test' }] }, { mailId: 'd-1' });
    await putEntries(saved);
    const onRestore = vi.fn();
    renderOffer(onRestore);
    const region = await screen.findByRole('region', { name: 'Unsent messages' });
    await userEvent.click(within(region).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(onRestore).toHaveBeenCalledWith({ mode: 'draft', restore: saved }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Unsent messages' })).toBeNull());
  });

  it('Discard of a message with a server draft asks first, then deletes the draft and the entry', async () => {
    await putEntries(entry('a', { subject: 'Budget' }, { mailId: 'd-1' }), entry('b', { subject: 'Keep me' }));
    server.use(http.delete(apiUrl('/mails/d-1'), () => new HttpResponse(null, { status: 200 })));
    const log = recordRequests(server);
    renderOffer();
    const region = await screen.findByRole('region', { name: 'Unsent messages' });
    const line = within(region).getAllByRole('listitem')[0]!;
    await userEvent.click(within(line).getByRole('button', { name: 'Discard' }));
    const confirm = within(line).getByRole('alertdialog', { name: 'Discard unsent message' });
    expect(confirm.textContent).toContain('The saved draft will be deleted from Drafts too.');
    expect(callsOf(log).filter((c) => c.startsWith('DELETE'))).toEqual([]);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Discard' }));
    await waitFor(async () => expect(await journalKeys()).toEqual(['b']));
    expect(callsOf(log).filter((c) => c.startsWith('DELETE'))).toEqual(['DELETE /api/v1/mails/d-1']);
    expect(within(region).getAllByRole('listitem')).toHaveLength(1);
    expect(region.textContent).toContain('Keep me');
  });

  it('keeps the entry and says so when the server draft cannot be deleted', async () => {
    await putEntries(entry('a', { subject: 'Budget' }, { mailId: 'd-1' }));
    server.use(http.delete(apiUrl('/mails/d-1'), () => HttpResponse.error()));
    renderOffer();
    const region = await screen.findByRole('region', { name: 'Unsent messages' });
    await userEvent.click(within(region).getByRole('button', { name: 'Discard' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(region.textContent).toContain('“Budget” could not be discarded'));
    expect(await journalKeys()).toEqual(['a']);
  });
});

describe('formatWhen', () => {
  it('gives the time for today and the date before', () => {
    expect(formatWhen(AT_1403, NOW, 'UTC')).toBe('14:03');
    expect(formatWhen(AT_1403 - 24 * 3_600_000, NOW, 'UTC')).toMatch(/23.*Nov.*, 14:03$|Nov.*23, 14:03$/);
    // The account's zone decides the day and the time.
    expect(formatWhen(AT_1403, NOW, 'Europe/Bucharest')).toBe('16:03');
  });
});

describe('restoring into the portal’s windows', () => {
  it('keeps the line when the portal refuses another window', async () => {
    const { ComposeWindows, MAX_WINDOWS } = await import('./compose-windows');
    const windows = new ComposeWindows();
    for (let i = 0; i < MAX_WINDOWS; i += 1) windows.open({ mode: 'new' });
    await putEntries(entry('a', { subject: 'Budget' }));
    renderOffer(windows.open);
    const region = await screen.findByRole('region', { name: 'Unsent messages' });
    await userEvent.click(within(region).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(windows.getSnapshot().refusal).not.toBeNull());
    // Settled (the button is usable again), and the line is still there to try later.
    await waitFor(() => expect((within(region).getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(false));
    expect(within(region).getAllByRole('listitem')).toHaveLength(1);
  });
});
