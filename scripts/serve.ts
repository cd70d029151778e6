/**
 * Starts the app the way people (npm start / npm run preview) and the e2e suite use it:
 * the embedded Mailbox API server (unless MAILBOX_API_URL points at another one) and a Vite
 * server — dev or preview of a build — with /api proxied to that Mailbox API server.
 *
 *   tsx scripts/serve.ts dev|preview [--port N] [--dist DIR] [--fresh-data] [--test-control]
 *
 * Environment: MAILBOX_API_URL, PORT (web port), API_PORT, DATA_DIR, SEED, UPLOAD_LIMIT_MB,
 * SMTP_RELAY_URL, TEST_CONTROL — see README.md.
 *
 * The app's runtime configuration (`/app-config.json`, src/app-config.ts) is answered from here:
 * the embedded server's upload limit, or UPLOAD_LIMIT_MB as the limit of the server behind
 * MAILBOX_API_URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServer, preview, type ProxyOptions } from 'vite';
import { TEST_CONTROL_PREFIX } from '../src/api/contract';
import { configFromEnv } from '../server/config';
import { startServer, type RunningServer } from '../server/index';
import { DEMO_ACCOUNT } from '../server/seed/demo-accounts';
import { appConfigFor, appConfigPlugin } from './app-config';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    dist: { type: 'string' },
    'fresh-data': { type: 'boolean', default: false },
    'test-control': { type: 'boolean', default: false },
  },
});

const mode = positionals[0];
if (mode !== 'dev' && mode !== 'preview') {
  console.error('usage: tsx scripts/serve.ts dev|preview [--port N] [--dist DIR] [--fresh-data] [--test-control]');
  process.exit(2);
}

const webPort = Number(values.port ?? process.env.PORT ?? (mode === 'dev' ? 5173 : 4173));
const externalApi = process.env.MAILBOX_API_URL?.replace(/\/+$/, '') || undefined;

let embedded: RunningServer | undefined;
let freshDataDir: string | undefined;
let embeddedLimitBytes: number | undefined;
if (!externalApi) {
  if (values['fresh-data']) freshDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-compose-data-'));
  const config = configFromEnv({
    SEED: 'demo',
    ...process.env,
    PORT: process.env.API_PORT ?? '0',
    ...(freshDataDir ? { DATA_DIR: freshDataDir } : {}),
    ...(values['test-control'] ? { TEST_CONTROL: '1' } : {}),
  });
  embedded = await startServer(config);
  embeddedLimitBytes = config.uploadLimitBytes;
  console.log(`Mailbox API server (embedded) on ${embedded.url}, data in ${config.dataDir}`);
}
const apiTarget = externalApi ?? embedded!.url;
const plugins = [appConfigPlugin(appConfigFor({ embeddedLimitBytes, env: process.env }))];

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, changeOrigin: true },
  [TEST_CONTROL_PREFIX]: { target: apiTarget, changeOrigin: true },
};

const web =
  mode === 'dev'
    ? await createServer({ plugins, server: { port: webPort, strictPort: true, host: '127.0.0.1', proxy } }).then((s) => s.listen())
    : await preview({
        plugins,
        build: { outDir: values.dist ?? 'dist' },
        preview: { port: webPort, strictPort: true, host: '127.0.0.1', proxy },
      });

const url = web.resolvedUrls?.local[0] ?? `http://127.0.0.1:${webPort}/`;
console.log(`\n  Mailbox compose is running at ${url}`);
console.log(`  Mailbox API: ${apiTarget}${externalApi ? ' (MAILBOX_API_URL)' : ''}`);
if (!externalApi) console.log(`  Demo account: ${DEMO_ACCOUNT.email} / password "${DEMO_ACCOUNT.password}" (demo only)\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await web.close();
  await embedded?.close();
  if (freshDataDir) fs.rmSync(freshDataDir, { recursive: true, force: true });
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
