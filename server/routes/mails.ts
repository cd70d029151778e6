import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { AttachmentList, MailBody, MailInstance, MailList, MailSortField } from '../../src/api/contract';
import type { AppDeps, AppEnv } from '../http/env';
import { badRequest, notFound } from '../http/errors';
import { requireSession } from '../http/session';
import { object, optional, boolean, parseQuery, query, readBody, string } from '../http/validate';
import { findMailFolder } from '../mail/accounts-bridge';
import { deleteMail, moveMail, patchMail, requireMail } from '../mail/mail-actions';
import { listFolder, toMailInstance, type MailSummaryRow } from '../mail/mail-store';
import { contentDisposition, isActiveContentType } from '../mime/file-names';
import { createMessageCache, type MessageCache } from '../mime/read-cache';

/** Bodies larger than this come back truncated (`isTruncated`), as Axigen documents. */
export const BODY_TRUNCATE_BYTES = 2 * 1024 * 1024;
/** Page size when `limit` is not given (Axigen uses the user's "messages per page"). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

const SORT_FIELDS = ['subject', 'from', 'to', 'date', 'size', 'isUnread', 'isFlagged', 'importance', 'hasAttachments'] as const satisfies readonly MailSortField[];

const patchSchema = object({ isUnread: optional(boolean()), isFlagged: optional(boolean()) });
const moveSchema = object({ destinationFolderId: string({ nonEmpty: true }) });

/** Headers for any bytes that came from a message or an upload: never sniffed, never run as a page. */
export function binaryHeaders(contentType: string, fileName: string, disposition: 'inline' | 'attachment', size: number): Record<string, string> {
  const active = isActiveContentType(contentType);
  return {
    'Content-Type': contentType,
    'Content-Length': String(size),
    // HTML, SVG and other active types are only ever downloaded, so they cannot run in our origin.
    'Content-Disposition': contentDisposition(active ? 'attachment' : disposition, fileName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': 'private, no-store',
  };
}

/** A valid UTF-8 prefix of at most `maxBytes` bytes. */
function truncateUtf8(text: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  // Step back to the start of a character (continuation bytes are 10xxxxxx).
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

const EXTERNAL_IMAGE = /<img\b[^>]*?\bsrc\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\//i;

function syncTokenOf(rows: { id: string; is_unread: number; is_flagged: number; refw_flags: string }[]): string {
  const hash = createHash('sha256').update(String(rows.length));
  for (const row of rows) hash.update(`${row.id}:${row.is_unread}${row.is_flagged}${row.refw_flags};`);
  return hash.digest('base64url').slice(0, 22);
}

/** `messages`: the parse cache shared with the store route (opening a draft reads both at once). */
export function mailsRoutes(deps: AppDeps, messages: MessageCache = createMessageCache()): Hono<AppEnv> {
  const { db } = deps;
  const routes = new Hono<AppEnv>();
  const session = requireSession(deps);

  routes.get('/mails', session, (c) => {
    const params = parseQuery(c, {
      folderId: query.string({ nonEmpty: true }),
      sort: query.withDefault(query.oneOf(SORT_FIELDS), 'date'),
      dir: query.withDefault(query.oneOf(['ASC', 'DESC'] as const), 'DESC'),
      start: query.withDefault(query.integer({ min: 0 }), 0),
      limit: query.withDefault(query.integer({ min: 1, max: MAX_PAGE_SIZE }), DEFAULT_PAGE_SIZE),
      activeMailId: query.optional(query.string()),
      syncTokenOnly: query.withDefault(query.boolean(), false),
    });
    const { accountId } = c.var.session;
    const folder = findMailFolder(db, accountId, params.folderId);
    if (!folder) throw notFound('The folder');
    const rows = listFolder(db, accountId, folder.id, params.sort, params.dir);
    const activeRowIndex = params.activeMailId === undefined ? -1 : rows.findIndex((row) => row.id === params.activeMailId);
    const page: MailSummaryRow[] = params.syncTokenOnly ? [] : rows.slice(params.start, params.start + params.limit);
    return c.json<MailList>({
      syncToken: syncTokenOf(rows),
      totalItems: rows.length,
      sortInfo: { field: params.sort, direction: params.dir, activeRowIndex },
      items: page.map((row) => toMailInstance(db, row)),
    });
  });

  routes.get('/mails/:id', session, (c) => {
    parseQuery(c, {});
    return c.json<MailInstance>(toMailInstance(db, requireMail(deps, c.var.session, c.req.param('id'))));
  });

  routes.patch('/mails/:id', session, async (c) => {
    parseQuery(c, {});
    const patch = await readBody(c, patchSchema);
    return c.json<MailInstance>(patchMail(deps, c.var.session, c.req.param('id'), patch));
  });

  routes.delete('/mails/:id', session, (c) => {
    parseQuery(c, {});
    deleteMail(deps, c.var.session, c.req.param('id'));
    return c.body(null, 200);
  });

  routes.post('/mails/:id/move', session, async (c) => {
    parseQuery(c, {});
    const { destinationFolderId } = await readBody(c, moveSchema);
    return c.json<MailInstance>(moveMail(deps, c.var.session, c.req.param('id'), destinationFolderId));
  });

  routes.get('/mails/:id/body', session, async (c) => {
    const params = parseQuery(c, {
      type: query.withDefault(query.oneOf(['html', 'text'] as const), 'html'),
      // Accepted for compatibility; bodies are returned as stored (the client sanitises and blocks images).
      showExternalImages: query.optional(query.boolean()),
    });
    const mail = requireMail(deps, c.var.session, c.req.param('id'));
    const message = await messages.read(mail.id, mail.raw);
    const useHtml = params.type === 'html' && message.html !== undefined;
    const content = useHtml ? message.html! : message.text;
    const data = truncateUtf8(content, BODY_TRUNCATE_BYTES);
    return c.json<MailBody>({
      id: useHtml ? 2 : 1,
      contentType: useHtml ? 'text/html' : 'text/plain',
      estimatedSize: Buffer.byteLength(content),
      hasExternalImages: useHtml && EXTERNAL_IMAGE.test(content),
      isTruncated: data.length < Buffer.byteLength(content),
      data: data.toString('base64'),
    });
  });

  routes.get('/mails/:id/attachments', session, (c) => {
    parseQuery(c, {});
    const mail = toMailInstance(db, requireMail(deps, c.var.session, c.req.param('id')));
    return c.json<AttachmentList>({ items: mail.attachments });
  });

  const serveAttachment = async (c: Context<AppEnv>, disposition: 'inline' | 'attachment') => {
    parseQuery(c, {});
    const mail = requireMail(deps, c.var.session, c.req.param('id')!);
    const raw = c.req.param('n')!;
    if (!/^\d{1,6}$/.test(raw)) throw badRequest(`Attachment id "${raw}" must be a whole number.`, 'attachmentId');
    const attachment = (await messages.read(mail.id, mail.raw)).attachments[Number(raw)];
    if (!attachment) throw notFound('The attachment');
    return c.body(new Uint8Array(attachment.content), 200, binaryHeaders(attachment.contentType, attachment.name, disposition, attachment.content.length));
  };
  routes.get('/mails/:id/attachments/:n', session, (c) => serveAttachment(c, 'inline'));
  routes.get('/mails/:id/attachments/:n/download', session, (c) => serveAttachment(c, 'attachment'));

  routes.get('/mails/:id/source', session, (c) => {
    parseQuery(c, {});
    const mail = requireMail(deps, c.var.session, c.req.param('id'));
    return c.body(new Uint8Array(mail.raw), 200, {
      'Content-Type': 'message/rfc822',
      'Content-Length': String(mail.raw.length),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
  });

  return routes;
}
