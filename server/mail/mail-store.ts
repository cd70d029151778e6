import { randomBytes } from 'node:crypto';
import type { AttachmentInstance, Importance, MailInstance, MailSortField, RefwFlags, RefwType } from '../../src/api/contract';
import { formatFolderId } from '../accounts/folders';
import type { Db } from '../db/database';
import { readMessage, type ReadMessage } from '../mime/read';

/** A row of `mails` as stored. */
export interface MailRow {
  uid: number;
  id: string;
  account_id: number;
  /** The folder's row id; the public folder id is formatFolderId(account_id, folder_id). */
  folder_id: number;
  raw: Buffer;
  size: number;
  internal_date: number;
  is_unread: number;
  is_flagged: number;
  is_draft: number;
  refw_flags: RefwFlags;
  refw_type: RefwType;
  refw_mail_id: string;
  refw_source_uid: number | null;
  delivery_receipt: number;
  from_text: string;
  to_text: string;
  cc_text: string;
  bcc_text: string;
  reply_to_text: string;
  sender_text: string;
  message_id: string;
  subject: string;
  snippet: string;
  importance: Importance;
  return_receipt: number;
  attachments_json: string;
}

/** Stored per attachment in `attachments_json` (AttachmentInstance minus `mailId`, which changes with the id). */
type StoredAttachment = Omit<AttachmentInstance, 'mailId'>;

/** Opaque, unguessable mail ids (16 url-safe characters). */
export const newMailId = (): string => randomBytes(12).toString('base64url');

export interface NewMail {
  accountId: number;
  /** Folder row id. */
  folderId: number;
  raw: Buffer;
  /** Unix seconds: when the server received, sent or saved it (MailInstance.date). */
  internalDate: number;
  isUnread?: boolean;
  isFlagged?: boolean;
  isDraft?: boolean;
  refwType?: RefwType;
  refwMailId?: string;
  refwSourceUid?: number | null;
  deliveryReceipt?: boolean;
}

/** Reads the message once and stores it with its cached list fields. */
export async function insertMail(db: Db, mail: NewMail): Promise<MailRow> {
  const message = await readMessage(mail.raw);
  return insertParsedMail(db, mail, message);
}

/** Synchronous variant for callers that already read the message (and must stay inside one transaction). */
export function insertParsedMail(db: Db, mail: NewMail, message: ReadMessage): MailRow {
  const attachments: StoredAttachment[] = message.attachments.map(({ id, name, contentId, contentType, size, isInline }) => ({
    id,
    name,
    contentId,
    contentType,
    size,
    isInline,
  }));
  const id = newMailId();
  db.prepare(
    `INSERT INTO mails (id, account_id, folder_id, raw, size, internal_date, is_unread, is_flagged, is_draft,
       refw_type, refw_mail_id, refw_source_uid, delivery_receipt, from_text, to_text, cc_text, bcc_text,
       reply_to_text, sender_text, message_id, subject, snippet, importance, return_receipt, attachments_json)
     VALUES (@id, @accountId, @folderId, @raw, @size, @internalDate, @isUnread, @isFlagged, @isDraft,
       @refwType, @refwMailId, @refwSourceUid, @deliveryReceipt, @from, @to, @cc, @bcc,
       @replyTo, @sender, @messageId, @subject, @snippet, @importance, @returnReceipt, @attachments)`,
  ).run({
    id,
    accountId: mail.accountId,
    folderId: mail.folderId,
    raw: mail.raw,
    size: mail.raw.length,
    internalDate: mail.internalDate,
    isUnread: mail.isUnread ? 1 : 0,
    isFlagged: mail.isFlagged ? 1 : 0,
    isDraft: mail.isDraft ? 1 : 0,
    refwType: mail.refwType ?? '',
    refwMailId: mail.refwType ? (mail.refwMailId ?? '') : '',
    refwSourceUid: mail.refwType ? (mail.refwSourceUid ?? null) : null,
    deliveryReceipt: mail.deliveryReceipt ? 1 : 0,
    from: message.from,
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    // Stored as the header says; MailInstance falls back to From when it is empty.
    replyTo: message.replyTo === message.from ? '' : message.replyTo,
    sender: message.sender,
    messageId: message.messageId,
    subject: message.subject,
    snippet: message.snippet,
    importance: message.importance,
    returnReceipt: message.returnReceipt ? 1 : 0,
    attachments: JSON.stringify(attachments),
  });
  return findMailById(db, mail.accountId, id)!;
}

/** The caller's mail by public id; another account's mail is "not found" (never leak existence). */
export function findMailById(db: Db, accountId: number, id: string): MailRow | undefined {
  return db.prepare<[string, number], MailRow>('SELECT * FROM mails WHERE id = ? AND account_id = ?').get(id, accountId);
}

export function findMailByUid(db: Db, uid: number): MailRow | undefined {
  return db.prepare<[number], MailRow>('SELECT * FROM mails WHERE uid = ?').get(uid);
}

export interface MailChanges {
  folderId?: number;
  isUnread?: boolean;
  isFlagged?: boolean;
  isDraft?: boolean;
  /** Sets (or with type "" clears) the draft's reply/forward source. */
  refw?: { type: RefwType; mailId: string; sourceUid: number | null };
  internalDate?: number;
  raw?: Buffer;
}

/**
 * Moves a mail to another folder (optionally changing flags), giving it a NEW public id as Axigen
 * does; the internal uid stays, so queue entries and reply sources keep pointing at it.
 */
export function relocateMail(db: Db, uid: number, changes: MailChanges): MailRow {
  const current = findMailByUid(db, uid);
  if (!current) throw new Error(`mail uid ${uid} vanished`);
  const id = changes.folderId !== undefined && changes.folderId !== current.folder_id ? newMailId() : current.id;
  const raw = changes.raw ?? current.raw;
  const refw = changes.refw ?? { type: current.refw_type, mailId: current.refw_mail_id, sourceUid: current.refw_source_uid };
  db.prepare(
    `UPDATE mails SET id = @id, folder_id = @folderId, is_unread = @isUnread, is_flagged = @isFlagged, is_draft = @isDraft,
       refw_type = @refwType, refw_mail_id = @refwMailId, refw_source_uid = @refwSourceUid,
       internal_date = @internalDate, raw = @raw, size = @size WHERE uid = @uid`,
  ).run({
    uid,
    id,
    folderId: changes.folderId ?? current.folder_id,
    isUnread: (changes.isUnread ?? current.is_unread === 1) ? 1 : 0,
    isFlagged: (changes.isFlagged ?? current.is_flagged === 1) ? 1 : 0,
    isDraft: (changes.isDraft ?? current.is_draft === 1) ? 1 : 0,
    refwType: refw.type,
    refwMailId: refw.type === '' ? '' : refw.mailId,
    refwSourceUid: refw.type === '' ? null : refw.sourceUid,
    internalDate: changes.internalDate ?? current.internal_date,
    raw,
    size: raw.length,
  });
  return findMailByUid(db, uid)!;
}

export function deleteMailRow(db: Db, uid: number): void {
  db.prepare('DELETE FROM mails WHERE uid = ?').run(uid);
}

/** Marks the source of a reply/forward as replied/forwarded (adds to what it already has); no-op without a source. */
export function addRefwFlag(db: Db, sourceUid: number | null, type: RefwType): void {
  if (sourceUid === null || type === '') return;
  const row = findMailByUid(db, sourceUid);
  if (!row) return;
  const has = new Set(row.refw_flags === 'refw' ? ['re', 'fw'] : row.refw_flags === '' ? [] : [row.refw_flags]);
  has.add(type);
  db.prepare('UPDATE mails SET refw_flags = ? WHERE uid = ?').run(has.size === 2 ? 'refw' : type, sourceUid);
}

/** Undo send: the source loses the replied/forwarded flag, even if it had it before (as Axigen documents). */
export function removeRefwFlag(db: Db, sourceUid: number | null, type: RefwType): void {
  if (sourceUid === null || type === '') return;
  const row = findMailByUid(db, sourceUid);
  if (!row) return;
  const next: RefwFlags = row.refw_flags === 'refw' ? (type === 're' ? 'fw' : 're') : row.refw_flags === type ? '' : row.refw_flags;
  db.prepare('UPDATE mails SET refw_flags = ? WHERE uid = ?').run(next, sourceUid);
}

const SORT_COLUMNS: Record<MailSortField, string> = {
  subject: 'subject COLLATE NOCASE',
  from: 'from_text COLLATE NOCASE',
  to: 'to_text COLLATE NOCASE',
  date: 'internal_date',
  size: 'size',
  isUnread: 'is_unread',
  isFlagged: 'is_flagged',
  importance: "CASE importance WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END",
  hasAttachments: "(attachments_json <> '[]')",
};

/** A row without its raw bytes: what listing needs. */
export type MailSummaryRow = Omit<MailRow, 'raw'>;

const SUMMARY_COLUMNS = `uid, id, account_id, folder_id, size, internal_date, is_unread, is_flagged, is_draft, refw_flags, refw_type,
  refw_mail_id, refw_source_uid, delivery_receipt, from_text, to_text, cc_text, bcc_text, reply_to_text, sender_text,
  message_id, subject, snippet, importance, return_receipt, attachments_json`;

/**
 * Every mail of a folder, sorted, without raw bytes. The whole folder is read because the list
 * answer needs it anyway (the sync token and `activeRowIndex` cover all rows, not one page).
 */
export function listFolder(db: Db, accountId: number, folderId: number, sort: MailSortField, dir: 'ASC' | 'DESC'): MailSummaryRow[] {
  // uid breaks ties so paging is stable when many mails share a second.
  const order = `${SORT_COLUMNS[sort]} ${dir}, uid ${dir}`;
  return db
    .prepare<[number, number], MailSummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM mails WHERE account_id = ? AND folder_id = ? ORDER BY ${order}`)
    .all(accountId, folderId);
}

function storedAttachments(row: MailSummaryRow): StoredAttachment[] {
  return JSON.parse(row.attachments_json) as StoredAttachment[];
}

/** The MailInstance for a row: every field present, with ""/false defaults. */
export function toMailInstance(db: Db, row: MailSummaryRow): MailInstance {
  const attachments = storedAttachments(row).map((a) => ({ ...a, mailId: row.id }));
  let refwMailId = row.refw_mail_id;
  if (row.refw_type !== '' && row.refw_source_uid !== null) {
    // The source may have moved since (new id); answer where it is now.
    refwMailId = findMailIdByUid(db, row.refw_source_uid) ?? refwMailId;
  }
  return {
    id: row.id,
    folderId: formatFolderId(row.account_id, row.folder_id),
    size: row.size,
    from: row.from_text,
    to: row.to_text,
    cc: row.cc_text,
    bcc: row.bcc_text,
    replyTo: row.reply_to_text || row.from_text,
    replyToAll: [row.to_text, row.cc_text].filter(Boolean).join(', '),
    sender: row.sender_text,
    messageId: row.message_id,
    subject: row.subject,
    snippet: row.snippet,
    date: String(row.internal_date),
    isUnread: row.is_unread === 1,
    isFlagged: row.is_flagged === 1,
    isDraft: row.is_draft === 1,
    refwFlags: row.refw_flags,
    refwType: row.refw_type,
    refwMailId: row.refw_type === '' ? '' : refwMailId,
    isDeleted: false,
    hasAttachments: attachments.length > 0,
    isItip: false,
    returnReceipt: row.return_receipt === 1,
    importance: row.importance,
    originalFolderId: formatFolderId(row.account_id, row.folder_id),
    originalMailId: row.id,
    attachments,
    labelIds: [],
    bimiLocation: '',
  };
}

function findMailIdByUid(db: Db, uid: number): string | undefined {
  return db.prepare<[number], { id: string }>('SELECT id FROM mails WHERE uid = ?').get(uid)?.id;
}
