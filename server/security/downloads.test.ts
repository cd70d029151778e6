import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentList, TemporaryAttachmentUploadResponse } from '../../src/api/contract';
import { requireFolderByRole } from '../accounts/folders';
import { findAccountByEmail } from '../accounts/accounts';
import { nowSeconds } from '../clock';
import { insertMail } from '../mail/mail-store';
import { mailFixture } from '../mail/test-support';
import { uploadsDirectory } from '../mail/temporary-attachments';

/**
 * Bytes served back (temporary-attachment items and attachments of stored mail) can never run in
 * our origin or rewrite the response: `nosniff`, a sandboxing CSP, active types (HTML, SVG, XML,
 * script) only ever as downloads, and a Content-Disposition that hostile file names cannot break.
 */

type Fixture = Awaited<ReturnType<typeof mailFixture>>;

/** File names that have been used to trick people or software. */
const HOSTILE_NAMES: [label: string, raw: string][] = [
  ['a Unix path that climbs out', '../../etc/passwd'],
  ['a Windows path', 'C:\\Users\\me\\..\\evil.exe'],
  ['a header injection attempt', 'report\r\nSet-Cookie: stolen=1\r\n\r\n<script>.txt'],
  ['tabs, NUL and DEL', 'tab\there\u0000nul\u007f.txt'],
  ['an RTL override hiding .exe', 'invoice\u202Efdp.exe'],
  ['bidi isolates and marks', 'a\u2066b\u2069c\u200f.txt'],
  ['quotes of both kinds', `say "hi" and 'bye'.txt`],
  ['a second filename parameter', 'x.txt"; filename="evil.html'],
  ['backslash before a quote', 'a\\"b.txt'],
  ['a name that is too long', `${'x'.repeat(300)}.pdf`],
  ['a long name of two-byte letters', `${'ă'.repeat(200)}.pdf`],
  ['a dot file', '.htaccess'],
  ['only dots', '...'],
  ['percent escapes that look like a path', '%2e%2e%2fsecret.txt'],
  ['a semicolon and equals', 'a; b=c.txt'],
];

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[/\\\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function expectSafeName(name: string) {
  expect(name).not.toBe('');
  expect(name).not.toMatch(UNSAFE_IN_NAME);
  expect(name).not.toMatch(/^\./);
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
}

/** `inline|attachment; filename="<ascii without quotes or backslashes>"; filename*=UTF-8''<percent-encoded>` and nothing else. */
const DISPOSITION = /^(inline|attachment); filename="([\x20\x21\x23-\x5b\x5d-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9%!._~-]*)$/;

function expectSafeBytesHeaders(res: Response, expected: { name: string; disposition?: 'attachment' }) {
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = DISPOSITION.exec(disposition);
  expect(match, disposition).not.toBeNull();
  expect(decodeURIComponent(match![3]!)).toBe(expected.name);
  if (expected.disposition) expect(match![1]).toBe(expected.disposition);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toMatch(/(^|;)\s*sandbox\s*(;|$)/);
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  // Nothing the name carried became a header of its own.
  expect(res.headers.get('set-cookie')).toBeNull();
}

/** A multipart body written by hand, so names reach the server byte for byte (FormData would escape them). */
function multipart(parts: { disposition: string; type: string; content: string }[]): { body: Buffer; contentType: string } {
  const boundary = 'security-test-boundary-7d3f';
  const chunks = parts.map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${p.disposition}\r\nContent-Type: ${p.type}\r\n\r\n${p.content}\r\n`);
  return { body: Buffer.from(`${chunks.join('')}--${boundary}--\r\n`, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** RFC 5987 `filename*`, which carries any bytes (CR, LF, NUL…) through the multipart header. */
const extendedFilename = (name: string) => `filename*=UTF-8''${encodeURIComponent(name).replace(/'/g, '%27')}`;

async function uploadRaw(t: Fixture, parts: Parameters<typeof multipart>[0]) {
  const { body, contentType } = multipart(parts);
  const res = await t.app.request('/api/v1/temporaryAttachments', { method: 'POST', headers: { ...t.demo.headers, 'content-type': contentType }, body: new Uint8Array(body) });
  expect(res.status).toBe(200);
  return ((await res.json()) as TemporaryAttachmentUploadResponse).items;
}

describe('uploaded files with hostile names', () => {
  let t: Fixture;
  let items: TemporaryAttachmentUploadResponse['items'];
  beforeAll(async () => {
    t = await mailFixture();
    items = await uploadRaw(
      t,
      HOSTILE_NAMES.map(([, raw]) => ({ disposition: extendedFilename(raw), type: 'application/pdf', content: '%PDF-1.4' })),
    );
  });

  it.each(HOSTILE_NAMES.map(([label], index) => [label, index] as const))('%s: stored safely and served with a header it cannot break', async (_label, index) => {
    const item = items[index]!;
    expectSafeName(item.name);
    const res = await t.call(t.demo, 'GET', `/temporaryAttachments/${item.id}`);
    expect(res.status).toBe(200);
    expectSafeBytesHeaders(res.res, { name: item.name });
  });

  it('keeps what is harmless of each name', () => {
    const byLabel = new Map(HOSTILE_NAMES.map(([label], index) => [label, items[index]!.name]));
    expect(byLabel.get('a Unix path that climbs out')).toBe('passwd');
    expect(byLabel.get('a Windows path')).toBe('evil.exe');
    expect(byLabel.get('an RTL override hiding .exe')).toBe('invoicefdp.exe');
    expect(byLabel.get('quotes of both kinds')).toBe(`say "hi" and 'bye'.txt`);
    expect(byLabel.get('a name that is too long')).toMatch(/^x+\.pdf$/);
    expect(byLabel.get('a long name of two-byte letters')).toMatch(/^ă+\.pdf$/);
    expect(byLabel.get('a dot file')).toBe('htaccess');
    expect(byLabel.get('only dots')).toMatch(/^attachment-\d+$/);
  });

  it('never uses the client’s name on disk: every stored file has a random name of its own', () => {
    const files = fs.readdirSync(uploadsDirectory(t.deps));
    expect(files).toHaveLength(HOSTILE_NAMES.length);
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{32}\.bin$/);
  });

  it('reads a plain quoted filename the same way (the path is stripped, quotes kept)', async () => {
    const [item] = await uploadRaw(t, [{ disposition: 'filename="..\\\\..\\\\boot.ini"', type: 'text/plain', content: 'x' }]);
    expectSafeName(item!.name);
    expect(item!.name).toBe('boot.ini');
  });
});

/** Types a browser would render or run if it showed them inline. */
const ACTIVE_TYPES = [
  'text/html',
  'text/html; charset=utf-8',
  'TEXT/HTML',
  'image/svg+xml',
  'application/xhtml+xml',
  'text/xml',
  'application/xml',
  'text/xsl',
  'application/rss+xml',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/x-javascript',
];
const ACTIVE_CONTENT = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>';

describe('active content is never served inline', () => {
  it.each(ACTIVE_TYPES)('an upload of %s is a download', async (type) => {
    const t = await mailFixture();
    const [item] = await uploadRaw(t, [{ disposition: 'filename="payload.html"', type, content: ACTIVE_CONTENT }]);
    const res = await t.call(t.demo, 'GET', `/temporaryAttachments/${item!.id}`);
    expect(res.status).toBe(200);
    expectSafeBytesHeaders(res.res, { name: 'payload.html', disposition: 'attachment' });
  });

  it('an HTML page uploaded as text/plain or with an unreadable type stays text: served as sent, never sniffed', async () => {
    const t = await mailFixture();
    const items = await uploadRaw(t, [
      { disposition: 'filename="page.html"', type: 'text/plain', content: ACTIVE_CONTENT },
      { disposition: 'filename="page2.html"', type: 'not a type', content: ACTIVE_CONTENT },
    ]);
    const asText = await t.call(t.demo, 'GET', `/temporaryAttachments/${items[0]!.id}`);
    expect(asText.res.headers.get('content-type')).toBe('text/plain');
    expectSafeBytesHeaders(asText.res, { name: 'page.html' });
    const unknown = await t.call(t.demo, 'GET', `/temporaryAttachments/${items[1]!.id}`);
    // An unreadable type is never taken from the name or the bytes: busboy reads it as text/plain.
    expect(unknown.res.headers.get('content-type')).toBe('text/plain');
    expectSafeBytesHeaders(unknown.res, { name: 'page2.html' });
  });
});

/** A message as it might arrive from outside: active parts, one of them inline and referenced from the HTML, and hostile names. */
function hostileMessage(): Buffer {
  const part = (headers: string[], body: string) => `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
  const related = [
    '--rel',
    part(['Content-Type: text/html; charset=utf-8'], '<p>Logo: <img src="cid:logo@evil.test"></p>'),
    '--rel',
    part(['Content-Type: image/svg+xml', 'Content-ID: <logo@evil.test>', 'Content-Disposition: inline; filename="logo.svg"'], ACTIVE_CONTENT),
    '--rel--',
  ].join('\r\n');
  const lines = [
    'From: Mallory <mallory@evil.test>',
    'To: demo@example.test',
    'Subject: Hostile attachments',
    'Message-ID: <hostile-1@evil.test>',
    'Date: Tue, 24 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mix"',
    '',
    '--mix',
    part(['Content-Type: multipart/related; type="text/html"; boundary="rel"'], related),
    '--mix',
    part(['Content-Type: TEXT/HTML; charset=utf-8', 'Content-Disposition: attachment; filename="page.html"'], ACTIVE_CONTENT),
    '--mix',
    part(['Content-Type: application/xhtml+xml', 'Content-Disposition: attachment; filename="page.xhtml"'], ACTIVE_CONTENT),
    '--mix',
    part(['Content-Type: text/xml', 'Content-Disposition: inline; filename="data.xml"'], ACTIVE_CONTENT),
    '--mix',
    part(
      ['Content-Type: application/octet-stream', "Content-Disposition: attachment; filename*=UTF-8''..%2F..%2Finvoice%E2%80%AEfdp.exe%0D%0ASet-Cookie%3A%20x%3D1"],
      'MZ',
    ),
    '--mix',
    part(['Content-Type: image/png', `Content-Disposition: inline; filename="${'y'.repeat(300)}.png"`], 'png'),
    '--mix--',
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

describe('attachments of stored mail', () => {
  let t: Fixture;
  let mailId: string;
  let list: AttachmentList['items'];
  beforeAll(async () => {
    t = await mailFixture();
    const account = findAccountByEmail(t.db, 'demo@example.test')!;
    const inbox = requireFolderByRole(t.db, account.id, 'inbox');
    await insertMail(t.db, { accountId: account.id, folderId: inbox.id, raw: hostileMessage(), internalDate: nowSeconds(t.clock), isUnread: true });
    mailId = (await t.list(t.demo, 'inbox')).items[0]!.id;
    list = (await t.call<AttachmentList>(t.demo, 'GET', `/mails/${mailId}/attachments`)).body.items;
  });

  it('are listed with safe names', () => {
    expect(list.map((a) => a.contentType)).toEqual(['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml', 'application/octet-stream', 'image/png']);
    for (const attachment of list) expectSafeName(attachment.name);
    expect(list[4]!.name).toBe('invoicefdp.exeSet-Cookie: x=1');
  });

  it.each(['', '/download'])('are served by /attachments/{n}%s as downloads when active, with headers names cannot break', async (suffix) => {
    for (const [index, attachment] of list.entries()) {
      const res = await t.call(t.demo, 'GET', `/mails/${mailId}/attachments/${index}${suffix}`);
      expect(res.status).toBe(200);
      const active = ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml'].includes(attachment.contentType);
      expectSafeBytesHeaders(res.res, { name: attachment.name, ...(active || suffix ? { disposition: 'attachment' as const } : {}) });
      expect(res.res.headers.get('content-type')).toBe(attachment.contentType);
    }
  });

  it('keep the inline SVG a download even though the HTML shows it by cid', () => {
    expect(list[0]).toMatchObject({ contentType: 'image/svg+xml', isInline: true, contentId: 'logo@evil.test' });
  });

  it('stored into the queue, keep safe names and are still never served inline', async () => {
    const stored = await t.call<{ items: { id: number; name: string; contentType: string }[] }>(t.demo, 'POST', '/temporaryAttachments/store', { mailId });
    expect(stored.status).toBe(200);
    for (const item of stored.body.items) {
      expectSafeName(item.name);
      const res = await t.call(t.demo, 'GET', `/temporaryAttachments/${item.id}`);
      const active = ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml'].includes(item.contentType);
      expectSafeBytesHeaders(res.res, { name: item.name, ...(active ? { disposition: 'attachment' as const } : {}) });
    }
  });

  it('the raw source is served as message/rfc822 with nosniff, never as a page', async () => {
    const res = await t.call(t.demo, 'GET', `/mails/${mailId}/source`);
    expect(res.res.headers.get('content-type')).toBe('message/rfc822');
    expect(res.res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
