import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, MailInstance, ScheduleResponse, SendResponse, UndoSendResponse } from '../../src/api/contract';
import { MAX_SCHEDULE_AHEAD_SECONDS } from '../../src/api/contract';
import { mailFixture } from '../mail/test-support';

const nowSeconds = (clock: { now(): number }) => Math.floor(clock.now() / 1000);

describe('Create and Replace Draft', () => {
  it('creates a draft in Drafts and answers a MailInstance with every field', async () => {
    const t = await mailFixture();
    const res = await t.call<MailInstance>(t.demo, 'POST', '/mails', {
      to: '"Popescu, Ana" <ana@example.test>',
      subject: 'Hello',
      bodyHtml: '<p>Hi</p>',
      bodyText: 'Hi',
      importance: 'low',
    });
    expect(res.status).toBe(200);
    const draft = res.body;
    expect(draft).toMatchObject({
      folderId: await t.folderIdOf(t.demo, 'drafts'),
      from: 'Demo User <demo@example.test>',
      to: '"Popescu, Ana" <ana@example.test>',
      cc: '',
      bcc: '',
      replyTo: 'Demo User <demo@example.test>',
      replyToAll: '"Popescu, Ana" <ana@example.test>',
      subject: 'Hello',
      snippet: 'Hi',
      date: String(nowSeconds(t.clock)),
      isDraft: true,
      isUnread: false,
      refwFlags: '',
      refwType: '',
      refwMailId: '',
      importance: 'low',
      hasAttachments: false,
      attachments: [],
      labelIds: [],
    });
    expect(Object.keys(draft).sort()).toEqual(
      [
        'id', 'folderId', 'size', 'from', 'to', 'cc', 'bcc', 'replyTo', 'replyToAll', 'sender', 'messageId', 'subject', 'snippet', 'date',
        'isUnread', 'isFlagged', 'isDraft', 'refwFlags', 'refwType', 'refwMailId', 'isDeleted', 'hasAttachments', 'isItip',
        'returnReceipt', 'importance', 'originalFolderId', 'originalMailId', 'attachments', 'labelIds', 'bimiLocation',
      ].sort(),
    );
    expect((await t.call(t.demo, 'GET', `/mails/${draft.id}`)).body).toEqual(draft);
  });

  it('accepts an empty body as an empty draft', async () => {
    const t = await mailFixture();
    const res = await t.call<MailInstance>(t.demo, 'POST', '/mails');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ to: '', subject: '', isDraft: true });
  });

  it('replaces a draft under a NEW id; the old id then answers 404', async () => {
    const t = await mailFixture();
    const first = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { subject: 'v1', isFlagged: true })).body;
    const second = await t.call<MailInstance>(t.demo, 'PUT', `/drafts/${first.id}`, { subject: 'v2', to: 'ana@example.test' });
    expect(second.status).toBe(200);
    expect(second.body.id).not.toBe(first.id);
    // A full replacement: what was not sent again is cleared.
    expect(second.body).toMatchObject({ subject: 'v2', to: 'ana@example.test', isFlagged: false, isDraft: true });
    expect((await t.call(t.demo, 'GET', `/mails/${first.id}`)).status).toBe(404);
    const stale = await t.call<ApiErrorBody>(t.demo, 'PUT', `/drafts/${first.id}`, { subject: 'v3' });
    expect(stale.status).toBe(404);
    expect(stale.body.error.code).toBe('NOT_FOUND');
    expect((await t.list(t.demo, 'drafts')).totalItems).toBe(1);
  });

  it('refuses unknown fields, wrong types and broken rules with 400 naming the field', async () => {
    const t = await mailFixture();
    const cases: [unknown, string][] = [
      [{ subjekt: 'x' }, 'subjekt'],
      [{ to: ['ana@example.test'] }, 'to'],
      [{ importance: 'urgent' }, 'importance'],
      [{ refwType: 're' }, 'refwMailId'],
      [{ refwMailId: 'abc' }, 'refwMailId'],
      [{ refwType: 'refw', refwMailId: 'abc' }, 'refwType'],
      [{ temporaryAttachments: [{ id: 1, isInline: true }] }, 'temporaryAttachments[0].contentId'],
      [{ temporaryAttachments: [{ id: '1' }] }, 'temporaryAttachments[0].id'],
      [{ temporaryAttachments: [{ id: 1, extra: true }] }, 'temporaryAttachments[0].extra'],
      [{ to: 'Joe Foo, PhD <joe@x.test>' }, 'to'],
      [{ cc: 'user@good.test(x)evil.test' }, 'cc'],
      [{ bcc: '"a@evil.test x"@example.test' }, 'bcc'],
      [{ isUnread: 'yes' }, 'isUnread'],
      [{ deliveryTime: 5 }, 'deliveryTime'],
    ];
    for (const [body, field] of cases) {
      const res = await t.call<ApiErrorBody>(t.demo, 'POST', '/mails', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
      expect(res.body.error.message).toContain(field.split('[')[0]!);
    }
    expect((await t.call(t.demo, 'POST', '/mails', '{not json')).status).toBe(400);
    expect((await t.call(t.demo, 'POST', '/mails', '[]')).status).toBe(400);
    expect((await t.list(t.demo, 'drafts')).totalItems).toBe(0);
  });

  it('lets the user send as an alias but answers 403 for someone else’s address', async () => {
    const t = await mailFixture();
    const alias = await t.call<MailInstance>(t.demo, 'POST', '/mails', { from: 'Demo <d.user@example.test>' });
    expect(alias.status).toBe(200);
    expect(alias.body.from).toBe('Demo <d.user@example.test>');
    const other = await t.call<ApiErrorBody>(t.demo, 'POST', '/mails', { from: 'ana@example.test' });
    expect(other.status).toBe(403);
    expect(other.body.error.field).toBe('from');
  });

  it('hides another user’s draft: 404 on get, replace, send, schedule and delete', async () => {
    const t = await mailFixture();
    const draft = (await t.call<MailInstance>(t.ana, 'POST', '/mails', { to: 'demo@example.test', subject: 'Ana’s' })).body;
    expect((await t.call(t.demo, 'GET', `/mails/${draft.id}`)).status).toBe(404);
    expect((await t.call(t.demo, 'PUT', `/drafts/${draft.id}`, { subject: 'stolen' })).status).toBe(404);
    expect((await t.call(t.demo, 'POST', `/drafts/${draft.id}/send`)).status).toBe(404);
    expect((await t.call(t.demo, 'POST', `/drafts/${draft.id}/send/schedule`, { deliveryTime: nowSeconds(t.clock) + 60 })).status).toBe(404);
    expect((await t.call(t.demo, 'DELETE', `/mails/${draft.id}`)).status).toBe(404);
    expect((await t.call(t.demo, 'POST', '/temporaryAttachments/store', { mailId: draft.id })).status).toBe(404);
    expect((await t.call(t.ana, 'GET', `/mails/${draft.id}`)).status).toBe(200);
  });

  it('answers 401 without a session', async () => {
    const t = await mailFixture();
    const res = await t.app.request('/api/v1/mails', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });
});

describe('Send, Send Draft and Undo Send', () => {
  it('sends a draft: the Sent copy keeps Bcc, delivery waits out the undo window, recipients never see Bcc', async () => {
    const t = await mailFixture();
    const draft = (
      await t.call<MailInstance>(t.demo, 'POST', '/mails', { to: 'ana@example.test', bcc: 'd.user@example.test', subject: 'Plan', bodyText: 'Hi Ana' })
    ).body;
    const sent = await t.call<SendResponse>(t.demo, 'POST', `/drafts/${draft.id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.processingId).toBeGreaterThan(0);
    expect((await t.call(t.demo, 'GET', `/mails/${draft.id}`)).status).toBe(404);
    const copy = (await t.call<MailInstance>(t.demo, 'GET', `/mails/${sent.body.mailId}`)).body;
    expect(copy).toMatchObject({ folderId: await t.folderIdOf(t.demo, 'sent'), bcc: 'd.user@example.test', isDraft: false });

    expect(await t.advance(9_000)).toBe(0);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(0);
    expect(await t.advance(1_500)).toBe(1);

    const inbox = await t.list(t.ana, 'inbox');
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ subject: 'Plan', isUnread: true, bcc: '' });
    const source = await t.call<string>(t.ana, 'GET', `/mails/${inbox.items[0]!.id}/source`);
    expect(source.body).not.toMatch(/^bcc:/im);
    // The Bcc recipient (an alias of the sender) got it too, also without a Bcc header.
    const own = await t.list(t.demo, 'inbox');
    expect(own.items).toHaveLength(1);
    expect(own.items[0]!.bcc).toBe('');
  });

  it('answers 400 when sending with nobody to send to, and keeps the draft', async () => {
    const t = await mailFixture();
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { subject: 'nobody' })).body;
    const res = await t.call<ApiErrorBody>(t.demo, 'POST', `/drafts/${draft.id}/send`);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('to');
    expect((await t.call(t.demo, 'GET', `/mails/${draft.id}`)).status).toBe(200);
    expect((await t.call(t.demo, 'POST', '/mails/send', { subject: 'x' })).status).toBe(400);
    expect((await t.call(t.demo, 'POST', `/drafts/${draft.id}/send`, { to: 'x@y.test' })).status).toBe(400);
  });

  it('undoes inside the window: the Sent copy becomes a draft (Bcc kept) and nothing is delivered', async () => {
    const t = await mailFixture();
    const sent = (
      await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', bcc: 'boss@elsewhere.test', subject: 'Oops', bodyText: 'x' })
    ).body;
    await t.advance(9_000);
    const undo = await t.call<UndoSendResponse>(t.demo, 'POST', '/mails/send/undo', { processingId: sent.processingId, mailId: sent.mailId });
    expect(undo.status).toBe(200);
    const draft = (await t.call<MailInstance>(t.demo, 'GET', `/mails/${undo.body.mailId}`)).body;
    expect(draft).toMatchObject({ folderId: await t.folderIdOf(t.demo, 'drafts'), isDraft: true, bcc: 'boss@elsewhere.test', subject: 'Oops' });
    expect((await t.list(t.demo, 'sent')).totalItems).toBe(0);
    expect(await t.advance(60_000)).toBe(0);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(0);
    // The draft can be edited and sent again.
    const again = await t.call<SendResponse>(t.demo, 'POST', `/drafts/${draft.id}/send`);
    expect(again.status).toBe(200);
    await t.advance(11_000);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(1);
  });

  it('undoes without mailId by rebuilding the draft from the queue, without Bcc', async () => {
    const t = await mailFixture();
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', bcc: 'boss@elsewhere.test', subject: 'R' })).body;
    const undo = await t.call<UndoSendResponse>(t.demo, 'POST', '/mails/send/undo', { processingId: sent.processingId });
    expect(undo.status).toBe(200);
    const draft = (await t.call<MailInstance>(t.demo, 'GET', `/mails/${undo.body.mailId}`)).body;
    expect(draft).toMatchObject({ isDraft: true, bcc: '', to: 'ana@example.test' });
    expect((await t.list(t.demo, 'sent')).totalItems).toBe(0);
  });

  it('keeps no Sent copy when saveToSent is off: no mailId, undo rebuilds the draft, scheduled mail is removed on delivery', async () => {
    const t = await mailFixture();
    expect((await t.call(t.demo, 'PATCH', '/account/settings', { saveToSent: false })).status).toBe(200);
    const sent = await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', subject: 'No copy' });
    expect(sent.body).toEqual({ processingId: expect.any(Number) as unknown });
    expect((await t.list(t.demo, 'sent')).totalItems).toBe(0);
    const undo = await t.call<UndoSendResponse>(t.demo, 'POST', '/mails/send/undo', { processingId: sent.body.processingId });
    expect((await t.call<MailInstance>(t.demo, 'GET', `/mails/${undo.body.mailId}`)).body).toMatchObject({ isDraft: true, subject: 'No copy' });

    const draftSent = await t.call<SendResponse>(t.demo, 'POST', `/drafts/${undo.body.mailId}/send`);
    expect(draftSent.body.mailId).toBeUndefined();
    expect((await t.list(t.demo, 'drafts')).totalItems).toBe(0);
    await t.call(t.demo, 'POST', '/mails/send/schedule', { to: 'ana@example.test', subject: 'Later', deliveryTime: nowSeconds(t.clock) + 60 });
    await t.advance(61_000);
    expect((await t.list(t.ana, 'inbox')).items.map((m) => m.subject).sort()).toEqual(['Later', 'No copy']);
    expect((await t.list(t.demo, 'scheduled')).totalItems).toBe(0);
    expect((await t.list(t.demo, 'sent')).totalItems).toBe(0);
  });

  it('says it is too late after the window, and 404 for unknown or foreign processing ids', async () => {
    const t = await mailFixture();
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', subject: 'Late' })).body;
    await t.advance(10_001);
    const late = await t.call<ApiErrorBody>(t.demo, 'POST', '/mails/send/undo', { processingId: sent.processingId, mailId: sent.mailId });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('UNDO_TOO_LATE');
    expect(late.body.error.message).toMatch(/too late/i);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(1);

    const other = (await t.call<SendResponse>(t.ana, 'POST', '/mails/send', { to: 'demo@example.test', subject: 'Mine' })).body;
    expect((await t.call(t.demo, 'POST', '/mails/send/undo', { processingId: other.processingId })).status).toBe(404);
    expect((await t.call(t.demo, 'POST', '/mails/send/undo', { processingId: 99_999 })).status).toBe(404);
    expect((await t.call(t.demo, 'POST', '/mails/send/undo', { processingId: '1' })).status).toBe(400);
    expect((await t.call(t.demo, 'POST', '/mails/send/undo', { processingId: 1, extra: 1 })).status).toBe(400);
  });

  it('is too late when the window passed even if the worker has not run yet', async () => {
    const t = await mailFixture();
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test' })).body;
    t.clock.advance(10_500);
    const late = await t.call<ApiErrorBody>(t.demo, 'POST', '/mails/send/undo', { processingId: sent.processingId });
    expect(late.body.error.code).toBe('UNDO_TOO_LATE');
  });

  it('marks the replied mail, builds In-Reply-To/References, and undo removes the mark', async () => {
    const t = await mailFixture();
    await t.call(t.ana, 'POST', '/mails/send', { to: 'demo@example.test', subject: 'Question', bodyText: '?' });
    await t.advance(11_000);
    const original = (await t.list(t.demo, 'inbox')).items[0]! as unknown as MailInstance;

    const reply = (
      await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', subject: 'Re: Question', refwType: 're', refwMailId: original.id })
    ).body;
    expect((await t.call<MailInstance>(t.demo, 'GET', `/mails/${original.id}`)).body.refwFlags).toBe('re');
    await t.call(t.demo, 'POST', '/mails/send/undo', { processingId: reply.processingId, mailId: reply.mailId });
    expect((await t.call<MailInstance>(t.demo, 'GET', `/mails/${original.id}`)).body.refwFlags).toBe('');

    const draft = (await t.list(t.demo, 'drafts')).items[0]! as unknown as MailInstance;
    expect(draft).toMatchObject({ refwType: 're', refwMailId: original.id });
    await t.call(t.demo, 'POST', `/drafts/${draft.id}/send`);
    const forward = await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'x@elsewhere.test', refwType: 'fw', refwMailId: original.id });
    expect(forward.status).toBe(200);
    await t.advance(11_000);
    expect((await t.call<MailInstance>(t.demo, 'GET', `/mails/${original.id}`)).body.refwFlags).toBe('refw');

    const delivered = (await t.list(t.ana, 'inbox')).items.find((m) => m.subject === 'Re: Question')!;
    const raw = (await t.call<string>(t.ana, 'GET', `/mails/${delivered.id}/source`)).body;
    const parsed = await simpleParser(raw);
    expect(parsed.inReplyTo).toBe(original.messageId);
    expect(parsed.references).toBe(original.messageId);
  });

  it('asks for a read receipt only when told to, and honours receipts stored on a draft', async () => {
    const t = await mailFixture();
    await t.call(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', subject: 'plain' });
    await t.call(t.demo, 'POST', '/mails/send', { to: 'ana@example.test', subject: 'receipt', requestReadReceipt: true });
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { to: 'ana@example.test', subject: 'draft receipt', requestReadReceipt: true })).body;
    expect(draft.returnReceipt).toBe(true);
    await t.call(t.demo, 'POST', `/drafts/${draft.id}/send`);
    await t.advance(11_000);
    const inbox = (await t.list(t.ana, 'inbox')).items as unknown as MailInstance[];
    const bySubject = Object.fromEntries(inbox.map((m) => [m.subject, m.returnReceipt]));
    expect(bySubject).toEqual({ plain: false, receipt: true, 'draft receipt': true });
  });

  it('puts a delivery report in the sender’s Inbox when a delivery receipt is asked for, and a bounce for unknown local users', async () => {
    const t = await mailFixture();
    await t.call(t.demo, 'POST', '/mails/send', { to: 'ana@example.test, nobody@example.test', subject: 'Report', requestDeliveryReceipt: true });
    await t.advance(11_000);
    const subjects = (await t.list(t.demo, 'inbox')).items.map((m) => m.subject).sort();
    expect(subjects).toEqual(['Delivered: Report', 'Undelivered Mail Returned to Sender: Report']);
  });
});

describe('Scheduled send', () => {
  it('refuses a time in the past, beyond one year, or not a whole number', async () => {
    const t = await mailFixture();
    const now = nowSeconds(t.clock);
    for (const deliveryTime of [now - 1, now + MAX_SCHEDULE_AHEAD_SECONDS + 1, now + 0.5, (now + 60) * 1000, -Number.MAX_SAFE_INTEGER]) {
      const res = await t.call<ApiErrorBody>(t.demo, 'POST', '/mails/send/schedule', { to: 'ana@example.test', deliveryTime });
      expect(res.status, String(deliveryTime)).toBe(400);
      expect(res.body.error.field).toBe('deliveryTime');
    }
    expect((await t.call<ApiErrorBody>(t.demo, 'POST', '/mails/send/schedule', { to: 'ana@example.test' })).body.error.field).toBe('deliveryTime');
    expect((await t.call(t.demo, 'POST', '/mails/send/schedule', { to: 'ana@example.test', deliveryTime: now + MAX_SCHEDULE_AHEAD_SECONDS })).status).toBe(200);
    expect((await t.list(t.demo, 'scheduled')).totalItems).toBe(1);
  });

  it('keeps the mail in Scheduled until deliveryTime, then delivers it and moves it to Sent', async () => {
    // Sessions would expire over the hour the test skips.
    const t = await mailFixture({ sessionIdleMs: 86_400_000 });
    const at = nowSeconds(t.clock) + 3600;
    const res = await t.call<ScheduleResponse>(t.demo, 'POST', '/mails/send/schedule', { to: 'ana@example.test', subject: 'Later', deliveryTime: at });
    expect(res.status).toBe(200);
    expect((await t.call<MailInstance>(t.demo, 'GET', `/mails/${res.body.mailId}`)).body.folderId).toBe(await t.folderIdOf(t.demo, 'scheduled'));
    // Undo Send is for immediate sends only.
    expect(await t.advance(3_599_000)).toBe(0);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(0);
    expect(await t.advance(1_000)).toBe(1);
    expect((await t.list(t.ana, 'inbox')).items.map((m) => m.subject)).toEqual(['Later']);
    expect((await t.list(t.demo, 'scheduled')).totalItems).toBe(0);
    const sent = (await t.list(t.demo, 'sent')).items as unknown as MailInstance[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.date).toBe(String(at));
    expect((await t.call(t.demo, 'GET', `/mails/${res.body.mailId}`)).status).toBe(404);
  });

  it('schedules a draft, cancels it back to Drafts under a new id, and can schedule it again', async () => {
    const t = await mailFixture();
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { to: 'ana@example.test', subject: 'S', bcc: 'hidden@elsewhere.test' })).body;
    const scheduled = await t.call<ScheduleResponse>(t.demo, 'POST', `/drafts/${draft.id}/send/schedule`, { deliveryTime: nowSeconds(t.clock) + 600 });
    expect(scheduled.status).toBe(200);
    expect((await t.call(t.demo, 'GET', `/mails/${draft.id}`)).status).toBe(404);
    expect((await t.list(t.demo, 'scheduled')).totalItems).toBe(1);

    const cancelled = await t.call<ScheduleResponse>(t.demo, 'DELETE', `/mails/send/schedule/${scheduled.body.mailId}`);
    expect(cancelled.status).toBe(200);
    const back = (await t.call<MailInstance>(t.demo, 'GET', `/mails/${cancelled.body.mailId}`)).body;
    expect(back).toMatchObject({ folderId: await t.folderIdOf(t.demo, 'drafts'), isDraft: true, bcc: 'hidden@elsewhere.test' });
    expect((await t.call(t.demo, 'DELETE', `/mails/send/schedule/${scheduled.body.mailId}`)).status).toBe(404);
    expect((await t.call(t.demo, 'DELETE', `/mails/send/schedule/${back.id}`)).status).toBe(404);
    await t.advance(700_000);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(0);

    expect((await t.call(t.demo, 'POST', `/drafts/${back.id}/send/schedule`, { deliveryTime: nowSeconds(t.clock) + 60, extra: 1 })).status).toBe(400);
    expect((await t.call(t.demo, 'POST', `/drafts/${back.id}/send/schedule`, { deliveryTime: nowSeconds(t.clock) + 60 })).status).toBe(200);
    await t.advance(61_000);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(1);
  });

  it('unschedules a scheduled mail that is deleted or moved away', async () => {
    const t = await mailFixture();
    const at = nowSeconds(t.clock) + 60;
    const a = (await t.call<ScheduleResponse>(t.demo, 'POST', '/mails/send/schedule', { to: 'ana@example.test', subject: 'A', deliveryTime: at })).body;
    const b = (await t.call<ScheduleResponse>(t.demo, 'POST', '/mails/send/schedule', { to: 'ana@example.test', subject: 'B', deliveryTime: at })).body;
    expect((await t.call(t.demo, 'DELETE', `/mails/${a.mailId}`)).status).toBe(200);
    const moved = await t.call(t.demo, 'POST', `/mails/${b.mailId}/move`, { destinationFolderId: await t.folderIdOf(t.demo, 'drafts') });
    expect(moved.status).toBe(200);
    await t.advance(120_000);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(0);
    expect((await t.list(t.demo, 'trash')).items.map((m) => m.subject)).toEqual(['A']);
  });

  it('hides another user’s scheduled mail', async () => {
    const t = await mailFixture();
    const mine = (await t.call<ScheduleResponse>(t.ana, 'POST', '/mails/send/schedule', { to: 'demo@example.test', deliveryTime: nowSeconds(t.clock) + 60 })).body;
    expect((await t.call(t.demo, 'DELETE', `/mails/send/schedule/${mine.mailId}`)).status).toBe(404);
  });
});
