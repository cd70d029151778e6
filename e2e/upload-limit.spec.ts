import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../server/seed/demo-accounts';
import { expect, test } from './support/fixtures';

/**
 * The per-file upload limit the window knows (issues 5 and 8). The suite's own server runs with the
 * default 25 MB for every spec, so these tests start the app a second time, from the same build, the
 * way a deployment does it — `scripts/serve.ts preview`:
 *
 * - "limited": its embedded Mailbox API server has UPLOAD_LIMIT_MB=1, and serve.ts hands that limit
 *   to the app (app-config.json). The window refuses a 2 MB file before sending a byte.
 * - "unconfigured": the app in front of that same 1 MB server through MAILBOX_API_URL, with no limit
 *   configured — as with a real Axigen, which nothing can ask. The window assumes 25 MB, sends the
 *   file, the server's real 413 states 1 MB, and the window refuses the next large file unsent.
 *
 * Nothing is intercepted: every answer comes from a real server.
 */

interface Served {
  url: string;
  apiUrl: string | undefined;
  child: ChildProcess;
}

const started: Served[] = [];
let limited: Served;
let unconfigured: Served;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `serve.ts preview` of the suite's build on a free port, resolved once it says where it runs. */
async function servePreview(env: Record<string, string>): Promise<Served> {
  const dist = process.env.E2E_DIST;
  if (!dist || !fs.existsSync(path.join(dist, 'index.html'))) throw new Error('The e2e build (E2E_DIST) is missing; run through playwright.config.ts.');
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/serve.ts', 'preview', '--port', String(port), '--dist', dist, '--fresh-data'], {
    env: { ...process.env, SEED: 'demo', TEST_CONTROL: '', API_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const served: Served = { url: `http://127.0.0.1:${port}`, apiUrl: undefined, child };
  started.push(served);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      served.apiUrl ??= /Mailbox API server \(embedded\) on (http:\/\/\S+?),/.exec(output)?.[1];
      if (output.includes('Mailbox API:')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}:\n${output}`)));
  });
  return served;
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  limited = await servePreview({ MAILBOX_API_URL: '', UPLOAD_LIMIT_MB: '1' });
  unconfigured = await servePreview({ MAILBOX_API_URL: limited.apiUrl!, UPLOAD_LIMIT_MB: '' });
});

test.afterAll(async () => {
  await Promise.all(
    started.splice(0).map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
});

const MB = 1024 * 1024;
const bytes = (name: string, size: number) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.alloc(size, 7) });

async function signInAsDemo(page: Page, origin: string) {
  await page.goto(`${origin}/`);
  await page.getByLabel('Email').fill(DEMO_ACCOUNT.email);
  await page.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Folders' })).toBeVisible();
  await page.getByRole('button', { name: 'New message' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Message body' })).toBeVisible();
  return window;
}

function recordUploads(page: Page): string[] {
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/temporaryAttachments') uploads.push(request.url());
  });
  return uploads;
}

test('the app knows the limit its server was started with: a file over it is refused before any upload, naming the limit', async ({ page }) => {
  expect(await (await page.request.get(`${limited.url}/app-config.json`)).json()).toEqual({ maxUploadBytes: MB });
  const uploads = recordUploads(page);
  const window = await signInAsDemo(page, limited.url);

  await window.getByLabel('Attach files').setInputFiles([bytes('scan.pdf', 2 * MB)]);
  await expect(window.getByRole('alert').filter({ hasText: 'scan.pdf' })).toContainText('scan.pdf is larger than the server accepts (1 MB).');
  await expect(window.getByRole('list', { name: 'Attachments' })).toHaveCount(0);

  // A file within the limit still uploads.
  await window.getByLabel('Attach files').setInputFiles([bytes('notes.bin', 200 * 1024)]);
  const files = window.getByRole('list', { name: 'Attachments' });
  await expect(files.getByRole('button', { name: 'Remove notes.bin' })).toBeVisible();
  await expect(files.getByRole('progressbar')).toHaveCount(0);
  expect(uploads).toHaveLength(1);
});

test('with no limit configured, the server’s 413 teaches it: the failure says the limit, and the next large file is refused unsent', async ({ page }) => {
  expect(await (await page.request.get(`${unconfigured.url}/app-config.json`)).json()).toEqual({});
  const uploads = recordUploads(page);
  const window = await signInAsDemo(page, unconfigured.url);
  const files = window.getByRole('list', { name: 'Attachments' });

  // Below the 25 MB the window assumes, above the server's 1 MB: sent, and refused by the server.
  await window.getByLabel('Attach files').setInputFiles([bytes('scan.pdf', 2 * MB)]);
  const failed = files.getByRole('listitem').filter({ hasText: 'scan.pdf' });
  await expect(failed).toContainText('scan.pdf is larger than the server accepts (1 MB).');
  expect(uploads).toHaveLength(1);

  // The refused file offers Remove, not a Retry that could only fail again; the next file over the
  // learned limit goes nowhere.
  await expect(failed.getByRole('button', { name: 'Remove scan.pdf' })).toBeVisible();
  await expect(failed.getByRole('button', { name: 'Retry scan.pdf' })).toHaveCount(0);
  await window.getByLabel('Attach files').setInputFiles([bytes('photo.jpg', 1.5 * MB)]);
  await expect(window.getByRole('alert').filter({ hasText: 'photo.jpg' })).toContainText('photo.jpg is larger than the server accepts (1 MB).');
  expect(uploads).toHaveLength(1);

  // A file within it uploads.
  await window.getByLabel('Attach files').setInputFiles([bytes('notes.bin', 200 * 1024)]);
  await expect(files.getByRole('button', { name: 'Remove notes.bin' })).toBeVisible();
  await expect(files.getByRole('listitem').filter({ hasText: 'notes.bin' }).getByRole('progressbar')).toHaveCount(0);
  expect(uploads).toHaveLength(2);
});
