import type { Route } from '@playwright/test';
import { openNewMessage } from './support/compose';
import { expect, test } from './support/fixtures';

/**
 * Autosave under faults, on the real server. The browser's clock is Playwright's (page.clock), so
 * the 1.5 s debounce and the retry backoff are moved forward, never waited out.
 */

const isCreate = (route: Route) => route.request().method() === 'POST' && new URL(route.request().url()).pathname === '/api/v1/mails';

test('a save that meets three 500s retries with backoff and ends with one saved draft', async ({ page, account, recipient, signIn, apiAs }) => {
  await page.clock.install();
  const api = await apiAs(account);
  await signIn(page, account);

  let failures = 0;
  await page.route('**/api/v1/mails*', async (route) => {
    if (isCreate(route) && failures < 3) {
      failures += 1;
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: 'Disk on fire' } }) });
      return;
    }
    await route.fallback();
  });

  const window = await openNewMessage(page);
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill('Survives a flaky server');
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Every word of this must reach the server.');

  const status = window.getByRole('status');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    // The debounce (first time) or the backoff (then) runs out; the save fails again.
    await page.clock.runFor(attempt === 1 ? 1_600 : 16_000);
    await expect.poll(() => failures).toBe(attempt);
    await expect(status).toHaveText(/^Not saved — retrying in \d+ s/);
  }
  await expect(window.getByRole('button', { name: 'Save now' })).toBeVisible();
  await page.clock.runFor(40_000);
  await expect(status).toHaveText(/^Saved \d/);

  const drafts = (await api.mails('drafts')).filter((m) => m.subject === 'Survives a flaky server');
  expect(drafts).toHaveLength(1);
  expect(await api.body(drafts[0]!.id)).toContain('Every word of this must reach the server.');
  expect(drafts[0]!.to).toContain(recipient.email);
});

test('what is typed during a slow save is saved right after it, into the same draft', async ({ page, account, signIn, apiAs }) => {
  await page.clock.install();
  const api = await apiAs(account);
  await signIn(page, account);

  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await page.route('**/api/v1/mails*', async (route) => {
    if (isCreate(route) && !held) {
      held = true;
      await released;
    }
    await route.fallback();
  });

  const window = await openNewMessage(page);
  await window.getByRole('textbox', { name: 'Subject' }).fill('Typed while saving');
  const body = window.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await page.keyboard.type('First part.');
  await page.clock.runFor(1_600);
  await expect.poll(() => held).toBe(true);
  await expect(window.getByRole('status')).toHaveText('Saving…');

  // The create is on the wire: keep typing.
  await page.keyboard.type(' Second part, typed during the save.');
  release();
  await expect(window.getByRole('status')).toHaveText(/^Saved \d/);
  await page.clock.runFor(1_600);
  await expect
    .poll(() => api.draftBodies('Typed while saving'))
    .toEqual([expect.stringContaining('First part. Second part, typed during the save.')]);
  expect((await api.mails('drafts')).filter((m) => m.subject === 'Typed while saving')).toHaveLength(1);

  // Closing saves nothing more (nothing changed) and leaves that one draft.
  await page.keyboard.press('Escape');
  await expect(window).toBeHidden();
  expect((await api.mails('drafts')).filter((m) => m.subject === 'Typed while saving')).toHaveLength(1);
});
