import { openDraftJournal, type DraftJournal } from '../model/journal';

let shared: Promise<DraftJournal> | null = null;

/**
 * This browser's draft journal, opened once and shared by every compose window. Rejects where
 * IndexedDB is unavailable; callers then work without it (the server draft is the only copy).
 */
export function sharedDraftJournal(): Promise<DraftJournal> {
  if (!shared) {
    shared = openDraftJournal();
    // A failed open is tried again by the next window (e.g. after the user left private mode).
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}
