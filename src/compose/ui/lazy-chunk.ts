import { useEffect, useState } from 'react';

/**
 * A lazily fetched chunk, fetched once however many callers ask for it. A failed fetch (offline for a
 * moment) is forgotten, so the next `load()` tries again. `loaded()` answers the module synchronously
 * once it is in, so a component rendered after a preload shows it on its first render.
 */
export interface LazyChunk<M> {
  load(): Promise<M>;
  loaded(): M | null;
}

export function lazyChunk<M>(fetchChunk: () => Promise<M>): LazyChunk<M> {
  let loading: Promise<M> | null = null;
  let module: M | null = null;
  return {
    load() {
      loading ??= fetchChunk().then(
        (m) => (module = m),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => module,
  };
}

/**
 * The chunk's module in a component: `null` until it is in, `failed` once a fetch failed, and
 * `retry()` to fetch again. A state update (not React.lazy + Suspense, which holds back revealing
 * suspended content for up to 300 ms after a fallback) shows it on the frame it arrives.
 */
export function useLazyChunk<M>(chunk: LazyChunk<M>): { module: M | null; failed: boolean; retry(): void } {
  const [module, setModule] = useState<M | null>(chunk.loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (module) return;
    let live = true;
    chunk.load().then(
      (m) => live && setModule(() => m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [chunk, module, attempt]);
  const retry = () => {
    setFailed(false);
    setAttempt((n) => n + 1);
  };
  return { module, failed, retry };
}
