import { openNewMessage } from './support/compose';
import { expect, test } from './support/fixtures';

test('plain-text mode asks before dropping formatting, and Mod+Enter sends the text', async ({ page, account, recipient, signIn, apiAs }) => {
  const subject = `Plain ${Date.now().toString(36)}`;
  const recipientApi = await apiAs(recipient);
  await signIn(page, account);
  const window = await openNewMessage(page);
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('Loud words');
  await page.keyboard.press('ControlOrMeta+B');

  const toggle = window.getByRole('button', { name: 'Plain text' });
  await toggle.click();
  const question = window.getByRole('alertdialog');
  await expect(question).toContainText('Switch to plain text?');
  await question.getByRole('button', { name: 'Keep formatting' }).click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(window.getByRole('toolbar', { name: 'Formatting' })).toBeVisible();

  await toggle.click();
  await window.getByRole('button', { name: 'Switch to plain text' }).click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(window.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0);
  const body = window.getByRole('textbox', { name: 'Message body' });
  await expect(body).toHaveValue(/Loud words/);
  await body.press('End');
  await page.keyboard.type(', now quiet.');

  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(window).toBeHidden();
  await expect
    .poll(
      async () => {
        expect((await page.request.post('/__test/clock', { data: { advanceMs: 11_000 } })).ok()).toBe(true);
        return (await recipientApi.mails('inbox')).some((m) => m.subject === subject);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const mail = (await recipientApi.mails('inbox')).find((m) => m.subject === subject)!;
  expect(await recipientApi.body(mail.id, 'text')).toContain('Loud words, now quiet.');
  const source = await recipientApi.source(mail.id);
  expect(source).not.toMatch(/Content-Type: text\/html/i);
});

test('Discard draft deletes the saved draft after asking', async ({ page, account, signIn, apiAs }) => {
  const subject = `Discard me ${Date.now().toString(36)}`;
  const api = await apiAs(account);
  await signIn(page, account);
  const window = await openNewMessage(page);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('A thought I will not send.');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(window.getByRole('status')).toHaveText(/^Saved \d/);
  await expect.poll(async () => (await api.mails('drafts')).filter((m) => m.subject === subject).length).toBe(1);

  await window.getByRole('button', { name: 'Discard draft' }).click();
  await window.getByRole('alertdialog').getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(window).toBeHidden();
  expect((await api.mails('drafts')).filter((m) => m.subject === subject)).toHaveLength(0);
});

test('Esc saves what was typed, then closes; the draft opens again from Drafts with its fields', async ({ page, account, signIn, apiAs }) => {
  const subject = `Esc keeps it ${Date.now().toString(36)}`;
  const api = await apiAs(account);
  await signIn(page, account);
  const window = await openNewMessage(page);
  await window.getByRole('combobox', { name: 'To', exact: true }).fill('ana@example.test,');
  await window.getByRole('button', { name: 'Bcc', exact: true }).click();
  await window.getByRole('combobox', { name: 'Bcc', exact: true }).fill('bogdan@example.test,');
  await window.getByRole('button', { name: 'More options' }).click();
  await window.getByRole('combobox', { name: 'Importance' }).selectOption('high');
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Closed before the autosave ran.');
  await page.keyboard.press('Escape');
  await expect(window).toBeHidden();
  const [draft] = (await api.mails('drafts')).filter((m) => m.subject === subject);
  expect(draft).toBeDefined();
  expect(draft!.importance).toBe('high');
  expect(await api.body(draft!.id)).toContain('Closed before the autosave ran.');

  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Drafts/ }).click();
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const reopened = page.getByRole('dialog', { name: 'New message' });
  await expect(reopened.getByRole('textbox', { name: 'Message body' })).toContainText('Closed before the autosave ran.');
  // Bcc holds an address, so it is open by itself.
  await expect(reopened.getByRole('list', { name: 'Bcc recipients' }).getByRole('button', { name: 'bogdan@example.test', exact: true })).toBeVisible();
  await expect(reopened.getByRole('list', { name: 'To recipients' }).getByRole('button', { name: 'ana@example.test', exact: true })).toBeVisible();
});
