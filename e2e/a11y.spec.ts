import { expectNoAxeViolations, openNewMessage, TEXT_FILE, unique } from './a11y-support';
import { expect, test } from './support/fixtures';

/**
 * axe-core over every screen the issue names (sign-in, portal with folders, list and reader, the
 * compose window, the schedule dialog, the undo toast): zero WCAG 2.2 A/AA violations.
 */

test('the sign-in screen, with and without an error, has no axe violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to your mailbox' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Connected to/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Email').fill('nobody@example.test');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText("That email and password don't match an account.");
  await expectNoAxeViolations(page);
});

test('the portal (folders, message list, reader) has no axe violations', async ({ page, account, recipient, apiAs, signIn }) => {
  // A message in the inbox (appended there by the API, as an import would), with an attachment, so the list and the reader have something to show.
  const me = await apiAs(account);
  const subject = unique('Axe reader');
  const file = await me.upload(TEXT_FILE.name, TEXT_FILE.mimeType, TEXT_FILE.buffer);
  const inbox = await me.folder('inbox');
  await me.send('POST', '/mails', {
    folderId: inbox.id,
    isUnread: true,
    to: `${recipient.fullName} <${recipient.email}>`,
    subject,
    bodyHtml: '<p>Hello <strong>there</strong>.</p>',
    temporaryAttachments: [{ id: file.id }],
  });

  await signIn(page, account);
  await expect(page.getByRole('link', { name: new RegExp(subject) })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Attachments/ })).toBeVisible();
  await expectNoAxeViolations(page, { frames: false });
});

test('the compose window, the schedule dialog and the undo toast have no axe violations', async ({ page, account, recipient, signIn }) => {
  await signIn(page, account);
  const window = await openNewMessage(page);
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(unique('Axe compose'));
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Hello.');
  await window.getByLabel('Attach files').setInputFiles([TEXT_FILE]);
  await expect(window.getByRole('list', { name: 'Attachments' })).toBeVisible();
  await expect(window.getByRole('progressbar')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await window.getByRole('button', { name: 'Schedule send' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule send' });
  await expect(dialog.getByRole('button', { name: /Tomorrow morning/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Pick date & time' }).click();
  await expect(dialog.getByRole('grid')).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expectNoAxeViolations(page);
});
