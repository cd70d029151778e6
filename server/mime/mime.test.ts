import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors';
import { domainOf, parseAddressList, parseSingleAddress } from './addresses';
import { composeMessage, withoutBcc, type OutgoingMessage } from './compose';
import { contentDisposition, safeFileName } from './file-names';
import { readMessage } from './read';

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const base = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  from: { name: 'Demo User', address: 'demo@example.test' },
  to: [{ name: 'Doe, Jane', address: 'jane@x.test' }],
  cc: [{ name: '', address: 'cc@x.test' }],
  bcc: [{ name: '', address: 'secret@y.test' }],
  replyTo: [],
  subject: 'Quarterly report — ready',
  text: 'Hello Jane',
  html: '<p>Hello <b>Jane</b><img src="cid:logo-1@compose"></p>',
  importance: 'high',
  date: new Date(Date.UTC(2026, 10, 24, 12)),
  attachments: [
    { fileName: 'logo.png', contentType: 'image/png', source: { content: PNG }, contentId: 'logo-1@compose', inline: true },
    { fileName: '../../etc/report\u202Egpj.pdf', contentType: 'application/pdf', source: { content: Buffer.from('%PDF-1.4 fake') }, inline: false },
  ],
  ...overrides,
});

function expectBadRequest(run: () => unknown, field: string) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    expect((err as HttpError).field).toBe(field);
    return;
  }
  throw new Error('expected a 400');
}

describe('address parsing', () => {
  it('reads names with quoted commas as one address', () => {
    expect(parseAddressList('"Doe, Jane" <jane@x.test>, bob@x.test', 'to')).toEqual([
      { name: 'Doe, Jane', address: 'jane@x.test' },
      { name: '', address: 'bob@x.test' },
    ]);
  });

  it('tolerates a trailing separator and lower-cases the domain only', () => {
    expect(parseAddressList('Ana <Ana@Example.TEST>, ', 'cc')).toEqual([{ name: 'Ana', address: 'Ana@example.test' }]);
  });

  it('refuses an unquoted comma inside a name instead of splitting it into two recipients', () => {
    expectBadRequest(() => parseAddressList('Joe Foo, PhD <joe@x.test>', 'to'), 'to');
  });

  it('refuses a quoted local part that hides another domain', () => {
    expectBadRequest(() => parseAddressList('"a@evil.test x"@internal.test', 'bcc'), 'bcc');
  });

  it('refuses a comment glued to the domain', () => {
    expectBadRequest(() => parseAddressList('user@good-corp.test(x)evil.test', 'to'), 'to');
  });

  it('refuses words that are not addresses, and several addresses where one is expected', () => {
    expectBadRequest(() => parseAddressList('jane', 'to'), 'to');
    expectBadRequest(() => parseSingleAddress('a@x.test, b@x.test', 'from'), 'from');
  });

  it('routes by the text after the last @', () => {
    expect(domainOf('user@Good.TEST')).toBe('good.test');
  });
});

describe('file names', () => {
  it('strips paths, control and direction-override characters', () => {
    expect(safeFileName('../../etc/pass\u0000wd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('...')).toBe('attachment');
  });

  it('keeps long names within 255 bytes with their extension', () => {
    const name = safeFileName(`${'ä'.repeat(300)}.docx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.docx')).toBe(true);
  });

  it('gives an ASCII fallback and the exact UTF-8 name in Content-Disposition', () => {
    expect(contentDisposition('attachment', 'raport "final" ă.pdf')).toBe(
      `attachment; filename="raport _final_ _.pdf"; filename*=UTF-8''raport%20%22final%22%20%C4%83.pdf`,
    );
  });
});

describe('composing and reading back', () => {
  it('builds text+html alternatives, a related inline image and a file attachment', async () => {
    const raw = await composeMessage(base());
    const parsed = await simpleParser(raw, { skipImageLinks: true });
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/mixed' });
    expect(raw.toString()).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw.toString()).toMatch(/Content-Type: multipart\/related; type="text\/html"/);
    expect(raw.toString()).toMatch(/^Importance: High\r$/m);
    expect(raw.toString()).toMatch(/^X-Priority: 1 \(Highest\)\r$/m);

    const image = parsed.attachments.find((a) => a.contentType === 'image/png')!;
    expect(image.cid).toBe('logo-1@compose');
    expect(image.related).toBe(true);
    const pdf = parsed.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe('reportgpj.pdf');
    expect(pdf.related).toBeFalsy();
  });

  it('reads a MailInstance-shaped summary: addresses, importance, inline flags', async () => {
    const message = await readMessage(await composeMessage(base()));
    expect(message.from).toBe('Demo User <demo@example.test>');
    expect(message.to).toBe('"Doe, Jane" <jane@x.test>');
    expect(message.bcc).toBe('secret@y.test');
    expect(message.replyTo).toBe(message.from);
    expect(message.subject).toBe('Quarterly report — ready');
    expect(message.snippet).toBe('Hello Jane');
    expect(message.importance).toBe('high');
    expect(message.returnReceipt).toBe(false);
    expect(message.html).toContain('src="cid:logo-1@compose"');
    expect(message.attachments.map((a) => [a.id, a.name, a.contentId, a.isInline, a.size])).toEqual([
      [0, 'logo.png', 'logo-1@compose', true, PNG.length],
      [1, 'reportgpj.pdf', '', false, 13],
    ]);
  });

  it('marks a related part that the HTML does not reference as not inline', async () => {
    const message = await readMessage(await composeMessage(base({ html: '<p>no image here</p>' })));
    expect(message.attachments[0]).toMatchObject({ contentId: 'logo-1@compose', isInline: false });
  });

  it('keeps a Content-ID on a plain attachment without making it related', async () => {
    const raw = await composeMessage(
      base({ attachments: [{ fileName: 'a.txt', contentType: 'text/plain', source: { content: Buffer.from('x') }, contentId: 'keep-me', inline: false }] }),
    );
    const message = await readMessage(raw);
    expect(message.attachments[0]).toMatchObject({ contentId: 'keep-me', isInline: false, name: 'a.txt' });
  });

  it('writes In-Reply-To, References and Disposition-Notification-To', async () => {
    const raw = await composeMessage(
      base({ inReplyTo: '<orig@x.test>', references: ['<root@x.test>', '<orig@x.test>'], readReceiptTo: { name: 'Demo User', address: 'demo@example.test' } }),
    );
    const parsed = await simpleParser(raw);
    expect(parsed.inReplyTo).toBe('<orig@x.test>');
    expect(parsed.references).toEqual(['<root@x.test>', '<orig@x.test>']);
    expect((await readMessage(raw)).returnReceipt).toBe(true);
  });

  it('drops the Bcc header, and only it, from the delivered copy', async () => {
    const raw = await composeMessage(base({ bcc: [{ name: 'A very long name that will surely fold', address: 'a@y.test' }, { name: '', address: 'b@y.test' }] }));
    expect(raw.toString()).toMatch(/^Bcc:/m);
    const delivered = withoutBcc(raw);
    expect(delivered.toString()).not.toMatch(/^Bcc:/im);
    expect(delivered.toString()).not.toContain('b@y.test');
    const message = await readMessage(delivered);
    expect(message.bcc).toBe('');
    expect(message.to).toBe('"Doe, Jane" <jane@x.test>');
    expect(message.attachments).toHaveLength(2);
  });

  it('answers an empty text body when neither text nor html is given', async () => {
    const message = await readMessage(await composeMessage(base({ text: undefined, html: undefined, attachments: [] })));
    expect(message.text).toBe('');
    expect(message.html).toBeUndefined();
  });
});
