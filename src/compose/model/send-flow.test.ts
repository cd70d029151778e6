import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestClient, startMswServer } from '../../testing/msw';
import { FakeMailbox } from '../../testing/msw-mailbox';
import { emptyDraft, type DraftContent } from './draft';
import { DraftSync, type Connectivity } from './draft-sync';
import { SendFlow } from './send-flow';

const server = startMswServer();
const mailbox = new FakeMailbox();
const alwaysOnline: Connectivity = { isOnline: () => true, subscribe: () => () => {} };

function setup(options: { uploadsSettled?: () => Promise<void>; journal?: { clear(): Promise<void> } } = {}) {
  const api = createTestClient();
  let content: DraftContent = emptyDraft({
    from: { name: 'Ana Pop', address: 'ana@example.test' },
    to: [{ name: 'Bob', address: 'bob@example.test' }],
    subject: 'Plans',
  });
  const sync = new DraftSync({ api, getContent: () => content, connectivity: alwaysOnline, random: () => 0 });
  const flow = new SendFlow({ api, sync, getContent: () => content, ...options });
  const type = (text: string) => {
    content = { ...content, bodyText: content.bodyText + text, bodyHtml: `<p>${content.bodyText + text}</p>` };
    sync.changed();
  };
  const set = (patch: Partial<DraftContent>) => {
    content = { ...content, ...patch };
    sync.changed();
  };
  return { api, sync, flow, type, set };
}

const sends = () => mailbox.callLines().filter((line) => line === 'POST /mails/send' || /^POST \/drafts\/[^/]+\/send$/.test(line));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-11-24T14:03:00Z'));
  mailbox.reset();
  mailbox.install(server);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('send', () => {
  it('saves the last edits, then sends the draft by its newest id', async () => {
    const { sync, flow, type } = setup();
    type('See you at 5');
    await vi.advanceTimersByTimeAsync(1_500); // autosaved as d1
    type('.'); // not saved yet when Send is pressed
    const result = await flow.send();
    expect(mailbox.callLines()).toEqual(['POST /mails', 'PUT /drafts/d1', 'POST /drafts/d2/send']);
    expect(result).toEqual({ mailId: 'm3', processingId: 100, confirmedBy: 'response' });
    expect(mailbox.bodies.get('m3')).toMatchObject({ bodyText: 'See you at 5.' });
    expect(mailbox.drafts.size).toBe(0);
    expect(flow.getSnapshot()).toMatchObject({ status: 'sent', message: 'Sent', result });
    expect(sync.getSnapshot().status).toBe('sent');
    type('after');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(mailbox.drafts.size).toBe(0); // no autosave resurrects the draft
  });

  it('uses /mails/send when there is no draft yet, and clears the journal entry', async () => {
    const journal = { cleared: 0, clear: async () => void (journal.cleared += 1) };
    const { flow } = setup({ journal });
    // A reply sent without a single edit: nothing was ever saved.
    const result = await flow.send();
    expect(mailbox.callLines()).toEqual(['POST /mails/send']);
    expect(mailbox.lastBody('POST', '/mails/send')).toEqual({
      from: 'Ana Pop <ana@example.test>',
      to: 'Bob <bob@example.test>',
      subject: 'Plans',
      importance: 'normal',
    });
    expect(result.processingId).toBe(100);
    expect(journal.cleared).toBe(1);
  });

  it('sends with /mails/send when receipts are asked for, then deletes the draft', async () => {
    const { flow, type, set } = setup();
    type('Please confirm');
    await vi.advanceTimersByTimeAsync(1_500);
    set({ requestReadReceipt: true, requestDeliveryReceipt: true });
    await flow.send();
    expect(mailbox.callLines()).toEqual(['POST /mails', 'POST /mails/send', 'DELETE /mails/d1']);
    expect(mailbox.lastBody('POST', '/mails/send')).toMatchObject({ bodyText: 'Please confirm', requestReadReceipt: true, requestDeliveryReceipt: true });
    expect(mailbox.drafts.size).toBe(0);
    expect(flow.getSnapshot().leftoverDraftId).toBeNull();
  });

  it('waits for uploads, then saves the finished attachments into the draft before sending', async () => {
    let finishUploads!: () => void;
    const uploads = new Promise<void>((resolve) => (finishUploads = resolve));
    const { flow, type, set } = setup({ uploadsSettled: () => uploads });
    type('Report attached');
    const sending = flow.send();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(flow.getSnapshot().status).toBe('uploading');
    expect(sends()).toEqual([]);
    set({ attachments: [{ id: 7, isInline: false, name: 'report.pdf', size: 1000 }] });
    finishUploads();
    await sending;
    expect(mailbox.callLines()).toEqual(['POST /mails', 'PUT /drafts/d1', 'POST /drafts/d2/send']);
    expect(mailbox.lastBody('PUT', '/drafts/')).toMatchObject({ temporaryAttachments: [{ id: 7, isInline: false }] });
  });

  it('shares one send between repeated clicks and answers the result again afterwards', async () => {
    const { flow, type } = setup();
    type('once');
    const [a, b] = await Promise.all([flow.send(), flow.send()]);
    expect(a).toBe(b);
    expect(await flow.send()).toBe(a);
    expect(sends()).toHaveLength(1);
  });

  it('keeps the draft and explains a refused send; Retry sends it', async () => {
    mailbox.fail('POST', '/drafts/*', 400);
    const { sync, flow, type } = setup();
    type('hello');
    await expect(flow.send()).rejects.toMatchObject({ status: 400 });
    expect(flow.getSnapshot()).toMatchObject({ status: 'failed', uncertain: false });
    expect(flow.getSnapshot().result).toBeNull();
    expect(flow.getSnapshot().message).toBe('Not sent: the server refused it: Planned failure 400.');
    expect(mailbox.drafts.size).toBe(1);
    // Autosave is back on after a certain failure.
    type(' again');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sync.getSnapshot().mailId).toBe('d2');
    await flow.send();
    expect(sends()).toEqual(['POST /drafts/d1/send', 'POST /drafts/d2/send']);
    expect(mailbox.sent).toHaveLength(1);
  });

  it('never sends twice: a send-draft whose answer was lost is confirmed by the draft being gone', async () => {
    mailbox.fail('POST', '/drafts/*', 'network', { afterWork: true });
    const { sync, flow, type } = setup();
    type('important');
    await expect(flow.send()).rejects.toMatchObject({ kind: 'network' });
    expect(flow.getSnapshot()).toMatchObject({ status: 'failed', uncertain: true });
    expect(flow.getSnapshot().message).toMatch(/^It is not certain the message was sent: .* Retry checks first, so it is never sent twice\.$/);
    // Edits after the uncertain attempt must not make autosave recreate the (sent) draft.
    type(' edit');
    await vi.advanceTimersByTimeAsync(30_000);
    const result = await flow.send();
    expect(result).toEqual({ confirmedBy: 'draft-gone' });
    expect(mailbox.callLines()).toEqual(['POST /mails', 'POST /drafts/d1/send', 'GET /mails/d1']);
    expect(mailbox.sent).toHaveLength(1);
    expect(mailbox.drafts.size).toBe(0);
    expect(sync.getSnapshot().status).toBe('sent');
  });

  it('sends on Retry when the check shows the first attempt did not go through', async () => {
    mailbox.fail('POST', '/drafts/*', 'network');
    const { flow, type } = setup();
    type('second try');
    await expect(flow.send()).rejects.toMatchObject({ kind: 'network' });
    await flow.send();
    expect(mailbox.callLines()).toEqual(['POST /mails', 'POST /drafts/d1/send', 'GET /mails/d1', 'POST /drafts/d1/send']);
    expect(mailbox.sent).toHaveLength(1);
  });

  it('never sends twice via /mails/send either: finds the message in Sent', async () => {
    mailbox.fail('POST', '/mails/send', 'network', { afterWork: true });
    const { flow } = setup();
    await expect(flow.send()).rejects.toMatchObject({ kind: 'network' });
    const result = await flow.send();
    expect(result).toEqual({ mailId: 'm1', confirmedBy: 'found' });
    expect(mailbox.callLines()).toEqual(['POST /mails/send', 'GET /folders', 'GET /mails']);
    expect(mailbox.sent).toHaveLength(1);
  });

  it('keeps saying it is uncertain while the check itself cannot be made', async () => {
    mailbox.fail('POST', '/drafts/*', 503, { afterWork: true });
    const { flow, type } = setup();
    type('x');
    await expect(flow.send()).rejects.toMatchObject({ status: 503 });
    mailbox.fail('GET', '/mails/d1', 'network');
    await expect(flow.send()).rejects.toMatchObject({ kind: 'network' });
    expect(flow.getSnapshot().uncertain).toBe(true);
    expect(await flow.send()).toEqual({ confirmedBy: 'draft-gone' });
    expect(mailbox.sent).toHaveLength(1);
  });

  it('does not send when the draft cannot be saved first', async () => {
    mailbox.fail('PUT', '/drafts/*', 401);
    const { flow, type } = setup();
    type('a');
    await vi.advanceTimersByTimeAsync(1_500);
    type('b');
    await expect(flow.send()).rejects.toMatchObject({ status: 401 });
    expect(sends()).toEqual([]);
    expect(flow.getSnapshot().message).toBe('Not sent: your session has expired. Sign in again; nothing you wrote is lost.');
  });
});

describe('schedule', () => {
  const inOneHour = () => Math.floor(Date.now() / 1000) + 3_600;

  it('schedules the saved draft', async () => {
    const { flow, sync, type } = setup();
    type('later');
    const when = inOneHour();
    expect(await flow.schedule(when)).toEqual({ mailId: 'm2', confirmedBy: 'response' });
    expect(mailbox.callLines()).toEqual(['POST /mails', 'POST /drafts/d1/send/schedule']);
    expect(mailbox.lastBody('POST', '/drafts/d1/send/schedule')).toEqual({ deliveryTime: when });
    expect(sync.getSnapshot().status).toBe('scheduled');
    expect(flow.getSnapshot()).toMatchObject({ status: 'scheduled', message: 'Scheduled' });
  });

  it('schedules with /mails/send/schedule when there is no draft, or receipts are asked for', async () => {
    const { flow, type, set } = setup();
    type('x');
    await vi.advanceTimersByTimeAsync(1_500);
    set({ requestReadReceipt: true });
    const when = inOneHour();
    await flow.schedule(when);
    expect(mailbox.callLines()).toEqual(['POST /mails', 'POST /mails/send/schedule', 'DELETE /mails/d1']);
    expect(mailbox.lastBody('POST', '/mails/send/schedule')).toMatchObject({ deliveryTime: when, requestReadReceipt: true, bodyText: 'x' });
  });

  it('refuses past times and times more than a year ahead before calling the server', async () => {
    const { flow } = setup();
    const now = Math.floor(Date.now() / 1000);
    await expect(flow.schedule(now - 60)).rejects.toThrow('The delivery time is in the past. Pick a later time.');
    await expect(flow.schedule(now + 366 * 86_400)).rejects.toThrow('at most one year ahead');
    expect(flow.getSnapshot().message).toBe('Not scheduled: mail can be scheduled at most one year ahead. Pick an earlier time.');
    expect(mailbox.calls).toEqual([]);
  });
});
