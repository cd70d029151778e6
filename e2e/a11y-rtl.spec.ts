import { ar } from '../src/i18n/catalogs/ar';
import { expectNoAxeViolations, TEXT_FILE } from './a11y-support';
import { expect, test } from './support/fixtures';

/**
 * Arabic, right to left: the account's `language` is "ar", so after signing in the page is
 * `<html lang="ar" dir="rtl">`, the texts come from the Arabic catalog and the layout is mirrored:
 * what sits on the left in English sits on the right. Send starts the send bar, so in English it is
 * at the bottom left and in Arabic at the bottom right, with Discard draft at the other end (left).
 * The screenshot is kept for a person to look at.
 */
test('with the account language set to Arabic the compose window is right-to-left, mirrored and in Arabic', async ({ page, account, apiAs }, testInfo) => {
  await (await apiAs(account)).send('PATCH', '/account/settings', { language: 'ar' });

  await page.goto('/');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: ar['folders.label'] })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  // The portal in Arabic: folders on the right, no axe violations.
  await expect(page.getByRole('link', { name: new RegExp(`^${ar['folders.role.inbox']}`) })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: ar['app.newMessage'] }).click();
  const window = page.getByRole('dialog', { name: ar['compose.title.new'] });
  const body = window.getByRole('textbox', { name: ar['editor.body'] });
  await expect(body).toBeVisible();
  expect(await window.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

  await window.getByRole('combobox', { name: ar['field.to'], exact: true }).fill('ana@example.test, بريد@مثال.test,');
  await window.getByRole('textbox', { name: ar['compose.subject'] }).fill('اجتماع الغد');
  await body.click();
  await page.keyboard.type('مرحبًا، هذه رسالة تجريبية من اليمين إلى اليسار.');
  await window.getByLabel(ar['attachments.attach']).setInputFiles([TEXT_FILE]);
  await expect(window.getByRole('list', { name: ar['attachments.label'] })).toContainText('notes.txt');
  await expect(window.getByRole('progressbar')).toHaveCount(0);

  // Mirrored: Send at the right end of the send bar and Discard draft at the left end; the title at
  // the right of the title bar and Close at its left.
  const centre = async (name: string, role: 'button' | 'heading' = 'button') => {
    const box = (await window.getByRole(role, { name, exact: true }).boundingBox())!;
    return box.x + box.width / 2;
  };
  const windowBox = (await window.boundingBox())!;
  const middle = windowBox.x + windowBox.width / 2;
  expect(await centre(ar['compose.send'])).toBeGreaterThan(middle);
  expect(await centre(ar['compose.discardDraft'])).toBeLessThan(middle);
  expect(await centre(ar['compose.title.new'], 'heading')).toBeGreaterThan(middle);
  expect(await centre(ar['compose.close'])).toBeLessThan(middle);
  expect(await centre(ar['compose.send'])).toBeGreaterThan(await centre(ar['schedule.button']));
  // The floating window itself moves from the bottom right of the page to the bottom left.
  const viewport = page.viewportSize()!;
  expect(windowBox.x).toBeLessThan(viewport.width - (windowBox.x + windowBox.width));

  const path = testInfo.outputPath('compose-rtl-ar.png');
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach('compose window in Arabic (RTL)', { path, contentType: 'image/png' });

  await expectNoAxeViolations(page);
});
