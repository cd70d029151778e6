import { readMessage, type ReadMessage } from './read';

/**
 * The parsed form of recently read messages. Opening a draft reads its body and then each inline
 * image at once — a dozen requests for one message — and each would otherwise parse the whole MIME
 * again. A stored message never changes under its id (a replaced draft gets a new id), so the id is
 * the key. Concurrent reads share one parse. Bounded by the stored size of what it holds, and each
 * entry lives only briefly: this is for bursts of reads, not a second copy of the mailbox.
 */
export interface MessageCache {
  read(mailId: string, raw: Buffer): Promise<ReadMessage>;
}

export interface MessageCacheOptions {
  /** Raw bytes held at most (parsed messages take about as much again). */
  maxBytes?: number;
  /** A message larger than this is parsed per request and never held. */
  maxMessageBytes?: number;
  /** How long an entry is kept after it was last read. */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  parsed: Promise<ReadMessage>;
  bytes: number;
  lastRead: number;
}

export function createMessageCache({ maxBytes = 64 * 1024 * 1024, maxMessageBytes = 16 * 1024 * 1024, ttlMs = 30_000, now = Date.now }: MessageCacheOptions = {}): MessageCache {
  // A Map keeps insertion order; re-inserting on a read makes it least-recently-read first.
  const entries = new Map<string, Entry>();
  let held = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    held -= entry.bytes;
  };

  const evict = (at: number) => {
    for (const [key, entry] of entries) {
      if (held <= maxBytes && at - entry.lastRead <= ttlMs) break;
      drop(key);
    }
    // Entries past their time further on (read out of order) go too.
    for (const [key, entry] of entries) if (at - entry.lastRead > ttlMs) drop(key);
  };

  return {
    read(mailId, raw) {
      if (raw.length > maxMessageBytes) return readMessage(raw);
      const at = now();
      evict(at);
      const found = entries.get(mailId);
      if (found && found.bytes === raw.length) {
        entries.delete(mailId);
        entries.set(mailId, { ...found, lastRead: at });
        return found.parsed;
      }
      drop(mailId);
      const parsed = readMessage(raw);
      entries.set(mailId, { parsed, bytes: raw.length, lastRead: at });
      held += raw.length;
      // A message that cannot be read is not remembered: the next request tries (and fails) afresh.
      parsed.catch(() => {
        if (entries.get(mailId)?.parsed === parsed) drop(mailId);
      });
      evict(at);
      return parsed;
    },
  };
}
