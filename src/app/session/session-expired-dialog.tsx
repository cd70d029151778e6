import { useEffect, useRef } from 'react';
import { trapTabKey } from '../../compose/ui/focus-trap';
import { SignInForm } from './sign-in-form';
import { useT } from '../../i18n/react';

/**
 * Shown over everything when the session expires while the user works: nothing underneath is
 * closed or reset, and after signing in again paused saves and sends carry on by themselves.
 */
export function SessionExpiredDialog({ email }: { email: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    // Esc must not dismiss it: without a session nothing can be saved.
    <dialog ref={ref} className="session-expired" aria-labelledby="session-expired-title" onCancel={(e) => e.preventDefault()} onKeyDown={trapTabKey}>
      <h2 id="session-expired-title">{t('session.expiredTitle')}</h2>
      <p>{t('session.expiredText')}</p>
      <SignInForm initialEmail={email} emailReadOnly />
    </dialog>
  );
}
