import type { Migration } from './index';

/**
 * The mail store, the temporary-attachment queue, the processing (delivery) queue and its log.
 *
 * Mails keep their raw RFC 5322 bytes; the columns after `raw` are a cache of what mailparser
 * reads from them (filled when the message is written), so listing never re-parses MIME.
 * `folder_id` is the folder's row id (the public id is `<accountId>_<folderId>`).
 * `uid` is the internal, stable key; `id` is the opaque public id, which changes whenever the
 * mail is replaced or changes folder (Axigen bakes the folder into its ids), so a stale id answers 404.
 */
export const mail: Migration = {
  version: 3,
  name: 'mail',
  up: `
    CREATE TABLE mails (
      uid              INTEGER PRIMARY KEY AUTOINCREMENT,
      id               TEXT NOT NULL UNIQUE,
      account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      folder_id        INTEGER NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
      raw              BLOB NOT NULL,
      size             INTEGER NOT NULL,
      internal_date    INTEGER NOT NULL,
      is_unread        INTEGER NOT NULL DEFAULT 0,
      is_flagged       INTEGER NOT NULL DEFAULT 0,
      is_draft         INTEGER NOT NULL DEFAULT 0,
      refw_flags       TEXT NOT NULL DEFAULT '' CHECK (refw_flags IN ('', 're', 'fw', 'refw')),
      refw_type        TEXT NOT NULL DEFAULT '' CHECK (refw_type IN ('', 're', 'fw')),
      refw_mail_id     TEXT NOT NULL DEFAULT '',
      refw_source_uid  INTEGER,
      delivery_receipt INTEGER NOT NULL DEFAULT 0,
      from_text        TEXT NOT NULL DEFAULT '',
      to_text          TEXT NOT NULL DEFAULT '',
      cc_text          TEXT NOT NULL DEFAULT '',
      bcc_text         TEXT NOT NULL DEFAULT '',
      reply_to_text    TEXT NOT NULL DEFAULT '',
      sender_text      TEXT NOT NULL DEFAULT '',
      message_id       TEXT NOT NULL DEFAULT '',
      subject          TEXT NOT NULL DEFAULT '',
      snippet          TEXT NOT NULL DEFAULT '',
      importance       TEXT NOT NULL DEFAULT 'normal' CHECK (importance IN ('normal', 'low', 'high')),
      return_receipt   INTEGER NOT NULL DEFAULT 0,
      attachments_json TEXT NOT NULL DEFAULT '[]'
    ) STRICT;
    CREATE INDEX mails_by_folder ON mails (account_id, folder_id, internal_date);

    -- Per session (not per account): another session's items are unknown ids. Rows go with their
    -- session (logout, expiry); the files left behind are swept by the queue worker.
    CREATE TABLE temporary_attachments (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      name          TEXT NOT NULL,
      content_type  TEXT NOT NULL,
      size          INTEGER NOT NULL,
      storage_name  TEXT NOT NULL UNIQUE,
      created_at    INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX temporary_attachments_by_session ON temporary_attachments (session_id);

    -- processingId = id. raw is the message as delivered (no Bcc); mail_uid is the Sent copy
    -- (kind send) or the mail waiting in Scheduled (kind scheduled); it may be gone by delivery time.
    CREATE TABLE processing_queue (
      id               INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      kind             TEXT NOT NULL CHECK (kind IN ('send', 'scheduled')),
      state            TEXT NOT NULL CHECK (state IN ('pending', 'delivering', 'delivered', 'cancelled', 'failed')),
      mail_uid         INTEGER,
      raw              BLOB NOT NULL,
      envelope_from    TEXT NOT NULL,
      recipients_json  TEXT NOT NULL,
      refw_type        TEXT NOT NULL DEFAULT '' CHECK (refw_type IN ('', 're', 'fw')),
      refw_source_uid  INTEGER,
      delivery_receipt INTEGER NOT NULL DEFAULT 0,
      created_at       INTEGER NOT NULL,
      due_at           INTEGER NOT NULL,
      attempts         INTEGER NOT NULL DEFAULT 0,
      last_error       TEXT NOT NULL DEFAULT '',
      finished_at      INTEGER
    ) STRICT;
    CREATE INDEX processing_queue_due ON processing_queue (state, due_at);
    CREATE INDEX processing_queue_by_mail ON processing_queue (mail_uid);

    -- One row per recipient handled, written in the same transaction as a local delivery, so a
    -- restart never delivers a recipient twice.
    CREATE TABLE delivery_log (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      queue_id   INTEGER NOT NULL REFERENCES processing_queue (id) ON DELETE CASCADE,
      recipient  TEXT NOT NULL,
      route      TEXT NOT NULL CHECK (route IN ('local', 'relay', 'external', 'bounced')),
      detail     TEXT NOT NULL DEFAULT '',
      at         INTEGER NOT NULL,
      UNIQUE (queue_id, recipient)
    ) STRICT;
  `,
};
