import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailInstance, SendResponse } from '../../src/api/contract';
import { mailFixture, TINY_PNG } from '../mail/test-support';
import { deliveryLog } from '../queue/processing-queue';

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

/** An SMTP sink on 127.0.0.1 (port 0) that keeps what it receives; `refuse` answers 550 for those recipients. */
async function startSink(refuse: string[] = []): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.includes(address.address)) callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The MIME tree of a raw message: content types (and Content-ID / file name) nested as they are. */
interface MimeNode {
  type: string;
  contentId?: string;
  fileName?: string;
  children: MimeNode[];
}

function mimeTree(raw: string): MimeNode {
  const split = raw.search(/\r\n\r\n/);
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
  const contentType = header('Content-Type') ?? 'text/plain';
  const node: MimeNode = { type: contentType.split(';')[0]!.trim().toLowerCase(), children: [] };
  const cid = header('Content-ID');
  if (cid) node.contentId = cid.replace(/[<>]/g, '');
  const fileName = /filename(?:\*0)?\*?=(?:utf-8'')?"?([^";]+)"?/i.exec(header('Content-Disposition') ?? '')?.[1];
  if (fileName) node.fileName = fileName;
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (node.type.startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1);
    node.children = parts.map((part) => mimeTree(part.replace(/^\r\n/, '')));
  }
  return node;
}

const shape = (node: MimeNode): unknown => ({
  type: node.type,
  ...(node.contentId ? { contentId: node.contentId } : {}),
  ...(node.fileName ? { fileName: node.fileName } : {}),
  ...(node.children.length ? { children: node.children.map(shape) } : {}),
});

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

describe('delivery through the API', () => {
  it('sends an inline image and two files to a local account and through the SMTP relay, with the same MIME tree and no Bcc', async () => {
    const sink = await startSink();
    cleanup.push(sink.close);
    const t = await mailFixture({ smtpRelayUrl: sink.url });
    cleanup.push(() => t.worker.stop());

    const pdf = Buffer.from('%PDF-1.4\n% demo\n', 'latin1');
    const csv = Buffer.from('month,total\nJan,12\nFeb,15\n', 'utf8');
    const [image, report, table] = (
      await t.upload(t.demo, [
        { name: 'chart.png', type: 'image/png', content: TINY_PNG },
        { name: 'Raport anual ă.pdf', type: 'application/pdf', content: pdf },
        { name: 'numbers.csv', type: 'text/csv', content: csv },
      ])
    ).body.items;
    const cid = 'chart-7f3a@compose.example.test';
    const html = `<p>Numbers for <b>Q1</b>:</p><p><img src="cid:${cid}" alt="chart"></p>`;
    const sent = await t.call<SendResponse>(t.demo, 'POST', '/mails/send', {
      to: '"Popescu, Ana" <ana@example.test>, Carol <carol@elsewhere.test>',
      cc: 'dan@elsewhere.test',
      bcc: 'boss@elsewhere.test',
      subject: 'Q1 numbers — final',
      importance: 'high',
      bodyText: 'Numbers for Q1 (chart inline).',
      bodyHtml: html,
      temporaryAttachments: [{ id: image!.id, contentId: cid, isInline: true }, { id: report!.id }, { id: table!.id }],
    });
    expect(sent.status).toBe(200);
    expect(sink.received).toHaveLength(0);
    expect(await t.advance(10_500)).toBe(1);

    // External: one SMTP transaction for carol, dan and the Bcc recipient.
    expect(sink.received).toHaveLength(1);
    const relayed = sink.received[0]!;
    expect(relayed.from).toBe('demo@example.test');
    expect(relayed.to.sort()).toEqual(['boss@elsewhere.test', 'carol@elsewhere.test', 'dan@elsewhere.test']);

    // Local: Ana's Inbox.
    const inbox = (await t.list(t.ana, 'inbox')).items as unknown as MailInstance[];
    expect(inbox).toHaveLength(1);
    const local = Buffer.from((await t.call<string>(t.ana, 'GET', `/mails/${inbox[0]!.id}/source`)).body, 'utf8');

    const expectedTree = {
      type: 'multipart/mixed',
      children: [
        {
          type: 'multipart/alternative',
          children: [
            { type: 'text/plain' },
            { type: 'multipart/related', children: [{ type: 'text/html' }, { type: 'image/png', contentId: cid, fileName: 'chart.png' }] },
          ],
        },
        { type: 'application/pdf', fileName: expect.any(String) as unknown },
        { type: 'text/csv', fileName: 'numbers.csv' },
      ],
    };
    for (const raw of [relayed.raw, local]) {
      const text = raw.toString('latin1');
      expect(shape(mimeTree(text))).toEqual(expectedTree);
      expect(text).not.toMatch(/^bcc:/im);
      expect(text).not.toContain('boss@elsewhere.test');

      const parsed = await simpleParser(raw, { skipImageLinks: true });
      expect(parsed.subject).toBe('Q1 numbers — final');
      expect(parsed.from?.value.map((a) => [a.name, a.address])).toEqual([['Demo User', 'demo@example.test']]);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => [a.name, a.address]) : []).toEqual([
        ['Popescu, Ana', 'ana@example.test'],
        ['Carol', 'carol@elsewhere.test'],
      ]);
      expect(parsed.headers.get('priority')).toBe('high');
      expect(parsed.html).toBe(html);
      // The related part's Content-ID is exactly the cid the HTML references.
      const inlinePart = parsed.attachments.find((a) => a.related)!;
      expect(inlinePart.cid).toBe(cid);
      expect(html).toContain(`cid:${inlinePart.cid}`);
      expect(inlinePart.content).toEqual(TINY_PNG);
      const files = parsed.attachments.filter((a) => !a.related).map((a) => [a.filename, a.size]);
      expect(files).toEqual([
        ['Raport anual ă.pdf', pdf.length],
        ['numbers.csv', csv.length],
      ]);
    }
    expect((await simpleParser(local)).messageId).toBe((await simpleParser(relayed.raw)).messageId);

    // The sender's Sent copy keeps the Bcc; the Inbox copy's MailInstance lists the inline image as inline.
    const sentCopy = (await t.call<MailInstance>(t.demo, 'GET', `/mails/${sent.body.mailId}`)).body;
    expect(sentCopy.bcc).toBe('boss@elsewhere.test');
    expect(inbox[0]!.attachments.map((a) => [a.name, a.isInline, a.contentId])).toEqual([
      ['chart.png', true, cid],
      ['Raport anual ă.pdf', false, ''],
      ['numbers.csv', false, ''],
    ]);
    expect(deliveryLog(t.db, sent.body.processingId).map((e) => [e.recipient, e.route])).toEqual([
      ['ana@example.test', 'local'],
      ['carol@elsewhere.test', 'relay'],
      ['dan@elsewhere.test', 'relay'],
      ['boss@elsewhere.test', 'relay'],
    ]);
  });

  it('returns recipients the relay refuses to the sender as a bounce', async () => {
    const sink = await startSink(['ghost@elsewhere.test']);
    cleanup.push(sink.close);
    const t = await mailFixture({ smtpRelayUrl: sink.url });
    cleanup.push(() => t.worker.stop());
    await t.call(t.demo, 'POST', '/mails/send', { to: 'carol@elsewhere.test, ghost@elsewhere.test', subject: 'Hi' });
    await t.advance(11_000);
    expect(sink.received.map((r) => r.to)).toEqual([['carol@elsewhere.test']]);
    const inbox = (await t.list(t.demo, 'inbox')).items.map((m) => m.subject);
    expect(inbox).toEqual(['Undelivered Mail Returned to Sender: Hi']);
  });

  it('retries later when the relay is down, without delivering to the local recipient twice', async () => {
    const sink = await startSink();
    const url = sink.url;
    await sink.close();
    const t = await mailFixture({ smtpRelayUrl: url, sessionIdleMs: 86_400_000 });
    cleanup.push(() => t.worker.stop());
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'carol@elsewhere.test, ana@example.test', subject: 'Retry' })).body;
    expect(await t.advance(11_000)).toBe(0);
    // The local recipient already has it; the relay part waits for the next attempt.
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(1);
    expect(deliveryLog(t.db, sent.processingId).map((e) => e.route)).toEqual(['local']);
    // Undo is over once delivery started.
    expect((await t.call(t.demo, 'POST', '/mails/send/undo', { processingId: sent.processingId })).status).toBe(400);
    expect(await t.advance(61_000)).toBe(0);
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(1);
  });

  it('gives up after the last retry with one bounce naming every recipient that never got the mail', async () => {
    const sink = await startSink();
    const url = sink.url;
    await sink.close();
    const t = await mailFixture({ smtpRelayUrl: url, sessionIdleMs: 86_400_000 });
    cleanup.push(() => t.worker.stop());
    const sent = (
      await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'carol@elsewhere.test, nobody@example.test, ana@example.test', subject: 'Doomed' })
    ).body;
    // The first attempt and the five retries (1 min, 5 min, 15 min, 1 h, 4 h) all find the relay down.
    for (const ms of [11_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000]) {
      await t.advance(ms);
      expect((await t.list(t.demo, 'inbox')).totalItems).toBe(0);
    }
    await t.advance(4 * 60 * 60_000);
    const inbox = (await t.list(t.demo, 'inbox')).items;
    expect(inbox.map((m) => m.subject)).toEqual(['Undelivered Mail Returned to Sender: Doomed']);
    const report = await simpleParser(Buffer.from((await t.call<{ data: string }>(t.demo, 'GET', `/mails/${inbox[0]!.id}/body?type=text`)).body.data, 'base64'));
    // The local unknown mailbox bounced on the first attempt; it is still reported at the end.
    expect(report.text).toContain('carol@elsewhere.test');
    expect(report.text).toContain('nobody@example.test');
    expect(report.text).not.toContain('ana@example.test');
    expect((await t.list(t.ana, 'inbox')).totalItems).toBe(1);
    expect(deliveryLog(t.db, sent.processingId).map((e) => [e.recipient, e.route])).toEqual([
      ['nobody@example.test', 'bounced'],
      ['ana@example.test', 'local'],
      ['carol@elsewhere.test', 'bounced'],
    ]);
  });

  it('records mail for other domains as delivered when no relay is configured', async () => {
    const t = await mailFixture();
    const sent = (await t.call<SendResponse>(t.demo, 'POST', '/mails/send', { to: 'carol@elsewhere.test' })).body;
    await t.advance(11_000);
    expect(deliveryLog(t.db, sent.processingId)).toMatchObject([{ recipient: 'carol@elsewhere.test', route: 'external' }]);
  });
});
