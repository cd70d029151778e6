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
