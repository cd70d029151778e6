import type { ComposeHandle, ComposeOptions, ComposeEvent } from '../types';

/** Messages a host sends to the compose frame. */
export type HostMessage =
  | { type: 'mailbox-compose:open'; options: Omit<ComposeOptions, 'onSessionExpired'> }
  /** Fresh auth after `sessionExpired` (or whenever the host renewed the session). */
  | { type: 'mailbox-compose:auth'; auth: ComposeOptions['auth'] }
  | { type: 'mailbox-compose:focus' }
  /** Closes the window (the draft is saved first); `closed` comes back. */
  | { type: 'mailbox-compose:close' };

/** Messages the compose frame sends to its host. */
export type FrameMessage =
  /** The frame is listening: send `open` now. */
  | { type: 'mailbox-compose:ready' }
  | { type: 'mailbox-compose:event'; event: ComposeEvent['type']; detail: ComposeEvent['detail'] }
  /** A message the frame could not act on (bad options, nothing open yet), in plain words. */
  | { type: 'mailbox-compose:error'; message: string };

export interface FrameBridgeOptions {
  /** The frame's window (messages arrive here). */
  self: Window;
  /** Where the window is mounted. */
  element: Element;
  allowedOrigins: readonly string[];
  mount: (element: Element, options: ComposeOptions) => ComposeHandle;
}

/**
 * The compose page's side of the postMessage protocol. A message whose origin is not in the list
 * is dropped without an answer (not even an error: the sender learns nothing). Answers go only to
 * the window that opened the compose, with its origin as the target, so nothing leaks elsewhere.
 * Answers a stop function.
 */
export function startFrameBridge({ self, element, allowedOrigins, mount }: FrameBridgeOptions): () => void {
  let handle: ComposeHandle | null = null;
  let host: { window: MessageEventSource; origin: string } | null = null;
  const stopEvents: Array<() => void> = [];

  const post = (target: { window: MessageEventSource; origin: string }, message: FrameMessage) =>
    (target.window as Window).postMessage(message, target.origin);

  const onMessage = (event: MessageEvent) => {
    if (!allowedOrigins.includes(event.origin) || !event.source) return;
    const data = event.data as Partial<HostMessage> | null;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string' || !data.type.startsWith('mailbox-compose:')) return;
    const sender = { window: event.source, origin: event.origin };
    try {
      if (data.type === 'mailbox-compose:open') {
        const options = (data as { options?: ComposeOptions }).options;
        if (!options || typeof options !== 'object') throw new Error('The open message needs `options` (at least `auth`).');
        if (handle) {
          handle.open(options.open ?? { mode: 'new' }, options.prefill);
          return;
        }
        host = sender;
        handle = mount(element, { ...options, layout: options.layout ?? 'inline' });
        for (const type of EVENT_TYPES) {
          stopEvents.push(handle.on(type, (detail) => host && post(host, { type: 'mailbox-compose:event', event: type, detail })));
        }
        return;
      }
      if (!handle) throw new Error('Nothing is open yet: send mailbox-compose:open first.');
      if (data.type === 'mailbox-compose:auth') handle.update({ auth: (data as { auth: ComposeOptions['auth'] }).auth });
      else if (data.type === 'mailbox-compose:focus') handle.focus();
      else if (data.type === 'mailbox-compose:close') void handle.close();
      else throw new Error(`Unknown message type ${JSON.stringify(data.type)}.`);
    } catch (error) {
      post(sender, { type: 'mailbox-compose:error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  self.addEventListener('message', onMessage);
  // Tell each allowed host we are listening; the browser delivers it only if the parent is one of them.
  if (self.parent && self.parent !== self) for (const origin of allowedOrigins) self.parent.postMessage({ type: 'mailbox-compose:ready' } satisfies FrameMessage, origin);

  return () => {
    self.removeEventListener('message', onMessage);
    for (const stop of stopEvents) stop();
  };
}

const EVENT_TYPES = ['draftSaved', 'sent', 'undone', 'scheduled', 'scheduleCancelled', 'closed', 'sessionExpired'] as const satisfies ReadonlyArray<ComposeEvent['type']>;
