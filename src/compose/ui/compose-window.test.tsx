import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { AliasList, Signature, SignatureList } from '../../api/contract';
import { apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../../testing/msw';
import { accountInfo, accountSettings, mailInstance } from '../../testing/msw-data';
import type { ComposeCloseResult, ComposeRequest } from '../compose-entry';
import { emptyDraft } from '../model/draft';
import { ComposeWindow } from './compose-window';

const server = startMswServer();
const api = createTestClient();

const info = accountInfo();
const settings = accountSettings({ timeFormat: 'hh:mm', receipts: { sendReadReceipts: 'ask', requestReadReceipts: true, requestDeliveryReceipts: false } });
const aliases: AliasList = {
  items: [
    { emailAddress: 'alias@example.test', type: 'accountAlias' },
    { emailAddress: 'ana@example.test', type: 'mainAddress' },
  ],
};
const signatures: SignatureList = { items: [{ id: 's1', name: 'Work', type: 'html' }, { id: 's2', name: 'Short', type: 'text' }] };
const signatureBodies: Record<string, Signature> = {
  s1: { id: 's1', name: 'Work', type: 'html', body: '<p>Kind regards, Ana</p>' },
  s2: { id: 's2', name: 'Short', type: 'text', body: '-- \nA.' },
};

function accountHandlers(clientSettings = '') {
  return [
    http.get(apiUrl('/account/info'), () => HttpResponse.json(info)),
    http.get(apiUrl('/account/aliases'), () => HttpResponse.json(aliases)),
    http.get(apiUrl('/account/settings'), () => HttpResponse.json(settings)),
    http.get(apiUrl('/account/signatures'), () => HttpResponse.json(signatures)),
    http.get(apiUrl('/account/signatures/:id'), ({ params }) => HttpResponse.json(signatureBodies[String(params.id)])),
    http.get(apiUrl('/account/settings/client'), () => HttpResponse.json({ clientSettings })),
    http.post(apiUrl('/account/settings/client'), () => new HttpResponse(null, { status: 200 })),
  ];
}

function renderWindow(request: ComposeRequest = { mode: 'new' }, onRender?: () => void) {
  const onClose = vi.fn<(result: ComposeCloseResult) => void>();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Profiler id="window" onRender={() => onRender?.()}>
        <ComposeWindow api={api} request={request} onClose={onClose} journal={null} />
      </Profiler>
    </QueryClientProvider>,
  );
  return { onClose };
}

async function openedWindow() {
  // The loading window is replaced by the working one: look the dialog up once the body is there.
  const body = await screen.findByRole('textbox', { name: 'Message body' });
  const window = screen.getByRole('dialog', { name: 'New message' });
  return { window, body };
}

describe('ComposeWindow', () => {
  it('opens a new message with the account’s senders, receipt defaults and the default signature', async () => {
    server.use(...accountHandlers());
    renderWindow();
    const { window, body } = await openedWindow();
    const from = within(window).getByRole('combobox', { name: 'From' }) as HTMLSelectElement;
    expect([...from.options].map((o) => o.textContent)).toEqual(['Ana Pop <ana@example.test>', 'Ana Pop <alias@example.test>']);
    await userEvent.click(within(window).getByRole('button', { name: 'More options' }));
    expect(within(window).getByRole('checkbox', { name: 'Request read receipt' })).toHaveProperty('checked', true);
    expect(within(window).getByRole('checkbox', { name: 'Request delivery receipt' })).toHaveProperty('checked', false);
    await waitFor(() => expect(body.textContent).toContain('Kind regards, Ana'));
    expect((within(window).getByRole('combobox', { name: 'Signature' }) as HTMLSelectElement).value).toBe('s1');
  });

  it('uses the signature remembered in the client settings', async () => {
    server.use(...accountHandlers(JSON.stringify({ other: 1, compose: { defaultSignatureId: 's2' } })));
    renderWindow();
    const { body } = await openedWindow();
    await waitFor(() => expect(body.textContent).toContain('A.'));
    expect(body.textContent).not.toContain('Kind regards');
  });

  it('closes an untouched window without writing a draft', async () => {
    server.use(...accountHandlers());
    const log = recordRequests(server);
    const { onClose } = renderWindow();
    const { window, body } = await openedWindow();
    await waitFor(() => expect(body.textContent).toContain('Kind regards'));
    await userEvent.click(within(window).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith({ kind: 'saved', draftId: null }));
    expect(callsOf(log).filter((call) => call.startsWith('POST /api/v1/mails') || call.startsWith('PUT'))).toEqual([]);
  });

  it('does not re-render the window while the user types in the body', async () => {
    server.use(...accountHandlers());
    let renders = 0;
    renderWindow({ mode: 'new' }, () => (renders += 1));
    const { body } = await openedWindow();
    await waitFor(() => expect(body.textContent).toContain('Kind regards'));
    const user = userEvent.setup();
    await user.click(body);
    await user.keyboard('x');
    const before = renders;
    await user.keyboard('Hello there, this is twenty-nine');
    // A keystroke reaches the draft-sync engine without React state: at most a toolbar control
    // whose state flipped re-renders (e.g. Undo becoming available), never once per key.
    expect(renders - before).toBeLessThan(3);
    expect(body.textContent).toContain('Hello there');
  });

  it('shows the checklist in one place: blocking issues stop Send, confirmable ones offer Send anyway', async () => {
    server.use(...accountHandlers());
    const log = recordRequests(server);
    renderWindow();
    const { window } = await openedWindow();
    const user = userEvent.setup();
    await user.click(within(window).getByRole('button', { name: 'Send' }));
    const blocking = await within(window).findByRole('region', { name: 'The message can’t be sent yet' });
    expect(blocking.textContent).toContain('Add at least one recipient');
    expect(within(blocking).queryByRole('button', { name: 'Send anyway' })).toBeNull();
    await user.click(within(blocking).getByRole('button', { name: 'OK' }));

    await user.type(within(window).getByRole('combobox', { name: 'To' }), 'bob@example.test,');
    await user.click(within(window).getByRole('button', { name: 'Send' }));
    const confirm = await within(window).findByRole('region', { name: 'Before sending' });
    expect(confirm.textContent).toContain('The subject is empty');
    expect(within(confirm).getByRole('button', { name: 'Send anyway' })).toBeTruthy();
    expect(callsOf(log).filter((call) => call.includes('/send'))).toEqual([]);
  });

  it('Discard draft asks first, then closes as discarded', async () => {
    server.use(...accountHandlers());
    const { onClose } = renderWindow();
    const { window } = await openedWindow();
    const user = userEvent.setup();
    await user.click(within(window).getByRole('button', { name: 'Discard draft' }));
    const question = within(window).getByRole('alertdialog');
    expect(question.textContent).toContain('Discard this draft?');
    await user.click(within(question).getByRole('button', { name: 'Keep editing' }));
    expect(within(window).queryByRole('alertdialog')).toBeNull();
    await user.click(within(window).getByRole('button', { name: 'Discard draft' }));
    await user.click(within(window).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith({ kind: 'discarded' }));
  });

  it('says plainly when the message cannot be opened, and offers to try again', async () => {
    server.use(...accountHandlers(), http.get(apiUrl('/mails/gone'), () => HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'No such mail' } }, { status: 404 })));
    server.use(
      http.get(apiUrl('/mails/gone/body'), () => HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'No such mail' } }, { status: 404 })),
      http.post(apiUrl('/temporaryAttachments/store'), () => HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'No such mail' } }, { status: 404 })),
    );
    renderWindow({ mode: 'draft', mailId: 'gone' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The message could not be opened.');
    expect(alert.textContent).toContain('no longer exists');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('reopens a window from the journal and saves it over the draft it names right away', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const replaced: unknown[] = [];
      server.use(
        ...accountHandlers(),
        http.put(apiUrl('/drafts/d-7'), async ({ request }) => {
          replaced.push(await request.json());
          return HttpResponse.json(mailInstance({ id: 'd-8' }));
        }),
      );
      const content = emptyDraft({
        to: [{ name: '', address: 'bob@example.test' }],
        subject: 'Before the crash',
        bodyHtml: '<p>Typed before the tab closed</p>',
        bodyText: 'Typed before the tab closed',
      });
      renderWindow({ mode: 'draft', restore: { key: 'k-1', account: 'ana@example.test', mailId: 'd-7', content, recipientText: { to: '', cc: '', bcc: '', replyTo: '' }, updatedAt: 0 } });
      const { window, body } = await openedWindow();
      expect(body.textContent).toContain('Typed before the tab closed');
      expect((within(window).getByRole('textbox', { name: 'Subject' }) as HTMLInputElement).value).toBe('Before the crash');
      await vi.advanceTimersByTimeAsync(1_600);
      await waitFor(() => expect(replaced).toHaveLength(1));
      expect(replaced[0]).toMatchObject({ to: 'bob@example.test', subject: 'Before the crash', bodyHtml: expect.stringContaining('Typed before the tab closed') });
      await waitFor(() => expect(within(window).getByRole('status').textContent).toMatch(/^Saved /));
    } finally {
      vi.useRealTimers();
    }
  });
});
