import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app';
import { createTestAccount } from '../testing/sign-in';
import { enqueue, findQueueRow } from './processing-queue';
import { createQueueWorker } from './worker';

describe('the queue worker', () => {
  it('stops taking new work once stopped: the delivery in progress finishes, the rest waits for the next start', async () => {
    const t = createTestApp();
    const accountId = (await createTestAccount(t, 'demo@example.test')).id;
    const now = t.clock.now();
    // More due entries than one claim takes, so a worker that kept going would claim a second batch.
    const ids = Array.from({ length: 25 }, () =>
      enqueue(t.db, {
        accountId,
        kind: 'send',
        mailUid: null,
        raw: Buffer.from('Subject: x\r\n\r\nx'),
        envelopeFrom: 'demo@example.test',
        recipients: [],
        refwType: '',
        refwSourceUid: null,
        deliveryReceipt: false,
        createdAt: now,
        dueAt: now,
      }).id,
    );
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const delivered: number[] = [];
    const worker = createQueueWorker(t, {
      deliver: async (_context, row) => {
        await gate;
        delivered.push(row.id);
        t.db.prepare("UPDATE processing_queue SET state = 'delivered' WHERE id = ?").run(row.id);
      },
    });
    const run = worker.runDueWork();
    const stopped = worker.stop();
    release();
    await Promise.all([run, stopped]);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(ids.length);
    const waiting = ids.filter((id) => findQueueRow(t.db, id)!.state === 'pending');
    expect(waiting).toHaveLength(ids.length - delivered.length);
  });
});
