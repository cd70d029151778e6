import type { Locator, Page } from '@playwright/test';
import type { AttachmentList, MailInstance, ScheduleSendRequest } from '../src/api/contract';
import { pasteImage, unique } from './support/compose';
import { expect, test } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';

const NOTES = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Remember the milk.\n'.repeat(50)) };

/** Writes a message to `to` with an inline image, a Bcc and a file, ready to send. */
async function compose(page: Page, to: string, subject: string, bcc?: string) {
  await page.getByRole('button', { name: 'New message' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  await window.getByRole('combobox', { name: 'To' }).fill(`${to},`);
  if (bcc) {
    await window.getByRole('button', { name: 'Bcc', exact: true }).click();
    await window.getByRole('combobox', { name: 'Bcc' }).fill(`${bcc},`);
  }
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  const body = window.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await page.keyboard.type('Before the chart.');
  await pasteImage(body);
  await window.getByLabel('Attach files').setInputFiles([NOTES]);
  await expect(window.getByRole('progressbar')).toHaveCount(0);
  // A pasted image has no alt text yet, so it has no img role: find it by its preview URL.
  await expect(bodyImage(body)).toBeVisible();
  return window;
}

const bodyImage = (body: Locator) => body.locator('img[src^="blob:"]');

const inboxSubjects = async (api: MailboxApi) => (await api.mails('inbox')).map((m) => m.subject);

test('Undo within the window reopens the draft intact and nothing is delivered; a later send is delivered and a late Undo says so', async ({
  page,
  account,
  recipient,
  makeAccount,
  apiAs,
  control,
  signIn,
}) => {
  const hidden = await makeAccount('hidden');
  const subject = unique('Undo me');
  const recipientApi = await apiAs(recipient);
  const hiddenApi = await apiAs(hidden);
  await signIn(page, account);

  const window = await compose(page, recipient.email, subject, hidden.email);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts).toContainText('Message sent');
  await expect(toasts).toContainText(/\d+ s left/);
  await toasts.getByRole('button', { name: 'Undo' }).click();
  await expect(toasts).toContainText('Sending undone — the draft is open again');

  // The draft is back with everything: recipients (Bcc too), text, the inline image and the file.
  const reopened = page.getByRole('dialog', { name: 'New message' });
  await expect(reopened.getByRole('list', { name: 'To recipients', exact: true })).toContainText(recipient.email);
  // No Reply-To appears out of the server's "Reply-To falls back to From" rule.
  await expect(reopened.getByRole('list', { name: 'Reply-To recipients' })).toHaveCount(0);
  await expect(reopened.getByRole('list', { name: 'Bcc recipients' })).toContainText(hidden.email);
  await expect(reopened.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);
  const body = reopened.getByRole('textbox', { name: 'Message body' });
  await expect(body).toContainText('Before the chart.');
  await expect.poll(() => bodyImage(body).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
  await expect(reopened.getByRole('list', { name: 'Attachments' })).toContainText('notes.txt');

  // Well past the window, still nothing was delivered to anyone.
  await control.advance(30_000);
  expect(await inboxSubjects(recipientApi)).not.toContain(subject);
  expect(await inboxSubjects(hiddenApi)).not.toContain(subject);

  // Send again; once the server's window has passed, Undo is refused and the toast says the truth.
  await reopened.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(reopened).toBeHidden();
  await expect(toasts.getByRole('button', { name: 'Undo' })).toBeVisible();
  await control.advance(11_000);
  await expect.poll(() => inboxSubjects(recipientApi)).toContain(subject);
  await toasts.getByRole('button', { name: 'Undo' }).click();
  await expect(toasts).toContainText('Too late — the message was already sent');

  // Delivered once, with the image inline and the file attached; the Bcc recipient got it without a Bcc header.
  const delivered = (await recipientApi.mails('inbox')).filter((m) => m.subject === subject);
  expect(delivered).toHaveLength(1);
  const { items } = await recipientApi.get<AttachmentList>(`/mails/${encodeURIComponent(delivered[0]!.id)}/attachments`);
  expect(items.filter((a) => a.isInline)).toHaveLength(1);
  expect(items.find((a) => a.name === 'notes.txt')?.size).toBe(NOTES.buffer.length);
  await expect.poll(() => inboxSubjects(hiddenApi)).toContain(subject);
  const hiddenCopy = (await hiddenApi.mails('inbox')).find((m) => m.subject === subject)!;
  expect(await hiddenApi.source(hiddenCopy.id)).not.toMatch(/^Bcc:/im);
});

test('scheduling with a preset puts the mail in Scheduled for that moment; Cancel schedule brings it back to Drafts and into the window; it is delivered on time', async ({
  page,
  account,
  recipient,
  apiAs,
  control,
  signIn,
}) => {
  // The browser's clock follows the server's (other tests may have moved the server's forward).
  await page.clock.install({ time: await control.now() });
  const meApi = await apiAs(account);
  const settings = await meApi.get<{ timezone: string }>('/account/settings');
  await signIn(page, account);

  // Schedule "Tomorrow morning".
  const first = unique('Scheduled hello');
  let window = await compose(page, recipient.email, first);
  const scheduled = page.waitForRequest((r) => /\/send\/schedule$/.test(new URL(r.url()).pathname) && r.method() === 'POST');
  await window.getByRole('button', { name: 'Schedule send' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule send' });
  await expect(dialog).toContainText(settings.timezone);
  await dialog.getByRole('button', { name: /Tomorrow morning/ }).click();
  const request = await scheduled;
  const deliveryTime = (request.postDataJSON() as Partial<ScheduleSendRequest>).deliveryTime!;
  expect(Number.isInteger(deliveryTime)).toBe(true);
  const local = (ms: number, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: settings.timezone, ...options }).format(ms);
  expect(local(deliveryTime * 1000, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('08:00');
  const serverNow = await control.now();
  expect(local(deliveryTime * 1000, { dateStyle: 'short' })).toBe(local(serverNow + 86_400_000, { dateStyle: 'short' }));
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts).toContainText(/Scheduled for .*08:00/);
  await expect.poll(async () => (await meApi.mails('Scheduled')).map((m) => m.subject)).toContain(first);

  // Schedule a second one and cancel it from its toast: back in Drafts and open in the window.
  const second = unique('Changed my mind');
  window = await compose(page, recipient.email, second);
  await window.getByRole('button', { name: 'Schedule send' }).click();
  await page.getByRole('dialog', { name: 'Schedule send' }).getByRole('button', { name: /Tomorrow afternoon/ }).click();
  // The toast writes the time in the account's timeFormat (12 h for a fresh account).
  const secondToast = toasts.getByRole('listitem').filter({ hasText: /13:00|01:00 PM/ });
  await secondToast.getByRole('button', { name: 'Cancel schedule' }).click();
  const reopened = page.getByRole('dialog', { name: 'New message' });
  await expect(reopened.getByRole('textbox', { name: 'Subject' })).toHaveValue(second);
  await expect.poll(async () => (await meApi.mails('drafts')).map((m) => m.subject)).toContain(second);
  expect((await meApi.mails('Scheduled')).map((m) => m.subject)).not.toContain(second);

  // A minute before the moment nothing has left; at the moment it is delivered and moves to Sent.
  await control.set(deliveryTime * 1000 - 60_000);
  // (Sessions idle past the server's limit after the jump: log in again.)
  expect(await inboxSubjects(await apiAs(recipient))).not.toContain(first);
  await control.advance(61_000);
  const meLater = await apiAs(account);
  await expect.poll(async () => inboxSubjects(await apiAs(recipient))).toContain(first);
  await expect.poll(async () => (await meLater.mails('sent')).map((m: MailInstance) => m.subject)).toContain(first);
  expect((await meLater.mails('Scheduled')).map((m) => m.subject)).not.toContain(first);
});
