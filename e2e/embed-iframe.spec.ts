import type { APIRequestContext, Page } from '@playwright/test';
import { API_PREFIX, type LoginResponse } from '../src/api/contract';
import { startHostServer, type HostServer } from './host/host-server';
import { expect, test, type TestAccount } from './support/fixtures';

/**
 * compose.html in an iframe on a host page of another origin (e2e/host/iframe-host.html), driven by
 * postMessage. The host page is served by the example host's own server (http://localhost:PORT);
 * an "intruder" frame on the same page comes from http://127.0.0.1:PORT, another origin.
 */

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let host: HostServer;

test.beforeAll(async ({ baseURL }) => {
  // No library build needed: the pages here only talk to compose.html, which the app build serves.
  host = await startHostServer({ libDir: '/nonexistent', apiOrigin: baseURL! });
});

test.afterAll(async () => {
  await host?.close();
});

type HostEvent = { type: string; detail: Record<string, unknown> };

async function headerSession(request: APIRequestContext, account: TestAccount) {
  const authorization = `Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;
  const response = await request.post(`${API_PREFIX}/login`, { headers: { Authorization: authorization } });
  expect(response.ok()).toBe(true);
  const { sessid } = (await response.json()) as LoginResponse;
  return { sessid, authorization };
}

async function openHostPage(page: Page, baseURL: string, { intruder = false } = {}) {
  const compose = `${baseURL}/compose.html?allowedOrigins=${encodeURIComponent(host.origin)}`;
  const params = new URLSearchParams({ compose, ...(intruder ? { intruder: `${host.otherOrigin}/intruder.html` } : {}) });
  await page.goto(`${host.origin}/iframe-host.html?${params}`);
  await page.waitForFunction(() => (window as unknown as { composeReady: boolean }).composeReady);
}

const hostSend = (page: Page, message: unknown) => page.evaluate((m) => (window as unknown as { hostSend: (m: unknown) => void }).hostSend(m), message);
const eventTypes = (page: Page) => page.evaluate(() => (window as unknown as { hostEvents: HostEvent[] }).hostEvents.map((e) => e.type));

test('compose.html in an iframe opens on postMessage, and its events come back to the host', async ({ page, baseURL, request, account, recipient, apiAs, control }) => {
  const subject = unique('Framed hello');
  await openHostPage(page, baseURL!);
  await hostSend(page, { type: 'mailbox-compose:open', options: { auth: await headerSession(request, account), prefill: { to: recipient.email, subject } } });

  const frame = page.frameLocator('#compose');
  const window = frame.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Sent from a frame.');
  await expect(window.getByRole('status')).toContainText('Saved');
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  await expect.poll(() => eventTypes(page)).toEqual(expect.arrayContaining(['draftSaved', 'sent', 'closed']));

  const recipientApi = await apiAs(recipient);
  await expect
    .poll(async () => {
      await control.advance(11_000);
      return (await recipientApi.mails('inbox')).filter((m) => m.subject === subject).length;
    })
    .toBe(1);
});

test('a message from a frame of another origin is ignored and never answered', async ({ page, baseURL, request, account, recipient }) => {
  const subject = unique('Framed legit');
  await openHostPage(page, baseURL!, { intruder: true });
  // (The host page's own URL names intruder.html in its query: match the frame's path.)
  const intruder = page.frame({ url: (url) => url.pathname === '/intruder.html' })!;
  await expect.poll(() => intruder.evaluate(() => typeof (window as unknown as { postToCompose?: unknown }).postToCompose)).toBe('function');

  // Even with a valid session in hand, the intruder cannot open the window…
  const stolen = await headerSession(request, account);
  await intruder.evaluate((auth) => (window as unknown as { postToCompose: (m: unknown) => void }).postToCompose({ type: 'mailbox-compose:open', options: { auth, prefill: { subject: 'Intruder was here' } } }), stolen);
  await hostSend(page, { type: 'mailbox-compose:open', options: { auth: await headerSession(request, account), prefill: { to: recipient.email, subject } } });
  const frame = page.frameLocator('#compose');
  const window = frame.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);
  await expect(frame.getByRole('dialog', { name: 'New message' })).toHaveCount(1);

  // …nor close it, nor change its session.
  await intruder.evaluate(() => {
    const post = (window as unknown as { postToCompose: (m: unknown) => void }).postToCompose;
    post({ type: 'mailbox-compose:close' });
    post({ type: 'mailbox-compose:auth', auth: { sessid: 'forged', authorization: 'Basic Zm9yZ2VkOmZvcmdlZA==' } });
  });
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Still mine.');
  await expect(window.getByRole('status')).toContainText('Saved');
  await expect(window).toBeVisible();
  expect(await eventTypes(page)).not.toContain('sessionExpired');
  expect(await eventTypes(page)).not.toContain('closed');
  await expect(frame.getByText('Intruder was here')).toHaveCount(0);

  // The compose frame said nothing to the intruder: no error, no ready, no events.
  expect(await intruder.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([]);
});

test('compose.html opened without allowed origins says so and obeys no one', async ({ page, baseURL }) => {
  await page.goto(`${baseURL}/compose.html`);
  await expect(page.getByRole('alert')).toContainText('allowedOrigins');
});

test('in the iframe, an expired session is reported and fresh auth sent by postMessage lets the pending save go on', async ({ page, baseURL, request, account, recipient, apiAs, control }) => {
  const subject = unique('Framed expiry');
  await openHostPage(page, baseURL!);
  await hostSend(page, { type: 'mailbox-compose:open', options: { auth: await headerSession(request, account), prefill: { to: recipient.email, subject } } });
  const window = page.frameLocator('#compose').getByRole('dialog', { name: 'New message' });
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Before.');
  const status = window.getByRole('status');
  await expect(status).toContainText('Saved');

  await control.advance(31 * 60_000);
  await page.keyboard.type(' After.');
  await expect(status).toContainText('Session expired');
  await expect.poll(() => eventTypes(page)).toContain('sessionExpired');

  await hostSend(page, { type: 'mailbox-compose:auth', auth: await headerSession(request, account) });
  await expect(status).toContainText('Saved');
  const api = await apiAs(account);
  const drafts = (await api.mails('drafts')).filter((m) => m.subject === subject);
  expect(drafts).toHaveLength(1);
  expect(await api.body(drafts[0]!.id, 'text')).toContain('Before. After.');
});
