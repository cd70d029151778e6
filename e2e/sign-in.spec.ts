import { expect, test } from './support/fixtures';

test('signs in, lands in the Inbox, survives a reload and signs out', async ({ page, account, signIn }) => {
  await signIn(page, account);
  const folders = page.getByRole('navigation', { name: 'Folders' });
  for (const name of ['Inbox', 'Drafts', 'Scheduled', 'Sent', 'Trash']) await expect(folders.getByRole('link', { name: new RegExp(`^${name}`) })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('says plainly when the password is wrong, and shows the demo account on the demo server', async ({ page, account }) => {
  await page.goto('/');
  await expect(page.getByRole('complementary', { name: 'Demo account' })).toContainText('demo@example.test');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText("That email and password don't match an account.");
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('a second tab shares the first one’s session: no second sign-in, both keep working, and signing out in one signs out both', async ({ page, context, account, signIn }) => {
  await signIn(page, account);
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(second.getByRole('button', { name: 'Sign in' })).toHaveCount(0);

  // Both tabs still reach the server with the one session (no "session expired" in either).
  await second.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Drafts/ }).click();
  await expect(second.getByRole('heading', { name: 'Drafts' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Sent/ }).click();
  await expect(page.getByRole('heading', { name: 'Sent' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await second.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
