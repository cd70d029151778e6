import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import { HttpError, unauthorized } from '../http/errors';
import { findAccountByEmail, passwordHashOf, recordApiLogin, type Account } from './accounts';
import { accountThrottleKey, clientThrottleKey, lockRemainingMs, recordLoginFailure, recordLoginSuccess } from './login-throttle';
import { UNKNOWN_USER_HASH, verifyPassword } from './passwords';

/** One answer for every bad sign-in, so it never tells which accounts exist. */
const WRONG_CREDENTIALS = 'The username or password is wrong.';

/** Thrown while sign-in is locked for this account or client; the route adds Retry-After. */
export class SignInLockedError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'TOO_MANY_REQUESTS', `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/**
 * Usernames are full addresses; one without a domain is taken to be in the primary (first local)
 * domain, as Axigen does for its primary domain.
 */
export function qualifyUsername(config: Pick<ServerConfig, 'localDomains'>, username: string): string {
  const name = username.trim().toLowerCase();
  return name.includes('@') || config.localDomains.length === 0 ? name : `${name}@${config.localDomains[0]}`;
}

/**
 * Checks a username and password, with throttling (see login-throttle.ts). Resolves to the
 * account and whether this is its first sign-in through the API; throws 401 for wrong
 * credentials and SignInLockedError (429) while locked.
 */
export async function signIn(
  deps: { db: Db; clock: Clock; config: Pick<ServerConfig, 'localDomains'> },
  username: string,
  password: string,
  clientAddress: string,
): Promise<{ account: Account; firstApiLogin: boolean }> {
  const { db, clock, config } = deps;
  const email = qualifyUsername(config, username);
  const keys = [accountThrottleKey(email), clientThrottleKey(clientAddress)];
  const lockedMs = lockRemainingMs(db, keys, clock.now());
  if (lockedMs > 0) throw new SignInLockedError(Math.ceil(lockedMs / 1000));

  const account = findAccountByEmail(db, email);
  const matches = await verifyPassword(password, account ? passwordHashOf(db, account.id) : UNKNOWN_USER_HASH);
  // Checked again after the (slow) hash: guesses sent all at once all passed the first check, and
  // the ones finishing after the lock was earned must not learn whether they were right.
  const lockedAfterMs = lockRemainingMs(db, keys, clock.now());
  if (lockedAfterMs > 0) throw new SignInLockedError(Math.ceil(lockedAfterMs / 1000));
  if (!account || !matches) {
    recordLoginFailure(db, keys, clock.now());
    throw unauthorized(WRONG_CREDENTIALS);
  }
  recordLoginSuccess(db, accountThrottleKey(email));
  const firstApiLogin = account.lastApiLoginAt === null;
  recordApiLogin(db, account.id, clock.now());
  return { account, firstApiLogin };
}
