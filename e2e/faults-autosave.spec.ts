import type { Route } from '@playwright/test';
import { addRecipients, draftsWithSubject, isCreate, isReplace, openNewMessage, serverError, unique } from './faults-support';
import { expect, test } from './support/fixtures';

/**
 * Autosave against a server that fails in every way a save can fail — a 500, a request whose answer
 * is lost after the server made the draft, a request that never reaches it — before it succeeds:
 * exactly one draft, with the final content. The client's 30 s request limit and its backoff run on
 * Playwright's clock; nothing is waited out.
 */

const REQUEST_TIMEOUT_MS = 30_000;

test('500, then two timeouts (one after the server made the draft), then success: one draft with the final content', async ({ page, account, recipient, signIn, apiAs }) => {
  await page.clock.install();
  const api = await apiAs(account);
  const subject = unique('Stubborn save');
  await signIn(page, account);

  type Step = 'fail-500' | 'made-then-hang' | 'hang' | 'pass';
  const plan: Step[] = ['fail-500', 'made-then-hang', 'hang'];
  const seen: string[] = [];
  const hung: Route[] = [];
  await page.route('**/api/v1/**', async (route) => {
    if (!isCreate(route) && !isReplace(route)) return route.fallback();
    const step = plan.shift() ?? 'pass';
    seen.push(`${isCreate(route) ? 'create' : 'replace'}:${step}`);
    if (step === 'fail-500') return route.fulfill(serverError());
    if (step === 'made-then-hang') {
      // The server does the write; its answer never comes back (until the client gives up).
      await route.fetch();
      hung.push(route);
      return;
    }
    if (step === 'hang') {
      hung.push(route);
      return;
    }
    return route.fallback();
  });

  const window = await openNewMessage(page);
  const status = window.getByRole('status');
  await addRecipients(window, 'To', [recipient.email]);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('First burst.');

  // 1. The debounce runs out: the create meets a 500.
  await page.clock.runFor(1_600);
  await expect.poll(() => seen).toEqual(['create:fail-500']);
  await expect(status).toHaveText(/^Not saved — retrying in \d+ s/);

  // 2. The retry's create reaches the server, which makes the draft; the answer is lost.
  await page.clock.runFor(2_100);
  await expect.poll(() => seen).toEqual(['create:fail-500', 'create:made-then-hang']);
  await expect.poll(async () => (await draftsWithSubject(api, subject)).length).toBe(1);
  await expect(status).toHaveText('Saving…');
  await page.keyboard.type(' Second burst, typed while the answer was lost.');
  await page.clock.runFor(REQUEST_TIMEOUT_MS);
  await expect(status).toHaveText(/^Not saved — retrying in \d+ s/);

  // 3. Before writing again the client finds the draft the lost create made, and replaces it —
  //    this time the request never reaches the server and times out too.
  await page.clock.runFor(4_100);
  await expect.poll(() => seen).toEqual(['create:fail-500', 'create:made-then-hang', 'replace:hang']);
  await page.keyboard.type(' Third burst.');
  await page.clock.runFor(REQUEST_TIMEOUT_MS);
  await expect(status).toHaveText(/^Not saved — retrying in \d+ s/);

  // 4. The server answers again.
  await page.clock.runFor(8_100);
  await expect(status).toHaveText(/^Saved \d/);
  expect(seen.filter((s) => s.startsWith('create'))).toHaveLength(2);

  const drafts = await draftsWithSubject(api, subject);
  expect(drafts).toHaveLength(1);
  expect(await api.body(drafts[0]!.id, 'text')).toContain('First burst. Second burst, typed while the answer was lost. Third burst.');
  expect(drafts[0]!.to).toContain(recipient.email);
  expect(hung).toHaveLength(2);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
