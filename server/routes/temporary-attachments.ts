import busboy from 'busboy';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { Hono, type Context } from 'hono';
import type { AttachmentInstance, StoreAttachmentsResponse, TemporaryAttachmentUploadResponse } from '../../src/api/contract';
import type { AppDeps, AppEnv, SessionInfo } from '../http/env';
import { errorBody, notFound, unauthorized } from '../http/errors';
import { requireSession, sessionExists } from '../http/session';
import { object, parseQuery, readBody, string } from '../http/validate';
import { requireMail } from '../mail/mail-actions';
import {
  deleteTemporaryAttachment,
  findTemporaryAttachment,
  insertTemporaryAttachment,
  newStorageName,
  storagePath,
  toTemporaryAttachment,
  uploadsDirectory,
  type TemporaryAttachmentRow,
} from '../mail/temporary-attachments';
import { normalizeContentType, safeFileName } from '../mime/file-names';
import { createMessageCache, type MessageCache } from '../mime/read-cache';
import { binaryHeaders } from './mails';

/** Most files one upload request may carry. */
export const MAX_FILES_PER_UPLOAD = 20;

const storeSchema = object({ mailId: string({ nonEmpty: true }) });

interface ReceivedFile {
  name: string;
  contentType: string;
  size: number;
  partPath: string;
}

type UploadOutcome = { ok: true; files: ReceivedFile[] } | { ok: false; status: 400 | 413; message: string };

/**
 * Streams every file part of a multipart body to disk (any field name; fields are ignored).
 * The per-file limit is enforced while streaming: on the first oversized file the request stops
 * being read and every file written so far is removed.
 */
async function receiveUpload(c: Context<AppEnv>, uploadsDir: string, limitBytes: number): Promise<UploadOutcome> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    return { ok: false, status: 400, message: 'Upload files as multipart/form-data (one file per part).' };
  }
  const body = c.req.raw.body;
  if (body === null) return { ok: false, status: 400, message: 'The upload has no body.' };

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      // One byte over the limit, so a file of exactly the limit is accepted and anything larger trips `limit`.
      limits: { fileSize: limitBytes + 1, files: MAX_FILES_PER_UPLOAD, fields: 50, parts: MAX_FILES_PER_UPLOAD + 50, fieldSize: 64 * 1024 },
    });
  } catch {
    return { ok: false, status: 400, message: 'The multipart/form-data body has no boundary.' };
  }

  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  const fileStreams: Readable[] = [];
  const source = Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
  const limit = describeBytes(limitBytes);

  const outcome = await new Promise<UploadOutcome>((resolve) => {
    let settled = false;
    const finish = (result: UploadOutcome) => {
      if (settled) return;
      settled = true;
      if (!result.ok) {
        // Stop reading the request at once (the response closes the connection) and end every
        // file being written, so their partial files can be removed.
        source.unpipe(parser);
        source.destroy();
        for (const stream of fileStreams) stream.destroy();
      }
      resolve(result);
    };
    parser.on('file', (_field, stream, info) => {
      fileStreams.push(stream);
      const file: ReceivedFile = {
        // Browsers send a double quote in a file name as %22 (HTML's multipart encoding).
        name: safeFileName(info.filename?.replace(/%22/g, '"'), `attachment-${files.length + 1}`),
        contentType: normalizeContentType(info.mimeType),
        size: 0,
        partPath: path.join(uploadsDir, `${newStorageName()}.part`),
      };
      files.push(file);
      stream.on('data', (chunk: Buffer) => {
        file.size += chunk.length;
      });
      const tooLarge = () =>
        finish({ ok: false, status: 413, message: `"${file.name}" is larger than the upload limit of ${limit} per file.` });
      stream.on('end', () => {
        if (file.size > limitBytes) tooLarge();
      });
      stream.on('limit', tooLarge);
      writes.push(pipeline(stream, fs.createWriteStream(file.partPath)).catch(() => undefined));
    });
    parser.on('filesLimit', () => finish({ ok: false, status: 400, message: `At most ${MAX_FILES_PER_UPLOAD} files can be uploaded at once.` }));
    parser.on('error', () => finish({ ok: false, status: 400, message: 'The multipart/form-data body could not be read.' }));
    parser.on('close', () => finish({ ok: true, files }));
    source.on('error', () => finish({ ok: false, status: 400, message: 'The upload was interrupted.' }));
    source.pipe(parser);
  });

  await Promise.all(writes);
  if (!outcome.ok) {
    for (const file of files) fs.rmSync(file.partPath, { force: true });
    return outcome;
  }
  if (files.length === 0) return { ok: false, status: 400, message: 'The upload holds no file part.' };
  return outcome;
}

/** A size as people write it: "25 MB", "2.5 MB", "512 KB", "300 bytes" (binary units, as mail clients show sizes). */
export function describeBytes(bytes: number): string {
  const units = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
  }
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

function requireQueueItem(deps: AppDeps, session: SessionInfo, rawId: string): TemporaryAttachmentRow {
  // Another session's item (even the same user's) is simply not found.
  const item = /^\d{1,15}$/.test(rawId) ? findTemporaryAttachment(deps.db, session.sessionId, Number(rawId)) : undefined;
  if (!item) throw notFound('The temporary attachment');
  return item;
}

/** `messages`: the parse cache shared with the mail routes (opening a draft reads its parts and stores them at once). */
export function temporaryAttachmentsRoutes(deps: AppDeps, messages: MessageCache = createMessageCache()): Hono<AppEnv> {
  const { db, clock, config } = deps;
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(deps));

  routes.post('/', async (c) => {
    parseQuery(c, {});
    const dir = uploadsDirectory(deps);
    const outcome = await receiveUpload(c, dir, config.uploadLimitBytes);
    if (!outcome.ok) {
      const code = outcome.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      const body = errorBody(code, outcome.message);
      // Axigen has no call that tells the limit; stating it here lets a client refuse the next
      // oversized file before sending it (docs/api-server.md, "Choices", temporary attachments).
      // (UPLOAD_LIMIT_MB may be fractional; no file of a fraction of a byte exists, so the whole bytes are the limit.)
      const limitBytes = Math.floor(config.uploadLimitBytes);
      if (outcome.status === 413 && Number.isSafeInteger(limitBytes) && limitBytes > 0) body.error.limitBytes = limitBytes;
      // The rest of an oversized body was not read: close the connection rather than keep it alive.
      return c.json(body, outcome.status, outcome.status === 413 ? { Connection: 'close' } : {});
    }
    const { sessionId, accountId } = c.var.session;
    const renamed: string[] = [];
    try {
      // Renames and inserts run in one synchronous stretch, so the upload sweeper never sees a file without its row.
      const items = db.transaction(() => {
        // The session may have ended (logout, expiry) while the body was arriving; its items would have nowhere to live.
        if (!sessionExists(db, sessionId)) throw unauthorized('The session ended during the upload; sign in again and upload the files again.');
        return outcome.files.map((file) => {
          const storageName = newStorageName();
          fs.renameSync(file.partPath, path.join(dir, storageName));
          renamed.push(storageName);
          return toTemporaryAttachment(
            insertTemporaryAttachment(db, { sessionId, accountId, name: file.name, contentType: file.contentType, size: file.size, storageName, createdAt: clock.now() }),
          );
        });
      })();
      return c.json<TemporaryAttachmentUploadResponse>({ items });
    } catch (err) {
      // The rows were rolled back; their files must not outlive them (".part" files are swept only once abandoned for a day).
      for (const file of outcome.files) fs.rmSync(file.partPath, { force: true });
      for (const name of renamed) fs.rmSync(path.join(dir, name), { force: true });
      throw err;
    }
  });

  // Before "/:id" so "store" is never read as an id.
  routes.post('/store', async (c) => {
    parseQuery(c, {});
    const { mailId } = await readBody(c, storeSchema);
    const session = c.var.session;
    const mail = requireMail(deps, session, mailId);
    const message = await messages.read(mail.id, mail.raw);
    const dir = uploadsDirectory(deps);
    const written: string[] = [];
    try {
      const stored = message.attachments.map((attachment) => {
        const storageName = newStorageName();
        fs.writeFileSync(path.join(dir, storageName), attachment.content);
        written.push(storageName);
        return { attachment, storageName };
      });
      const items = db.transaction(() =>
        stored.map(({ attachment, storageName }): AttachmentInstance => {
          const row = insertTemporaryAttachment(db, {
            sessionId: session.sessionId,
            accountId: session.accountId,
            name: attachment.name,
            contentType: attachment.contentType,
            size: attachment.content.length,
            storageName,
            createdAt: clock.now(),
          });
          return {
            id: row.id,
            mailId: mail.id,
            name: row.name,
            contentId: attachment.contentId,
            contentType: row.content_type,
            size: row.size,
            isInline: attachment.isInline,
          };
        }),
      )();
      return c.json<StoreAttachmentsResponse>({ items });
    } catch (err) {
      for (const name of written) fs.rmSync(path.join(dir, name), { force: true });
      throw err;
    }
  });

  routes.get('/:id', (c) => {
    parseQuery(c, {});
    const item = requireQueueItem(deps, c.var.session, c.req.param('id'));
    const file = storagePath(deps, item.storage_name);
    if (!fs.existsSync(file)) throw notFound('The temporary attachment');
    const stream = Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
    return c.body(stream, 200, binaryHeaders(item.content_type, item.name, 'inline', item.size));
  });

  routes.delete('/:id', (c) => {
    parseQuery(c, {});
    deleteTemporaryAttachment(deps, requireQueueItem(deps, c.var.session, c.req.param('id')));
    return c.body(null, 200);
  });

  return routes;
}
