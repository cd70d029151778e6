import type { Locator, Page, Route } from '@playwright/test';
import type { MailInstance } from '../src/api/contract';
import { expect } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';

/** Helpers shared by the fault and bad-input specs (not a spec itself). */

export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function openNewMessage(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'New message' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Message body' })).toBeVisible();
  return window;
}

/** Adds chips to a recipient field (revealing Cc/Bcc first when asked for them). */
export async function addRecipients(window: Locator, field: 'To' | 'Cc' | 'Bcc', addresses: string[]) {
  if (field !== 'To') {
    const reveal = window.getByRole('button', { name: field, exact: true });
    if (await reveal.isVisible()) await reveal.click();
  }
  await window.getByRole('combobox', { name: field, exact: true }).fill(`${addresses.join(', ')},`);
  const chips = window.getByRole('list', { name: `${field} recipients` });
  for (const address of addresses) await expect(chips.getByRole('button', { name: address, exact: true })).toBeVisible();
}

export const mailPath = (route: Route) => new URL(route.request().url()).pathname;
export const isCreate = (route: Route) => route.request().method() === 'POST' && mailPath(route) === '/api/v1/mails';
export const isReplace = (route: Route) => route.request().method() === 'PUT' && mailPath(route).startsWith('/api/v1/drafts/');
export const isSave = (route: Route) => isCreate(route) || isReplace(route);

export const serverError = (message = 'The disk is on fire') => ({
  status: 500,
  contentType: 'application/json',
  body: JSON.stringify({ error: { code: 'INTERNAL_ERROR', message } }),
});

export const draftsWithSubject = async (api: MailboxApi, subject: string): Promise<MailInstance[]> => (await api.mails('drafts')).filter((m) => m.subject === subject);

/**
 * Moves the server clock past the undo window until `count` mails with the subject are in the
 * recipient's Inbox (and answers them). The queue worker reacts to the clock at once.
 */
export async function delivered(page: Page, api: MailboxApi, subject: string, count = 1): Promise<MailInstance[]> {
  await expect
    .poll(
      async () => {
        const res = await page.request.post('/__test/clock', { data: { advanceMs: 11_000 } });
        expect(res.ok()).toBe(true);
        return (await api.mails('inbox')).filter((m) => m.subject === subject).length;
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return (await api.mails('inbox')).filter((m) => m.subject === subject);
}

export interface JournalRecord {
  key: string;
  account: string;
  mailId: string | null;
  content: { subject: string; bodyHtml: string; bodyText: string; attachments: Array<{ id: number; name?: string }>; to: Array<{ address: string }> };
  updatedAt: number;
}

/**
 * The browser's draft journal (IndexedDB), read the way the app wrote it. Only looks once the app
 * created the database: opening a missing one here would create it without its store.
 */
export function journalEntries(page: Page): Promise<JournalRecord[]> {
  return page.evaluate(async () => {
    const databases = await indexedDB.databases();
    if (!databases.some((d) => d.name === 'mailbox-compose-journal')) return [];
    return new Promise<JournalRecord[]>((resolve, reject) => {
      const open = indexedDB.open('mailbox-compose-journal');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('drafts')) {
          db.close();
          resolve([]);
          return;
        }
        const request = db.transaction('drafts').objectStore('drafts').getAll();
        request.onsuccess = () => {
          db.close();
          resolve(request.result as JournalRecord[]);
        };
        request.onerror = () => reject(request.error);
      };
    });
  });
}

/** Waits until the journal holds an entry whose body has `text` (moving the page clock past the 1 s throttle). */
export async function journalHas(page: Page, text: string, options: { attachments?: number } = {}) {
  await expect
    .poll(async () => {
      await page.clock.runFor(1_100);
      const entry = (await journalEntries(page)).find((e) => e.content.bodyText.includes(text));
      if (!entry) return 'no entry with the text';
      if (options.attachments !== undefined && entry.content.attachments.length !== options.attachments) return `${entry.content.attachments.length} attachments`;
      return 'ok';
    })
    .toBe('ok');
}

export const TEXT_FILE = (name: string, body: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });
