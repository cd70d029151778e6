import { act, fireEvent, render, waitFor, within } from '@testing-library/react';
import { createRef, StrictMode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountInfo, AccountSettings } from '../api/contract';
import { apiUrl, http, HttpResponse, startMswServer, TEST_ORIGIN } from '../testing/msw';
import { FakeMailbox } from '../testing/msw-mailbox';
import { EmbeddedCompose, type EmbeddedComposeHandle } from './embedded-compose';
import type { ComposeEvent } from './types';

const server = startMswServer();
const mailbox = new FakeMailbox();

beforeEach(() => {
  mailbox.reset();
  mailbox.install(server);
  server.use(
    http.get(apiUrl('/account/info'), () => HttpResponse.json({ fullName: 'Ana Pop' } as AccountInfo)),
    http.get(apiUrl('/account/aliases'), () => HttpResponse.json({ items: [{ emailAddress: 'ana@example.test', type: 'mainAddress' }] })),
    http.get(apiUrl('/account/settings'), () => HttpResponse.json({ timezone: 'UTC', receipts: { requestReadReceipts: false, requestDeliveryReceipts: false } } as AccountSettings)),
    http.get(apiUrl('/account/signatures'), () => HttpResponse.json({ items: [] })),
    http.get(apiUrl('/account/settings/client'), () => HttpResponse.json({ clientSettings: '' })),
  );
});

describe('<EmbeddedCompose> (React hosts)', () => {
  it('brings its own providers, renders in a shadow root, and reports through onEvent and its ref', async () => {
    const events: ComposeEvent[] = [];
    const ref = createRef<EmbeddedComposeHandle>();
    const { container } = render(
      <EmbeddedCompose ref={ref} apiBaseUrl={TEST_ORIGIN} auth={{ sessid: 'c1' }} open={{ mode: 'new' }} prefill={{ to: 'bo@example.test' }} onEvent={(event) => events.push(event)} />,
    );
    const root = await waitFor(() => {
      const found = container.querySelector('[data-mailbox-compose]')?.shadowRoot?.querySelector<HTMLElement>('.mc-embed-root');
      if (!found) throw new Error('not yet');
      return found;
    });
    await within(root).findByRole('textbox', { name: 'Message body' });
    expect(within(root).getByRole('dialog', { name: 'New message' })).toBeTruthy();
    expect(container.querySelector('.compose-window')).toBeNull();

    const result = await act(() => ref.current!.close());
    expect(result?.kind).toBe('saved');
    expect(events.at(-1)).toEqual({ type: 'closed', detail: { result } });
    expect(within(root).queryByRole('dialog')).toBeNull();
  });

  it('cookie-style auth sends _h with every call', async () => {
    const seen = vi.fn();
    server.use(
      http.get(apiUrl('/account/info'), ({ request }) => {
        seen(new URL(request.url).searchParams.get('_h'));
        return HttpResponse.json({ fullName: 'Ana Pop' } as AccountInfo);
      }),
    );
    render(<EmbeddedCompose apiBaseUrl={TEST_ORIGIN} auth={{ sessid: 'cookie-session' }} />);
    await waitFor(() => expect(seen).toHaveBeenCalledWith('cookie-session'));
  });
});

describe('<EmbeddedCompose> under StrictMode', () => {
  it('still hears a 401 after the development remount and asks the host for fresh auth', async () => {
    server.use(http.get(apiUrl('/account/info'), () => HttpResponse.json({ error: { code: 'UNAUTHORIZED', message: 'Session expired' } }, { status: 401 })));
    const events: ComposeEvent[] = [];
    const onSessionExpired = vi.fn(() => undefined);
    render(
      <StrictMode>
        <EmbeddedCompose apiBaseUrl={TEST_ORIGIN} auth={{ sessid: 'c1' }} onSessionExpired={onSessionExpired} onEvent={(event) => events.push(event)} />
      </StrictMode>,
    );
    await waitFor(() => expect(events.map((event) => event.type)).toContain('sessionExpired'));
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });
});

describe('<EmbeddedCompose> props', () => {
  it('switching layout keeps the open window and what was typed', async () => {
    const props = { apiBaseUrl: TEST_ORIGIN, auth: { sessid: 'c1' } } as const;
    const { container, rerender } = render(<EmbeddedCompose {...props} layout="inline" />);
    const root = await waitFor(() => {
      const found = container.querySelector('[data-mailbox-compose]')?.shadowRoot?.querySelector<HTMLElement>('.mc-embed-root');
      if (!found) throw new Error('not yet');
      return found;
    });
    const subject = (await within(root).findByRole('textbox', { name: 'Subject' })) as HTMLInputElement;
    fireEvent.change(subject, { target: { value: 'Typed before the switch' } });

    rerender(<EmbeddedCompose {...props} layout="floating" />);
    const window = within(root).getByRole('dialog', { name: 'New message' });
    expect(within(window).getByRole('button', { name: 'Minimise' })).toBeTruthy();
    expect(within(window).getByRole('textbox', { name: 'Subject' })).toBe(subject);
    expect(subject.value).toBe('Typed before the switch');
  });
});

describe('<EmbeddedCompose maxUploadBytes>', () => {
  it('refuses a file over the host’s limit before any upload', async () => {
    const uploads = vi.fn();
    server.use(
      http.post(apiUrl('/temporaryAttachments'), () => {
        uploads();
        return HttpResponse.json({ items: [{ id: 1, name: 'x', contentType: 'text/plain', size: 1 }] });
      }),
    );
    const { container } = render(<EmbeddedCompose apiBaseUrl={TEST_ORIGIN} auth={{ sessid: 'c1' }} maxUploadBytes={2048} />);
    const root = await waitFor(() => {
      const found = container.querySelector('[data-mailbox-compose]')?.shadowRoot?.querySelector<HTMLElement>('.mc-embed-root');
      if (!found) throw new Error('not yet');
      return found;
    });
    await within(root).findByRole('textbox', { name: 'Message body' });
    const chooser = within(root).getByLabelText('Attach files') as HTMLInputElement;
    act(() => {
      Object.defineProperty(chooser, 'files', { value: [new File(['x'.repeat(4096)], 'scan.pdf', { type: 'application/pdf' })], configurable: true });
      fireEvent.change(chooser);
    });
    expect((await within(root).findByRole('alert')).textContent).toContain('scan.pdf is larger than the server accepts (2 kB).');
    expect(uploads).not.toHaveBeenCalled();
  });
});
