import type { Page } from '@playwright/test';
import { unique } from './support/compose';
import { expect, test, type TestAccount } from './support/fixtures';

/** Past the server's idle limit (30 minutes by default). */
const PAST_IDLE_LIMIT_MS = 31 * 60_000;

async function startMessage(page: Page, to: string, subject: string, text: string) {
  await page.getByRole('button', { name: 'New message' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  await window.getByRole('combobox', { name: 'To' }).fill(`${to},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type(text);
  return window;
}

async function signInAgain(page: Page, account: TestAccount) {
  const dialog = page.getByRole('dialog', { name: 'Your session expired' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Email')).toHaveValue(account.email);
  await dialog.getByLabel('Password').fill(account.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
}

test('a session that expires during autosave keeps every word; after signing in again the save carries on by itself', async ({ page, account, recipient, apiAs, control, signIn }) => {
  const subject = unique('Expiring draft');
  await signIn(page, account);
  const window = await startMessage(page, recipient.email, subject, 'Written before the session expired.');
  const status = window.getByRole('status');
  await expect(status).toContainText('Saved');

  await control.advance(PAST_IDLE_LIMIT_MS);
  await page.keyboard.type(' And after.');
  await expect(status).toContainText('Session expired');
  // Nothing on screen was touched.
  await expect(window.getByRole('textbox', { name: 'Message body' })).toContainText('Written before the session expired. And after.');

  await signInAgain(page, account);
  await expect(status).toContainText('Saved');
  const api = await apiAs(account);
  const drafts = (await api.mails('drafts')).filter((m) => m.subject === subject);
  expect(drafts).toHaveLength(1);
  expect(await api.body(drafts[0]!.id, 'text')).toContain('Written before the session expired. And after.');
});

test('a session that expires just before Send: after signing in again the message is sent once, with nothing lost', async ({ page, account, recipient, apiAs, control, signIn }) => {
  const subject = unique('Expiring send');
  await signIn(page, account);
  const window = await startMessage(page, recipient.email, subject, 'Please arrive.');
  await expect(window.getByRole('status')).toContainText('Saved');

  await control.advance(PAST_IDLE_LIMIT_MS);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await signInAgain(page, account);
  // The send carries on by itself: no Retry to press.
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Message sent');
  await expect(window).toBeHidden();

  const recipientApi = await apiAs(recipient);
  await expect
    .poll(async () => {
      await control.advance(11_000);
      return (await recipientApi.mails('inbox')).filter((m) => m.subject === subject).length;
    })
    .toBe(1);
  expect(await recipientApi.body((await recipientApi.mails('inbox')).find((m) => m.subject === subject)!.id, 'text')).toContain('Please arrive.');
});
