import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { API_PREFIX, type TemporaryAttachmentUploadResponse } from '../../src/api/contract';
import { freshAccount, openNewMessage, signedInContext, type BenchEnv } from '../env';
import { fromSummary, notMeasured, type MetricResult } from '../metric';
import { rssKb } from '../server-process';
import { headerSession } from '../session';
import { round, summarize } from '../stats';

const run = promisify(execFile);
export const UPLOAD_BYTES = 200 * 1024 * 1024;
const RUNS = 5;
const MB = 1024 * 1024;

/** A 200 MB file of random bytes (nothing along the way can compress it). */
function makeFile(dir: string): string {
  const file = path.join(dir, 'upload-200mb.bin');
  const fd = fs.openSync(file, 'w');
  const block = crypto.randomBytes(4 * MB);
  for (let written = 0; written < UPLOAD_BYTES; written += block.length) fs.writeSync(fd, block);
  fs.closeSync(fd);
  return file;
}

/** Samples the server's VmRSS every 25 ms while `work` runs; answers the peak growth over the start, in kB. */
async function withRssSampling<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; growthKb: number; peakKb: number }> {
  const start = rssKb(pid);
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssKb(pid));
  }, 25);
  try {
    const result = await work();
    peak = Math.max(peak, rssKb(pid));
    return { result, growthKb: peak - start, peakKb: peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * One upload through a compose window: Attach files, then the queue's request to its end; the file
 * is removed again (Remove <name>, which also deletes the queue item). Answers the request's
 * duration, or what the window said when it would not send the file.
 */
async function uploadThroughWindow(page: Page, file: string): Promise<{ ms: number } | { refusal: string }> {
  const name = path.basename(file);
  const sent = page.waitForRequest((r) => r.url().includes('/temporaryAttachments') && r.method() === 'POST', { timeout: 10_000 }).catch(() => null);
  await page.getByLabel('Attach files', { exact: true }).setInputFiles(file);
  const request = await sent;
  if (!request) {
    const alerts = (await page.getByRole('alert').allInnerTexts().catch(() => [])).join(' ').trim();
    return { refusal: alerts || 'no upload request was made' };
  }
  const response = await request.response();
  await response?.finished();
  if (!response?.ok()) return { refusal: `the upload answered ${response?.status() ?? 'nothing'}` };
  const files = page.getByRole('list', { name: 'Attachments' });
  const remove = files.getByRole('button', { name: `Remove ${name}` });
  await files.getByRole('progressbar').waitFor({ state: 'detached' });
  await remove.click();
  await remove.waitFor({ state: 'detached' });
  return { ms: request.timing().responseEnd };
}

async function removeQueued(baseUrl: string, headers: Record<string, string>, id: number): Promise<void> {
  await fetch(`${baseUrl}${API_PREFIX}/temporaryAttachments/${id}`, { method: 'DELETE', headers });
}

/**
 * Metric 5. The same 200 MB file, the same endpoint (the preview origin's /api, proxied to the
 * server process): once through the page's XHR uploader, once with `curl -F`, alternating; peak
 * growth of the server process's RSS sampled from /proc during each upload.
 */
export async function measureUpload(env: BenchEnv): Promise<MetricResult> {
  const goal = '≥ 0.8× curl throughput; server RSS growth ≤ 64 MB';
  const curl = await run('which', ['curl']).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (!curl) return notMeasured('upload', 'MB/s', goal, 'curl is not installed (apt-get install -y curl); no reference to compare with');
  const file = makeFile(env.scratchDir);
  try {
    const account = await freshAccount(env, 'upload');
    const headers = await headerSession(env.baseUrl, account);
    const { context, sessid } = await signedInContext(env, account);

    // The window's own path: the Attach files chooser → the upload queue → the XHR uploader. The
    // window knows the server's limit (app-config.json), so a 200 MB file is sent, not refused.
    const page = await context.newPage();
    await openNewMessage(page);
    const windowMbps: number[] = [];
    const curlMbps: number[] = [];
    const windowRss: number[] = [];
    const curlRss: number[] = [];
    // Growth is counted from the server's RSS before the first upload, so memory kept after one
    // upload (and not given back) counts against the next.
    const rssBeforeKb = rssKb(env.server.pid);
    let rssPeakKb = rssBeforeKb;
    // Run -1 warms both paths up (first connection, first write of the data folder) and is not counted
    // for throughput; its memory still counts.
    for (let i = -1; i < RUNS; i++) {
      const counted = i >= 0;
      const windowRun = await withRssSampling(env.server.pid, () => uploadThroughWindow(page, file));
      if ('refusal' in windowRun.result) {
        await context.close();
        return notMeasured('upload', 'MB/s', goal, `the window did not send the 200 MB file: ${windowRun.result.refusal}`);
      }
      if (counted) windowMbps.push(UPLOAD_BYTES / MB / (windowRun.result.ms / 1000));
      windowRss.push(windowRun.growthKb / 1024);
      rssPeakKb = Math.max(rssPeakKb, windowRun.peakKb);

      const curlRun = await withRssSampling(env.server.pid, async () => {
        const started = performance.now();
        const { stdout } = await run(curl, [
          '-sS', '-o', '-', '-w', '\n%{http_code}',
          '-H', `Authorization: ${headers.Authorization}`, '-H', `X-Axigen-Session: ${headers['X-Axigen-Session']}`,
          '-F', `file=@${file};type=application/octet-stream`,
          `${env.baseUrl}${API_PREFIX}/temporaryAttachments`,
        ], { maxBuffer: 1024 * 1024 });
        const ms = performance.now() - started;
        const [body, status] = [stdout.slice(0, stdout.lastIndexOf('\n')), stdout.slice(stdout.lastIndexOf('\n') + 1)];
        if (status !== '200' && status !== '201') throw new Error(`curl upload answered ${status}: ${body.slice(0, 300)}`);
        return { ms, id: (JSON.parse(body) as TemporaryAttachmentUploadResponse).items[0]!.id };
      });
      if (counted) curlMbps.push(UPLOAD_BYTES / MB / (curlRun.result.ms / 1000));
      curlRss.push(curlRun.growthKb / 1024);
      rssPeakKb = Math.max(rssPeakKb, curlRun.peakKb);
      await removeQueued(env.baseUrl, headers, curlRun.result.id);
    }
    await page.close();

    // The uploader module alone on the bench page, and a bare fetch of the same file (2 runs each),
    // to tell the queue's cost, the uploader's and Chromium's own apart.
    const uploaderPage = await context.newPage();
    await uploaderPage.goto('/bench/uploader.html');
    await uploaderPage.getByLabel('File to upload').setInputFiles(file);
    const uploaderMbps: number[] = [];
    let progressEvents = 0;
    for (let i = 0; i < 2; i++) {
      const out = await uploaderPage.evaluate((sid) => window.__benchUpload!(sid), sessid);
      uploaderMbps.push(UPLOAD_BYTES / MB / (out.ms / 1000));
      progressEvents = out.progressEvents;
      // The page's upload sits in the cookie session's queue: remove it with that session.
      await context.request.delete(`${env.baseUrl}${API_PREFIX}/temporaryAttachments/${out.id}?_h=${encodeURIComponent(sessid)}`);
    }
    const fetchMbps: number[] = [];
    for (let i = 0; i < 2; i++) {
      const out = await uploaderPage.evaluate((sid) => window.__benchFetchUpload!(sid), sessid);
      fetchMbps.push(UPLOAD_BYTES / MB / (out.ms / 1000));
      await context.request.delete(`${env.baseUrl}${API_PREFIX}/temporaryAttachments/${out.id}?_h=${encodeURIComponent(sessid)}`);
    }
    await context.close();
    const p = summarize(windowMbps);
    const c = summarize(curlMbps);
    const rssPeak = (rssPeakKb - rssBeforeKb) / 1024;
    const ratio = p.median / c.median;
    return fromSummary('upload', 'MB/s', goal, p, {
      value: round(p.median),
      baseline: round(c.median),
      met: ratio >= 0.8 && rssPeak <= 64,
      details: {
        fileBytes: UPLOAD_BYTES,
        curlRuns: c.runs,
        curlP95: round(c.p95),
        windowSamplesMBps: windowMbps.map((v) => round(v)),
        curlSamplesMBps: curlMbps.map((v) => round(v)),
        uploaderModuleAloneSamplesMBps: uploaderMbps.map((v) => round(v)),
        bareFetchSamplesMBps: fetchMbps.map((v) => round(v)),
        serverPeakRssGrowthMB: round(rssPeak),
        serverRssBeforeMB: round(rssBeforeKb / 1024),
        serverRssGrowthPerRunWindowMB: windowRss.map((v) => round(v)),
        serverRssGrowthPerRunCurlMB: curlRss.map((v) => round(v)),
        xhrProgressEventsPerUpload: progressEvents,
        method:
          "window: a compose window's Attach files chooser → the upload queue → its XHR uploader, timed from the request's start to the end of its response (Chromium's resource timing), the file then removed with Remove <name>; curl -F to the same URL with header auth, timed around the process; the two alternate; server RSS from /proc/<pid>/status every 25 ms; one uncounted warm-up upload each way first (its memory counts). Details add the uploader module alone on /bench/uploader.html and a bare fetch, 2 runs each",
      },
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}
