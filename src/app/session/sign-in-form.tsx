import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/transport';
import { useSessionStore } from './session-context';
import { getLocale, t } from '../../i18n/core';
import { useT } from '../../i18n/react';

/** Plain words for a failed sign-in; the server's own sentence when it sent one we can't improve on. */
export function describeSignInError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network' || error.kind === 'timeout') return t('signIn.unreachable');
    if (error.status === 401) return t('signIn.wrongPassword');
    // The server's throttling sentence names the wait; it is English, so other locales say it their way.
    if (error.status === 429) return (getLocale() === 'en' && error.message) || t('signIn.throttled');
    if (error.status >= 500) return t('signIn.serverError');
    return error.message;
  }
  return t('signIn.unexpected');
}

/** The sign-in fields, shared by the sign-in screen and the "session expired" dialog. */
export function SignInForm({ initialEmail = '', emailReadOnly = false, onSignedIn }: { initialEmail?: string; emailReadOnly?: boolean; onSignedIn?: () => void }) {
  const store = useSessionStore();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const tr = useT();

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
        {tr('signIn.email')}
        <input type="email" name="email" autoComplete="username" required value={email} readOnly={emailReadOnly} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {tr('signIn.password')}
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? tr('signIn.busy') : tr('signIn.submit')}
      </button>
    </form>
  );
}
