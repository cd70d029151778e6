import type { Page } from '@playwright/test';
import { expectNoAxeViolations, TEXT_FILE, unique } from './a11y-support';
import { expect, test } from './support/fixtures';

/** A phone-sized screen: 360 × 740 CSS pixels. */
test.use({ viewport: { width: 360, height: 740 } });

const pageScrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth || document.documentElement.scrollWidth > 360);

test('at 360 px wide: compose, attach and send with nothing scrolling sideways', async ({ page, account, recipient, signIn }) => {
  await signIn(page, account);
  expect(await pageScrollsSideways(page)).toBe(false);

  await page.getByRole('button', { name: 'New message' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Message body' })).toBeVisible();
  const box = await window.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(360);

  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(unique('A very long subject line that would not fit on a small phone screen at all'));
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Small screen, '.repeat(20));
  await window.getByLabel('Attach files').setInputFiles([{ ...TEXT_FILE, name: 'a-file-with-a-rather-long-name-quarterly-report-final-v3.txt' }]);
  await expect(window.getByRole('list', { name: 'Attachments' })).toBeVisible();
  await expect(window.getByRole('progressbar')).toHaveCount(0);
  expect(await pageScrollsSideways(page)).toBe(false);

  // Send is reachable and fully on screen.
  const send = window.getByRole('button', { name: 'Send', exact: true });
  await expect(send).toBeInViewport({ ratio: 1 });
  await expectNoAxeViolations(page);
  await send.click();
  await expect(window).toBeHidden();
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts.getByRole('button', { name: 'Undo' })).toBeInViewport({ ratio: 1 });
  expect(await pageScrollsSideways(page)).toBe(false);
});
