import type { ApiClient } from '../../api/transport';

/**
 * The standalone app's sign-in state. Cookie login keeps the session in an HttpOnly cookie; the
 * session id (needed as `_h` on every call) is kept in sessionStorage so a reload stays signed in
 * but closing the tab signs out. A 401 while signed in turns into "expired": the app shows a
 * sign-in dialog over whatever is open, and nothing on screen is thrown away.
 *
 * The browser holds one session cookie for all tabs, so tabs share one session over a
 * `SessionChannel`: a new tab asks the open ones for it instead of signing in again (which would
 * replace the cookie and leave every other tab with a dead `_h`); a sign-in in any tab hands the new
 * session to the others (an "expired" tab resumes); a sign-out in one signs all of them out.
 */
export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; reason: 'new' | 'signed-out' }
  | { status: 'signed-in'; email: string }
  | { status: 'expired'; email: string };

/** The calls the store needs (the Mailbox API session module, adapted in main.tsx). */
export interface SessionApi {
  /** Cookie login; sets the client's auth and answers the session id. */
  login(email: string, password: string): Promise<string>;
  logout(): Promise<void>;
  /** Any cheap authenticated call, to check a restored session still works. */
  check(): Promise<void>;
}

/** What tabs of the app tell each other about the one session the browser's cookie holds. */
export type SessionMessage = { type: 'ask' } | { type: 'session'; sessid: string; email: string } | { type: 'signed-out' };

/** A same-origin channel between the app's tabs (a BroadcastChannel in the browser). */
export interface SessionChannel {
  post(message: SessionMessage): void;
  listen(listener: (message: SessionMessage) => void): () => void;
}

/** The browser's channel between tabs; none where BroadcastChannel is missing (each tab then signs in alone). */
export function browserSessionChannel(name = 'mailbox-compose.session'): SessionChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  return {
    post: (message) => channel.postMessage(message),
    listen: (listener) => {
      const onMessage = (event: MessageEvent) => listener(event.data as SessionMessage);
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

const STORAGE_KEY = 'mailbox-compose.session';

export class SessionStore {
  private state: SessionState = { status: 'restoring' };
  /** A restored session is in use while the server is asked whether it still holds. */
  private verifying = false;
  private readonly listeners = new Set<() => void>();
  private readonly resumeListeners = new Set<() => void>();
  /** The session in use (what `_h` carries), once signed in. */
  private current: { sessid: string; email: string } | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly calls: SessionApi,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage,
    private readonly channel: SessionChannel | null = null,
  ) {
    api.onUnauthorized(() => {
      // A restored session the server refuses was never good: back to sign-in, not "expired".
      if (this.verifying) this.refuseRestored();
      else if (this.state.status === 'signed-in') this.set({ status: 'expired', email: this.state.email });
    });
    channel?.listen((message) => this.onTabMessage(message));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionState => this.state;

  /** Runs after a sign-in that ends an expiry, so paused saves and sends carry on. */
  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  /**
   * Signs in again with the session saved in this tab, at once: the portal and its requests start
   * without waiting for the check, which runs alongside them (a saved session almost always still
   * holds). If the server refuses it — the check or any request answering 401 meanwhile — or cannot
   * be reached, the session is forgotten and the app goes back to sign-in.
   */
  async restore(): Promise<void> {
    const saved = this.readSaved();
    if (!saved) {
      // The sign-in screen at once; if another tab is signed in, its answer signs this one in too.
      this.set({ status: 'signed-out', reason: 'new' });
      this.channel?.post({ type: 'ask' });
      return;
    }
    this.adopt(saved);
    this.verifying = true;
    this.set({ status: 'signed-in', email: saved.email });
    try {
      await this.calls.check();
    } catch {
      // Unless a 401 meanwhile (or a new sign-in) has already settled it.
      if (this.verifying) this.refuseRestored();
    } finally {
      this.verifying = false;
    }
  }

  private refuseRestored(): void {
    this.verifying = false;
    this.forget();
    this.set({ status: 'signed-out', reason: 'new' });
  }

  /** Throws the login's ApiError (401 wrong credentials, 429 throttled, network…) for the form to show. */
  async signIn(email: string, password: string): Promise<void> {
    const wasExpired = this.state.status === 'expired';
    const sessid = await this.calls.login(email.trim(), password);
    this.verifying = false;
    this.adopt({ sessid, email: email.trim() });
    this.set({ status: 'signed-in', email: email.trim() });
    // The login replaced the browser's session cookie: the other tabs must switch to this session.
    this.channel?.post({ type: 'session', sessid, email: email.trim() });
    if (wasExpired) this.resume();
  }

  /** Always signs out here; if the server can't be told, its session simply expires on its own. */
  async signOut(): Promise<void> {
    this.verifying = false;
    try {
      await this.calls.logout();
    } catch {
      // Nothing to show: the user asked to leave and has left.
    } finally {
      this.forget();
      this.set({ status: 'signed-out', reason: 'signed-out' });
      this.channel?.post({ type: 'signed-out' });
    }
  }

  private onTabMessage(message: SessionMessage): void {
    const { status } = this.state;
    if (message.type === 'ask') {
      // Only a session known to hold is handed on (not one still being checked after a reload).
      if (status === 'signed-in' && !this.verifying && this.current) this.channel?.post({ type: 'session', ...this.current });
    } else if (message.type === 'session') {
      if (status === 'signed-out' || status === 'restoring') {
        // Answer to this tab's question, or another tab signed in while this one shows sign-in.
        this.adopt(message);
        this.set({ status: 'signed-in', email: message.email });
      } else if (message.email === this.current?.email && message.sessid !== this.current.sessid) {
        // Same account signed in again elsewhere: its cookie replaced ours, so take its session.
        this.verifying = false;
        this.adopt(message);
        if (status === 'expired') {
          this.set({ status: 'signed-in', email: message.email });
          this.resume();
        }
      }
      // Another account signed in elsewhere: the cookie is no longer ours; the next request's 401
      // shows this tab's sign-in dialog, with everything on screen kept.
    } else if (message.type === 'signed-out' && (status === 'signed-in' || status === 'expired')) {
      // The cookie is gone for every tab; unsent text is in the journal, offered after sign-in.
      this.verifying = false;
      this.forget();
      this.set({ status: 'signed-out', reason: 'signed-out' });
    }
  }

  private adopt(session: { sessid: string; email: string }): void {
    this.current = { sessid: session.sessid, email: session.email };
    this.api.setAuth({ kind: 'cookie', sessid: session.sessid });
    this.storage.setItem(STORAGE_KEY, JSON.stringify(this.current));
  }

  private resume(): void {
    for (const listener of this.resumeListeners) listener();
  }

  private forget(): void {
    this.current = null;
    this.storage.removeItem(STORAGE_KEY);
    this.api.setAuth(null);
  }

  private readSaved(): { sessid: string; email: string } | null {
    try {
      const value = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null') as unknown;
      if (value && typeof value === 'object' && 'sessid' in value && 'email' in value && typeof value.sessid === 'string' && typeof value.email === 'string') {
        return { sessid: value.sessid, email: value.email };
      }
    } catch {
      // A damaged entry is the same as none.
    }
    return null;
  }

  private set(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
