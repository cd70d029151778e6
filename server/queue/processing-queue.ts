import type { RefwType } from '../../src/api/contract';
import type { Db } from '../db/database';
import type { MailAddress } from '../mime/addresses';

/**
 * The persisted processing (delivery) queue. A row is the message as it leaves the sender's
 * mailbox (no Bcc), its envelope and when it is due. `id` is the API's `processingId`.
 *
 * States: pending → delivering → delivered | failed; pending → cancelled (undo, schedule cancel,
 * deleting a scheduled mail). A crash mid-delivery leaves "delivering" rows, which
 * `recoverInterrupted` puts back to pending; the per-recipient delivery log makes the retry skip
 * whoever already got the mail.
 */

export type QueueKind = 'send' | 'scheduled';
export type QueueState = 'pending' | 'delivering' | 'delivered' | 'cancelled' | 'failed';

export interface QueueRow {
  id: number;
  account_id: number;
  kind: QueueKind;
  state: QueueState;
  mail_uid: number | null;
  raw: Buffer;
  envelope_from: string;
  recipients_json: string;
  refw_type: RefwType;
  refw_source_uid: number | null;
  delivery_receipt: number;
  created_at: number;
  due_at: number;
  attempts: number;
  last_error: string;
  finished_at: number | null;
}

export interface NewQueueItem {
  accountId: number;
  kind: QueueKind;
  mailUid: number | null;
  raw: Buffer;
  envelopeFrom: string;
  recipients: MailAddress[];
  refwType: RefwType;
  refwSourceUid: number | null;
  deliveryReceipt: boolean;
  /** Unix ms. */
  createdAt: number;
  /** Unix ms. */
  dueAt: number;
}

export function enqueue(db: Db, item: NewQueueItem): QueueRow {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO processing_queue (account_id, kind, state, mail_uid, raw, envelope_from, recipients_json, refw_type,
         refw_source_uid, delivery_receipt, created_at, due_at)
       VALUES (@accountId, @kind, 'pending', @mailUid, @raw, @envelopeFrom, @recipients, @refwType, @refwSourceUid,
         @deliveryReceipt, @createdAt, @dueAt)`,
    )
    .run({
      ...item,
      recipients: JSON.stringify(item.recipients),
      deliveryReceipt: item.deliveryReceipt ? 1 : 0,
    });
  return findQueueRow(db, Number(lastInsertRowid))!;
}

export function findQueueRow(db: Db, id: number): QueueRow | undefined {
  return db.prepare<[number], QueueRow>('SELECT * FROM processing_queue WHERE id = ?').get(id);
}

/** The pending entry (if any) that will deliver this mail. */
export function findPendingForMail(db: Db, mailUid: number): QueueRow | undefined {
  return db.prepare<[number], QueueRow>("SELECT * FROM processing_queue WHERE mail_uid = ? AND state = 'pending'").get(mailUid);
}

export function recipientsOf(row: QueueRow): MailAddress[] {
  return JSON.parse(row.recipients_json) as MailAddress[];
}

/** Cancels a pending entry; false when it was no longer pending (already being delivered). */
export function cancelPending(db: Db, id: number, nowMs: number): boolean {
  return db.prepare("UPDATE processing_queue SET state = 'cancelled', finished_at = ? WHERE id = ? AND state = 'pending'").run(nowMs, id).changes === 1;
}

/** Atomically moves due pending entries to "delivering" and returns them, oldest first. */
export function claimDue(db: Db, nowMs: number, limit = 20): QueueRow[] {
  return db.transaction(() => {
    const rows = db
      .prepare<[number, number], QueueRow>("SELECT * FROM processing_queue WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?")
      .all(nowMs, limit);
    const mark = db.prepare("UPDATE processing_queue SET state = 'delivering', attempts = attempts + 1 WHERE id = ?");
    for (const row of rows) mark.run(row.id);
    return rows.map((row) => ({ ...row, state: 'delivering' as const, attempts: row.attempts + 1 }));
  })();
}

export function markDelivered(db: Db, id: number, nowMs: number): void {
  db.prepare("UPDATE processing_queue SET state = 'delivered', finished_at = ?, last_error = '' WHERE id = ?").run(nowMs, id);
}

export function markFailed(db: Db, id: number, nowMs: number, error: string): void {
  db.prepare("UPDATE processing_queue SET state = 'failed', finished_at = ?, last_error = ? WHERE id = ?").run(nowMs, error, id);
}

/** Puts an entry back for another attempt at `dueAt` (a temporary failure such as a relay that is down). */
export function retryLater(db: Db, id: number, dueAt: number, error: string): void {
  db.prepare("UPDATE processing_queue SET state = 'pending', due_at = ?, last_error = ? WHERE id = ?").run(dueAt, error, id);
}

/** After a crash or restart: entries caught mid-delivery are delivered again (skipping logged recipients). */
export function recoverInterrupted(db: Db): number {
  return db.prepare("UPDATE processing_queue SET state = 'pending' WHERE state = 'delivering'").run().changes;
}

export type DeliveryRoute = 'local' | 'relay' | 'external' | 'bounced';

export function loggedRecipients(db: Db, queueId: number): Set<string> {
  return new Set(
    db
      .prepare<[number], { recipient: string }>('SELECT recipient FROM delivery_log WHERE queue_id = ?')
      .all(queueId)
      .map((r) => r.recipient),
  );
}

export function logDelivery(db: Db, queueId: number, recipient: string, route: DeliveryRoute, detail: string, nowMs: number): void {
  db.prepare('INSERT INTO delivery_log (queue_id, recipient, route, detail, at) VALUES (?, ?, ?, ?, ?)').run(
    queueId,
    recipient.toLowerCase(),
    route,
    detail,
    nowMs,
  );
}

export interface DeliveryLogEntry {
  recipient: string;
  route: DeliveryRoute;
  detail: string;
  at: number;
}

export function deliveryLog(db: Db, queueId: number): DeliveryLogEntry[] {
  return db.prepare<[number], DeliveryLogEntry>('SELECT recipient, route, detail, at FROM delivery_log WHERE queue_id = ? ORDER BY id').all(queueId);
}
