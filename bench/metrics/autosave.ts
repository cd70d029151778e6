import type { Request } from '@playwright/test';
import { BenchApi } from '../api';
import { freshAccount, MESSAGE_BODY, openNewMessage, signedInContext, type BenchEnv } from '../env';
import { fromSummary, type MetricResult } from '../metric';
import { summarize } from '../stats';
import { isDraftSave } from './typing';

const TYPING_MS = 60_000;
const KEY_EVERY_MS = 100; // 10 characters per second
const STALE_CHECK_MS = 3_000;
const RUNS = 3;
/** Real time given to the network after each step of the page's clock (responses arrive in real time). */
const STEP_REAL_WAIT_MS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SaveRecord {
  issuedAt: number;
  finishedAt: number | null;
  bytes: number;
  holdsFinalText: boolean;
}

/** "w1 w2 w3 …" cut to `length`: every position is different, so the saved text shows how far it got. */
function numberedText(length: number): string {
  let text = '';
  for (let i = 1; text.length < length; i++) text += `w${i} `;
  return text.slice(0, length).replace(/ $/, 'x');
}

async function oneRun(env: BenchEnv) {
  const account = await freshAccount(env, 'autosave');
  const api = await BenchApi.as(env.baseUrl, account);
  const { context } = await signedInContext(env, account);
  const page = await context.newPage();
  await page.clock.install();
  await openNewMessage(page);
  const body = page.getByRole(MESSAGE_BODY.role, { name: MESSAGE_BODY.name });
  await body.focus();

  const keys = TYPING_MS / KEY_EVERY_MS;
  const text = numberedText(keys);
  const tail = text.slice(-12);
  // The page's time, as far as the draft-sync timers know it: moved only by the harness from here on.
  let fakeNow = 0;
  // A little ahead of the page's now: time keeps flowing until the pause lands, and a pause cannot go back.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

  const saves = new Map<Request, SaveRecord>();
  let inFlight = 0;
  let maxInFlight = 0;
  page.on('request', (r) => {
    if (!isDraftSave(r.method(), r.url())) return;
    const data = r.postData() ?? '';
    saves.set(r, { issuedAt: fakeNow, finishedAt: null, bytes: Buffer.byteLength(data), holdsFinalText: data.includes(tail) });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
  });
  const done = (r: Request) => {
    const save = saves.get(r);
    if (!save || save.finishedAt !== null) return;
    save.finishedAt = fakeNow;
    inFlight--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);

  for (const char of text) {
    await page.keyboard.type(char);
    await page.clock.runFor(KEY_EVERY_MS);
    fakeNow += KEY_EVERY_MS;
    await sleep(STEP_REAL_WAIT_MS);
  }
  const typingEnded = fakeNow;
  const whileTyping = [...saves.values()].filter((s) => s.issuedAt <= typingEnded);

  // After the last key: the page's clock moves on in 100 ms steps, with real time for the network.
  let staleness: number | null = null;
  while (fakeNow - typingEnded < 15_000) {
    const fresh = [...saves.values()].find((s) => s.holdsFinalText && s.finishedAt !== null);
    if (fresh) {
      staleness = fresh.finishedAt! - typingEnded;
      break;
    }
    await page.clock.runFor(100);
    fakeNow += 100;
    await sleep(20);
  }
  // Let anything still in flight land, then ask the server what it holds.
  for (let i = 0; i < 100 && inFlight > 0; i++) await sleep(50);
  const drafts = await api.mails('drafts');
  const stored = drafts.length === 1 ? await api.bodyHtml(drafts[0]!.id) : '';
  await context.close();

  const issued = whileTyping.map((s) => s.issuedAt).sort((a, b) => a - b);
  const gaps = issued.slice(1).map((t, i) => t - issued[i]!);
  return {
    requestsWhileTyping: whileTyping.length,
    requestsInAll: saves.size,
    minGapMs: gaps.length ? Math.min(...gaps) : null,
    maxInFlight,
    bytesSent: [...saves.values()].reduce((sum, s) => sum + s.bytes, 0),
    stalenessMs: staleness,
    draftsAtEnd: drafts.length,
    serverHoldsFinalText: stored.includes(tail),
  };
}

/**
 * Metric 4. 60 s of typing at 10 characters a second into a new message, with the page's clock
 * (Playwright `page.clock`) moved 100 ms per key, so the draft-sync timers see a real minute while the
 * run takes seconds; network replies arrive in real time between steps.
 */
export async function measureAutosave(env: BenchEnv): Promise<MetricResult> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun(env));
  const counts = summarize(runs.map((r) => r.requestsWhileTyping));
  const stale = runs.map((r) => r.stalenessMs);
  const allowed = TYPING_MS / 2000;
  const met = runs.every(
    (r) =>
      r.requestsWhileTyping <= allowed &&
      (r.minGapMs === null || r.minGapMs >= 2000) &&
      r.maxInFlight <= 1 &&
      r.stalenessMs !== null &&
      r.stalenessMs <= STALE_CHECK_MS &&
      r.draftsAtEnd === 1 &&
      r.serverHoldsFinalText,
  );
  const knownStale = stale.filter((s): s is number => s !== null);
  return fromSummary('autosave', 'saves/60 s', `≤ ${allowed} saves in 60 s (≤ 1 per 2 s), never 2 in flight, fresh ≤ 3 s after typing stops, 1 draft`, counts, {
    met,
    details: {
      runs: runs.map((r) => ({ ...r })),
      maxInFlight: Math.max(...runs.map((r) => r.maxInFlight)),
      bytesSentMedian: summarize(runs.map((r) => r.bytesSent)).median,
      stalenessMsMedian: knownStale.length ? summarize(knownStale).median : null,
      stalenessMsMax: knownStale.length === runs.length ? Math.max(...knownStale) : null,
      draftsAtEnd: runs.map((r) => r.draftsAtEnd),
      method:
        'page.clock paused, then per key: type one character, runFor(100 ms); draft saves (POST /mails, PUT /drafts/{id}) seen with page.on(request/requestfinished); staleness = page-clock time from the last key until a save holding the final text finished; drafts counted in Drafts through the API',
    },
  });
}

