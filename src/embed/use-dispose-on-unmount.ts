import { useEffect } from 'react';

/**
 * Disposes `target` when the component really goes away. StrictMode unmounts and mounts again at
 * once (same state, same objects): disposal waits a tick and is skipped if the component came back.
 */
export function useDisposeOnUnmount(target: { dispose(): void }): void {
  useEffect(() => {
    const state = disposal.get(target) ?? { mounted: 0 };
    disposal.set(target, state);
    state.mounted += 1;
    return () => {
      state.mounted -= 1;
      setTimeout(() => {
        if (state.mounted === 0) target.dispose();
      }, 0);
    };
  }, [target]);
}

const disposal = new WeakMap<object, { mounted: number }>();
