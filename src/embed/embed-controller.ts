import { createApiClient, type ApiClient } from '../api/transport';
import { uploadLimitFor } from '../compose/model/upload-limit';
import { ComposeOptionsError } from './errors';
import { toApiAuth } from './options';
import type { ComposeEvent, ComposeEventMap, ComposeEventName, EmbedAuth, SessionExpiredHandler } from './types';

export interface EmbedControllerOptions {
  apiBaseUrl?: string;
  auth: EmbedAuth;
  onSessionExpired?: SessionExpiredHandler;
  /** The server's per-file upload limit in bytes, when the host knows it (see `ComposeOptions.maxUploadBytes`). */
  maxUploadBytes?: number;
  /** For tests: the fetch the API client uses. */
  fetch?: typeof fetch;
}

type Listener = (detail: never) => void;

/**
 * One embedded window's connection to its host, outside React: the API client with the host's
 * session, the events the host listens to, and the session-expiry handshake.
 *
 * Expiry: the first 401 marks the session expired, tells the host once (`sessionExpired`) and asks
 * `onSessionExpired` for fresh auth. Saves and a stopped send wait (the window keeps the content,
 * the journal keeps a copy) until auth arrives — from that answer or later through `supplyAuth`.
 */
export class EmbedController {
  readonly api: ApiClient;
  private readonly listeners = new Map<ComposeEventName, Set<Listener>>();
  private readonly anyListeners = new Set<(event: ComposeEvent) => void>();
  private readonly resumeListeners = new Set<() => void>();
  private expired = false;
  /** Bumped on every expiry, so a slow answer to an older one cannot overwrite newer auth. */
  private expiry = 0;
  private onSessionExpired: SessionExpiredHandler | undefined;
  private readonly stopUnauthorized: () => void;

  constructor(options: EmbedControllerOptions) {
    const maxUploadBytes = toMaxUploadBytes(options.maxUploadBytes);
    this.api = createApiClient({ baseUrl: options.apiBaseUrl ?? '', auth: toApiAuth(options.auth), ...(options.fetch ? { fetch: options.fetch } : {}) });
    // Every window of this embed shares one limit: the host's value until the server states its own in a 413.
    uploadLimitFor(this.api).configure(maxUploadBytes);
    this.onSessionExpired = options.onSessionExpired;
    this.stopUnauthorized = this.api.onUnauthorized(() => this.sessionExpired());
  }

  get isSessionExpired(): boolean {
    return this.expired;
  }

  setSessionExpiredHandler(handler: SessionExpiredHandler | undefined): void {
    this.onSessionExpired = handler;
  }

  on<K extends ComposeEventName>(event: K, listener: (detail: ComposeEventMap[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const stored = listener as Listener;
    set.add(stored);
    return () => void set.delete(stored);
  }

  /** Every event, as `{ type, detail }` (the iframe page forwards these). */
  onAny(listener: (event: ComposeEvent) => void): () => void {
    this.anyListeners.add(listener);
    return () => void this.anyListeners.delete(listener);
  }

  emit<K extends ComposeEventName>(type: K, detail: ComposeEventMap[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) callSafely(() => (listener as (d: ComposeEventMap[K]) => void)(detail));
    const event = { type, detail } as ComposeEvent;
    for (const listener of [...this.anyListeners]) callSafely(() => listener(event));
  }

  /** The compose window's `onSessionResume`: called once fresh auth is in place. */
  onResume = (listener: () => void): (() => void) => {
    this.resumeListeners.add(listener);
    return () => void this.resumeListeners.delete(listener);
  };

  /** Fresh auth from the host: replaces the client's auth, and paused saves and a stopped send carry on. */
  supplyAuth(auth: EmbedAuth): void {
    const next = toApiAuth(auth);
    this.api.setAuth(next);
    this.expiry += 1;
    const wasExpired = this.expired;
    this.expired = false;
    if (wasExpired) for (const listener of [...this.resumeListeners]) callSafely(listener);
  }

  dispose(): void {
    this.stopUnauthorized();
    this.listeners.clear();
    this.anyListeners.clear();
    this.resumeListeners.clear();
  }

  private sessionExpired(): void {
    if (this.expired) return;
    this.expired = true;
    const expiry = ++this.expiry;
    this.emit('sessionExpired', {});
    const handler = this.onSessionExpired;
    if (!handler) return;
    let answer: ReturnType<SessionExpiredHandler>;
    try {
      answer = handler();
    } catch (error) {
      reportHostError(error);
      return;
    }
    Promise.resolve(answer).then(
      (auth) => {
        // Stale: fresh auth already came another way (or expired again since).
        if (auth && this.expired && expiry === this.expiry) callSafely(() => this.supplyAuth(auth));
      },
      (error: unknown) => reportHostError(error),
    );
  }
}

/** The host's `maxUploadBytes`: absent, or a whole number of bytes above zero. */
export function toMaxUploadBytes(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    throw new ComposeOptionsError(`\`maxUploadBytes\` must be the server's per-file upload limit as a whole number of bytes above zero (e.g. 26214400 for 25 MB); got ${JSON.stringify(value)}.`);
  return value;
}

/** A host listener that throws must not break the window or the other listeners. */
function callSafely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    reportHostError(error);
  }
}

function reportHostError(error: unknown): void {
  // The host's own bug: surfaced where its developers look, without stopping our work.
  console.error('mailbox-compose: a host callback failed:', error);
}
