import type { Db } from '../db/database';

/**
 * Slows down password guessing. Failed sign-ins are counted per account (the username tried,
 * known or not, so the answer never reveals which accounts exist) and per client address. After
 * a number of free failures each further failure locks the key for a lock time that doubles up
 * to a cap; while a key is locked sign-in answers 429 without checking the password, so guessing
 * makes no progress. A success clears the account's count; failures are forgotten after a quiet
 * window counted from the last one (so no burst at a window's edge gets a fresh allowance).
 */
export const LOGIN_THROTTLE = {
  /** A key's failures are forgotten once this long has passed since its last one (with no lock running). */
  windowMs: 15 * 60_000,
  /** Failures per account that start the locking (the last of them is still answered 401). */
  accountFreeFailures: 5,
  /** The same per client address (higher: several users may share one). */
  clientFreeFailures: 20,
  /** First lock; doubles with every further failure. */
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
} as const;

export const accountThrottleKey = (username: string) => `account:${username.trim().toLowerCase()}`;
export const clientThrottleKey = (clientAddress: string) => `client:${clientAddress}`;

interface FailureRow {
  failures: number;
  first_failure_at: number;
  last_failure_at: number;
  locked_until: number;
}

function readLive(db: Db, key: string, now: number): FailureRow | undefined {
  const row = db.prepare('SELECT failures, first_failure_at, last_failure_at, locked_until FROM login_failures WHERE key = ?').get(key) as FailureRow | undefined;
  if (row && now >= row.locked_until && now - row.last_failure_at > LOGIN_THROTTLE.windowMs) {
    db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
    return undefined;
  }
  return row;
}

/** Milliseconds until the longest running lock among `keys` ends; 0 when none is locked. */
export function lockRemainingMs(db: Db, keys: readonly string[], now: number): number {
  return Math.max(0, ...keys.map((key) => (readLive(db, key, now)?.locked_until ?? 0) - now));
}

const freeFailuresOf = (key: string) => (key.startsWith('client:') ? LOGIN_THROTTLE.clientFreeFailures : LOGIN_THROTTLE.accountFreeFailures);

/** Counts a failed sign-in against each key, locking those past their free failures. */
export function recordLoginFailure(db: Db, keys: readonly string[], now: number): void {
  db.transaction(() => {
    for (const key of keys) {
      const row = readLive(db, key, now);
      const failures = (row?.failures ?? 0) + 1;
      const over = failures - freeFailuresOf(key);
      const lockedUntil = over >= 0 ? now + Math.min(LOGIN_THROTTLE.maxLockMs, LOGIN_THROTTLE.baseLockMs * 2 ** Math.min(over, 30)) : 0;
      db.prepare(
        `INSERT INTO login_failures (key, failures, first_failure_at, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
      ).run(key, failures, row?.first_failure_at ?? now, now, lockedUntil);
    }
  })();
}

/** A successful sign-in clears the account's failures (not the client's: one known password must not reset a guessing client). */
export function recordLoginSuccess(db: Db, accountKey: string): void {
  db.prepare('DELETE FROM login_failures WHERE key = ?').run(accountKey);
}
