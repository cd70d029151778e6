import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ComposeEventMap, ComposeEventName, ComposeHandle, ComposeOptions } from '../types';
import { startFrameBridge } from './frame-bridge';

const HOST = 'https://portal.example.test';
const AUTH = { sessid: 's1', authorization: 'Basic YTpi' };

/** A mount that records what it was asked and lets the test fire the window's events. */
function fakeMount() {
  const listeners = new Map<string, (detail: unknown) => void>();
  const handle = {
    close: vi.fn(async () => null),
    focus: vi.fn(),
    update: vi.fn(),
    open: vi.fn(),
    on: vi.fn(<K extends ComposeEventName>(event: K, listener: (detail: ComposeEventMap[K]) => void) => {
      listeners.set(event, listener as (detail: unknown) => void);
      return () => listeners.delete(event);
    }),
  } satisfies ComposeHandle;
  const mount = vi.fn((_element: Element, _options: ComposeOptions) => handle);
  const fire = <K extends ComposeEventName>(event: K, detail: ComposeEventMap[K]) => listeners.get(event)?.(detail);
  return { mount, handle, fire };
}

/** A window that sends messages (its postMessage records the answers it gets). */
const sender = () => ({ postMessage: vi.fn() });

function deliver(data: unknown, origin: string, source: { postMessage: unknown }) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as unknown as Window }));
}

let stop: () => void = () => {};
afterEach(() => stop());

describe('startFrameBridge', () => {
  it('mounts on open from an allowed origin and sends the events back to that window only, with its origin as target', () => {
    const { mount, fire } = fakeMount();
    stop = startFrameBridge({ self: window, element: document.body, allowedOrigins: [HOST], mount });
    const host = sender();
    deliver({ type: 'mailbox-compose:open', options: { auth: AUTH, prefill: { subject: 'Hi' } } }, HOST, host);

    expect(mount).toHaveBeenCalledWith(document.body, { auth: AUTH, prefill: { subject: 'Hi' }, layout: 'inline' });
    fire('sent', { mailId: 'm1', processingId: 7 });
    expect(host.postMessage).toHaveBeenCalledWith({ type: 'mailbox-compose:event', event: 'sent', detail: { mailId: 'm1', processingId: 7 } }, HOST);
  });

  it('hands the host’s maxUploadBytes on to the window', () => {
    const { mount } = fakeMount();
    stop = startFrameBridge({ self: window, element: document.body, allowedOrigins: [HOST], mount });
    deliver({ type: 'mailbox-compose:open', options: { auth: AUTH, maxUploadBytes: 10 * 1024 * 1024 } }, HOST, sender());
    expect(mount).toHaveBeenCalledWith(document.body, { auth: AUTH, maxUploadBytes: 10 * 1024 * 1024, layout: 'inline' });
  });

  it('ignores every message from another origin and never answers it', () => {
    const { mount, handle } = fakeMount();
    stop = startFrameBridge({ self: window, element: document.body, allowedOrigins: [HOST], mount });
    const intruder = sender();
    deliver({ type: 'mailbox-compose:open', options: { auth: AUTH } }, 'https://evil.test', intruder);
    expect(mount).not.toHaveBeenCalled();

    deliver({ type: 'mailbox-compose:open', options: { auth: AUTH } }, HOST, sender());
    for (const message of [{ type: 'mailbox-compose:close' }, { type: 'mailbox-compose:auth', auth: AUTH }, { type: 'mailbox-compose:nonsense' }, 'garbage'])
      deliver(message, 'https://portal.example.test.evil.test', intruder);
    expect(handle.close).not.toHaveBeenCalled();
    expect(handle.update).not.toHaveBeenCalled();
    expect(intruder.postMessage).not.toHaveBeenCalled();
  });

  it('passes fresh auth, focus and close on to the window', () => {
    const { mount, handle } = fakeMount();
    stop = startFrameBridge({ self: window, element: document.body, allowedOrigins: [HOST], mount });
    const host = sender();
    deliver({ type: 'mailbox-compose:open', options: { auth: AUTH } }, HOST, host);
    deliver({ type: 'mailbox-compose:auth', auth: { sessid: 's2' } }, HOST, host);
    deliver({ type: 'mailbox-compose:focus' }, HOST, host);
    deliver({ type: 'mailbox-compose:close' }, HOST, host);
    expect(handle.update).toHaveBeenCalledWith({ auth: { sessid: 's2' } });
    expect(handle.focus).toHaveBeenCalled();
    expect(handle.close).toHaveBeenCalled();
  });

  it('answers an allowed host’s mistakes in plain words', () => {
    const { mount } = fakeMount();
    mount.mockImplementationOnce(() => {
      throw new Error('`auth.sessid` must be the session id the Mailbox API login answered.');
    });
    stop = startFrameBridge({ self: window, element: document.body, allowedOrigins: [HOST], mount });
    const host = sender();
    deliver({ type: 'mailbox-compose:focus' }, HOST, host);
    deliver({ type: 'mailbox-compose:open', options: { auth: {} } }, HOST, host);
    expect(host.postMessage.mock.calls).toEqual([
      [{ type: 'mailbox-compose:error', message: 'Nothing is open yet: send mailbox-compose:open first.' }, HOST],
      [{ type: 'mailbox-compose:error', message: '`auth.sessid` must be the session id the Mailbox API login answered.' }, HOST],
    ]);
  });

  it('opens another window on a second open', () => {
    const { mount, handle } = fakeMount();
    stop = startFrameBridge({ self: window, element: document.body, allowedOrigins: [HOST], mount });
    const host = sender();
    deliver({ type: 'mailbox-compose:open', options: { auth: AUTH } }, HOST, host);
    deliver({ type: 'mailbox-compose:open', options: { auth: AUTH, open: { mode: 'reply', mailId: 'm9' } } }, HOST, host);
    expect(mount).toHaveBeenCalledTimes(1);
    expect(handle.open).toHaveBeenCalledWith({ mode: 'reply', mailId: 'm9' }, undefined);
  });
});
