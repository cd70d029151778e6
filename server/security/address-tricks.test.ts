import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, MailInstance, SendResponse } from '../../src/api/contract';
import { nowSeconds } from '../clock';
import { mailFixture } from '../mail/test-support';

/**
 * Address tricks that have misrouted mail, sent through the API end to end with an SMTP relay
 * sink: each is either refused with a 400 naming the field, or delivered to exactly the intended
 * recipient(s). Nothing ever reaches evil.test — not in the relay's envelope, not in the delivery
 * log, not in a header of the delivered message.
 */

interface Received {
  rcptTo: string[];
  raw: Buffer;
}

async function startSink(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Tricks that cannot be read one way only: refused, whatever field or endpoint they arrive in. */
const REFUSED: [label: string, value: string][] = [
  ['a quoted local part hiding another domain', '"a@evil.test x"@internal.test'],
  ['a quoted local part that is an address', '"a@evil.test"@internal.test'],
  ['a comment glued to the domain', 'user@example.test(x)evil.test'],
  ['a comment glued to the domain, with @', 'user@example.test(x)@evil.test'],
  ['an unquoted comma in a display name', 'Joe Foo, PhD <joe@partner.test>'],
  ['two @ signs', 'a@evil.test@internal.test'],
  ['a CRLF header injection', 'jane@partner.test\r\nBcc: a@evil.test'],
  ['a bare LF header injection', 'jane@partner.test\nCc: a@evil.test'],
  ['an obsolete source route', '@evil.test:jane@partner.test'],
  ['a domain literal', 'jane@[10.0.0.1]'],
  ['an address used as an unquoted display name', 'jane@partner.test <a@evil.test>'],
  ['an unterminated angle address', 'Jane <jane@partner.test>, <a@evil.test'],
  ['two addresses without a separator', 'jane@partner.test a@evil.test'],
  ['a semicolon instead of a comma', 'jane@partner.test;a@evil.test'],
  ['text after an angle address', '<jane@partner.test> a@evil.test'],
  ['a NUL inside the local part', 'a@evil.test\u0000@partner.test'],
  ['a full-width @', 'jane＠evil.test'],
  ['a trailing dot on the domain', 'jane@evil.test.'],
];

/** Tricky but readable one way only: delivered to exactly these recipients. */
const DELIVERED: [label: string, value: string, recipients: string[]][] = [
  ['a quoted comma in a display name', '"Doe, Jane" <jane@partner.test>', ['jane@partner.test']],
  ['a quoted comma, then a second address', '"Doe, Jane" <jane@partner.test>, bob@partner.test', ['jane@partner.test', 'bob@partner.test']],
  ['an address in a comment after the address', 'jane@partner.test (a@evil.test)', ['jane@partner.test']],
  ['an address hidden in an encoded-word name', '=?utf-8?B?YUBldmlsLnRlc3Q=?= <jane@partner.test>', ['jane@partner.test']],
  ['an escaped quote and an address in a quoted name', '"\\"a@evil.test" <jane@partner.test>', ['jane@partner.test']],
  ['a trailing comma', 'jane@partner.test, ', ['jane@partner.test']],
];

const FIELDS = ['to', 'cc', 'bcc', 'replyTo'] as const;

describe('address tricks through the API', () => {
  let sink: Awaited<ReturnType<typeof startSink>>;
  let t: Awaited<ReturnType<typeof mailFixture>>;
  let draftId: string;
  beforeAll(async () => {
    sink = await startSink();
    t = await mailFixture({ smtpRelayUrl: sink.url });
    draftId = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { subject: 'A draft to replace' })).body.id;
  });
  afterAll(async () => {
    await t.worker.stop();
    await sink.close();
  });

  const endpoints = (field: string, value: string) => {
    const base = field === 'to' ? { to: value } : { to: 'jane@partner.test', [field]: value };
    return [
      ['create a draft', 'POST', '/mails', base],
      ['replace a draft', 'PUT', `/drafts/${draftId}`, base],
      ['send', 'POST', '/mails/send', base],
      ['schedule', 'POST', '/mails/send/schedule', { ...base, deliveryTime: nowSeconds(t.clock) + 60 }],
    ] as const;
  };

  it.each(REFUSED.flatMap(([label, value]) => FIELDS.map((field) => [label, field, value] as const)))(
    '%s in %s: every endpoint answers 400 naming the field',
    async (_label, field, value) => {
      for (const [name, method, path, body] of endpoints(field, value)) {
        const res = await t.call<ApiErrorBody>(t.demo, method, path, body);
        expect(res.status, name).toBe(400);
        expect(res.body.error.field, name).toBe(field);
      }
    },
  );

  it.each(REFUSED)('%s as the sender: refused naming from', async (_label, value) => {
    const res = await t.call<ApiErrorBody>(t.demo, 'POST', '/mails/send', { from: value, to: 'jane@partner.test' });
    expect([400, 403]).toContain(res.status);
    expect(res.body.error.field).toBe('from');
  });

  it('none of the refused requests left anything behind: nothing sent, scheduled or relayed', async () => {
    await t.advance(120_000);
    expect(sink.received).toEqual([]);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM delivery_log').get()).toEqual({ n: 0 });
    expect((await t.list(t.demo, 'sent')).totalItems).toBe(0);
    expect((await t.list(t.demo, 'scheduled')).totalItems).toBe(0);
    expect((await t.list(t.demo, 'drafts')).items.map((m) => m.id)).toEqual([draftId]);
  });

  describe.each(['to', 'cc', 'bcc'] as const)('readable tricks in %s are delivered to exactly the intended recipients', (field) => {
    it.each(DELIVERED)('%s', async (_label, value, recipients) => {
      sink.received.length = 0;
      // Half through Send, half through a saved draft and Send Draft: both paths re-read the stored addresses.
      const viaDraft = field !== 'cc';
      let sent: SendResponse;
      if (viaDraft) {
        const draft = await t.call<MailInstance>(t.demo, 'POST', '/mails', { [field]: value, subject: `trick in ${field}` });
        expect(draft.status).toBe(200);
        sent = (await t.call<SendResponse>(t.demo, 'POST', `/drafts/${draft.body.id}/send`)).body;
      } else {
        const res = await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { [field]: value, subject: `trick in ${field}` });
        expect(res.status).toBe(200);
        sent = res.body;
      }
      await t.advance(11_000);

      // The relay was asked for exactly these recipients, in one transaction.
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]!.rcptTo.sort()).toEqual([...recipients].sort());
      const log = t.db.prepare<[number], { recipient: string }>('SELECT recipient FROM delivery_log WHERE queue_id = ?').all(sent.processingId);
      expect(log.map((entry) => entry.recipient).sort()).toEqual([...recipients].sort());

      // The delivered message names exactly them (Bcc is never in a delivered copy), and evil.test nowhere as an address.
      const delivered = await simpleParser(sink.received[0]!.raw);
      const addressesOf = (header: AddressObject | AddressObject[] | undefined) =>
        (Array.isArray(header) ? header : header ? [header] : []).flatMap((h) => h.value.map((v) => v.address));
      expect(addressesOf(field === 'bcc' ? undefined : delivered[field])).toEqual(field === 'bcc' ? [] : recipients);
      expect(delivered.bcc).toBeUndefined();
      const everyAddress = [...addressesOf(delivered.to), ...addressesOf(delivered.cc), ...addressesOf(delivered.replyTo), ...addressesOf(delivered.from)];
      expect(everyAddress.filter((a) => a?.includes('evil.test'))).toEqual([]);

      // The Sent copy says the same.
      const copy = (await t.call<MailInstance>(t.demo, 'GET', `/mails/${sent.mailId}`)).body;
      expect(copy[field]).not.toMatch(/<[^>]*evil\.test/);
    });
  });

  it('after all of that, no envelope and no delivery ever named evil.test', () => {
    const log = t.db.prepare<[], { recipient: string }>('SELECT recipient FROM delivery_log').all();
    expect(log.length).toBeGreaterThan(0);
    expect(log.filter((entry) => entry.recipient.includes('evil'))).toEqual([]);
  });

  it('a %-hack on a local domain stays on this server (a bounce), never relayed', async () => {
    sink.received.length = 0;
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'a%evil.test@example.test' })).body;
    await t.advance(11_000);
    expect(sink.received).toEqual([]);
    const log = t.db.prepare<[number], { recipient: string; route: string }>('SELECT recipient, route FROM delivery_log WHERE queue_id = ?').all(sent.processingId);
    expect(log).toHaveLength(1);
    expect(log[0]!.recipient).toBe('a%evil.test@example.test');
    expect(log[0]!.route).toBe('bounced');
  });
});
