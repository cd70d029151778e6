import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { accountInfoQuery } from './api/account';
import { loginWithCookie, logout } from './api/session';
import { createApiClient } from './api/transport';
import { App } from './app/app';
// The compose window's document styles belong to the page that shows it in the document: the app.
// (Embedded, it lives in a shadow root with its own scoped copy, so compose.html loads none of these.)
// Before app.css, which refines them.
import './compose/ui/compose.css';
import './compose/editor/editor.css';
import './app/app.css';
import { AppProviders, createQueryClient } from './app/providers';
import { SessionProvider } from './app/session/session-context';
import { browserSessionChannel, SessionStore } from './app/session/session-store';
import { applyBrowserLocale } from './app/account-locale';
import { preloadComposeWindow } from './compose/ui/compose-window';
import { applyAppConfig } from './app-config';

// The standalone app talks to the Mailbox API on its own origin (`/api` is proxied to the server)
// and signs in with cookie login, the browser-friendly style (HttpOnly cookie + `_h`).
const api = createApiClient();
const queryClient = createQueryClient();
const session = new SessionStore(api, {
  login: async (email, password) => (await loginWithCookie(api, { username: email, password })).sessid,
  logout: () => logout(api),
  // The account info doubles as the check: cached, so the compose window does not ask again.
  check: async () => void (await queryClient.fetchQuery({ ...accountInfoQuery(api), staleTime: 0 })),
}, sessionStorage, browserSessionChannel());
void session.restore();
// The deployment's app-config.json: the server's upload limit, which the Mailbox API cannot be asked.
void applyAppConfig(api);
// Before the account's language is known, the browser's (sign-in screen, restoring).
applyBrowserLocale();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders api={api} queryClient={queryClient}>
      <SessionProvider store={session}>
        <App />
      </SessionProvider>
    </AppProviders>
  </StrictMode>,
);

// Signed in already (a restored session): the compose window's chunks and account data start
// downloading now, in parallel with the portal's own requests. Called after render() so React's
// first render is queued before the chunks can arrive and be evaluated. (After a sign-in the
// portal starts the same preload when it mounts.)
if (session.getSnapshot().status === 'signed-in') void preloadComposeWindow(queryClient, api);
