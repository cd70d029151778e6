import { useQuery } from '@tanstack/react-query';
import { apiVersionQuery } from '../../api/version';
import { useApiClient } from '../providers';
import { ServerStatus } from '../server-status';
import { SignInForm } from './sign-in-form';
import { formatWithNodes, useT } from '../../i18n/react';

export function SignInScreen({ signedOut }: { signedOut: boolean }) {
  const api = useApiClient();
  const demo = useQuery(apiVersionQuery(api)).data?.demo;
  const t = useT();
  return (
    <main className="sign-in-screen">
      <h1>{t('signIn.title')}</h1>
      {signedOut && <p role="status">{t('signIn.signedOut')}</p>}
      <SignInForm />
      {demo && (
        <aside className="demo-hint" aria-label={t('signIn.demoLabel')}>
          <p>{formatWithNodes(t, 'signIn.demoHint', { email: <strong>{demo.email}</strong>, password: <strong>{demo.password}</strong> })}</p>
        </aside>
      )}
      <footer>
        <ServerStatus />
      </footer>
    </main>
  );
}
