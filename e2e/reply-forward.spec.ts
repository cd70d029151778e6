import type { Page } from '@playwright/test';
import type { AttachmentList, MailInstance } from '../src/api/contract';
import { PNG, deliveredTo, unique } from './support/compose';
import { expect, test, type TestAccount } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';

const SHEET = Buffer.from('region,total\nnorth,12\nsouth,30\n'.repeat(40));


/** `from` sends `to` a mail with an inline chart and a spreadsheet, through the API, and it is delivered. */
async function sendWithImageAndFile(page: Page, fromApi: MailboxApi, from: TestAccount, to: TestAccount, toApi: MailboxApi, subject: string) {
  const image = await fromApi.upload('chart.png', 'image/png', PNG);
  const sheet = await fromApi.upload('numbers.csv', 'text/csv', SHEET);
  await fromApi.send('POST', '/mails/send', {
    from: `${from.fullName} <${from.email}>`,
    to: `${to.fullName} <${to.email}>`,
    subject,
    bodyHtml: '<p>Here is the chart:</p><p><img src="cid:chart-1@sender.test" alt="Chart"></p><p>Numbers attached.</p>',
    bodyText: 'Here is the chart: [Chart]\nNumbers attached.',
    temporaryAttachments: [
      { id: image.id, contentId: 'chart-1@sender.test', isInline: true },
      { id: sheet.id, isInline: false },
    ],
  });
  return deliveredTo(page, toApi, subject);
}

async function openFromInbox(page: Page, subject: string) {
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Inbox/ }).click();
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(page.getByRole('heading', { name: subject, level: 2 })).toBeVisible();
}

test('reply: quoted original with its inline image, threading headers, and the replied mark', async ({ page, account, recipient, apiAs, signIn }) => {
  const subject = unique('Chart review');
  const senderApi = await apiAs(recipient);
  const meApi = await apiAs(account);
  await sendWithImageAndFile(page, senderApi, recipient, account, meApi, subject);

  await signIn(page, account);
  await openFromInbox(page, subject);
  // The reader resolves the inline image from the message's own parts.
  const frame = page.getByTitle(`Message: ${subject}`).contentFrame();
  await expect.poll(() => frame.getByRole('img', { name: 'Chart' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);

  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  const window = page.getByRole('dialog', { name: 'Reply' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Re: ${subject}`);
  await expect(window.getByRole('list', { name: 'To recipients' })).toContainText(recipient.email);
  const body = window.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await page.keyboard.type('Looks good, thanks!');
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Message sent');

  const reply = await deliveredTo(page, senderApi, `Re: ${subject}`);
  const source = await senderApi.source(reply.id);
  expect(source).toMatch(/^In-Reply-To: <[^>]+>/im);
  expect(source).toMatch(/^References: <[^>]+>/im);
  const html = await senderApi.body(reply.id);
  expect(html).toContain('Looks good, thanks!');
  expect(html).toMatch(/wrote:/);
  expect(html).toContain('<blockquote');
  // The quoted image travels as a related part whose Content-ID is the cid in the HTML.
  const { items } = await senderApi.get<AttachmentList>(`/mails/${encodeURIComponent(reply.id)}/attachments`);
  const inline = items.filter((a) => a.isInline);
  expect(inline).toHaveLength(1);
  expect(html).toContain(`cid:${inline[0]!.contentId}`);
  expect(source).toMatch(/multipart\/related/i);

  // The original now carries the replied state, in the portal as through the API.
  await openFromInbox(page, subject);
  await expect(page.getByRole('definition').filter({ hasText: 'Replied' })).toBeVisible();
  const original = (await meApi.mails('inbox')).find((m) => m.subject === subject)!;
  expect(original.refwFlags).toBe('re');
});

test('forward: the original attachment is copied and removable, and arrives with its name and size', async ({ page, account, recipient, makeAccount, apiAs, signIn }) => {
  const subject = unique('Numbers');
  const third = await makeAccount('third');
  const senderApi = await apiAs(recipient);
  const meApi = await apiAs(account);
  const thirdApi = await apiAs(third);
  await sendWithImageAndFile(page, senderApi, recipient, account, meApi, subject);

  await signIn(page, account);
  await openFromInbox(page, subject);
  await page.getByRole('button', { name: 'Forward' }).click();
  const window = page.getByRole('dialog', { name: 'Forward' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Fwd: ${subject}`);
  const attachments = window.getByRole('list', { name: 'Attachments' });
  await expect(attachments).toContainText('numbers.csv');
  await expect(window.getByRole('button', { name: 'Remove numbers.csv' })).toBeVisible();
  await window.getByRole('combobox', { name: 'To' }).fill(`${third.email},`);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('FYI');
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();

  const forwarded = await deliveredTo(page, thirdApi, `Fwd: ${subject}`);
  const { items } = await thirdApi.get<AttachmentList>(`/mails/${encodeURIComponent(forwarded.id)}/attachments`);
  const sheet = items.find((a) => a.name === 'numbers.csv');
  expect(sheet?.size).toBe(SHEET.length);
  expect(sheet?.isInline).toBe(false);
  const html = await thirdApi.body(forwarded.id);
  expect(html).toMatch(/Forwarded message/);
  expect(html).toContain(recipient.email);
  const inline = items.filter((a) => a.isInline);
  expect(inline).toHaveLength(1);
  expect(html).toContain(`cid:${inline[0]!.contentId}`);

  await expect.poll(async () => (await meApi.mails('inbox')).find((m) => m.subject === subject)?.refwFlags).toBe('fw');
  await openFromInbox(page, subject);
  await expect(page.getByRole('definition').filter({ hasText: 'Forwarded' })).toBeVisible();
});

test('edit a draft from Drafts and send it: the draft leaves Drafts and the mail arrives', async ({ page, account, recipient, apiAs, signIn }) => {
  const subject = unique('Draft to finish');
  const meApi = await apiAs(account);
  const recipientApi = await apiAs(recipient);
  await meApi.send<MailInstance>('POST', '/mails', { to: recipient.email, subject, bodyHtml: '<p>First half.</p>', bodyText: 'First half.' });

  await signIn(page, account);
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Drafts/ }).click();
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  const body = window.getByRole('textbox', { name: 'Message body' });
  await expect(body).toContainText('First half.');
  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Second half.');
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();

  const mail = await deliveredTo(page, recipientApi, subject);
  expect(await recipientApi.body(mail.id)).toMatch(/First half\.[\s\S]*Second half\./);
  await expect.poll(async () => (await meApi.mails('drafts')).filter((m) => m.subject === subject)).toHaveLength(0);
  await expect(page.getByRole('link', { name: new RegExp(subject) })).toBeHidden();
});
