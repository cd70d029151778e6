// The example portal's script. It already has a Mailbox API session (its own sign-in) and mounts
// the compose window with it. Everything the window reports is kept in window.hostEvents.
import { mountCompose } from '/dist-lib/mount.js';

window.hostEvents = [];
const signInAgain = document.getElementById('sign-in-again');

/** A portal signs in again with the credentials it holds (here: the Basic header it used first). */
async function renewSession(authorization) {
  const response = await fetch('/api/v1/login', { method: 'POST', headers: { Authorization: authorization } });
  if (!response.ok) throw new Error(`Signing in again failed: ${response.status}`);
  const { sessid } = await response.json();
  return { sessid, authorization };
}

/**
 * Mounts the window. With `renew: 'button'` the portal asks its user before signing in again
 * (the "Sign in again" button in the portal bar), so the time between expiry and fresh auth is
 * visible; `renew: 'auto'` signs in again at once.
 */
window.hostMount = (options, { renew = 'auto' } = {}) => {
  const handle = mountCompose(document.getElementById('compose-slot'), {
    ...options,
    onSessionExpired: () => {
      if (!options.auth.authorization) return undefined;
      if (renew === 'auto') return renewSession(options.auth.authorization);
      return new Promise((resolve, reject) => {
        signInAgain.hidden = false;
        signInAgain.onclick = () => {
          signInAgain.hidden = true;
          renewSession(options.auth.authorization).then(resolve, reject);
        };
      });
    },
  });
  for (const type of ['draftSaved', 'sent', 'undone', 'scheduled', 'scheduleCancelled', 'closed', 'sessionExpired']) {
    handle.on(type, (detail) => window.hostEvents.push({ type, detail }));
  }
  window.hostCompose = handle;
  return true;
};
