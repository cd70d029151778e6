import type { BrowserContext, Page } from '@playwright/test';

/**
 * Installed before any page script runs: a keydown → next-frame latency probe and a stand-in for
 * the React DevTools hook, so React (which looks for `__REACT_DEVTOOLS_GLOBAL_HOOK__` when it loads)
 * reports every commit. Both record only while `__bench.recording` is true.
 */
function installProbes() {
  interface ProbeState {
    recording: boolean;
    latencies: number[];
    /** [keydown time, the time its frame was done] per key, to tell which commits belong to a key. */
    keyFrames: [number, number][];
    commits: number[];
  }
  const state: ProbeState = { recording: false, latencies: [], keyFrames: [], commits: [] };
  (window as unknown as { __probe: ProbeState }).__probe = state;

  // Keydown → the frame that shows it: the rAF of the next frame, then a message posted from it
  // runs after that frame's style, layout and paint.
  window.addEventListener(
    'keydown',
    (event) => {
      if (!state.recording) return;
      const t0 = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const now = performance.now();
          state.latencies.push(now - t0);
          state.keyFrames.push([t0, now]);
        };
        channel.port2.postMessage(null);
      });
    },
    true,
  );

  const renderers = new Map<number, unknown>();
  (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers,
    supportsFiber: true,
    isDisabled: false,
    inject(renderer: unknown) {
      const id = renderers.size + 1;
      renderers.set(id, renderer);
      return id;
    },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot() {
      if (state.recording) state.commits.push(performance.now());
    },
  };
}

export async function addProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript(installProbes);
}

export async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = (window as unknown as { __probe: { recording: boolean; latencies: number[]; keyFrames: [number, number][]; commits: number[] } }).__probe;
    probe.latencies = [];
    probe.keyFrames = [];
    probe.commits = [];
    probe.recording = true;
  });
}

/** Stops recording after the last frame has been measured; answers what was recorded. */
export async function stopRecording(page: Page): Promise<{ latencies: number[]; commits: number[]; keysWithACommit: number; reactHooked: boolean }> {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    const w = window as unknown as {
      __probe: { recording: boolean; latencies: number[]; keyFrames: [number, number][]; commits: number[] };
      __REACT_DEVTOOLS_GLOBAL_HOOK__: { renderers: Map<number, unknown> };
    };
    const probe = w.__probe;
    probe.recording = false;
    const keysWithACommit = probe.keyFrames.filter(([from, to]) => probe.commits.some((c) => c >= from && c <= to)).length;
    return { latencies: probe.latencies, commits: probe.commits, keysWithACommit, reactHooked: w.__REACT_DEVTOOLS_GLOBAL_HOOK__.renderers.size > 0 };
  });
}
