import { simpleParser } from 'mailparser';
import { ar } from '../src/i18n/catalogs/ar';
import { deliveredTo, openNewMessage, unique } from './support/compose';
import type { MailboxApi } from './support/mailbox-api';
import { expect, test } from './support/fixtures';

/**
 * Right-to-left mail leaves marked (issue 8): each paragraph of the body reads the way its text does
 * while it is written, and the HTML part of the delivered message says so with `dir`, so the
 * recipient's mail client shows Arabic right to left. The text part is plain text, unchanged.
 */

const GREETING = 'مرحبًا يا آنا، أرسلت لك تقرير الربع الأول.';
const THANKS = 'مع الشكر';

/** The delivered message as the recipient's mail client gets it: the raw MIME, parsed. */
async function deliveredParts(api: MailboxApi, mailId: string) {
  const parsed = await simpleParser(await api.source(mailId));
  return { html: typeof parsed.html === 'string' ? parsed.html : '', text: parsed.text ?? '' };
}

test('an Arabic message written in the Arabic interface arrives with its HTML marked right to left', async ({ page, account, recipient, apiAs }) => {
  await (await apiAs(account)).send('PATCH', '/account/settings', { language: 'ar' });
  const recipientApi = await apiAs(recipient);
  const subject = unique('تقرير');

  await page.goto('/');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: ar['app.newMessage'] }).click();
  const window = page.getByRole('dialog', { name: ar['compose.title.new'] });
  const body = window.getByRole('textbox', { name: ar['editor.body'] });
  await expect(body).toBeVisible();

  await window.getByRole('combobox', { name: ar['field.to'], exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: ar['compose.subject'] }).fill(subject);
  await body.click();
  await page.keyboard.type(GREETING);
  await page.keyboard.press('Enter');
  await page.keyboard.type(THANKS);
  // While writing, the paragraph reads right to left and the toolbar says so.
  const paragraph = body.getByRole('paragraph').filter({ hasText: GREETING });
  expect(await paragraph.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
  await expect(window.getByRole('button', { name: ar['editor.rtl'] })).toHaveAttribute('aria-pressed', 'true');

  await window.getByRole('button', { name: ar['compose.send'], exact: true }).click();
  await expect(window).toBeHidden();
  const received = await deliveredTo(page, recipientApi, subject);
  const { html, text } = await deliveredParts(recipientApi, received.id);
  expect(html).toContain(`<p dir="rtl">${GREETING}</p>`);
  expect(html).toContain(`<p dir="rtl">${THANKS}</p>`);
  expect(html).not.toContain('dir="auto"');
  expect(text.trim()).toBe(`${GREETING}\n\n${THANKS}`);
});

test('in a mixed message only the right-to-left paragraphs are marked, and "Right to left text" marks one that starts with a Latin word', async ({
  page,
  account,
  recipient,
  signIn,
  apiAs,
}) => {
  const recipientApi = await apiAs(recipient);
  const subject = unique('Mixed directions');
  await signIn(page, account);
  const window = await openNewMessage(page);
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  const body = window.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await page.keyboard.type('Dear Ana,');
  await page.keyboard.press('Enter');
  await page.keyboard.type(GREETING);
  await page.keyboard.press('Enter');
  // Starts with a Latin word, so by its first letter it would read left to right: the writer says otherwise.
  await page.keyboard.type('Windows هو نظام التشغيل المطلوب.');
  const ltr = window.getByRole('button', { name: 'Left to right text' });
  const rtl = window.getByRole('button', { name: 'Right to left text' });
  await expect(ltr).toHaveAttribute('aria-pressed', 'true');
  await rtl.click();
  await expect(rtl).toHaveAttribute('aria-pressed', 'true');
  expect(await body.getByRole('paragraph').filter({ hasText: 'Windows' }).evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  const received = await deliveredTo(page, recipientApi, subject);
  const { html, text } = await deliveredParts(recipientApi, received.id);
  expect(html).toContain(`<p>Dear Ana,</p><p dir="rtl">${GREETING}</p><p dir="rtl">Windows هو نظام التشغيل المطلوب.</p>`);
  expect(text.trim()).toBe(`Dear Ana,\n\n${GREETING}\n\nWindows هو نظام التشغيل المطلوب.`);
});
