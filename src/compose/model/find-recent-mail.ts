import type { ComposeFields, MailInstance } from '../../api/contract';
import { findFolderByRole, listFolders } from '../../api/folders';
import { listMails } from '../../api/mails';
import type { ApiClient } from '../../api/transport';
import { addressKey, parseAddressHeader } from './addresses';

/**
 * After a write whose answer never came (network cut, timeout, 5xx), the server may or may not have
 * done it. The Mailbox API has no idempotency key, so before writing again we look for the mail the
 * lost request would have made: a recent mail in the expected folder with the subject we sent and the
 * same To addresses. Adopting it instead of writing again is
 * what keeps a flaky network from leaving duplicate drafts or sending a message twice.
 *
 * A false match needs another mail with the same subject and recipients made in the same few minutes;
 * adopting it then only means our next save replaces it with the same people's same-subject message.
 */

/** Clock differences between browser and server we tolerate when comparing dates. */
const CLOCK_SKEW_MS = 5 * 60_000;
const LOOK_AT = 25;

export async function findRecentMail(
  api: ApiClient,
  role: 'drafts' | 'sent' | 'scheduled',
  sent: Pick<ComposeFields, 'subject' | 'to'>,
  sinceMs: number,
  excludeIds: readonly string[] = [],
): Promise<MailInstance | null> {
  const folders = await listFolders(api, { type: 'mails' });
  const folder = findFolderByRole(folders.items, role);
  if (!folder) return null;
  const page = await listMails(api, { folderId: folder.id, start: 0, limit: LOOK_AT, sort: 'date', dir: 'DESC' });
  const subject = sent.subject ?? '';
  const to = normaliseList(sent.to ?? '');
  const since = sinceMs - CLOCK_SKEW_MS;
  const matches = page.items.filter(
    (mail) => !excludeIds.includes(mail.id) && mail.subject === subject && normaliseList(mail.to) === to && Number(mail.date) * 1000 >= since,
  );
  matches.sort((a, b) => Number(b.date) - Number(a.date));
  return matches[0] ?? null;
}

/**
 * The recipients' addresses only, case- and order-insensitive, domains in ASCII: the server stores
 * the header re-formatted (its own quoting of names, IDN form), so comparing strings would miss.
 */
const normaliseList = (header: string): string =>
  parseAddressHeader(header)
    .map((entry) => addressKey(entry.sendAddress || entry.address || entry.raw))
    .sort()
    .join(',');
