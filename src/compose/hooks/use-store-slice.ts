import { useCallback, useSyncExternalStore } from 'react';

/** Anything with the `subscribe`/`getSnapshot` pair the model's stores expose. */
export interface ExternalStore<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): T;
}

/**
 * Subscribes a component to one slice of a store: it re-renders only when that slice changes, so
 * typing in the Subject never re-renders the To field, the editor or the window around them.
 * The selector must return a primitive or a value that is stable while the slice is unchanged.
 */
export function useStoreSlice<T, S>(store: ExternalStore<T>, select: (state: T) => S): S {
  const getSlice = useCallback(() => select(store.getSnapshot()), [store, select]);
  return useSyncExternalStore(store.subscribe, getSlice, getSlice);
}
