import { UNDO_WINDOW_SECONDS, type MailInstance, type ScheduleResponse, type SendResponse, type UndoSendResponse } from '../../src/api/contract';
import { nowSeconds } from '../clock';
import { badRequest, forbidden, HttpError, notFound } from '../http/errors';
import type { AppDeps, SessionInfo } from '../http/env';
import type { MailAddress } from '../mime/addresses';
import { withDate, withoutBcc } from '../mime/compose';
import { readMessage, type ReadMessage } from '../mime/read';
import { cancelPending, enqueue, findPendingForMail, findQueueRow, type QueueKind, type QueueRow } from '../queue/processing-queue';
import { findMailFolder, mailFolderByRole, mailSettings, maySendAs } from './accounts-bridge';
import type { ComposeBody } from './compose-request';
import { composeFromBody, requireRecipients, uniqueRecipients, type ComposedMail } from './compose-service';
import {
  addRefwFlag,
  deleteMailRow,
  findMailById,
  findMailByUid,
  insertParsedMail,
  relocateMail,
  removeRefwFlag,
  toMailInstance,
  type MailRow,
} from './mail-store';

/**
 * The compose and mailbox operations behind the routes. Each one validates, then changes the
 * database in ONE transaction, so a failure half-way leaves nothing half-done.
 */

type Deps = AppDeps;

const draftNotFound = () => notFound('The draft');
const mailNotFound = () => notFound('The mail');

function requireMail(deps: Deps, session: SessionInfo, id: string): MailRow {
  const mail = findMailById(deps.db, session.accountId, id);
  if (!mail) throw mailNotFound();
  return mail;
}

function requireDraft(deps: Deps, session: SessionInfo, id: string): MailRow {
  const mail = findMailById(deps.db, session.accountId, id);
  if (!mail || mail.is_draft !== 1) throw draftNotFound();
  return mail;
}

/** POST /mails — a new draft in Drafts, or a mail appended to `folderId`. */
export async function createMail(
  deps: Deps,
  session: SessionInfo,
  body: ComposeBody & { folderId?: string; isUnread?: boolean; isFlagged?: boolean },
): Promise<MailInstance> {
  const { db } = deps;
  const folder = body.folderId === undefined ? mailFolderByRole(db, session.accountId, 'drafts') : findMailFolder(db, session.accountId, body.folderId);
  if (!folder) throw badRequest(`Field "folderId": no mail folder ${body.folderId} was found.`, 'folderId');
  if (folder.role === 'scheduled') {
    throw badRequest('Field "folderId": mail enters the Scheduled folder only through scheduled send.', 'folderId');
  }
  const composed = await composeFromBody(deps, session, body);
  const message = await readMessage(composed.raw);
  const row = insertComposed(deps, session, composed, message, { folderId: folder.id, isDraft: folder.role === 'drafts', isUnread: body.isUnread, isFlagged: body.isFlagged });
  return toMailInstance(db, row);
}

/** Stores a composed mail (Create, Replace Draft) with its reply/forward source and receipt choice. */
function insertComposed(
  deps: Deps,
  session: SessionInfo,
  composed: ComposedMail,
  message: ReadMessage,
  place: { folderId: number; isDraft: boolean; isUnread?: boolean; isFlagged?: boolean },
): MailRow {
  return insertParsedMail(
    deps.db,
    {
      accountId: session.accountId,
      folderId: place.folderId,
      raw: composed.raw,
      internalDate: nowSeconds(deps.clock),
      isUnread: place.isUnread ?? false,
      isFlagged: place.isFlagged ?? false,
      isDraft: place.isDraft,
      refwType: composed.refwType,
      refwMailId: composed.refwMailId,
      refwSourceUid: composed.refwSourceUid,
      deliveryReceipt: composed.deliveryReceipt,
    },
    message,
  );
}

/** PUT /drafts/{id} — full replacement; the draft gets a NEW id and the old one answers 404. */
export async function replaceDraft(
  deps: Deps,
  session: SessionInfo,
  id: string,
  body: ComposeBody & { isUnread?: boolean; isFlagged?: boolean },
): Promise<MailInstance> {
  const { db } = deps;
  requireDraft(deps, session, id);
  const composed = await composeFromBody(deps, session, body);
  const message = await readMessage(composed.raw);
  const row = db.transaction(() => {
    // Checked again inside the transaction: a concurrent replace may have won meanwhile.
    const current = requireDraft(deps, session, id);
    deleteMailRow(db, current.uid);
    return insertComposed(deps, session, composed, message, { folderId: current.folder_id, isDraft: true, isUnread: body.isUnread, isFlagged: body.isFlagged });
  })();
  return toMailInstance(db, row);
}

const undoDueAt = (nowMs: number) => nowMs + UNDO_WINDOW_SECONDS * 1000;

/** What leaves the mailbox: the message (Bcc is dropped here), its envelope and its source. */
type Outgoing = Pick<ComposedMail, 'raw' | 'from' | 'recipients' | 'refwType' | 'refwSourceUid' | 'deliveryReceipt'>;

function enqueueOutgoing(
  deps: Deps,
  session: SessionInfo,
  mail: Outgoing,
  entry: { kind: QueueKind; mailUid: number | null; createdAt: number; dueAt: number },
): QueueRow {
  return enqueue(deps.db, {
    accountId: session.accountId,
    ...entry,
    raw: withoutBcc(mail.raw),
    envelopeFrom: mail.from.address,
    recipients: mail.recipients,
    refwType: mail.refwType,
    refwSourceUid: mail.refwSourceUid,
    deliveryReceipt: mail.deliveryReceipt,
  });
}

/** A stored draft as it would leave: its envelope read from its MIME, its source and receipt choice from its row. */
function outgoingOfDraft(draft: MailRow, envelope: { from: MailAddress; recipients: MailAddress[] }, raw = draft.raw): Outgoing {
  return { raw, ...envelope, refwType: draft.refw_type, refwSourceUid: draft.refw_source_uid, deliveryReceipt: draft.delivery_receipt === 1 };
}

/** POST /mails/send — Sent copy now, delivery after the undo window. */
export async function sendMail(deps: Deps, session: SessionInfo, body: ComposeBody): Promise<SendResponse> {
  const { db, clock } = deps;
  const composed = await composeFromBody(deps, session, body);
  requireRecipients(composed);
  const message = await readMessage(composed.raw);
  const sent = mailFolderByRole(db, session.accountId, 'sent');
  const { saveToSent } = mailSettings(db, session.accountId);
  return db.transaction(() => {
    const now = clock.now();
    // With saveToSent off no copy is kept, and the answer has no mailId (as Axigen documents).
    const copy = saveToSent
      ? insertParsedMail(db, { accountId: session.accountId, folderId: sent.id, raw: composed.raw, internalDate: Math.floor(now / 1000) }, message)
      : undefined;
    const queued = enqueueOutgoing(deps, session, composed, { kind: 'send', mailUid: copy?.uid ?? null, createdAt: now, dueAt: undoDueAt(now) });
    addRefwFlag(db, composed.refwSourceUid, composed.refwType);
    return copy ? { mailId: copy.id, processingId: queued.id } : { processingId: queued.id };
  })();
}

/** What sending a stored draft needs from its MIME: who it is from and to whom it goes. */
async function envelopeOfStored(deps: Deps, session: SessionInfo, draft: MailRow): Promise<{ from: MailAddress; recipients: MailAddress[] }> {
  const message = await readMessage(draft.raw);
  const from = message.fromAddresses[0];
  if (!from || !maySendAs(deps.db, session.accountId, from.address)) {
    throw forbidden(`You cannot send as ${from?.address ?? '(nobody)'}: "from" must be your own address or one of your aliases.`, 'from');
  }
  const recipients = uniqueRecipients([...message.toAddresses, ...message.ccAddresses, ...message.bccAddresses]);
  requireRecipients({ recipients });
  return { from, recipients };
}

/** POST /drafts/{id}/send — the draft becomes the Sent copy (new id) and is queued. */
export async function sendDraft(deps: Deps, session: SessionInfo, id: string): Promise<SendResponse> {
  const { db, clock } = deps;
  const draft = requireDraft(deps, session, id);
  const envelope = await envelopeOfStored(deps, session, draft);
  const sent = mailFolderByRole(db, session.accountId, 'sent');
  const { saveToSent } = mailSettings(db, session.accountId);
  return db.transaction(() => {
    const current = requireDraft(deps, session, id);
    const now = clock.now();
    const raw = withDate(current.raw, new Date(Math.floor(now / 1000) * 1000));
    const outgoing = outgoingOfDraft(current, envelope, raw);
    const copy = relocateMail(db, current.uid, {
      folderId: sent.id,
      isDraft: false,
      isUnread: false,
      refw: { type: '', mailId: '', sourceUid: null },
      internalDate: Math.floor(now / 1000),
      raw,
    });
    const queued = enqueueOutgoing(deps, session, outgoing, { kind: 'send', mailUid: saveToSent ? copy.uid : null, createdAt: now, dueAt: undoDueAt(now) });
    addRefwFlag(db, outgoing.refwSourceUid, outgoing.refwType);
    // The draft is deleted on send; with saveToSent on it lives on as the Sent copy.
    if (!saveToSent) {
      deleteMailRow(db, copy.uid);
      return { processingId: queued.id };
    }
    return { mailId: copy.id, processingId: queued.id };
  })();
}

/** POST /mails/send/undo — stops a queued send inside the window and gives back a draft. */
export async function undoSend(deps: Deps, session: SessionInfo, request: { processingId: number; mailId?: string }): Promise<UndoSendResponse> {
  const { db, clock } = deps;
  const row = findQueueRow(db, request.processingId);
  if (!row || row.account_id !== session.accountId || row.kind !== 'send' || row.state === 'cancelled') {
    throw notFound(`Processing id ${request.processingId}`);
  }
  const tooLate = () =>
    new HttpError(
      400,
      'UNDO_TOO_LATE',
      `Too late to undo: the message has already been sent (sending can be undone for ${UNDO_WINDOW_SECONDS} seconds only).`,
      'processingId',
    );
  if (row.state !== 'pending' || clock.now() - row.created_at > UNDO_WINDOW_SECONDS * 1000) throw tooLate();

  const drafts = mailFolderByRole(db, session.accountId, 'drafts');
  // Read before the transaction (mailparser is async); only used when the draft is rebuilt.
  const rebuilt = await readMessage(row.raw);
  return db.transaction(() => {
    if (!cancelPending(db, row.id, clock.now())) throw tooLate();
    const refw = { type: row.refw_type, mailId: refwMailIdOf(deps, row), sourceUid: row.refw_source_uid };
    const sentCopy = row.mail_uid === null ? undefined : findMailByUid(db, row.mail_uid);
    let draft: MailRow;
    if (sentCopy && request.mailId !== undefined && sentCopy.id === request.mailId) {
      draft = relocateMail(db, sentCopy.uid, { folderId: drafts.id, isDraft: true, isUnread: false, refw });
    } else {
      // Without the Sent copy's id the draft is rebuilt from the queued message, which has no Bcc
      // (as Axigen documents). The Sent copy of a mail that never left is removed either way.
      if (sentCopy) deleteMailRow(db, sentCopy.uid);
      draft = insertParsedMail(
        db,
        {
          accountId: session.accountId,
          folderId: drafts.id,
          raw: row.raw,
          internalDate: nowSeconds(clock),
          isDraft: true,
          refwType: refw.type,
          refwMailId: refw.mailId,
          refwSourceUid: refw.sourceUid,
          deliveryReceipt: row.delivery_receipt === 1,
        },
        rebuilt,
      );
    }
    removeRefwFlag(db, row.refw_source_uid, row.refw_type);
    return { mailId: draft.id };
  })();
}

function refwMailIdOf(deps: Deps, row: QueueRow): string {
  return row.refw_source_uid === null ? '' : (findMailByUid(deps.db, row.refw_source_uid)?.id ?? '');
}

/** POST /mails/send/schedule — the mail waits in Scheduled until `deliveryTime`. */
export async function scheduleMail(deps: Deps, session: SessionInfo, body: ComposeBody, deliveryTime: number): Promise<ScheduleResponse> {
  const { db, clock } = deps;
  const composed = await composeFromBody(deps, session, body);
  requireRecipients(composed);
  const message = await readMessage(composed.raw);
  const scheduled = mailFolderByRole(db, session.accountId, 'scheduled');
  return db.transaction(() => {
    const now = clock.now();
    const mail = insertParsedMail(
      db,
      { accountId: session.accountId, folderId: scheduled.id, raw: composed.raw, internalDate: Math.floor(now / 1000), deliveryReceipt: composed.deliveryReceipt },
      message,
    );
    enqueueOutgoing(deps, session, composed, { kind: 'scheduled', mailUid: mail.uid, createdAt: now, dueAt: deliveryTime * 1000 });
    return { mailId: mail.id };
  })();
}

/** POST /drafts/{id}/send/schedule — the draft moves to Scheduled (new id). */
export async function scheduleDraft(deps: Deps, session: SessionInfo, id: string, deliveryTime: number): Promise<ScheduleResponse> {
  const { db, clock } = deps;
  const draft = requireDraft(deps, session, id);
  const envelope = await envelopeOfStored(deps, session, draft);
  const scheduled = mailFolderByRole(db, session.accountId, 'scheduled');
  return db.transaction(() => {
    const current = requireDraft(deps, session, id);
    const now = clock.now();
    const mail = relocateMail(db, current.uid, {
      folderId: scheduled.id,
      isDraft: false,
      isUnread: false,
      refw: { type: '', mailId: '', sourceUid: null },
      internalDate: Math.floor(now / 1000),
    });
    enqueueOutgoing(deps, session, outgoingOfDraft(current, envelope), { kind: 'scheduled', mailUid: mail.uid, createdAt: now, dueAt: deliveryTime * 1000 });
    return { mailId: mail.id };
  })();
}

/** DELETE /mails/send/schedule/{id} — back to Drafts (new id). */
export function cancelScheduled(deps: Deps, session: SessionInfo, id: string): ScheduleResponse {
  const { db, clock } = deps;
  return db.transaction(() => {
    const mail = requireMail(deps, session, id);
    const queued = findPendingForMail(db, mail.uid);
    if (!queued || queued.kind !== 'scheduled') {
      const scheduledFolder = mailFolderByRole(db, session.accountId, 'scheduled');
      if (mail.folder_id === scheduledFolder.id) {
        throw badRequest('This mail is being delivered right now and can no longer be unscheduled.');
      }
      throw notFound('The scheduled mail');
    }
    cancelPending(db, queued.id, clock.now());
    const drafts = mailFolderByRole(db, session.accountId, 'drafts');
    const draft = relocateMail(db, mail.uid, {
      folderId: drafts.id,
      isDraft: true,
      isUnread: false,
      refw: { type: queued.refw_type, mailId: refwMailIdOf(deps, queued), sourceUid: queued.refw_source_uid },
      internalDate: nowSeconds(clock),
    });
    return { mailId: draft.id };
  })();
}

/** Deleting a scheduled mail unschedules it (the pending delivery is cancelled in the same step). */
function unscheduleIfPending(deps: Deps, mail: MailRow): void {
  const queued = findPendingForMail(deps.db, mail.uid);
  if (queued?.kind === 'scheduled') cancelPending(deps.db, queued.id, deps.clock.now());
}

/** DELETE /mails/{id} — to Trash when deleteToTrash is on and the mail is not in Trash; else for good. */
export function deleteMail(deps: Deps, session: SessionInfo, id: string): void {
  const { db } = deps;
  db.transaction(() => {
    const mail = requireMail(deps, session, id);
    unscheduleIfPending(deps, mail);
    const trash = mailFolderByRole(db, session.accountId, 'trash');
    if (mailSettings(db, session.accountId).deleteToTrash && mail.folder_id !== trash.id) {
      relocateMail(db, mail.uid, { folderId: trash.id });
    } else {
      deleteMailRow(db, mail.uid);
    }
  })();
}

/** POST /mails/{id}/move — answers the moved mail (a new id when the folder changes). */
export function moveMail(deps: Deps, session: SessionInfo, id: string, destinationFolderId: string): MailInstance {
  const { db } = deps;
  const row = db.transaction(() => {
    const mail = requireMail(deps, session, id);
    const destination = findMailFolder(db, session.accountId, destinationFolderId);
    if (!destination) throw badRequest(`Field "destinationFolderId": no mail folder ${destinationFolderId} was found.`, 'destinationFolderId');
    if (destination.role === 'scheduled' && destination.id !== mail.folder_id) {
      throw badRequest('Field "destinationFolderId": mail enters the Scheduled folder only through scheduled send.', 'destinationFolderId');
    }
    if (destination.id === mail.folder_id) return mail;
    unscheduleIfPending(deps, mail);
    return relocateMail(db, mail.uid, { folderId: destination.id });
  })();
  return toMailInstance(db, row);
}

/** PATCH /mails/{id} — only the read and follow-up flags. */
export function patchMail(deps: Deps, session: SessionInfo, id: string, patch: { isUnread?: boolean; isFlagged?: boolean }): MailInstance {
  const { db } = deps;
  const mail = requireMail(deps, session, id);
  const row = relocateMail(db, mail.uid, { isUnread: patch.isUnread, isFlagged: patch.isFlagged });
  return toMailInstance(db, row);
}

export { requireMail };
