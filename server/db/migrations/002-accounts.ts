import type { Migration } from './index';

/**
 * Accounts and everything around them except mail: sign-in (password hashes, sessions, login
 * throttling), folders, contacts (address book and collected recipients), signatures and settings.
 * Times are unix milliseconds of the server clock. Addresses are stored lower case.
 */
export const accounts: Migration = {
  version: 2,
  name: 'accounts',
  up: `
    CREATE TABLE accounts (
      id                 INTEGER PRIMARY KEY AUTOINCREMENT,
      email              TEXT    NOT NULL UNIQUE,          -- main address, lower case
      full_name          TEXT    NOT NULL DEFAULT '',
      password_hash      TEXT    NOT NULL,                 -- scrypt$N$r$p$salt$hash (base64)
      quota_kb           INTEGER NOT NULL,
      message_limit      INTEGER NOT NULL,
      created_at         INTEGER NOT NULL,
      last_api_login_at  INTEGER                           -- NULL until the first API login
    ) STRICT;

    CREATE TABLE aliases (
      address     TEXT    PRIMARY KEY,                     -- lower case; unique across the server
      account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      type        TEXT    NOT NULL CHECK (type IN ('accountAlias', 'domainAlias', 'accountAndDomainAlias'))
    ) STRICT;
    CREATE INDEX aliases_by_account ON aliases(account_id);

    -- id is the SHA-256 (hex) of the sessid the client holds, so a copy of the database
    -- cannot be replayed as live sessions.
    CREATE TABLE sessions (
      id                  TEXT    PRIMARY KEY,
      account_id          INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      style               TEXT    NOT NULL CHECK (style IN ('header', 'cookie')),
      authorization_hash  TEXT,                            -- header style: SHA-256 of the login Authorization header
      remember            INTEGER NOT NULL DEFAULT 0,      -- cookie style: "remember me"
      first_api_login     INTEGER NOT NULL DEFAULT 0,
      created_at          INTEGER NOT NULL,
      last_seen_at        INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sessions_by_account ON sessions(account_id);
    CREATE INDEX sessions_by_last_seen ON sessions(last_seen_at);

    -- One row per throttled key: 'account:<address>' or 'client:<ip>'.
    CREATE TABLE login_failures (
      key               TEXT    PRIMARY KEY,
      failures          INTEGER NOT NULL,
      first_failure_at  INTEGER NOT NULL,
      locked_until      INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE folders (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      parent_id    INTEGER REFERENCES folders(id) ON DELETE CASCADE,   -- NULL: top level (under the root container)
      name         TEXT    NOT NULL,
      role         TEXT    NOT NULL DEFAULT '',
      folder_type  TEXT    NOT NULL CHECK (folder_type IN ('mails', 'contacts')),
      position     INTEGER NOT NULL DEFAULT 0,
      created_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX folders_by_account ON folders(account_id);
    CREATE UNIQUE INDEX folders_one_per_role ON folders(account_id, role) WHERE role <> '';

    CREATE TABLE contacts (
      id                    INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id            INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      folder_id             INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
      collected             INTEGER NOT NULL DEFAULT 0,  -- 1: Collected Addresses (fed by sent mail)
      first_name            TEXT    NOT NULL DEFAULT '',
      last_name             TEXT    NOT NULL DEFAULT '',
      nick_name             TEXT    NOT NULL DEFAULT '',
      display_name          TEXT    NOT NULL DEFAULT '',
      email                 TEXT    NOT NULL,            -- as written; matched lower case
      is_distribution_list  INTEGER NOT NULL DEFAULT 0,
      use_count             INTEGER NOT NULL DEFAULT 0,
      last_used_at          INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX contacts_by_account ON contacts(account_id);
    CREATE UNIQUE INDEX contacts_collected_once ON contacts(account_id, lower(email)) WHERE collected = 1;

    CREATE TABLE signatures (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      name        TEXT    NOT NULL,
      type        TEXT    NOT NULL CHECK (type IN ('html', 'text')),
      body        TEXT    NOT NULL,
      position    INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX signatures_by_account ON signatures(account_id);

    -- settings_json holds only what differs from the defaults in server/accounts/settings.ts,
    -- so new settings get their default without a migration.
    CREATE TABLE account_settings (
      account_id       INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      settings_json    TEXT    NOT NULL DEFAULT '{}',
      client_settings  TEXT    NOT NULL DEFAULT ''
    ) STRICT;
  `,
};
