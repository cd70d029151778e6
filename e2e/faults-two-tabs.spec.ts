import type { Page } from '@playwright/test';
import { draftsWithSubject, unique } from './faults-support';
import { expect, test } from './support/fixtures';

/**
 * One draft open in two tabs. Drafts are replaced under a new id on every save, so the tab that saves
 * second holds a dead id: its Replace answers 404. It must save its content as a new draft and say
 * so — and the other tab's content must still be there: no edit from either tab is lost.
 */

async function editFromDrafts(page: Page, subject: string) {
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Drafts/ }).click();
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  const body = window.getByRole('textbox', { name: 'Message body' });
  await expect(body).toContainText('The shared start.');
  return { window, body };
}

async function typeAtEnd(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

test('the same draft in two tabs: the stale tab’s save gets 404, saves a new draft and says so; both tabs’ text survives', async ({
  page,
  context,
  account,
  recipient,
  signIn,
  apiAs,
}) => {
  const api = await apiAs(account);
  const subject = unique('Edited twice');
  await api.send('POST', '/mails', { to: recipient.email, subject, bodyHtml: '<p>The shared start.</p>', bodyText: 'The shared start.' });

  await signIn(page, account);
  // The second tab is a duplicate of the first (as the browser's "Duplicate tab" or a link opened
  // in a new tab makes it): it shares the signed-in session. Signing in again in it would replace
  // the one session cookie the API allows and sign the first tab out.
  const saved = await page.evaluate(() => sessionStorage.getItem('mailbox-compose.session'));
  const second = await context.newPage();
  await second.addInitScript((value) => sessionStorage.setItem('mailbox-compose.session', value), saved!);
  await second.goto('/');
  await expect(second.getByRole('navigation', { name: 'Folders' })).toBeVisible();
  const tabA = await editFromDrafts(page, subject);
  const tabB = await editFromDrafts(second, subject);

  // Tab A saves first: the draft gets a new id, the id tab B holds is dead.
  await tabA.body.click();
  await typeAtEnd(page, ' Added in tab A.');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(tabA.window.getByRole('status')).toHaveText(/^Saved \d/);

  await tabB.body.click();
  await typeAtEnd(second, ' Added in tab B.');
  await second.keyboard.press('ControlOrMeta+S');
  await expect(tabB.window.getByRole('status')).toHaveText(/^Saved \d/);
  await expect(tabB.window).toContainText('This draft was changed or removed elsewhere; your version was saved as a new draft.');

  // Two drafts now, one per tab, each with all of its tab's text.
  await expect.poll(async () => (await draftsWithSubject(api, subject)).length).toBe(2);
  const bodies = await api.draftBodies(subject, 'text');
  expect(bodies.some((b) => b.includes('The shared start. Added in tab A.') && !b.includes('tab B'))).toBe(true);
  expect(bodies.some((b) => b.includes('The shared start. Added in tab B.') && !b.includes('tab A'))).toBe(true);

  // Each tab keeps saving into its own draft from now on: no third draft appears.
  await typeAtEnd(second, ' More from B.');
  await second.keyboard.press('ControlOrMeta+S');
  await expect(tabB.window.getByRole('status')).toHaveText(/^Saved \d/);
  await tabA.body.click();
  await typeAtEnd(page, ' More from A.');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(tabA.window.getByRole('status')).toHaveText(/^Saved \d/);
  await expect
    .poll(async () => (await api.draftBodies(subject, 'text')).sort())
    .toEqual([expect.stringContaining('Added in tab A. More from A.'), expect.stringContaining('Added in tab B. More from B.')]);
});
