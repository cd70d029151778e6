import type { Migration } from './index';

/** Server-wide facts, e.g. whether the demo data has been seeded. */
export const meta: Migration = {
  version: 1,
  name: 'meta',
  up: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
