import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ContactAutocompleteResponse, ContactInstance } from '../../api/contract';
import { apiUrl, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../../testing/msw';
import type { Recipient } from '../model/draft';
import { RecipientField } from './recipient-field';
import { recipientsFromText } from './recipient-text';

const server = startMswServer();
const api = createTestClient();

const contact = (name: string, email: string): ContactInstance => ({
  id: email,
  folderId: 'c',
  isDistributionList: false,
  name,
  email,
  firstName: '',
  lastName: '',
  nickName: '',
  reversedName: '',
});

function Harness({ initial = '', onValue }: { initial?: string; onValue?: (v: Recipient[]) => void }) {
  const [value, setValue] = useState(() => recipientsFromText(initial));
  return (
    <RecipientField
      label="To"
      api={api}
      value={value}
      onChange={(next) => {
        setValue(next);
        onValue?.(next);
      }}
    />
  );
}

function renderField(initial = '', onValue?: (v: Recipient[]) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Harness initial={initial} onValue={onValue} />
    </QueryClientProvider>,
  );
}

const chipNames = () => within(screen.getByRole('list', { name: 'To recipients' })).getAllByRole('button', { name: /^(?!Remove)/ }).map((b) => b.textContent);

describe('RecipientField', () => {
  it('is a combobox named exactly like the field', () => {
    renderField();
    const input = screen.getByRole('combobox', { name: 'To' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox', { hidden: true }).id);
  });

  it('turns a pasted list into chips and flags the invalid entry with its reason', () => {
    const values: Recipient[][] = [];
    renderField('', (v) => values.push(v));
    const input = screen.getByRole('combobox', { name: 'To' });
    fireEvent.paste(input, { clipboardData: { getData: () => 'ana@example.test; "Doe, Jane" <jane@x.test>\nbob@@broken' } });
    expect(chipNames()).toEqual(['ana@example.test', 'Doe, Jane <jane@x.test>', 'bob@@broken']);
    const bad = screen.getByRole('button', { name: 'bob@@broken' });
    // The reason is visible text and the chip's accessible description.
    expect(screen.getByText(/^Not a valid address: /)).toBeTruthy();
    expect(bad.getAttribute('aria-describedby')?.split(' ')[0]).toBe(screen.getByText(/^Not a valid address: /).id);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(values.at(-1)).toEqual([
      { name: '', address: 'ana@example.test', raw: 'ana@example.test' },
      { name: 'Doe, Jane', address: 'jane@x.test', raw: '"Doe, Jane" <jane@x.test>' },
      { name: '', address: 'bob@@broken', raw: 'bob@@broken', valid: false, reason: expect.any(String) },
    ]);
  });

  it('commits on comma and Enter; Backspace at the start edits the last chip; Delete on a chip removes it', async () => {
    const user = userEvent.setup();
    renderField();
    const input = screen.getByRole('combobox', { name: 'To' });
    await user.type(input, 'a@x.test,b@y.test{Enter}');
    expect(chipNames()).toEqual(['a@x.test', 'b@y.test']);
    expect((input as HTMLInputElement).value).toBe('');

    await user.keyboard('{Backspace}');
    expect(chipNames()).toEqual(['a@x.test']);
    expect((input as HTMLInputElement).value).toBe('b@y.test');
    await user.keyboard('{Enter}');
    expect(chipNames()).toEqual(['a@x.test', 'b@y.test']);

    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.textContent).toBe('b@y.test');
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.textContent).toBe('a@x.test');
    await user.keyboard('{Delete}');
    expect(chipNames()).toEqual(['b@y.test']);
    expect(document.activeElement).toBe(input);
  });

  it('Enter on a chip puts it back into the input in its place', async () => {
    const user = userEvent.setup();
    renderField('a@x.test, b@y.test, c@z.test');
    const input = screen.getByRole('combobox', { name: 'To' });
    await user.click(input);
    await user.keyboard('{ArrowLeft}{ArrowLeft}{Enter}');
    expect((input as HTMLInputElement).value).toBe('b@y.test');
    await user.clear(input);
    await user.type(input, 'bee@y.test{Enter}');
    expect(chipNames()).toEqual(['a@x.test', 'bee@y.test', 'c@z.test']);
  });

  it('asks for suggestions once per pause and picks one by keyboard', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const log = recordRequests(server);
      server.use(
        http.get(apiUrl('/contacts/autocomplete'), ({ request }) => {
          const q = new URL(request.url).searchParams.get('query');
          const body: ContactAutocompleteResponse = { totalItems: 2, items: [contact('Ana Ivan', `ana@${q}.test`), contact('Doe, Jane', 'jane@x.test')] };
          return HttpResponse.json(body);
        }),
      );
      const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
      renderField();
      const input = screen.getByRole('combobox', { name: 'To' });
      await user.type(input, 'an');
      await act(() => vi.advanceTimersByTimeAsync(250));
      const options = await screen.findAllByRole('option');
      expect(options.map((o) => o.textContent)).toEqual(['Ana Ivan ana@an.test', 'Doe, Jane jane@x.test']);
      expect(log.filter((r) => r.path.endsWith('/contacts/autocomplete')).map((r) => r.query.query)).toEqual(['an']);
      expect(input.getAttribute('aria-expanded')).toBe('true');

      await user.keyboard('{ArrowDown}{ArrowDown}');
      expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
      expect(options[1]!.getAttribute('aria-selected')).toBe('true');
      await user.keyboard('{Enter}');
      expect(chipNames()).toEqual(['Doe, Jane <jane@x.test>']);
      expect(input.getAttribute('aria-expanded')).toBe('false');
    } finally {
      vi.useRealTimers();
    }
  });

  it('Escape closes the suggestions without letting the key reach the window', async () => {
    server.use(http.get(apiUrl('/contacts/autocomplete'), () => HttpResponse.json({ totalItems: 1, items: [contact('Ana', 'ana@x.test')] })));
    const user = userEvent.setup();
    const onWindowKey = vi.fn();
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <div onKeyDown={(e) => onWindowKey(e.key)}>
          <Harness />
        </div>
      </QueryClientProvider>,
    );
    const input = screen.getByRole('combobox', { name: 'To' });
    await user.type(input, 'an');
    await screen.findByRole('option');
    await user.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(onWindowKey).not.toHaveBeenCalledWith('Escape');
    await user.keyboard('{Escape}');
    expect(onWindowKey).toHaveBeenCalledWith('Escape');
  });

  it('turns half-typed text into a chip before Mod+Enter or Esc reach the window', async () => {
    const user = userEvent.setup();
    const values: Recipient[][] = [];
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const seen: Recipient[][] = [];
    render(
      <QueryClientProvider client={client}>
        <div onKeyDown={() => seen.push(values.at(-1) ?? [])}>
          <Harness onValue={(v) => values.push(v)} />
        </div>
      </QueryClientProvider>,
    );
    const input = screen.getByRole('combobox', { name: 'To' });
    await user.type(input, 'late@x.test');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(seen.at(-1)).toEqual([{ name: '', address: 'late@x.test', raw: 'late@x.test' }]);
    await user.type(input, 'later@x.test');
    await user.keyboard('{Escape}');
    expect(seen.at(-1)?.map((r) => r.address)).toEqual(['late@x.test', 'later@x.test']);
  });
});
