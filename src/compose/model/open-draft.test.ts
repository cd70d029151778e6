import { describe, expect, it } from 'vitest';
import type { AttachmentInstance, MailBody, StoreAttachmentsResponse } from '../../api/contract';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../../testing/msw';
import { mailInstance } from '../../testing/msw-data';
import { openDraft, rewriteCidSources } from './open-draft';

const server = startMswServer();
const api = createTestClient();

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const body = (text: string, contentType: string): MailBody => ({ id: 1, contentType, estimatedSize: text.length, hasExternalImages: false, isTruncated: false, data: b64(text) });
const queueItem = (overrides: Partial<AttachmentInstance>): AttachmentInstance => ({
  id: 0,
  mailId: '',
  name: 'file',
  contentId: '',
  contentType: 'application/octet-stream',
  size: 1,
  isInline: false,
  ...overrides,
});

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

function storedMailHandlers(items: AttachmentInstance[]) {
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
        }),
      ),
    ),
    http.get(apiUrl('/mails/d-1/body'), ({ request }) =>
      new URL(request.url).searchParams.get('type') === 'html'
        ? HttpResponse.json(body(storedMailHtml, 'text/html'))
        : HttpResponse.json(body('Hello Bob', 'text/plain')),
    ),
    http.post(apiUrl('/temporaryAttachments/store'), async ({ request }) => {
      expect(await request.json()).toEqual({ mailId: 'd-1' });
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
    server.use(...storedMailHandlers(threeItems));
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
    // Only inline images are fetched; the PDF stays on the server.
    expect(callsOf(log).filter((c) => c.startsWith('GET /api/v1/temporaryAttachments/')).sort()).toEqual([
      'GET /api/v1/temporaryAttachments/41',
      'GET /api/v1/temporaryAttachments/42',
    ]);

    opened.revoke();
    expect(urls.revoked.sort()).toEqual(['blob:test/10-image/png', 'blob:test/20-image/png']);
  });

  it('for a reply keeps only the inline images and removes the other queue items', async () => {
    server.use(...storedMailHandlers(threeItems));
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

  it('opens with the image still referenced when its bytes cannot be fetched', async () => {
    server.use(
      http.get(apiUrl('/temporaryAttachments/42'), () => apiErrorResponse(500, 'disk error')),
      ...storedMailHandlers(threeItems),
    );
    const opened = await openDraft(api, 'd-1', fakeUrls());
    expect(opened.cidUrls).toEqual({ 'logo.1@mc': 'blob:test/10-image/png' });
    expect(opened.editorHtml).toContain("src='cid:chart%402@mc'");
    expect(opened.content.attachments.find((a) => a.id === 42)).toMatchObject({ isInline: true, contentId: 'chart@2@mc' });
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
