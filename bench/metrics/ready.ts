import type { Page } from '@playwright/test';
import { freshAccount, MESSAGE_BODY, NEW_MESSAGE, signedInContext, type BenchEnv } from '../env';
import { fromSummary, type MetricResult } from '../metric';
import { round, summarize } from '../stats';

const RUNS = 12;
const GOAL_RATIO = 1.5;

/**
 * Waits until the body shows the typed character and answers the page's own clock at that moment
 * (performance.now() counts from the start of the navigation), checked on every animation frame.
 */
async function keystrokeShownAt(page: Page, char: string): Promise<number> {
  const handle = await page.waitForFunction(
    ([label, c]) => {
      const el = document.querySelector(`[aria-label="${label}"]`);
      return el?.textContent?.includes(c) ? performance.now() : false;
    },
    [MESSAGE_BODY.name, char] as const,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * A page script (a string: it runs before the app, in the page) that clicks the button named `button`
 * on the first animation frame it exists (`window.__benchClickedAt`), then notes the first frame the
 * element labelled `body` is on screen (`window.__benchBodyAt`), which splits "click → key shown"
 * into the app's part and the harness's focus and key round trips.
 */
function clickNewMessageOnFirstFrame(button: string, body: string): string {
  return `(() => {
    const buttonName = ${JSON.stringify(button)};
    const bodySelector = ${JSON.stringify(`[aria-label="${body}"]`)};
    const waitBody = () => {
      if (!document.querySelector(bodySelector)) return requestAnimationFrame(waitBody);
      window.__benchBodyAt = performance.now();
    };
    const tick = () => {
      const found = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === buttonName);
      if (!found) return requestAnimationFrame(tick);
      found.click();
      window.__benchClickedAt = performance.now();
      requestAnimationFrame(waitBody);
    };
    requestAnimationFrame(tick);
  })()`;
}

const SETTLED_RUNS = 6;

/** Cold start, then click New message after the page settled: click → body on screen, click → key shown (medians, ms). */
async function clickAfterSettling(env: BenchEnv, account: Awaited<ReturnType<typeof freshAccount>>) {
  const toBody: number[] = [];
  const toKey: number[] = [];
  for (let run = 0; run < SETTLED_RUNS; run++) {
    const { context } = await signedInContext(env, account);
    const page = await context.newPage();
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    await page.evaluate(`(() => {
      const bodySelector = ${JSON.stringify(`[aria-label="${MESSAGE_BODY.name}"]`)};
      const waitBody = () => {
        if (!document.querySelector(bodySelector)) return requestAnimationFrame(waitBody);
        window.__benchBodyAt = performance.now();
      };
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(NEW_MESSAGE.name)});
      button.click();
      window.__benchClickedAt = performance.now();
      requestAnimationFrame(waitBody);
    })()`);
    await page.getByRole(MESSAGE_BODY.role, { name: MESSAGE_BODY.name }).focus();
    await page.keyboard.type('x');
    const shown = await keystrokeShownAt(page, 'x');
    const marks = (await page.evaluate(() => {
      const w = window as unknown as { __benchClickedAt: number; __benchBodyAt?: number };
      return { clicked: w.__benchClickedAt, body: w.__benchBodyAt ?? null };
    })) as { clicked: number; body: number | null };
    if (marks.body !== null) toBody.push(marks.body - marks.clicked);
    toKey.push(shown - marks.clicked);
    await context.close();
  }
  return {
    runs: SETTLED_RUNS,
    clickToBodyOnScreen: toBody.length ? round(summarize(toBody).median) : null,
    clickToKeystrokeShown: round(summarize(toKey).median),
  };
}

/**
 * Metric 2. Cold cache (a fresh browser context per run), signed in already: navigation start →
 * the body shows a typed key. App: load the portal, click `New message`, focus the body, type.
 * Baseline: the plain contenteditable page from the same build, focus, type. Runs alternate.
 */
export async function measureReady(env: BenchEnv): Promise<MetricResult> {
  const account = await freshAccount(env, 'ready');
  const app: number[] = [];
  const base: number[] = [];
  const clickToKey: number[] = [];
  const clickToBody: number[] = [];
  const portalShown: number[] = [];
  const scriptsLoaded: number[] = [];
  // Run -1 is an uncounted warm-up pair (the server's and the preview's first requests), so the first
  // counted run is as cold as the others: a fresh context, an empty cache, nothing more.
  for (let run = -1; run < RUNS; run++) {
    const counted = run >= 0;
    {
      const { context } = await signedInContext(env, account);
      const page = await context.newPage();
      // New message is clicked in the page on the first frame it is there (as a user's click lands),
      // not after a round trip to the harness, which would add the harness's latency to the app only.
      // The watcher is installed before navigation: waiting for goto() (the load event reaching the
      // harness) and then starting to poll added that round trip (~100 ms on a busy machine).
      await page.addInitScript(clickNewMessageOnFirstFrame(NEW_MESSAGE.name, MESSAGE_BODY.name));
      await page.goto('/');
      const clickedAt = (await (await page.waitForFunction(() => (window as unknown as { __benchClickedAt?: number }).__benchClickedAt ?? false, undefined, { polling: 'raf', timeout: 30_000 })).jsonValue()) as number;
      if (counted) portalShown.push(clickedAt);
      const body = page.getByRole(MESSAGE_BODY.role, { name: MESSAGE_BODY.name });
      await body.focus();
      await page.keyboard.type('x');
      const shown = await keystrokeShownAt(page, 'x');
      const bodyAt = (await page.evaluate(() => (window as unknown as { __benchBodyAt?: number }).__benchBodyAt ?? null)) as number | null;
      if (counted && bodyAt !== null) clickToBody.push(bodyAt - clickedAt);
      const scripts = await page.evaluate(() =>
        Math.max(0, ...performance.getEntriesByType('resource').filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname)).map((e) => (e as PerformanceResourceTiming).responseEnd)),
      );
      if (counted) {
        app.push(shown);
        clickToKey.push(shown - clickedAt);
        scriptsLoaded.push(scripts);
      }
      await context.close();
    }
    {
      const { context } = await signedInContext(env, account);
      const page = await context.newPage();
      await page.goto('/bench/baseline.html');
      const body = page.getByRole(MESSAGE_BODY.role, { name: MESSAGE_BODY.name });
      await body.focus();
      await page.keyboard.type('x');
      const shown = await keystrokeShownAt(page, 'x');
      if (counted) base.push(shown);
      await context.close();
    }
  }
  const settled = await clickAfterSettling(env, account);
  const s = summarize(app);
  const b = summarize(base);
  const c = summarize(clickToKey);
  return fromSummary('ready', 'ms', `≤ ${GOAL_RATIO}× baseline (navigation start → body shows a typed key, cold cache)`, s, {
    value: round(s.median),
    baseline: round(b.median),
    met: s.median <= GOAL_RATIO * b.median,
    details: {
      baselineRuns: b.runs,
      baselineP95: round(b.p95),
      appSamples: app.map((v) => round(v)),
      baselineSamples: base.map((v) => round(v)),
      appBreakdownMedians: {
        scriptsAndCssDownloaded: round(summarize(scriptsLoaded).median),
        portalShownAndNewMessageClicked: round(summarize(portalShown).median),
        newMessageClickToKeystrokeShown: round(c.median),
        // Of which the app's part: click → the body on screen (the rest is the harness focusing and typing).
        newMessageClickToBodyOnScreen: clickToBody.length ? round(summarize(clickToBody).median) : null,
      },
      // Not the metric: the same cold start, but New message is clicked once the page has settled
      // (network idle plus 500 ms), as a user who reads the inbox first does. Shows what the preloading buys.
      clickAfterPageSettled: settled,
      method:
        'fresh browser context per run (empty HTTP cache), already signed in (cookie + sessionStorage); app: goto / → New message clicked by a page script on the first frame it exists (installed before navigation) → focus Message body → type; baseline: goto /bench/baseline.html → focus → type; time = page performance.now() when the key shows (rAF polling)',
    },
  });
}
