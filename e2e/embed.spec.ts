import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { API_PREFIX, type LoginResponse } from '../src/api/contract';
import { startHostServer, type HostServer } from './host/host-server';
import { expect, test, type TestAccount } from './support/fixtures';

/**
 * The example host page (e2e/host/host.html, not our app) mounts the library build
 * (dist-lib/mount.js, built here into a temporary folder) with a session the portal already has.
 */

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Past the server's idle limit (30 minutes by default). */
const PAST_IDLE_LIMIT_MS = 31 * 60_000;

let host: HostServer;
let libDir: string;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  libDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-compose-e2e-lib-'));
  execFileSync('npx', ['vite', 'build', '-c', 'vite.lib.config.ts', '--mode', 'mount', '--outDir', libDir, '--logLevel', 'warn'], { stdio: 'pipe' });
  host = await startHostServer({ libDir, apiOrigin: baseURL! });
});

test.afterAll(async () => {
  await host?.close();
  if (libDir) fs.rmSync(libDir, { recursive: true, force: true });
});

type HostEvent = { type: string; detail: Record<string, unknown> };

/** What the host portal holds after its own sign-in: a header-style session. */
async function headerSession(request: APIRequestContext, account: TestAccount) {
  const authorization = `Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;
  const response = await request.post(`${API_PREFIX}/login`, { headers: { Authorization: authorization } });
  expect(response.ok()).toBe(true);
  const { sessid } = (await response.json()) as LoginResponse;
  return { sessid, authorization };
}

const hostEvents = (page: Page) => page.evaluate(() => (window as unknown as { hostEvents: HostEvent[] }).hostEvents);
const eventTypes = async (page: Page) => (await hostEvents(page)).map((event) => event.type);

async function mountOnHost(page: Page, options: Record<string, unknown>, hostOptions: Record<string, unknown> = {}) {
  await page.goto(`${host.origin}/host.html`);
  await page.waitForFunction(() => typeof (window as unknown as { hostMount?: unknown }).hostMount === 'function');
  await page.evaluate(([opts, hostOpts]) => (window as unknown as { hostMount: (o: unknown, h: unknown) => boolean }).hostMount(opts, hostOpts), [options, hostOptions] as const);
}

test('the example host page mounts the window with its session; draftSaved and sent reach the host and the mail arrives', async ({ page, request, account, recipient, apiAs, control }) => {
  const subject = unique('Embedded hello');
  await mountOnHost(page, { auth: await headerSession(request, account), layout: 'inline' });

  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window).toBeVisible();
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Written inside a portal that is not ours.');
  await expect(window.getByRole('status')).toContainText('Saved');
  await expect.poll(() => eventTypes(page)).toContain('draftSaved');

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Message sent');
  await expect.poll(() => eventTypes(page)).toEqual(expect.arrayContaining(['draftSaved', 'sent', 'closed']));

  const events = await hostEvents(page);
  const saved = events.filter((event) => event.type === 'draftSaved');
  expect(saved.every((event) => typeof event.detail.mailId === 'string' && event.detail.mailId !== '')).toBe(true);
  const sent = events.find((event) => event.type === 'sent')!;
  expect(typeof sent.detail.processingId).toBe('number');
  expect(events.find((event) => event.type === 'closed')!.detail).toMatchObject({ result: { kind: 'sent', processingId: sent.detail.processingId } });

  const recipientApi = await apiAs(recipient);
  await expect
    .poll(async () => {
      await control.advance(11_000);
      return (await recipientApi.mails('inbox')).filter((m) => m.subject === subject).length;
    })
    .toBe(1);
  const delivered = (await recipientApi.mails('inbox')).find((m) => m.subject === subject)!;
  expect(await recipientApi.body(delivered.id, 'text')).toContain('Written inside a portal that is not ours.');
});

test("the host's CSS does not reach the window and the window's CSS does not leak into the host", async ({ page, request, account }) => {
  await mountOnHost(page, { auth: await headerSession(request, account), layout: 'inline' });
  const window = page.getByRole('dialog', { name: 'New message' });
  // The host hides `.compose-window` and `[role=dialog]` and makes every font 30px monospace.
  await expect(window).toBeVisible();
  const subject = window.getByRole('textbox', { name: 'Subject' });
  const inside = await subject.evaluate((input) => {
    const style = getComputedStyle(input);
    const title = input.closest('[role="dialog"]')!.querySelector('h2')!;
    return { fontSize: style.fontSize, fontFamily: style.fontFamily, letterSpacing: style.letterSpacing, textTransform: style.textTransform, titleSize: getComputedStyle(title).fontSize };
  });
  expect(inside.fontSize).toBe('16px');
  expect(inside.fontFamily).not.toContain('Courier');
  expect(inside.letterSpacing).toBe('normal');
  expect(inside.textTransform).toBe('none');
  // 1.05rem of our own 16px rem, not of the host's 40px root.
  expect(inside.titleSize).toBe('16.8px');

  // Elements of the host named like the window's parts keep the host's look.
  const probeButton = await page.locator('#probe-button').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(probeButton).not.toBe('rgb(29, 78, 216)');
  const probeTitleMargin = await page.locator('#probe-toast-title').evaluate((el) => getComputedStyle(el).marginTop);
  expect(probeTitleMargin).not.toBe('0px');
  // No compose rules in the host document at all.
  const headCss = await page.evaluate(() => [...document.querySelectorAll('style, link[rel="stylesheet"]')].map((el) => el.textContent ?? '').join('\n'));
  expect(headCss).not.toContain('compose-window');
  expect(headCss).not.toContain('mc-toast');
});

test('the host’s maxUploadBytes: a file over it is refused in the window before any byte is sent, naming the limit', async ({ page, request, account }) => {
  const uploads: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/temporaryAttachments') uploads.push(req.url());
  });
  await mountOnHost(page, { auth: await headerSession(request, account), layout: 'inline', maxUploadBytes: 1024 * 1024 });
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Message body' })).toBeVisible();
  await window.getByLabel('Attach files').setInputFiles([{ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2 * 1024 * 1024, 1) }]);
  await expect(window.getByRole('alert').filter({ hasText: 'scan.pdf' })).toContainText('scan.pdf is larger than the server accepts (1 MB).');
  // Within the limit, a file uploads as usual.
  await window.getByLabel('Attach files').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('within the limit') }]);
  await expect(window.getByRole('list', { name: 'Attachments' }).getByRole('button', { name: 'Remove notes.txt' })).toBeVisible();
  await expect(window.getByRole('progressbar')).toHaveCount(0);
  expect(uploads).toHaveLength(1);
});

test('a floating window can be minimised, maximised and restored, keeps its text, and takes the theme', async ({ page, request, account }) => {
  await mountOnHost(page, { auth: await headerSession(request, account), layout: 'floating', theme: { '--mc-accent': 'rgb(11, 114, 133)' } });
  const window = page.getByRole('dialog', { name: 'New message' });
  const body = window.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await page.keyboard.type('Kept through every size.');
  expect(await window.getByRole('button', { name: 'Send', exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 114, 133)');

  await window.getByRole('button', { name: 'Minimise' }).click();
  await expect(body).toBeHidden();
  await expect(window.getByRole('heading', { name: 'New message' })).toBeVisible();
  await window.getByRole('button', { name: 'Restore' }).click();
  await expect(body).toBeVisible();
  await expect(body).toContainText('Kept through every size.');

  const viewport = page.viewportSize()!;
  const normal = (await window.boundingBox())!;
  await window.getByRole('button', { name: 'Maximise' }).click();
  await expect.poll(async () => (await window.boundingBox())!.width).toBeGreaterThan(normal.width);
  const maximised = (await window.boundingBox())!;
  expect(maximised.width).toBeGreaterThan(viewport.width - 40);
  expect(maximised.height).toBeGreaterThan(viewport.height - 40);
  await window.getByRole('button', { name: 'Restore' }).click();
  await expect.poll(async () => Math.round((await window.boundingBox())!.width)).toBe(Math.round(normal.width));
  await expect(body).toContainText('Kept through every size.');
});

test('embedded: the session expires while typing → sessionExpired, nothing lost; the host signs in again and the pending save carries on by itself', async ({ page, request, account, recipient, apiAs, control }) => {
  const subject = unique('Embedded expiry');
  await mountOnHost(page, { auth: await headerSession(request, account), layout: 'inline' }, { renew: 'button' });
  const window = page.getByRole('dialog', { name: 'New message' });
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Before the expiry.');
  const status = window.getByRole('status');
  await expect(status).toContainText('Saved');

  await control.advance(PAST_IDLE_LIMIT_MS);
  await page.keyboard.type(' After it.');
  await expect(status).toContainText('Session expired');
  await expect.poll(() => eventTypes(page)).toContain('sessionExpired');
  await expect(window.getByRole('textbox', { name: 'Message body' })).toContainText('Before the expiry. After it.');
  // One expiry, one event, however many requests failed.
  expect((await eventTypes(page)).filter((type) => type === 'sessionExpired')).toHaveLength(1);

  // The portal signs in again (its own button); the save goes through without anything pressed in the window.
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(status).toContainText('Saved');
  const api = await apiAs(account);
  await expect.poll(async () => (await api.mails('drafts')).filter((m) => m.subject === subject).length).toBe(1);
  const draft = (await api.mails('drafts')).find((m) => m.subject === subject)!;
  expect(await api.body(draft.id, 'text')).toContain('Before the expiry. After it.');
  const saves = (await hostEvents(page)).filter((event) => event.type === 'draftSaved');
  expect(saves.at(-1)!.detail.mailId).toBe(draft.id);
});

test('embedded: the session expires just before Send → onSessionExpired renews it and the message is sent once, by itself', async ({ page, request, account, recipient, apiAs, control }) => {
  const subject = unique('Embedded send expiry');
  await mountOnHost(page, { auth: await headerSession(request, account), layout: 'floating' }, { renew: 'auto' });
  const window = page.getByRole('dialog', { name: 'New message' });
  await window.getByRole('combobox', { name: 'To', exact: true }).fill(`${recipient.email},`);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Please arrive once.');
  await expect(window.getByRole('status')).toContainText('Saved');

  await control.advance(PAST_IDLE_LIMIT_MS);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  // No Retry pressed: the portal's handler signed in again and the send went ahead.
  await expect(window).toBeHidden();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Message sent');
  const types = await eventTypes(page);
  expect(types.indexOf('sessionExpired')).toBeGreaterThanOrEqual(0);
  expect(types.indexOf('sent')).toBeGreaterThan(types.indexOf('sessionExpired'));
  expect(types.filter((type) => type === 'sent')).toHaveLength(1);

  const recipientApi = await apiAs(recipient);
  await expect
    .poll(async () => {
      await control.advance(11_000);
      return (await recipientApi.mails('inbox')).filter((m) => m.subject === subject).length;
    })
    .toBe(1);
});

test('embedded: Undo in the toast reopens the draft in the host page and the host hears undone', async ({ page, request, account, recipient }) => {
  const subject = unique('Embedded undo');
  await page.clock.install();
  await mountOnHost(page, { auth: await headerSession(request, account), layout: 'inline', prefill: { to: recipient.email, subject, body: 'Not yet.' } });
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  // The toast counts down (its timers survive the window closing and React's StrictMode remount).
  const toasts = page.getByRole('region', { name: 'Notifications' });
  const secondsLeft = async () => Number((await toasts.getByText(/\d+ s left/).textContent())!.match(/\d+/)![0]);
  const before = await secondsLeft();
  await page.clock.runFor(3_000);
  await expect.poll(secondsLeft).toBeLessThanOrEqual(before - 3);
  await toasts.getByRole('button', { name: 'Undo' }).click();

  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);
  await expect(window.getByRole('textbox', { name: 'Message body' })).toContainText('Not yet.');
  await expect.poll(() => eventTypes(page)).toContain('undone');
  const events = await hostEvents(page);
  const undone = events.find((event) => event.type === 'undone')!;
  expect(typeof undone.detail.mailId).toBe('string');
  expect(undone.detail.processingId).toBe(events.find((event) => event.type === 'sent')!.detail.processingId);
});

test('embedded: a reply opens on the mail, focus() puts the caret in it, and the schedule dialog stays inside the window', async ({ page, request, account, recipient, apiAs, control }) => {
  const subject = unique('Question for the portal');
  // A mail in the account's Inbox to answer (sent by the recipient account through the API).
  const other = await apiAs(recipient);
  await other.send('POST', '/mails/send', { from: recipient.email, to: account.email, subject, bodyText: 'Can you answer from the portal?' });
  const mine = await apiAs(account);
  // Delivery waits out the undo window: move the server clock past it.
  await expect
    .poll(async () => {
      await control.advance(11_000);
      return (await mine.mails('inbox')).some((m) => m.subject === subject);
    })
    .toBe(true);
  const original = (await mine.mails('inbox')).find((m) => m.subject === subject)!;

  await mountOnHost(page, { auth: await headerSession(request, account), open: { mode: 'reply', mailId: original.id } });
  const window = page.getByRole('dialog', { name: 'Reply' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Re: ${subject}`);
  await expect(window.getByRole('list', { name: 'To recipients' })).toContainText(recipient.email);

  await page.locator('#probe-button').focus();
  await page.evaluate(() => (window as unknown as { hostCompose: { focus(): void } }).hostCompose.focus());
  await expect(window.getByRole('textbox', { name: 'Message body' })).toBeFocused();

  const scheduleButton = window.getByRole('button', { name: 'Schedule send' });
  await scheduleButton.click();
  const dialog = page.getByRole('dialog', { name: 'Schedule send' });
  await expect(dialog).toBeVisible();
  // Rendered inside the window's shadow root, with the window's styles (not the host's 30px).
  expect(await dialog.evaluate((el) => [el.getRootNode() instanceof ShadowRoot, getComputedStyle(el.querySelector('h2')!).fontSize !== '30px'])).toEqual([true, true]);
  // The calendar's stylesheet comes with its chunk, into the shadow root under the window's own rules
  // (the window's day size, not react-day-picker's 42px default), and none of it into the host page.
  await dialog.getByRole('button', { name: 'Pick date & time' }).click();
  const day = dialog.getByRole('grid').getByRole('button').first();
  await expect(day).toBeVisible();
  expect(['40px', '36px']).toContain(await day.evaluate((el) => getComputedStyle(el).width));
  const headCss = await page.evaluate(() => [...document.querySelectorAll('style, link[rel="stylesheet"]')].map((el) => el.textContent ?? '').join('\n'));
  expect(headCss).not.toContain('rdp-');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(scheduleButton).toBeFocused();
});
