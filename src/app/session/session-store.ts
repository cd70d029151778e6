import type { ApiClient } from '../../api/transport';

/**
 * The standalone app's sign-in state. Cookie login keeps the session in an HttpOnly cookie; the
 * session id (needed as `_h` on every call) is kept in sessionStorage so a reload stays signed in
 * but closing the tab signs out. A 401 while signed in turns into "expired": the app shows a
 * sign-in dialog over whatever is open, and nothing on screen is thrown away.
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

const STORAGE_KEY = 'mailbox-compose.session';

export class SessionStore {
  private state: SessionState = { status: 'restoring' };
  /** A restored session is in use while the server is asked whether it still holds. */
  private verifying = false;
  private readonly listeners = new Set<() => void>();
  private readonly resumeListeners = new Set<() => void>();

  constructor(
    private readonly api: ApiClient,
    private readonly calls: SessionApi,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage,
  ) {
    api.onUnauthorized(() => {
      // A restored session the server refuses was never good: back to sign-in, not "expired".
      if (this.verifying) this.refuseRestored();
      else if (this.state.status === 'signed-in') this.set({ status: 'expired', email: this.state.email });
    });
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
    if (!saved) return this.set({ status: 'signed-out', reason: 'new' });
    this.api.setAuth({ kind: 'cookie', sessid: saved.sessid });
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
    this.storage.setItem(STORAGE_KEY, JSON.stringify({ sessid, email: email.trim() }));
    this.set({ status: 'signed-in', email: email.trim() });
    if (wasExpired) for (const listener of this.resumeListeners) listener();
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
    }
  }

  private forget(): void {
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
