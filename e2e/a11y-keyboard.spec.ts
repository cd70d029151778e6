import type { AttachmentList } from '../src/api/contract';
import { activeName, tabTo, TEXT_FILE, unique } from './a11y-support';
import { expect, test, type TestAccount } from './support/fixtures';
import type { Page } from '@playwright/test';

/**
 * Keyboard only: Tab / Shift+Tab / Enter / Space / typing. No clicks, no fills. Live regions say
 * what started and what finished, not every second.
 */

async function signInWithKeyboard(page: Page, account: TestAccount) {
  await page.goto('/');
  await tabTo(page, 'Email');
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Folders' })).toBeVisible();
}

test('write and send a message with an attachment using the keyboard only; chips, upload and undo toast are announced once each', async ({
  page,
  account,
  recipient,
  apiAs,
  control,
}) => {
  await page.clock.install({ time: await control.now() });
  await signInWithKeyboard(page, account);
  const subject = unique('Keyboard only');

  await tabTo(page, 'New message');
  await page.keyboard.press('Enter');
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window).toBeVisible();
  // The caret starts in To.
  await expect(window.getByRole('combobox', { name: 'To', exact: true })).toBeFocused();
  await page.keyboard.type(`${recipient.email},`);
  const chips = window.getByRole('list', { name: 'To recipients' });
  await expect(chips.getByRole('button', { name: recipient.email, exact: true })).toBeVisible();
  // The chip is announced (politely) by the field's live region.
  const recipientAnnouncer = window.locator('.recipient-field [aria-live="polite"]').first();
  await expect(recipientAnnouncer).toContainText(/Added/);

  await tabTo(page, 'Subject');
  await page.keyboard.type(subject);
  await tabTo(page, 'Message body');
  await page.keyboard.type('Sent without touching the mouse.');

  // Attach files: Enter on the button opens the chooser.
  await tabTo(page, 'Attach files');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([TEXT_FILE]);
  const announcer = window.locator('.attachment-announcer');
  await expect(announcer).toHaveText(/notes\.txt uploaded\.|Uploading notes\.txt\./);
  await expect(window.getByRole('list', { name: 'Attachments' })).toContainText('notes.txt');
  await expect(window.getByRole('progressbar')).toHaveCount(0);
  await expect(announcer).toHaveText('notes.txt uploaded.');

  // Shift+Tab goes back the way it came.
  await tabTo(page, 'Message body', { back: true });
  await tabTo(page, 'Send');
  await page.keyboard.press('Enter');
  await expect(window).toBeHidden();

  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts.getByRole('button', { name: 'Undo' })).toBeVisible();
  const toastAnnouncer = page.locator('.mc-toast-announcer');
  await expect(toastAnnouncer).toHaveText('Message sent. You can undo it for 10 seconds.');
  // The countdown ticks for the eyes; the polite region says nothing more for 5 seconds.
  await expect(toasts).toContainText(/\d+ s left/);
  const countdownBefore = await toasts.locator('.mc-toast-countdown').textContent();
  await page.clock.fastForward(5_000);
  await expect(toasts.locator('.mc-toast-countdown')).not.toHaveText(countdownBefore ?? '');
  await expect(toastAnnouncer).toHaveText('Message sent. You can undo it for 10 seconds.');

  // Past the window the message is delivered, once, with its attachment.
  await control.advance(11_000);
  await page.clock.fastForward(6_000);
  await expect(toastAnnouncer).toHaveText('Sent.');
  const inbox = await apiAs(recipient);
  await expect.poll(async () => (await inbox.mails('inbox')).filter((m) => m.subject === subject).length, { timeout: 15_000 }).toBe(1);
  const delivered = (await inbox.mails('inbox')).find((m) => m.subject === subject)!;
  const { items } = await inbox.get<AttachmentList>(`/mails/${encodeURIComponent(delivered.id)}/attachments`);
  expect(items.map((a) => [a.name, a.size])).toEqual([['notes.txt', TEXT_FILE.buffer.length]]);
});

test('schedule with the keyboard only; the schedule dialog traps focus and gives it back to Schedule send', async ({ page, account, recipient, apiAs, control }) => {
  await page.clock.install({ time: await control.now() });
  await signInWithKeyboard(page, account);
  const subject = unique('Keyboard schedule');

  await tabTo(page, 'New message');
  await page.keyboard.press('Enter');
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('combobox', { name: 'To', exact: true })).toBeFocused();
  await page.keyboard.type(`${recipient.email},`);
  await tabTo(page, 'Subject');
  await page.keyboard.type(subject);
  await tabTo(page, 'Message body');
  await page.keyboard.type('See you tomorrow.');

  // Open, Esc: focus comes back to the opener.
  await tabTo(page, 'Schedule send');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Schedule send' });
  await expect(dialog).toBeVisible();
  // Focus is inside the modal dialog and Tab keeps it there (a full round trip stays inside).
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
  }
  await page.keyboard.press('Escape');
  expect(await activeName(page)).toBe('Schedule send');
  await expect(dialog).toBeHidden();

  // Again, this time picking a custom date and time with the keyboard.
  // (At once: a fast second press must open it again.)
  await page.keyboard.press('Space');
  await expect(dialog).toBeVisible();
  await tabTo(page, 'Pick date & time');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Time');
  await page.keyboard.type('0930');
  await expect(dialog.getByRole('status').filter({ hasText: /^Sends/ })).toContainText(/Sends .*09:30/);
  const scheduled = page.waitForRequest((r) => /\/send\/schedule$/.test(new URL(r.url()).pathname) && r.method() === 'POST');
  await tabTo(page, 'Schedule');
  await page.keyboard.press('Enter');
  await scheduled;
  await expect(dialog).toBeHidden();
  await expect(window).toBeHidden();
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts).toContainText(/Scheduled for .*09:30/);
  await expect(page.locator('.mc-toast-announcer')).toHaveText(/^Scheduled for .*09:30( AM)? \(.+\)\.$/);

  const me = await apiAs(account);
  await expect.poll(async () => (await me.mails('Scheduled')).map((m) => m.subject)).toContain(subject);
});
