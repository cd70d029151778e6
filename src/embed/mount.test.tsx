import { formatMessage, type Locale } from '../i18n/core';
import { act, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountInfo, AccountSettings, AliasList } from '../api/contract';
import { apiUrl, http, HttpResponse, startMswServer, TEST_ORIGIN } from '../testing/msw';
import { FakeMailbox } from '../testing/msw-mailbox';
import { mountCompose } from './mount';
import type { ComposeHandle, ComposeOptions } from './types';

const server = startMswServer();
const mailbox = new FakeMailbox();

const info = { accountName: 'ana', domainName: 'example.test', fullName: 'Ana Pop' } as AccountInfo;
const settings = {
  language: 'en',
  timezone: 'Europe/Bucharest',
  dateFormat: 'DD.MM.YYYY',
  timeFormat: 'hh:mm',
  weekStartDay: 1,
  receipts: { sendReadReceipts: 'ask', requestReadReceipts: false, requestDeliveryReceipts: false },
} as AccountSettings;
const aliases: AliasList = { items: [{ emailAddress: 'ana@example.test', type: 'mainAddress' }] };

beforeEach(() => {
  mailbox.reset();
  mailbox.install(server);
  server.use(
    http.get(apiUrl('/account/info'), () => HttpResponse.json(info)),
    http.get(apiUrl('/account/aliases'), () => HttpResponse.json(aliases)),
    http.get(apiUrl('/account/settings'), () => HttpResponse.json(settings)),
    http.get(apiUrl('/account/signatures'), () => HttpResponse.json({ items: [] })),
    http.get(apiUrl('/account/settings/client'), () => HttpResponse.json({ clientSettings: '' })),
  );
});

let slot: HTMLElement;
let handle: ComposeHandle | null = null;
beforeEach(() => {
  slot = document.createElement('div');
  document.body.append(slot);
});
afterEach(async () => {
  await act(async () => void (await handle?.close()));
  handle = null;
  slot.remove();
});

const options = (extra: Partial<ComposeOptions> = {}): ComposeOptions => ({ apiBaseUrl: TEST_ORIGIN, auth: { sessid: 's1', authorization: 'Basic YTpi' }, ...extra });

/** The root inside the shadow root, once the window has opened there. */
async function openedRoot(locale: Locale = 'en'): Promise<HTMLElement> {
  const root = await waitFor(() => {
    const found = slot.querySelector('[data-mailbox-compose]')?.shadowRoot?.querySelector<HTMLElement>('.mc-embed-root');
    if (!found) throw new Error('no shadow root yet');
    return found;
  });
  // All of them: a test may have opened a second window before the first one showed.
  await within(root).findAllByRole('textbox', { name: formatMessage(locale, 'editor.body') });
  return root;
}

describe('mountCompose', () => {
  it('opens the window inside a shadow root of its own element, with the prefill, theme and language', async () => {
    act(() => {
      handle = mountCompose(slot, options({ prefill: { subject: 'From the portal' }, theme: { '--mc-accent': '#0b7285' }, locale: 'ro' }));
    });
    // The window speaks the chosen language; the host page keeps its own.
    const root = await openedRoot('ro');
    expect(within(root).getByRole('dialog', { name: formatMessage('ro', 'compose.title.new') })).toBeTruthy();
    expect((within(root).getByRole('textbox', { name: formatMessage('ro', 'compose.subject') }) as HTMLInputElement).value).toBe('From the portal');
    expect(root.style.getPropertyValue('--mc-accent')).toBe('#0b7285');
    expect(root.getAttribute('lang')).toBe('ro');
    expect(root.getAttribute('dir')).toBe('ltr');
    expect(document.documentElement.getAttribute('lang')).not.toBe('ro');
    // Nothing of ours in the host's document tree outside the shadow root.
    expect(slot.querySelector('.compose-window')).toBeNull();
  });

  it('without a locale option the window speaks the account’s language, not the browser’s', async () => {
    server.use(http.get(apiUrl('/account/settings'), () => HttpResponse.json({ ...settings, language: 'ro' })));
    act(() => {
      handle = mountCompose(slot, options());
    });
    const root = await openedRoot('ro');
    expect(within(root).getByRole('dialog', { name: formatMessage('ro', 'compose.title.new') })).toBeTruthy();
    expect(root.getAttribute('lang')).toBe('ro');
  });

  it('a locale option wins over the account’s language', async () => {
    server.use(http.get(apiUrl('/account/settings'), () => HttpResponse.json({ ...settings, language: 'ro' })));
    act(() => {
      handle = mountCompose(slot, options({ locale: 'ar' }));
    });
    const root = await openedRoot('ar');
    expect(root.getAttribute('lang')).toBe('ar');
    expect(root.getAttribute('dir')).toBe('rtl');
  });

  it('close() saves what was typed, reports draftSaved and closed, and takes everything away', async () => {
    const events: Array<[string, unknown]> = [];
    act(() => {
      handle = mountCompose(slot, options());
      for (const type of ['draftSaved', 'closed'] as const) handle.on(type, (detail) => events.push([type, detail]));
    });
    const root = await openedRoot();
    fireEvent.change(within(root).getByRole('textbox', { name: 'Subject' }), { target: { value: 'Keep me' } });
    let result: unknown;
    await act(async () => {
      result = await handle!.close();
    });
    handle = null;
    const draftId = [...mailbox.drafts.keys()][0];
    expect(draftId).toBeDefined();
    expect(result).toEqual({ kind: 'saved', draftId });
    expect(events).toEqual([
      ['draftSaved', { mailId: draftId }],
      ['closed', { result: { kind: 'saved', draftId } }],
    ]);
    expect(slot.childElementCount).toBe(0);
  });

  it('a floating window offers Minimise and Maximise, each turning into Restore', async () => {
    act(() => {
      handle = mountCompose(slot, options({ layout: 'floating' }));
    });
    const root = await openedRoot();
    const window = within(root).getByRole('dialog', { name: 'New message' });
    fireEvent.click(within(window).getByRole('button', { name: 'Minimise' }));
    expect(root.querySelector('.mc-frame')!.className).toContain('is-minimised');
    fireEvent.click(within(window).getByRole('button', { name: 'Restore' }));
    fireEvent.click(within(window).getByRole('button', { name: 'Maximise' }));
    expect(root.querySelector('.mc-frame')!.className).toContain('is-maximised');
    expect(within(window).getAllByRole('button', { name: 'Restore' })).toHaveLength(1);
  });

  it('names the frame buttons in the window’s language', async () => {
    act(() => {
      handle = mountCompose(slot, options({ layout: 'floating', locale: 'ro' }));
    });
    const root = await openedRoot('ro');
    fireEvent.click(within(root).getByRole('button', { name: formatMessage('ro', 'compose.minimise') }));
    expect(within(root).getByRole('button', { name: formatMessage('ro', 'compose.restoreSize') })).toBeTruthy();
    expect(within(root).getByRole('button', { name: formatMessage('ro', 'compose.maximise') })).toBeTruthy();
    expect(within(root).queryByRole('button', { name: 'Minimise' })).toBeNull();
  });

  it('refuses bad options in plain words and mounts nothing', () => {
    expect(() => mountCompose(slot, { auth: { sessid: '' } })).toThrow(/auth.sessid/);
    expect(() => mountCompose(slot, options({ open: { mode: 'reply' } }))).toThrow(/needs `open.mailId`/);
    expect(() => mountCompose(slot, options({ layout: 'sidebar' as never }))).toThrow(/layout/);
    expect(() => mountCompose(null as never, options())).toThrow(/DOM element/);
    expect(slot.childElementCount).toBe(0);
  });

  it('update({ auth }) replaces the session used from then on', async () => {
    const sessions: string[] = [];
    const record = ({ request }: { request: Request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/v1/mails') sessions.push(request.headers.get('X-Axigen-Session') ?? '');
    };
    server.events.on('request:start', record);
    act(() => {
      handle = mountCompose(slot, options());
    });
    const root = await openedRoot();
    handle!.update({ auth: { sessid: 's2', authorization: 'Basic YTpi' } });
    fireEvent.change(within(root).getByRole('textbox', { name: 'Subject' }), { target: { value: 'With the new session' } });
    await act(async () => void (await handle!.close()));
    handle = null;
    server.events.removeListener('request:start', record);
    expect(sessions).toEqual(['s2']);
    act(() => {
      handle = mountCompose(slot, options());
    });
    expect(() => handle!.update({ auth: { sessid: '' } })).toThrow(/auth.sessid/);
  });
});

describe('mountCompose: the maxUploadBytes option', () => {
  it('refuses a file over the host’s limit before any byte is sent, naming the limit', async () => {
    const uploads: string[] = [];
    server.use(
      http.post(apiUrl('/temporaryAttachments'), ({ request }) => {
        uploads.push(request.url);
        return HttpResponse.json({ items: [{ id: 1, name: 'small.txt', contentType: 'text/plain', size: 10 }] });
      }),
    );
    act(() => {
      handle = mountCompose(slot, options({ maxUploadBytes: 1024 }));
    });
    const root = await openedRoot();
    const chooser = within(root).getByLabelText('Attach files') as HTMLInputElement;
    const big = new File(['x'.repeat(2048)], 'scan.pdf', { type: 'application/pdf' });
    act(() => {
      Object.defineProperty(chooser, 'files', { value: [big], configurable: true });
      fireEvent.change(chooser);
    });
    expect((await within(root).findByRole('alert')).textContent).toContain('scan.pdf is larger than the server accepts (1 kB).');
    expect(uploads).toEqual([]);
  });

  it('is checked at mount time: anything but a whole number of bytes above zero is refused in plain words', () => {
    for (const bad of [0, -5, 1.5, '25MB', Number.NaN]) {
      expect(() => mountCompose(slot, options({ maxUploadBytes: bad as number }))).toThrow(/`maxUploadBytes` must be the server's per-file upload limit as a whole number of bytes/);
    }
    expect(slot.childElementCount).toBe(0);
  });
});

describe('mountCompose, before React has rendered', () => {
  it('keeps an open() asked for at once and opens it when the view is ready', async () => {
    act(() => {
      handle = mountCompose(slot, options());
      handle.open({ mode: 'new' }, { subject: 'Second' });
    });
    const root = await openedRoot();
    await waitFor(() => expect(within(root).getAllByRole('textbox', { name: 'Message body' })).toHaveLength(2));
    expect(within(root).getAllByRole('textbox', { name: 'Subject' }).map((input) => (input as HTMLInputElement).value)).toEqual(['', 'Second']);
  });
});

describe('mountCompose under StrictMode (development React remounts every effect once)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the sent toast keeps counting down: its timers are not disposed by the remount', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    act(() => {
      handle = mountCompose(slot, options({ prefill: { to: 'bo@example.test', subject: 'Counting', body: 'Tick.' } }));
    });
    const root = await openedRoot();
    fireEvent.click(within(root).getByRole('button', { name: 'Send' }));
    const toasts = await within(root).findByRole('region', { name: 'Notifications' });
    await waitFor(() => expect(toasts.textContent).toContain('10 s left'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3_000);
    });
    expect(toasts.textContent).toContain('7 s left');
  });
});
