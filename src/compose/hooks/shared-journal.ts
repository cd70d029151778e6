import { openDraftJournal, type DraftJournal, type JournalEntry } from '../model/journal';

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

/**
 * What a crash or a closed tab left in the journal for `account` (newest first): the app offers to
 * reopen each with `{ mode: 'draft', restore: entry }`. Empty where there is no journal.
 */
export async function restorableDrafts(account: string): Promise<JournalEntry[]> {
  try {
    return await (await sharedDraftJournal()).list(account);
  } catch {
    return [];
  }
}

/** Drops a journal entry the user chose not to restore (the server draft, if any, stays in Drafts). */
export async function forgetRestorableDraft(key: string): Promise<void> {
  await (await sharedDraftJournal()).remove(key);
}
