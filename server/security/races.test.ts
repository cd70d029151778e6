import { describe, expect, it } from 'vitest';
import type { MailInstance, SendResponse } from '../../src/api/contract';
import { mailFixture } from '../mail/test-support';

/**
 * Two requests racing for the same draft or send (two tabs, a retry after a lost answer): exactly
 * one wins, the other is told the id is gone, and nothing is duplicated or lost.
 */

const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

describe('racing requests', () => {
  it('two replaces of one draft: one new draft, the other answers 404, Drafts holds exactly the winner', async () => {
    const t = await mailFixture();
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { subject: 'v1' })).body;
    const answers = await Promise.all(
      ['tab A', 'tab B'].map((tab) => t.call<MailInstance>(t.demo, 'PUT', `/drafts/${draft.id}`, { subject: tab, bodyText: `${tab} text` })),
    );
    expect(statuses(answers)).toEqual([200, 404]);
    const winner = answers.find((a) => a.status === 200)!.body;
    expect((await t.list(t.demo, 'drafts')).items.map((m) => [m.id, m.subject])).toEqual([[winner.id, winner.subject]]);
  });

  it('two sends of one draft: one send, one 404, one copy delivered', async () => {
    const t = await mailFixture();
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { to: 'ana@example.test', subject: 'Once' })).body;
    const answers = await Promise.all([1, 2].map(() => t.call<SendResponse>(t.demo, 'POST', `/drafts/${draft.id}/send`)));
    expect(statuses(answers)).toEqual([200, 404]);
    await t.advance(11_000);
    expect((await t.list(t.ana, 'inbox')).items.map((m) => m.subject)).toEqual(['Once']);
    expect((await t.list(t.demo, 'sent')).totalItems).toBe(1);
    expect((await t.list(t.demo, 'drafts')).totalItems).toBe(0);
  });

  it('two undos of one send: one draft comes back, the other is refused, nothing is delivered', async () => {
    const t = await mailFixture();
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', subject: 'Undo me' })).body;
    const answers = await Promise.all([1, 2].map(() => t.call(t.demo, 'POST', '/mails/send/undo', { processingId: sent.processingId, mailId: sent.mailId })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.find((a) => a.status !== 200)!.status).toBeGreaterThanOrEqual(400);
    await t.advance(60_000);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(0);
    expect((await t.list(t.demo, 'drafts')).items.map((m) => m.subject)).toEqual(['Undo me']);
    expect((await t.list(t.demo, 'sent')).totalItems).toBe(0);
  });

  it('an undo racing the end of the window: either undone (no delivery) or too late (one delivery), never both', async () => {
    const t = await mailFixture();
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', subject: 'Edge' })).body;
    t.clock.advance(9_999);
    const [undo] = await Promise.all([t.call(t.demo, 'POST', '/mails/send/undo', { processingId: sent.processingId, mailId: sent.mailId }), t.advance(2)]);
    await t.advance(60_000);
    const delivered = (await t.list(t.ana, 'inbox')).totalItems;
    const drafts = (await t.list(t.demo, 'drafts')).totalItems;
    if (undo.status === 200) expect([delivered, drafts]).toEqual([0, 1]);
    else expect([undo.status, delivered, drafts]).toEqual([400, 1, 0]);
  });
});
