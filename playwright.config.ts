import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * E2E runs against the production build, served with the same /api proxy as `npm run preview`,
 * and a Mailbox API server on a fresh temporary database with the test control API on.
 * Port and build folder are chosen once per run (workers inherit them through the environment),
 * so several runs on one machine never collide and never touch the developer's data.
 */

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && fs.existsSync(p));
  if (found) return found;
  // Playwright's own downloaded browser, if someone installed it (undefined lets Playwright find it).
  const cache = path.join(os.homedir(), '.cache', 'ms-playwright');
  if (fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('chromium'))) return undefined;
  throw new Error(
    'No Chromium found for the e2e tests. Install Debian\'s: "apt-get update && apt-get install -y chromium", ' +
      'or set CHROMIUM_PATH to a Chromium binary, or run "npx playwright install chromium" where its CDN is reachable.',
  );
}

function freePortSync(): number {
  // A synchronous probe keeps the config synchronous: ask the kernel for a free port in a child.
  const out = execFileSync(process.execPath, [
    '-e',
    'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})',
  ]);
  return Number(String(out).trim());
}

process.env.E2E_PORT ??= String(freePortSync());
process.env.E2E_DIST ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-compose-e2e-dist-'));
const port = Number(process.env.E2E_PORT);
const dist = process.env.E2E_DIST;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // One folder per run: several runs on one machine must not delete each other's traces.
  outputDir: `test-results/run-${port}`,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: findChromium(), args: chromiumArgs } } }],
  webServer: {
    command: `npx vite build --outDir "${dist}" --emptyOutDir --logLevel warn && npx tsx scripts/serve.ts preview --port ${port} --dist "${dist}" --fresh-data --test-control`,
    url: `http://127.0.0.1:${port}/api/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Always the embedded server on a fresh database, whatever the developer's shell says.
    env: { ...process.env, MAILBOX_API_URL: '', SEED: 'demo' } as Record<string, string>,
  },
});
