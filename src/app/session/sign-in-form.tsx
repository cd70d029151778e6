import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/transport';
import { useSessionStore } from './session-context';

/** Plain words for a failed sign-in; the server's own sentence when it sent one we can't improve on. */
export function describeSignInError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network' || error.kind === 'timeout') return "The mail server can't be reached. Check your connection and try again.";
    if (error.status === 401) return "That email and password don't match an account.";
    if (error.status === 429) return error.message || 'Too many failed attempts. Wait a moment and try again.';
    if (error.status >= 500) return 'The mail server had a problem signing you in. Try again in a moment.';
    return error.message;
  }
  return 'Signing in failed unexpectedly. Try again.';
}

/** The sign-in fields, shared by the sign-in screen and the "session expired" dialog. */
export function SignInForm({ initialEmail = '', emailReadOnly = false, onSignedIn }: { initialEmail?: string; emailReadOnly?: boolean; onSignedIn?: () => void }) {
  const store = useSessionStore();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await store.signIn(email, password);
      onSignedIn?.();
    } catch (err) {
      setError(describeSignInError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sign-in-form" onSubmit={submit} aria-describedby={error ? errorId : undefined}>
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required value={email} readOnly={emailReadOnly} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
