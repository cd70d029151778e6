import { describe, expect, it } from 'vitest';
import type { AttachmentInstance, StoreAttachmentsResponse } from '../../api/contract';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../../testing/msw';
import { attachmentInstance, mailBody, mailInstance } from '../../testing/msw-data';
import { openDraft, rewriteCidSources } from './open-draft';

const server = startMswServer();
const api = createTestClient();

const body = mailBody;
const queueItem = (overrides: Partial<AttachmentInstance>) => attachmentInstance({ mailId: '', ...overrides });

/** Blob URLs named after the bytes, so the test can see which image went where. */
const fakeUrls = () => {
  const revoked: string[] = [];
  return {
    revoked,
    createObjectUrl: (blob: Blob) => `blob:test/${blob.size}-${blob.type}`,
    revokeObjectUrl: (url: string) => void revoked.push(url),
  };
};

const storedMailHtml =
  '<p>Hello <b>Bob</b></p><p><img src="cid:logo.1@mc" alt="logo"></p><p><img alt="chart" src=\'cid:chart%402@mc\'></p><p><img src="https://x.test/ext.png"></p>';

/** The stored mail's own parts (per-mail ids), as `GET /mails/{id}` lists them. */
const mailParts = [
  queueItem({ id: 0, mailId: 'd-1', name: 'logo.png', contentId: 'logo.1@mc', contentType: 'image/png', size: 10, isInline: true }),
  queueItem({ id: 1, mailId: 'd-1', name: 'chart.png', contentId: 'chart@2@mc', contentType: 'image/png', size: 20, isInline: true }),
  queueItem({ id: 2, mailId: 'd-1', name: 'report.pdf', contentType: 'application/pdf', size: 30 }),
];

function storedMailHandlers(items: AttachmentInstance[], options: { parts?: AttachmentInstance[]; beforeStoreAnswers?: () => Promise<void> } = {}) {
  const parts = options.parts ?? [];
  return [
    http.get(apiUrl('/mails/d-1'), () =>
      HttpResponse.json(
        mailInstance({
          id: 'd-1',
          from: '"Pop, Ana" <ana@example.test>',
          to: 'bob@example.test, Carol <carol@example.test>',
          cc: 'dave@example.test',
          bcc: 'eve@example.test',
          subject: 'Quarterly',
          importance: 'high',
          refwType: 'fw',
          refwMailId: 'orig-9',
          attachments: parts,
          hasAttachments: parts.length > 0,
        }),
      ),
    ),
    http.get(apiUrl('/mails/d-1/body'), ({ request }) =>
      new URL(request.url).searchParams.get('type') === 'html'
        ? HttpResponse.json(body(storedMailHtml, 'text/html'))
        : HttpResponse.json(body('Hello Bob', 'text/plain')),
    ),
    http.get(apiUrl('/mails/d-1/attachments/:n'), ({ params }) => {
      const part = parts.find((p) => String(p.id) === params.n);
      if (!part) return apiErrorResponse(404, 'No such attachment');
      return new HttpResponse(new Uint8Array(part.size), { headers: { 'Content-Type': part.contentType } });
    }),
    http.post(apiUrl('/temporaryAttachments/store'), async ({ request }) => {
      expect(await request.json()).toEqual({ mailId: 'd-1' });
      await options.beforeStoreAnswers?.();
      const response: StoreAttachmentsResponse = { items };
      return HttpResponse.json(response);
    }),
    http.get(apiUrl('/temporaryAttachments/:id'), ({ params }) => {
      const item = items.find((i) => String(i.id) === params.id)!;
      return new HttpResponse(new Uint8Array(item.size), { headers: { 'Content-Type': item.contentType } });
    }),
  ];
}

const threeItems = [
  queueItem({ id: 41, name: 'logo.png', contentId: 'logo.1@mc', contentType: 'image/png', size: 10, isInline: true }),
  queueItem({ id: 42, name: 'chart.png', contentId: 'chart@2@mc', contentType: 'image/png', size: 20, isInline: true }),
  queueItem({ id: 43, name: 'report.pdf', contentType: 'application/pdf', size: 30 }),
];

describe('openDraft', () => {
  it('loads fields and bodies, copies attachments into the queue and shows inline images from blob URLs', async () => {
    server.use(...storedMailHandlers(threeItems, { parts: mailParts }));
    const log = recordRequests(server);
    const urls = fakeUrls();
    const opened = await openDraft(api, 'd-1', urls);

    expect(opened.content).toMatchObject({
      from: { name: 'Pop, Ana', address: 'ana@example.test' },
      to: [{ address: 'bob@example.test' }, { name: 'Carol', address: 'carol@example.test' }],
      cc: [{ address: 'dave@example.test' }],
      bcc: [{ address: 'eve@example.test' }],
      subject: 'Quarterly',
      importance: 'high',
      bodyText: 'Hello Bob',
      refwType: 'fw',
      refwMailId: 'orig-9',
    });
    // The saved HTML keeps cid: references; they now name queue items.
    expect(opened.content.bodyHtml).toBe(storedMailHtml);
    expect(opened.content.attachments).toEqual([
      { id: 41, contentId: 'logo.1@mc', isInline: true, name: 'logo.png', size: 10, contentType: 'image/png' },
      { id: 42, contentId: 'chart@2@mc', isInline: true, name: 'chart.png', size: 20, contentType: 'image/png' },
      { id: 43, isInline: false, name: 'report.pdf', size: 30, contentType: 'application/pdf' },
    ]);
    expect(opened.cidUrls).toEqual({ 'logo.1@mc': 'blob:test/10-image/png', 'chart@2@mc': 'blob:test/20-image/png' });
    expect(opened.editorHtml).toContain('<img src="blob:test/10-image/png" alt="logo">');
    expect(opened.editorHtml).toContain("<img alt=\"chart\" src='blob:test/20-image/png'>");
    expect(opened.editorHtml).toContain('src="https://x.test/ext.png"');
    expect(opened.editorHtml).not.toContain('cid:');
    expect(opened.hasHtml).toBe(true);
    // Only inline images are fetched, from the mail's own parts; the PDF stays on the server.
    expect(callsOf(log).filter((c) => c.includes('/attachments/') && c.startsWith('GET')).sort()).toEqual([
      'GET /api/v1/mails/d-1/attachments/0',
      'GET /api/v1/mails/d-1/attachments/1',
    ]);

    opened.revoke();
    expect(urls.revoked.sort()).toEqual(['blob:test/10-image/png', 'blob:test/20-image/png']);
  });

  it('for a reply keeps only the inline images and removes the other queue items', async () => {
    server.use(...storedMailHandlers(threeItems, { parts: mailParts }));
    const deleted: string[] = [];
    server.use(
      http.delete(apiUrl('/temporaryAttachments/:id'), ({ params }) => {
        deleted.push(String(params.id));
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const opened = await openDraft(api, 'd-1', { ...fakeUrls(), keep: 'inline' });
    expect(opened.content.attachments.map((a) => a.id)).toEqual([41, 42]);
    await expect.poll(() => deleted).toEqual(['43']);
  });

  it('reads the images from the mail while the store is still copying (the store does not hold them up)', async () => {
    let partsRequested = 0;
    let bothRequested!: () => void;
    const requested = new Promise<void>((resolve) => (bothRequested = resolve));
    server.events.on('request:start', ({ request }) => {
      if (/\/mails\/d-1\/attachments\/\d+$/.test(new URL(request.url).pathname) && ++partsRequested === 2) bothRequested();
    });
    // The store answers only once both image reads have been asked for: a window that waited for
    // the store before reading the images would never open.
    server.use(...storedMailHandlers(threeItems, { parts: mailParts, beforeStoreAnswers: () => requested }));
    const opened = await openDraft(api, 'd-1', fakeUrls());
    server.events.removeAllListeners('request:start');
    expect(opened.cidUrls).toEqual({ 'logo.1@mc': 'blob:test/10-image/png', 'chart@2@mc': 'blob:test/20-image/png' });
    // What is saved and sent still names the queue items the store made.
    expect(opened.content.attachments.filter((a) => a.isInline).map((a) => [a.id, a.contentId])).toEqual([
      [41, 'logo.1@mc'],
      [42, 'chart@2@mc'],
    ]);
  });

  it('reads the images the mail marks inline before its HTML is in', async () => {
    let partsRequested = 0;
    let bothRequested!: () => void;
    const requested = new Promise<void>((resolve) => (bothRequested = resolve));
    server.events.on('request:start', ({ request }) => {
      if (/\/mails\/d-1\/attachments\/\d+$/.test(new URL(request.url).pathname) && ++partsRequested === 2) bothRequested();
    });
    server.use(
      http.get(apiUrl('/mails/d-1/body'), async ({ request }) => {
        if (new URL(request.url).searchParams.get('type') !== 'html') return HttpResponse.json(body('Hello Bob', 'text/plain'));
        await requested;
        return HttpResponse.json(body(storedMailHtml, 'text/html'));
      }),
      ...storedMailHandlers(threeItems, { parts: mailParts }),
    );
    const opened = await openDraft(api, 'd-1', fakeUrls());
    server.events.removeAllListeners('request:start');
    expect(Object.keys(opened.cidUrls).sort()).toEqual(['chart@2@mc', 'logo.1@mc']);
  });

  it('reads a part the HTML shows though the mail does not mark it inline, and frees one it marks inline but no longer shows', async () => {
    const parts = [
      { ...mailParts[0]!, isInline: false },
      mailParts[1]!,
      queueItem({ id: 3, mailId: 'd-1', name: 'old.png', contentId: 'old.3@mc', contentType: 'image/png', size: 5, isInline: true }),
    ];
    server.use(...storedMailHandlers(threeItems, { parts }));
    const urls = fakeUrls();
    const opened = await openDraft(api, 'd-1', urls);
    expect(opened.cidUrls).toEqual({ 'logo.1@mc': 'blob:test/10-image/png', 'chart@2@mc': 'blob:test/20-image/png' });
    expect(urls.revoked).toEqual(['blob:test/5-image/png']);
  });

  it('falls back to the queue copy when a part of the mail cannot be read', async () => {
    server.use(http.get(apiUrl('/mails/d-1/attachments/1'), () => apiErrorResponse(500, 'disk error')), ...storedMailHandlers(threeItems, { parts: mailParts }));
    const log = recordRequests(server);
    const opened = await openDraft(api, 'd-1', fakeUrls());
    expect(opened.cidUrls).toEqual({ 'logo.1@mc': 'blob:test/10-image/png', 'chart@2@mc': 'blob:test/20-image/png' });
    expect(callsOf(log).filter((c) => c.startsWith('GET /api/v1/temporaryAttachments/'))).toEqual(['GET /api/v1/temporaryAttachments/42']);
  });

  it('opens with the image still referenced when its bytes cannot be fetched', async () => {
    server.use(
      http.get(apiUrl('/mails/d-1/attachments/1'), () => apiErrorResponse(500, 'disk error')),
      http.get(apiUrl('/temporaryAttachments/42'), () => apiErrorResponse(500, 'disk error')),
      ...storedMailHandlers(threeItems, { parts: mailParts }),
    );
    const opened = await openDraft(api, 'd-1', fakeUrls());
    expect(opened.cidUrls).toEqual({ 'logo.1@mc': 'blob:test/10-image/png' });
    expect(opened.editorHtml).toContain("src='cid:chart%402@mc'");
    expect(opened.content.attachments.find((a) => a.id === 42)).toMatchObject({ isInline: true, contentId: 'chart@2@mc' });
  });

  it('downloads no image when previews are not wanted', async () => {
    server.use(...storedMailHandlers(threeItems, { parts: mailParts }));
    const log = recordRequests(server);
    const opened = await openDraft(api, 'd-1', { ...fakeUrls(), previews: false });
    expect(opened.cidUrls).toEqual({});
    expect(opened.content.attachments.map((a) => a.id)).toEqual([41, 42, 43]);
    expect(callsOf(log).filter((c) => c.includes('attachments/') && c.startsWith('GET'))).toEqual([]);
  });

  it('frees the previews already made when the store fails', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments/store'), () => apiErrorResponse(507, 'Quota exceeded')), ...storedMailHandlers(threeItems, { parts: mailParts }));
    const urls = fakeUrls();
    await expect(openDraft(api, 'd-1', urls)).rejects.toMatchObject({ status: 507 });
    expect(urls.revoked.sort()).toEqual(['blob:test/10-image/png', 'blob:test/20-image/png']);
  });

  it('treats a mail without an HTML part as plain text', async () => {
    server.use(
      http.get(apiUrl('/mails/d-1/body'), ({ request }) =>
        new URL(request.url).searchParams.get('type') === 'html' ? apiErrorResponse(404, 'No HTML body') : HttpResponse.json(body('just text', 'text/plain')),
      ),
      ...storedMailHandlers([]),
    );
    const opened = await openDraft(api, 'd-1', fakeUrls());
    expect(opened.hasHtml).toBe(false);
    expect(opened.content.bodyText).toBe('just text');
    expect(opened.content.bodyHtml).toBe('');
  });

  it('treats the text part the server answers for type=html (a mail without HTML) as no HTML', async () => {
    server.use(http.get(apiUrl('/mails/d-1/body'), () => HttpResponse.json(body('line one\nline two', 'text/plain'))), ...storedMailHandlers([]));
    const opened = await openDraft(api, 'd-1', fakeUrls());
    expect(opened.hasHtml).toBe(false);
    expect(opened.content.bodyHtml).toBe('');
    expect(opened.content.bodyText).toBe('line one\nline two');
  });

  it('uses the mail and HTML the caller already holds, and asks for the images at once', async () => {
    server.use(...storedMailHandlers(threeItems, { parts: mailParts }));
    const log = recordRequests(server);
    const cached = mailInstance({ id: 'd-1', subject: 'Quarterly', attachments: mailParts });
    const opened = await openDraft(api, 'd-1', { ...fakeUrls(), known: { mail: cached, html: storedMailHtml } });
    expect(opened.content.subject).toBe('Quarterly');
    expect(opened.cidUrls).toEqual({ 'logo.1@mc': 'blob:test/10-image/png', 'chart@2@mc': 'blob:test/20-image/png' });
    const calls = callsOf(log);
    expect(calls).not.toContain('GET /api/v1/mails/d-1');
    expect(calls.filter((c) => c === 'GET /api/v1/mails/d-1/body')).toHaveLength(1); // the text part only
    expect(calls).toContain('POST /api/v1/temporaryAttachments/store');
  });

  it('fails with the API error when the mail is gone', async () => {
    server.use(
      http.get(apiUrl('/mails/gone'), () => apiErrorResponse(404, 'No such mail')),
      http.get(apiUrl('/mails/gone/body'), () => apiErrorResponse(404, 'No such mail')),
      http.post(apiUrl('/temporaryAttachments/store'), () => apiErrorResponse(404, 'No such mail')),
    );
    await expect(openDraft(api, 'gone', fakeUrls())).rejects.toMatchObject({ status: 404 });
  });
});

describe('cid helpers', () => {
  it('rewrites cid sources quoted either way or unquoted, decoding RFC 2392 escapes', () => {
    const html = '<img src="cid:a%40b"><img src=\'cid:<c@d>\'><img src=cid:e@f alt=x><img src="x.png">';
    const urls: Record<string, string> = { 'a@b': 'blob:1', 'e@f': 'blob:3' };
    expect(rewriteCidSources(html, (cid) => urls[cid])).toBe('<img src="blob:1"><img src=\'cid:<c@d>\'><img src="blob:3" alt=x><img src="x.png">');
  });
});
