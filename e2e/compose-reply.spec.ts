import type { Page } from '@playwright/test';
import type { AttachmentList, MailInstance } from '../src/api/contract';
import { expect, test, type TestAccount } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';

/**
 * Reply and forward go through the same reopen path as drafts (openDraft): the original's inline
 * image is stored into the new message's queue and still arrives as an inline part.
 */
const DEMO: TestAccount = { email: 'demo@example.test', password: 'demo', fullName: 'Demo User' };
const ANA: TestAccount = { email: 'ana@example.test', password: 'demo', fullName: 'Ana Popescu' };
const ORIGINAL = 'Design review: compose window';

async function openOriginal(page: Page) {
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Inbox/ }).click();
  await page.getByRole('link', { name: new RegExp(ORIGINAL) }).first().click();
}

async function delivered(page: Page, api: MailboxApi, match: (m: MailInstance) => boolean): Promise<MailInstance> {
  await expect
    .poll(
      async () => {
        expect((await page.request.post('/__test/clock', { data: { advanceMs: 11_000 } })).ok()).toBe(true);
        return (await api.mails('inbox')).some(match);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return (await api.mails('inbox')).find(match)!;
}

async function inlineCid(api: MailboxApi, mail: MailInstance): Promise<{ cid: string; files: string[] }> {
  const { items } = await api.get<AttachmentList>(`/mails/${encodeURIComponent(mail.id)}/attachments`);
  const inline = items.filter((a) => a.isInline);
  expect(inline).toHaveLength(1);
  return { cid: inline[0]!.contentId, files: items.filter((a) => !a.isInline).map((a) => a.name) };
}

test('forward keeps the original’s inline image and its attachment', async ({ page, recipient, signIn, apiAs }) => {
  const recipientApi = await apiAs(recipient);
  await signIn(page, DEMO);
  await openOriginal(page);
  await page.getByRole('button', { name: 'Forward' }).click();

  const window = page.getByRole('dialog', { name: 'Forward' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Fwd: ${ORIGINAL}`);
  await expect(window.getByText('Quoted message')).toBeVisible();
  await expect(window.getByRole('list', { name: 'Attachments' }).getByRole('button', { name: 'Remove session-notes.txt' })).toBeVisible();
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  const note = `Forwarding this ${Date.now().toString(36)}`;
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type(note);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();

  const mail = await delivered(page, recipientApi, (m) => m.subject === `Fwd: ${ORIGINAL}`);
  const html = await recipientApi.body(mail.id, 'html');
  expect(html).toContain(note);
  expect(html).toContain('Forwarded message');
  const { cid, files } = await inlineCid(recipientApi, mail);
  expect(html).toContain(`src="cid:${cid}"`);
  expect(files).toEqual(['session-notes.txt']);
  expect(mail.refwType === '' || mail.refwType === 'fw').toBe(true);
});

test('reply goes to the author with the quoted original and its inline image, without the attachment', async ({ page, signIn, apiAs }) => {
  const anaApi = await apiAs(ANA);
  await signIn(page, DEMO);
  await openOriginal(page);
  await page.getByRole('button', { name: 'Reply', exact: true }).click();

  const window = page.getByRole('dialog', { name: 'Reply' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Re: ${ORIGINAL}`);
  await expect(window.getByRole('list', { name: 'To recipients' }).getByRole('button', { name: 'Ana Popescu <ana@example.test>', exact: true })).toBeVisible();
  await expect(window.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
  const answer = `Looks good to me ${Date.now().toString(36)}`;
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type(answer);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();

  const mail = await delivered(page, anaApi, (m) => m.subject === `Re: ${ORIGINAL}` && m.snippet.includes(answer.slice(0, 20)));
  const html = await anaApi.body(mail.id, 'html');
  expect(html).toContain(answer);
  expect(html).toMatch(/<blockquote[^>]*>/);
  const { cid, files } = await inlineCid(anaApi, mail);
  expect(html).toContain(`src="cid:${cid}"`);
  expect(files).toEqual([]);
});
