import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, MailInstance, SendResponse, StoreAttachmentsResponse } from '../../src/api/contract';
import { sweepTemporaryAttachments, uploadsDirectory } from '../mail/temporary-attachments';
import { mailFixture, TINY_PNG } from '../mail/test-support';
import { headerLogin } from '../testing/sign-in';
import { describeBytes } from './temporary-attachments';

describe('temporary attachments', () => {
  it('uploads several files in one request (any field name), one item each, and serves them back safely', async () => {
    const t = await mailFixture();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(TINY_PNG)], { type: 'image/png' }), 'pixel.png');
    form.append('whatever', new Blob(['hello'], { type: 'text/plain' }), 'notes/../../hello.txt');
    form.append('note', 'a plain field is ignored');
    const res = await t.call<{ items: { id: number; name: string; contentType: string; size: number }[] }>(t.demo, 'POST', '/temporaryAttachments', form);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => [i.name, i.contentType, i.size])).toEqual([
      ['pixel.png', 'image/png', TINY_PNG.length],
      ['hello.txt', 'text/plain', 5],
    ]);
    expect(res.body.items[1]!.id).toBeGreaterThan(res.body.items[0]!.id);

    const image = await t.call(t.demo, 'GET', `/temporaryAttachments/${res.body.items[0]!.id}`);
    expect(image.status).toBe(200);
    expect(image.res.headers.get('content-type')).toBe('image/png');
    expect(image.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.res.headers.get('content-disposition')).toBe(`inline; filename="pixel.png"; filename*=UTF-8''pixel.png`);
    expect(Buffer.from(await image.res.arrayBuffer())).toEqual(TINY_PNG);
  });

  it('never serves SVG or HTML inline, and keeps odd names safe in Content-Disposition', async () => {
    const t = await mailFixture();
    const up = await t.upload(t.demo, [
      { name: 'logo.svg', type: 'image/svg+xml', content: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' },
      { name: 'page.html', type: 'text/html', content: '<script>alert(1)</script>' },
      { name: 'rapor\u202Etxt.exe "x".pdf', type: 'application/pdf', content: '%PDF' },
    ]);
    const [svg, html, pdf] = up.body.items;
    for (const item of [svg!, html!]) {
      const res = await t.call(t.demo, 'GET', `/temporaryAttachments/${item.id}`);
      expect(res.res.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(res.res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(pdf!.name).toBe('raportxt.exe "x".pdf');
    const res = await t.call(t.demo, 'GET', `/temporaryAttachments/${pdf!.id}`);
    expect(res.res.headers.get('content-disposition')).toBe(`inline; filename="raportxt.exe _x_.pdf"; filename*=UTF-8''raportxt.exe%20%22x%22.pdf`);
  });

  it('answers 413 with the error body for a file over the limit, closes the connection, and leaves no file behind', async () => {
    const t = await mailFixture({ uploadLimitBytes: 1024 });
    const dir = uploadsDirectory(t.deps);
    const res = await t.upload(t.demo, [
      { name: 'small.txt', type: 'text/plain', content: 'fits' },
      { name: 'big.bin', type: 'application/octet-stream', content: Buffer.alloc(4096, 1) },
    ]);
    expect(res.status).toBe(413);
    expect(res.res.headers.get('connection')).toBe('close');
    // The limit is stated twice: in words for people, and in bytes for a client to adopt.
    expect((res.body as unknown as ApiErrorBody).error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: '"big.bin" is larger than the upload limit of 1 KB per file.',
      limitBytes: 1024,
    });
    expect(fs.readdirSync(dir)).toEqual([]);
    // A file exactly at the limit is fine.
    expect((await t.upload(t.demo, [{ name: 'exact.bin', type: 'application/octet-stream', content: Buffer.alloc(1024, 2) }])).status).toBe(200);
  });

  it('states the configured limit of the 413 in bytes and in plain words', async () => {
    const t = await mailFixture({ uploadLimitBytes: 3 * 1024 * 1024 });
    const res = await t.upload(t.demo, [{ name: 'scan.pdf', type: 'application/pdf', content: Buffer.alloc(3 * 1024 * 1024 + 1, 1) }]);
    expect(res.status).toBe(413);
    expect((res.body as unknown as ApiErrorBody).error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: '"scan.pdf" is larger than the upload limit of 3 MB per file.',
      limitBytes: 3 * 1024 * 1024,
    });
  });

  it('answers 401 and keeps no file when the session ends while its upload is still arriving', async () => {
    const t = await mailFixture();
    const dir = uploadsDirectory(t.deps);
    const boundary = 'x-boundary-x';
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`;
    const chunks = [part('one.txt'), part('two.txt'), `--${boundary}--\r\n`];
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Both files have arrived when the user signs out (another tab); then the body ends.
        if (pulls++ === 2) t.db.prepare('DELETE FROM sessions').run();
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await t.app.request('/api/v1/temporaryAttachments', {
      method: 'POST',
      headers: { ...t.demo.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(401);
    expect(((await res.json()) as ApiErrorBody).error.code).toBe('UNAUTHORIZED');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('sweeps files whose session ended and uploads a crash left half-written, never a live item or an upload in progress', async () => {
    const t = await mailFixture();
    const dir = uploadsDirectory(t.deps);
    const kept = (await t.upload(t.demo, [{ name: 'kept.txt', type: 'text/plain', content: 'kept' }])).body.items[0]!;
    await t.upload(t.ana, [{ name: 'orphan.txt', type: 'text/plain', content: 'orphan' }]);
    expect((await t.call(t.ana, 'POST', '/logout')).status).toBe(200);
    fs.writeFileSync(`${dir}/crashed.part`, 'half');
    const longAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(`${dir}/crashed.part`, longAgo, longAgo);
    fs.writeFileSync(`${dir}/arriving.part`, 'half');
    expect(sweepTemporaryAttachments(t.deps)).toBe(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual(['arriving.part']);
    expect((await t.call(t.demo, 'GET', `/temporaryAttachments/${kept.id}`)).status).toBe(200);
  });

  it('refuses bodies that are not multipart or hold no file', async () => {
    const t = await mailFixture();
    expect((await t.call(t.demo, 'POST', '/temporaryAttachments', { file: 'x' })).status).toBe(400);
    const form = new FormData();
    form.append('field', 'no file here');
    expect((await t.call(t.demo, 'POST', '/temporaryAttachments', form)).status).toBe(400);
    const noSession = await t.app.request('/api/v1/temporaryAttachments', { method: 'POST', body: form });
    expect(noSession.status).toBe(401);
  });

  it('deletes an item (file included); unknown and other sessions’ ids answer 404', async () => {
    const t = await mailFixture();
    const dir = uploadsDirectory(t.deps);
    const [item] = (await t.upload(t.demo, [{ name: 'a.txt', type: 'text/plain', content: 'a' }])).body.items;
    const otherSession = { email: 'demo@example.test', headers: (await headerLogin(t.app, 'demo@example.test')).headers };
    expect((await t.call(otherSession, 'GET', `/temporaryAttachments/${item!.id}`)).status).toBe(404);
    expect((await t.call(t.ana, 'DELETE', `/temporaryAttachments/${item!.id}`)).status).toBe(404);
    expect((await t.call(t.demo, 'GET', '/temporaryAttachments/abc')).status).toBe(404);

    expect(fs.readdirSync(dir)).toHaveLength(1);
    const del = await t.call(t.demo, 'DELETE', `/temporaryAttachments/${item!.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await t.call(t.demo, 'GET', `/temporaryAttachments/${item!.id}`)).status).toBe(404);
  });

  it('refuses in a save or send an item of another session (400) and does not consume used items', async () => {
    const t = await mailFixture();
    const [item] = (await t.upload(t.demo, [{ name: 'a.txt', type: 'text/plain', content: 'a' }])).body.items;
    const otherSession = { email: 'demo@example.test', headers: (await headerLogin(t.app, 'demo@example.test')).headers };
    const res = await t.call<ApiErrorBody>(otherSession, 'POST', '/mails', { temporaryAttachments: [{ id: item!.id }] });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('temporaryAttachments[0].id');
    expect((await t.call(otherSession, 'POST', '/mails/send', { to: 'ana@example.test', temporaryAttachments: [{ id: item!.id }] })).status).toBe(400);

    const first = await t.call<MailInstance>(t.demo, 'POST', '/mails', { temporaryAttachments: [{ id: item!.id }] });
    expect(first.status).toBe(200);
    const second = await t.call<MailInstance>(t.demo, 'PUT', `/drafts/${first.body.id}`, { temporaryAttachments: [{ id: item!.id }] });
    expect(second.body.attachments).toHaveLength(1);
    expect((await t.call(t.demo, 'GET', `/temporaryAttachments/${item!.id}`)).status).toBe(200);
  });

  it('stores a mail’s attachments into the queue (inline image keeps its contentId) for reopening or forwarding', async () => {
    const t = await mailFixture();
    const [png, txt] = (
      await t.upload(t.demo, [
        { name: 'chart.png', type: 'image/png', content: TINY_PNG },
        { name: 'notes.txt', type: 'text/plain', content: 'notes' },
      ])
    ).body.items;
    const draft = (
      await t.call<MailInstance>(t.demo, 'POST', '/mails', {
        bodyHtml: '<p><img src="cid:chart@compose"></p>',
        temporaryAttachments: [{ id: png!.id, contentId: 'chart@compose', isInline: true }, { id: txt!.id }],
      })
    ).body;
    expect(draft.attachments.map((a) => [a.id, a.name, a.contentId, a.isInline, a.mailId])).toEqual([
      [0, 'chart.png', 'chart@compose', true, draft.id],
      [1, 'notes.txt', '', false, draft.id],
    ]);

    const stored = await t.call<StoreAttachmentsResponse>(t.demo, 'POST', '/temporaryAttachments/store', { mailId: draft.id });
    expect(stored.status).toBe(200);
    expect(stored.body.items.map((i) => [i.name, i.contentId, i.isInline, i.size, i.mailId])).toEqual([
      ['chart.png', 'chart@compose', true, TINY_PNG.length, draft.id],
      ['notes.txt', '', false, 5, draft.id],
    ]);
    const ids = stored.body.items.map((i) => i.id);
    expect(ids.every((id) => id > txt!.id)).toBe(true);
    const bytes = await t.call(t.demo, 'GET', `/temporaryAttachments/${ids[0]}`);
    expect(Buffer.from(await bytes.res.arrayBuffer())).toEqual(TINY_PNG);

    expect((await t.call(t.demo, 'POST', '/temporaryAttachments/store', {})).status).toBe(400);
    expect((await t.call(t.demo, 'POST', '/temporaryAttachments/store', { mailId: draft.id, also: 1 })).status).toBe(400);
    expect((await t.call(t.demo, 'POST', '/temporaryAttachments/store', { mailId: 'nope' })).status).toBe(404);
  });

  it('keeps sending after the queue items are deleted (the mail holds its own copy)', async () => {
    const t = await mailFixture();
    const [item] = (await t.upload(t.demo, [{ name: 'a.txt', type: 'text/plain', content: 'abc' }])).body.items;
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { to: 'ana@example.test', temporaryAttachments: [{ id: item!.id }] })).body;
    await t.call(t.demo, 'DELETE', `/temporaryAttachments/${item!.id}`);
    const sent = await t.call<SendResponse>(t.demo, 'POST', `/drafts/${draft.id}/send`);
    expect(sent.status).toBe(200);
    await t.advance(11_000);
    const received = (await t.list(t.ana, 'inbox')).items[0]! as unknown as MailInstance;
    expect(received.attachments.map((a) => [a.name, a.size])).toEqual([['a.txt', 3]]);
  });
});

describe('a fractional UPLOAD_LIMIT_MB', () => {
  it('states the whole bytes the server accepts', async () => {
    const t = await mailFixture({ uploadLimitBytes: 1.5 * 1024 + 0.5 });
    const res = await t.upload(t.demo, [{ name: 'over.bin', type: 'application/octet-stream', content: Buffer.alloc(1537, 1) }]);
    expect(res.status).toBe(413);
    expect((res.body as unknown as ApiErrorBody).error).toMatchObject({ limitBytes: 1536, message: '"over.bin" is larger than the upload limit of 1.5 KB per file.' });
  });
});

describe('describeBytes', () => {
  it('writes sizes as people read them', () => {
    expect([1, 300, 1024, 1536, 25 * 1024 * 1024, 2.5 * 1024 * 1024, 2 * 1024 ** 3].map(describeBytes)).toEqual([
      '1 byte',
      '300 bytes',
      '1 KB',
      '1.5 KB',
      '25 MB',
      '2.5 MB',
      '2 GB',
    ]);
  });
});
