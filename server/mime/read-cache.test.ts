import { describe, expect, it } from 'vitest';
import { createMessageCache } from './read-cache';

const message = (subject: string, padding = 0) =>
  Buffer.from(`From: ana@example.test\r\nTo: bo@example.test\r\nSubject: ${subject}\r\nContent-Type: text/plain\r\n\r\nHello.${' '.repeat(padding)}\r\n`);

describe('the cache of parsed messages', () => {
  it('reads a message once for a burst of requests: concurrent and later reads get the same parse', async () => {
    const cache = createMessageCache();
    const raw = message('Burst');
    const [a, b] = await Promise.all([cache.read('m1', raw), cache.read('m1', raw)]);
    expect(a.subject).toBe('Burst');
    expect(b).toBe(a);
    expect(await cache.read('m1', raw)).toBe(a);
    expect(await cache.read('m2', message('Other'))).not.toBe(a);
  });

  it('forgets an entry not read for a while', async () => {
    let now = 0;
    const cache = createMessageCache({ ttlMs: 1_000, now: () => now });
    const raw = message('Brief');
    const first = await cache.read('m1', raw);
    now = 900;
    expect(await cache.read('m1', raw)).toBe(first);
    now = 2_000;
    expect(await cache.read('m1', raw)).not.toBe(first);
  });

  it('holds no more than its byte budget, dropping the least recently read first', async () => {
    const one = message('One', 400);
    const cache = createMessageCache({ maxBytes: one.length * 2 });
    const first = await cache.read('m1', one);
    const second = await cache.read('m2', message('Two', 400));
    expect(await cache.read('m1', one)).toBe(first); // m1 is now the most recent
    await cache.read('m3', message('Six', 400)); // over budget: m2 goes
    expect(await cache.read('m1', one)).toBe(first);
    expect(await cache.read('m2', message('Two', 400))).not.toBe(second);
  });

  it('never holds a message above its per-message limit', async () => {
    const big = message('Big', 2_000);
    const cache = createMessageCache({ maxMessageBytes: 1_000 });
    const first = await cache.read('m1', big);
    expect(first.subject).toBe('Big');
    expect(await cache.read('m1', big)).not.toBe(first);
  });
});
