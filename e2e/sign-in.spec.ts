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
