import nodemailer from 'nodemailer';
import { collectRecipients } from '../accounts/contacts';
import type { AppDeps } from '../http/env';
import { domainOf } from '../mime/addresses';
import { withDate } from '../mime/compose';
import { readMessage } from '../mime/read';
import { findLocalRecipient, mailFolderByRole, mailSettings } from '../mail/accounts-bridge';
import { addRefwFlag, deleteMailRow, findMailByUid, insertParsedMail, relocateMail } from '../mail/mail-store';
import { deliveryLog, logDelivery, loggedRecipients, markDelivered, recipientsOf, type QueueRow } from '../queue/processing-queue';
import { composeReport, headerBlockOf } from './reports';

/** A failure worth trying again later (the relay is down, a 4xx answer). */
export class TemporaryDeliveryError extends Error {
  override name = 'TemporaryDeliveryError';
}

/** Waits between attempts after temporary failures; after the last one the mail is given up with a bounce. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000] as const;

/** How long to wait before the next try after `attempts` failed ones; undefined when that was the last. */
export const retryDelayAfter = (attempts: number): number | undefined => RETRY_DELAYS_MS[attempts - 1];

/** Sends one raw message to the SMTP relay; resolves with the recipients it refused permanently. */
export interface RelayTransport {
  send(envelope: { from: string; to: string[] }, raw: Buffer, options: { deliveryReceipt: boolean }): Promise<{ rejected: { address: string; reason: string }[] }>;
  close(): void;
}

/** The relay behind SMTP_RELAY_URL, through nodemailer. */
export function smtpRelay(url: string): RelayTransport {
  const transport = nodemailer.createTransport(url);
  return {
    async send(envelope, raw, { deliveryReceipt }) {
      try {
        const info = await transport.sendMail({
          envelope,
          raw,
          ...(deliveryReceipt ? { dsn: { id: 'mailbox-compose', return: 'headers', notify: ['success', 'failure'], recipient: envelope.from } } : {}),
        });
        const rejected = (info.rejected as (string | { address: string })[]).map((r) => ({
          address: typeof r === 'string' ? r : r.address,
          reason: 'refused by the relay',
        }));
        return { rejected };
      } catch (err) {
        const error = err as { responseCode?: number; response?: string; message: string };
        if (error.responseCode !== undefined && error.responseCode >= 500) {
          return { rejected: envelope.to.map((address) => ({ address, reason: error.response ?? error.message })) };
        }
        throw new TemporaryDeliveryError(error.response ?? error.message);
      }
    },
    close: () => transport.close(),
  };
}

export interface DeliveryContext extends AppDeps {
  /** Present when SMTP_RELAY_URL is set. */
  relay: RelayTransport | undefined;
}

function isLocal(deps: DeliveryContext, address: string): boolean {
  return deps.config.localDomains.includes(domainOf(address));
}

/**
 * Delivers one claimed queue entry. Every recipient is handled once: local ones get a copy in
 * their Inbox in the same transaction that logs them; the rest go to the relay (or are recorded
 * as delivered externally when there is none). Recipients already in the log are skipped, so a
 * retry after a crash or a relay outage never delivers twice to a local mailbox.
 * Throws TemporaryDeliveryError to be retried later; everything else is done on return.
 */
export async function deliverQueueItem(deps: DeliveryContext, row: QueueRow): Promise<void> {
  const { db, clock } = deps;
  const deliveredAt = new Date(Math.floor(clock.now() / 1000) * 1000);
  // A scheduled mail is dated when it actually leaves.
  const raw = row.kind === 'scheduled' ? withDate(row.raw, deliveredAt) : row.raw;
  const message = await readMessage(raw);
  const done = loggedRecipients(db, row.id);
  const pending = recipientsOf(row).filter((r) => !done.has(r.address.toLowerCase()));

  const local = pending.filter((r) => isLocal(deps, r.address) || findLocalRecipient(db, r.address) !== undefined);
  const external = pending.filter((r) => !local.includes(r));

  db.transaction(() => {
    const mailboxesServed = new Set<number>();
    for (const recipient of local) {
      const account = findLocalRecipient(db, recipient.address);
      if (!account) {
        logDelivery(db, row.id, recipient.address, 'bounced', 'no such mailbox on this server', clock.now());
        continue;
      }
      // Two addresses of one account (main + alias) get one copy, as a real server does.
      if (!mailboxesServed.has(account.id)) {
        const inbox = mailFolderByRole(db, account.id, 'inbox');
        insertParsedMail(db, { accountId: account.id, folderId: inbox.id, raw, internalDate: Math.floor(clock.now() / 1000), isUnread: true }, message);
        mailboxesServed.add(account.id);
      }
      logDelivery(db, row.id, recipient.address, 'local', `Inbox of ${account.email}`, clock.now());
    }
  })();

  if (external.length > 0) {
    if (deps.relay) {
      const to = external.map((r) => r.address);
      const refused = await sendThroughRelay(deps.relay, row, to, raw);
      db.transaction(() => {
        for (const address of to) {
          const reason = refused.get(address.toLowerCase());
          logDelivery(db, row.id, address, reason === undefined ? 'relay' : 'bounced', reason ?? 'accepted by the relay', clock.now());
        }
      })();
    } else {
      db.transaction(() => {
        for (const r of external) logDelivery(db, row.id, r.address, 'external', 'recorded as delivered (no SMTP relay configured)', clock.now());
      })();
    }
  }

  await finishDelivery(deps, row, raw, message.subject, deliveredAt);
}

/**
 * One relay transaction; resolves with the refused recipients (lower-cased address → reason).
 * A temporary failure is rethrown to be retried, except on the last attempt: then every recipient
 * is refused, so the sender gets a bounce instead of silence.
 */
async function sendThroughRelay(relay: RelayTransport, row: QueueRow, to: string[], raw: Buffer): Promise<Map<string, string>> {
  try {
    const { rejected } = await relay.send({ from: row.envelope_from, to }, raw, { deliveryReceipt: row.delivery_receipt === 1 });
    return new Map(rejected.map((r) => [r.address.toLowerCase(), r.reason]));
  } catch (err) {
    // Not the last attempt: the worker retries it. The last one bounces to the sender instead.
    if (!(err instanceof TemporaryDeliveryError) || retryDelayAfter(row.attempts) !== undefined) throw err;
    const reason = `the mail relay could not take the message after ${row.attempts} attempts (${err.message})`;
    return new Map(to.map((address) => [address.toLowerCase(), reason]));
  }
}

/**
 * Reports, Sent/Scheduled bookkeeping and Collected Addresses, once the entry is done. Bounced and
 * reached recipients come from the delivery log, so those handled by earlier attempts (before a
 * relay outage or a restart) are reported too.
 */
async function finishDelivery(deps: DeliveryContext, row: QueueRow, raw: Buffer, subject: string, deliveredAt: Date): Promise<void> {
  const { db, clock } = deps;
  const domain = domainOf(row.envelope_from);
  const log = deliveryLog(db, row.id);
  const bounced = log.filter((e) => e.route === 'bounced').map((e) => ({ address: e.recipient, reason: e.detail }));
  const reachedAddresses = new Set(log.filter((e) => e.route !== 'bounced').map((e) => e.recipient));
  const reached = recipientsOf(row).filter((r) => reachedAddresses.has(r.address.toLowerCase()));
  const reports: Buffer[] = [];
  if (bounced.length > 0) {
    reports.push(
      await composeReport({
        domain,
        sender: row.envelope_from,
        subject: `Undelivered Mail Returned to Sender: ${subject}`,
        lines: [
          'Your message could not be delivered to these recipients:',
          '',
          ...bounced.map((b) => `  ${b.address}: ${b.reason}`),
        ],
        originalHeaders: headerBlockOf(raw),
        date: deliveredAt,
      }),
    );
  }
  if (row.delivery_receipt === 1 && reached.length > 0) {
    reports.push(
      await composeReport({
        domain,
        sender: row.envelope_from,
        subject: `Delivered: ${subject}`,
        lines: ['Your message was delivered to these recipients:', '', ...reached.map((r) => `  ${r.address}`)],
        originalHeaders: headerBlockOf(raw),
        date: deliveredAt,
      }),
    );
  }
  const parsedReports = await Promise.all(reports.map(async (report) => ({ report, message: await readMessage(report) })));

  db.transaction(() => {
    const now = clock.now();
    markDelivered(db, row.id, now);
    if (row.kind === 'scheduled') {
      // At delivery the mail moves from Scheduled to Sent, or is deleted when saveToSent is off.
      const mail = row.mail_uid === null ? undefined : findMailByUid(db, row.mail_uid);
      const scheduled = mailFolderByRole(db, row.account_id, 'scheduled');
      if (mail && mail.folder_id === scheduled.id) {
        if (mailSettings(db, row.account_id).saveToSent) {
          const sent = mailFolderByRole(db, row.account_id, 'sent');
          relocateMail(db, mail.uid, { folderId: sent.id, isUnread: false, internalDate: Math.floor(now / 1000), raw: withDate(mail.raw, deliveredAt) });
        } else {
          deleteMailRow(db, mail.uid);
        }
      }
      // A scheduled reply counts as answered when it leaves, not when it was scheduled.
      addRefwFlag(db, row.refw_source_uid, row.refw_type);
    }
    const inbox = mailFolderByRole(db, row.account_id, 'inbox');
    for (const { report, message } of parsedReports) {
      insertParsedMail(db, { accountId: row.account_id, folderId: inbox.id, raw: report, internalDate: Math.floor(now / 1000), isUnread: true }, message);
    }
    if (reached.length > 0) collectRecipients(db, clock, row.account_id, reached);
  })();
}
