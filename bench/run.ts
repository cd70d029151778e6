/**
 * `npm run bench`: the performance metrics of issue 9 against the production build, the real server
 * (its own process, fresh data folder) on loopback and headless Chromium. Prints a table and writes
 * bench/results/latest.json. Exits 0 whether or not goals are met; non-zero only when the harness
 * itself breaks (build, server, browser). See docs/benchmarks.md.
 *
 *   npm run bench -- [--only bundle,ready,...] [--out FILE]
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { preview } from 'vite';
import { TEST_CONTROL_PREFIX } from '../src/api/contract';
import { appConfigPlugin } from '../scripts/app-config';
import { buildForBench } from './build';
import type { BenchEnv } from './env';
import { describeMachine } from './machine';
import { notMeasured, type MetricResult } from './metric';
import { measureBundle } from './metrics/bundle';
import { measureAutosave } from './metrics/autosave';
import { measureReady } from './metrics/ready';
import { measureReopen } from './metrics/reopen';
import { measureSend } from './metrics/send';
import { measureTyping } from './metrics/typing';
import { measureUpload } from './metrics/upload';
import { formatTable } from './report';
import { startServerProcess } from './server-process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
/** The whole run must finish within 10 minutes; past this the harness gives up (exit 2). */
const WATCHDOG_MS = 11 * 60_000;

interface MetricPlan {
  key: string;
  name: string;
  unit: string;
  goal: string;
  run: (env: BenchEnv) => Promise<MetricResult | MetricResult[]>;
}

const PLAN: MetricPlan[] = [
  { key: 'bundle', name: 'bundle', unit: 'bytes gzip', goal: '≤ 100 KB before the editor chunk, ≤ 250 KB in all', run: async (env) => measureBundle(env.graph) },
  { key: 'ready', name: 'ready', unit: 'ms', goal: '≤ 1.5× baseline', run: measureReady },
  { key: 'typing', name: 'typing', unit: 'ms p95', goal: 'p95 ≤ 16 ms and ≤ 1.5× baseline p95; no React commit per keystroke', run: measureTyping },
  { key: 'autosave', name: 'autosave', unit: 'saves/60 s', goal: '≤ 1 save per 2 s, never 2 in flight, fresh 3 s after typing, 1 draft', run: measureAutosave },
  { key: 'upload', name: 'upload', unit: 'MB/s', goal: '≥ 0.8× curl; RSS growth ≤ 64 MB', run: measureUpload },
  { key: 'send', name: 'send', unit: 'ms', goal: '≤ 100 ms (click Send → Undo toast, minus server time)', run: measureSend },
  { key: 'reopen', name: 'reopen', unit: 'ms', goal: '≤ 1500 ms (Edit → editable with images shown), store and image fetches in parallel', run: measureReopen },
];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results/latest.json') },
  },
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const load = os.loadavg();
  const only = args.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((k) => !PLAN.some((p) => p.key === k)) ?? [];
  if (unknown.length) throw new Error(`unknown metric(s) ${unknown.join(', ')}; known: ${PLAN.map((p) => p.key).join(', ')}`);
  const plan = only ? PLAN.filter((p) => only.includes(p.key)) : PLAN;
  const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [async () => fs.rmSync(scratchDir, { recursive: true, force: true })];
  const watchdog = setTimeout(() => {
    console.error('bench: the run took over 11 minutes; giving up');
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    log('building the production bundle (and the bench pages)…');
    const outDir = path.join(scratchDir, 'dist');
    const graph = await buildForBench(ROOT, outDir);

    log('starting the Mailbox API server process…');
    // Uploads of 200 MB must be allowed; everything else as in production.
    const uploadLimitMb = 512;
    const server = await startServerProcess(ROOT, path.join(scratchDir, 'data'), { UPLOAD_LIMIT_MB: String(uploadLimitMb) });
    cleanups.unshift(() => server.stop());

    const port = await freePort();
    const proxy = {
      '/api': { target: server.url, changeOrigin: true },
      [TEST_CONTROL_PREFIX]: { target: server.url, changeOrigin: true },
    };
    const web = await preview({
      root: ROOT,
      configFile: path.join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir },
      preview: { port, strictPort: true, host: '127.0.0.1', proxy },
      // As `npm run preview` does: the app learns the server's upload limit from app-config.json.
      plugins: [appConfigPlugin({ maxUploadBytes: uploadLimitMb * 1024 * 1024 })],
    });
    cleanups.unshift(() => web.close());
    const baseUrl = `http://127.0.0.1:${port}`;

    const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
    if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    cleanups.unshift(() => browser.close());
    log(`Chromium ${browser.version()}, app at ${baseUrl}, server ${server.url} (pid ${server.pid})`);

    const env: BenchEnv = { root: ROOT, baseUrl, server, browser, graph, scratchDir, log };
    const metrics: MetricResult[] = [];
    for (const step of plan) {
      log(`measuring ${step.key}…`);
      const t0 = Date.now();
      try {
        const result = await step.run(env);
        metrics.push(...(Array.isArray(result) ? result : [result]));
      } catch (error) {
        // A metric whose UI or server path fails is reported as not measured, with the error; the rest go on.
        const message = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
        metrics.push(notMeasured(step.name, step.unit, step.goal, `the measurement failed: ${message}`));
      }
      log(`${step.key} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }

    const results = {
      generatedBy: 'npm run bench (bench/run.ts)',
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: describeMachine(browser.version(), load),
      metrics,
    };
    console.log('\n' + formatTable(metrics) + '\n');
    fs.mkdirSync(path.dirname(args.out!), { recursive: true });
    fs.writeFileSync(args.out!, JSON.stringify(results, null, 2) + '\n');
    log(`wrote ${path.relative(process.cwd(), args.out!)}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('bench cleanup:', error));
    clearTimeout(watchdog);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench: the harness itself failed:', error);
    process.exit(1);
  },
);
