import type { Migration } from './index';

/**
 * Failures are forgotten after a quiet window counted from the LAST failure, not the first: counted
 * from the first, a guesser could spend the free failures just before the window ended and again
 * just after it, twice the allowance in a moment.
 */
export const loginFailuresLast: Migration = {
  version: 4,
  name: 'login-failures-last',
  up: `
    ALTER TABLE login_failures ADD COLUMN last_failure_at INTEGER NOT NULL DEFAULT 0;
    UPDATE login_failures SET last_failure_at = first_failure_at;
  `,
};
