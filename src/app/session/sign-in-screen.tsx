import { useQuery } from '@tanstack/react-query';
import { apiVersionQuery } from '../../api/version';
import { useApiClient } from '../providers';
import { ServerStatus } from '../server-status';
import { SignInForm } from './sign-in-form';

export function SignInScreen({ signedOut }: { signedOut: boolean }) {
  const api = useApiClient();
  const demo = useQuery(apiVersionQuery(api)).data?.demo;
  return (
    <main className="sign-in-screen">
      <h1>Sign in to your mailbox</h1>
      {signedOut && <p role="status">You have signed out.</p>}
      <SignInForm />
      {demo && (
        <aside className="demo-hint" aria-label="Demo account">
          <p>
            This is a demo server. Sign in as <strong>{demo.email}</strong> with the password <strong>{demo.password}</strong>.
          </p>
        </aside>
      )}
      <footer>
        <ServerStatus />
      </footer>
    </main>
  );
}
