import { Portal } from './portal/portal';
import { useSession } from './session/session-context';
import { SessionExpiredDialog } from './session/session-expired-dialog';
import { SignInScreen } from './session/sign-in-screen';
import { useT } from '../i18n/react';

/** The standalone app: sign-in until there is a session, then the portal. */
export function App() {
  const session = useSession();
  const t = useT();
  switch (session.status) {
    case 'restoring':
      return <p className="app-loading" role="status">{t('app.opening')}</p>;
    case 'signed-out':
      return <SignInScreen signedOut={session.reason === 'signed-out'} />;
    case 'signed-in':
    case 'expired':
      return (
        <>
          <Portal email={session.email} />
          {session.status === 'expired' && <SessionExpiredDialog email={session.email} />}
        </>
      );
  }
}
