import type { Page } from '@playwright/test';
import type { AttachmentList, MailInstance } from '../src/api/contract';
import { deliveredTo, expectImageShown, openNewMessage, pasteImage, unique } from './support/compose';
import { expect, test, type TestAccount } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';


const REPORT = { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n' + 'quarterly numbers\n'.repeat(300) + '%%EOF\n') };
const NOTES = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Remember the milk.\n'.repeat(50)) };


/** The received mail: one inline image referenced by cid from the HTML, and both files intact. */
async function expectInlineImageAndFiles(api: MailboxApi, mail: MailInstance) {
  const { items } = await api.get<AttachmentList>(`/mails/${encodeURIComponent(mail.id)}/attachments`);
  const inline = items.filter((a) => a.isInline);
  expect(inline).toHaveLength(1);
  const cid = inline[0]!.contentId;
  expect(cid).not.toBe('');
  const html = await api.body(mail.id, 'html');
  expect(html).toContain(`src="cid:${cid}"`);
  expect(html).not.toContain('blob:');
  const files = items.filter((a) => !a.isInline).map((a) => ({ name: a.name, size: a.size }));
  expect(files).toEqual(
    expect.arrayContaining([
      { name: REPORT.name, size: REPORT.buffer.length },
      { name: NOTES.name, size: NOTES.buffer.length },
    ]),
  );
  expect(files).toHaveLength(2);
  const source = await api.source(mail.id);
  expect(source).toMatch(/Content-Type: multipart\/related/i);
  expect(source).toContain(`Content-ID: <${cid}>`);
}

/** Compose a message with two attached files and one pasted image; answers the window. */
async function composeWithFiles(page: Page, recipient: TestAccount, subject: string) {
  // Hold the report's upload until its progress bar has been seen.
  let releaseReport!: () => void;
  const reportReleased = new Promise<void>((resolve) => (releaseReport = resolve));
  await page.route('**/api/v1/temporaryAttachments*', async (route) => {
    if (route.request().method() === 'POST' && (route.request().postDataBuffer()?.includes('filename="report.pdf"') ?? false)) await reportReleased;
    await route.fallback();
  });

  const window = await openNewMessage(page);
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByLabel('Attach files').setInputFiles([REPORT, NOTES]);

  const files = window.getByRole('list', { name: 'Attachments' });
  await expect(files.getByRole('progressbar', { name: `Uploading ${REPORT.name}` })).toBeVisible();
  releaseReport();
  await expect(files.getByRole('progressbar')).toHaveCount(0);
  await expect(files.getByRole('button', { name: `Remove ${REPORT.name}` })).toBeVisible();
  await expect(files.getByRole('button', { name: `Remove ${NOTES.name}` })).toBeVisible();

  const body = window.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await page.keyboard.type('The chart: ');
  await pasteImage(body, 'chart.png');
  await page.keyboard.type(' and the files are attached.');
  const image = body.locator('img:not(.ProseMirror-separator)');
  await expect(image).toHaveCount(1);
  await expectImageShown(image);
  // The pasted image is in the body, not in the list of files.
  await expect(files.getByRole('listitem')).toHaveCount(2);
  return window;
}

test('two files from the chooser and a pasted image go out as attachments and a multipart/related inline part', async ({ page, account, recipient, signIn, apiAs }) => {
  const subject = unique('Files and a chart');
  const recipientApi = await apiAs(recipient);
  await signIn(page, account);
  const window = await composeWithFiles(page, recipient, subject);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  await expectInlineImageAndFiles(recipientApi, await deliveredTo(page, recipientApi, subject));
});

test('a draft reopened from Drafts still shows its inline image, and after another save and send it still arrives inline', async ({ page, account, recipient, signIn, apiAs }) => {
  const subject = unique('Reopened chart');
  const senderApi = await apiAs(account);
  const recipientApi = await apiAs(recipient);
  await signIn(page, account);
  const first = await composeWithFiles(page, recipient, subject);
  await expect(first.getByRole('status')).toHaveText(/^Saved \d/);
  await page.keyboard.press('Escape');
  await expect(first).toBeHidden();
  await expect.poll(async () => (await senderApi.mails('drafts')).filter((m) => m.subject === subject).length).toBe(1);

  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Drafts/ }).click();
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  const body = window.getByRole('textbox', { name: 'Message body' });
  await expect(body).toContainText('The chart:');
  await expectImageShown(body.locator('img:not(.ProseMirror-separator)'));
  const files = window.getByRole('list', { name: 'Attachments' });
  await expect(files.getByRole('button', { name: `Remove ${REPORT.name}` })).toBeVisible();
  await expect(files.getByRole('button', { name: `Remove ${NOTES.name}` })).toBeVisible();
  await expect(window.getByRole('combobox', { name: 'Subject' }).or(window.getByRole('textbox', { name: 'Subject' }))).toHaveValue(subject);

  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' One more line after reopening.');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(window.getByRole('status')).toHaveText(/^Saved \d/);
  await expect.poll(async () => (await senderApi.mails('drafts')).filter((m) => m.subject === subject).length).toBe(1);

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  const received = await deliveredTo(page, recipientApi, subject);
  expect(await recipientApi.body(received.id, 'html')).toContain('One more line after reopening.');
  await expectInlineImageAndFiles(recipientApi, received);
  expect((await senderApi.mails('drafts')).filter((m) => m.subject === subject)).toHaveLength(0);
});

test('an oversized file is refused before any upload, with the limit in the message', async ({ page, account, signIn }) => {
  await signIn(page, account);
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/temporaryAttachments') uploads.push(request.url());
  });
  const window = await openNewMessage(page);
  await window.getByLabel('Attach files').setInputFiles([{ name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(25 * 1024 * 1024 + 1) }]);
  await expect(window.getByRole('alert').filter({ hasText: 'video.mp4' })).toHaveText(/video\.mp4 is larger than the server accepts \(25 MB\)\./);
  await expect(window.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
  expect(uploads).toEqual([]);
});

test('a failed upload offers Retry, and Retry uploads the file', async ({ page, account, signIn }) => {
  await signIn(page, account);
  let aborted = 0;
  await page.route('**/api/v1/temporaryAttachments*', async (route) => {
    if (route.request().method() === 'POST' && aborted === 0) {
      aborted += 1;
      await route.abort('connectionreset');
      return;
    }
    await route.fallback();
  });
  const window = await openNewMessage(page);
  await window.getByLabel('Attach files').setInputFiles([NOTES]);
  const files = window.getByRole('list', { name: 'Attachments' });
  const retry = files.getByRole('button', { name: `Retry ${NOTES.name}` });
  await expect(retry).toBeVisible();
  await expect(files).toContainText('The upload of notes.txt failed');

  // Send refuses while a file has failed.
  await window.getByRole('combobox', { name: 'To', exact: true }).fill('ana@example.test,');
  await window.getByRole('textbox', { name: 'Subject' }).fill('Notes');
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window.getByRole('alert').filter({ hasText: 'didn’t upload' })).toBeVisible();
  await window.getByRole('button', { name: 'OK' }).click();

  await retry.click();
  await expect(retry).toHaveCount(0);
  await expect(files.getByRole('progressbar')).toHaveCount(0);
  await expect(files.getByRole('button', { name: `Remove ${NOTES.name}` })).toBeVisible();
  await expect(files).not.toContainText('failed');
});
