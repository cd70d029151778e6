import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TemporaryAttachment } from '../../src/api/contract';
import type { Db } from '../db/database';
import type { AppDeps } from '../http/env';

export interface TemporaryAttachmentRow {
  id: number;
  session_id: string;
  account_id: number;
  name: string;
  content_type: string;
  size: number;
  storage_name: string;
  created_at: number;
}

const throwawayUploadDirs = new WeakMap<Db, string>();

/**
 * Where uploaded files live: `DATA_DIR/uploads`, or — for an in-memory database (tests) — a
 * fresh temporary folder per database, so parallel test apps never see each other's files.
 */
export function uploadsDirectory({ db, config }: Pick<AppDeps, 'db' | 'config'>): string {
  if (config.dataDir !== ':memory:') {
    const dir = path.join(config.dataDir, 'uploads');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  let dir = throwawayUploadDirs.get(db);
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-uploads-'));
    throwawayUploadDirs.set(db, dir);
  }
  return dir;
}

/** A fresh, unguessable file name inside the uploads folder (never derived from the client's name). */
export const newStorageName = (): string => `${randomBytes(16).toString('hex')}.bin`;

export function storagePath(deps: Pick<AppDeps, 'db' | 'config'>, storageName: string): string {
  return path.join(uploadsDirectory(deps), storageName);
}

export interface NewTemporaryAttachment {
  sessionId: string;
  accountId: number;
  name: string;
  contentType: string;
  size: number;
  storageName: string;
  createdAt: number;
}

export function insertTemporaryAttachment(db: Db, item: NewTemporaryAttachment): TemporaryAttachmentRow {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO temporary_attachments (session_id, account_id, name, content_type, size, storage_name, created_at)
       VALUES (@sessionId, @accountId, @name, @contentType, @size, @storageName, @createdAt)`,
    )
    .run(item);
  return db.prepare<[number], TemporaryAttachmentRow>('SELECT * FROM temporary_attachments WHERE id = ?').get(Number(lastInsertRowid))!;
}

/** A queue item of this session; other sessions' items (even the same user's) are invisible. */
export function findTemporaryAttachment(db: Db, sessionId: string, id: number): TemporaryAttachmentRow | undefined {
  return db
    .prepare<[number, string], TemporaryAttachmentRow>('SELECT * FROM temporary_attachments WHERE id = ? AND session_id = ?')
    .get(id, sessionId);
}

export function deleteTemporaryAttachment(deps: Pick<AppDeps, 'db' | 'config'>, row: TemporaryAttachmentRow): void {
  deps.db.prepare('DELETE FROM temporary_attachments WHERE id = ?').run(row.id);
  fs.rmSync(storagePath(deps, row.storage_name), { force: true });
}

/** A ".part" file older than this belongs to no upload still arriving (a crash or kill left it). */
const ABANDONED_PART_MS = 24 * 60 * 60_000;

/**
 * Removes files in the uploads folder that no queue item points to any more: items go with their
 * session (logout, expiry) through a foreign key, which cannot delete files.
 */
export function sweepTemporaryAttachments(deps: Pick<AppDeps, 'db' | 'config'>): number {
  const { db } = deps;
  let removed = 0;
  const dir = uploadsDirectory(deps);
  const known = new Set(db.prepare<[], { storage_name: string }>('SELECT storage_name FROM temporary_attachments').all().map((r) => r.storage_name));
  for (const file of fs.readdirSync(dir)) {
    if (known.has(file)) continue;
    // Uploads in progress end in ".part" and are cleaned up by their own request; file times are
    // real time (not the adjustable server clock).
    if (file.endsWith('.part') && Date.now() - (fs.statSync(path.join(dir, file), { throwIfNoEntry: false })?.mtimeMs ?? 0) < ABANDONED_PART_MS) continue;
    fs.rmSync(path.join(dir, file), { force: true });
    removed += 1;
  }
  return removed;
}

export function toTemporaryAttachment(row: TemporaryAttachmentRow): TemporaryAttachment {
  return { id: row.id, name: row.name, contentType: row.content_type, size: row.size };
}
