import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AliasList, AttachmentInstance, SignatureList } from '../api/contract';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import { accountInfo, accountSettings, attachmentInstance, mailBody, mailInstance } from '../testing/msw-data';
import { mailKeys, type DecodedMailBody } from '../api/mails';
import { prepareCompose } from './compose-entry';

const server = startMswServer();
const api = createTestClient();

const info = accountInfo();
const settings = accountSettings();
const aliases: AliasList = { items: [{ emailAddress: 'ana@example.test', type: 'mainAddress' }] };
const signatures: SignatureList = { items: [] };

function accountHandlers(infoAnswer: () => Promise<Response> | Response = () => HttpResponse.json(info)) {
  return [
    http.get(apiUrl('/account/info'), infoAnswer),
    http.get(apiUrl('/account/aliases'), () => HttpResponse.json(aliases)),
    http.get(apiUrl('/account/settings'), () => HttpResponse.json(settings)),
    http.get(apiUrl('/account/signatures'), () => HttpResponse.json(signatures)),
    http.get(apiUrl('/account/settings/client'), () => HttpResponse.json({ clientSettings: '' })),
  ];
}

const body = mailBody;
const part = (overrides: Partial<AttachmentInstance>) => attachmentInstance({ mailId: 'm-1', ...overrides });

const html = '<p>See the chart:</p><p><img src="cid:chart.1@mc" alt="chart"></p>';
const parts = [part({ id: 0, name: 'chart.png', contentId: 'chart.1@mc', contentType: 'image/png', size: 7, isInline: true }), part({ id: 1, name: 'notes.pdf', contentType: 'application/pdf', size: 9 })];
// The store's copies: new queue ids, same Content-IDs.
const stored = [part({ ...parts[0], id: 71 }), part({ ...parts[1], id: 72 })];

function mailHandlers() {
  return [
    http.get(apiUrl('/mails/m-1'), () =>
      HttpResponse.json(mailInstance({ id: 'm-1', from: 'Bob <bob@example.test>', to: 'ana@example.test', subject: 'Chart', isDraft: false, attachments: parts, hasAttachments: true })),
    ),
    http.get(apiUrl('/mails/m-1/body'), ({ request }) =>
      new URL(request.url).searchParams.get('type') === 'html' ? HttpResponse.json(body(html, 'text/html')) : HttpResponse.json(body('See the chart:', 'text/plain')),
    ),
    http.get(apiUrl('/mails/m-1/attachments/:n'), ({ params }) => new HttpResponse(new Uint8Array(parts[Number(params.n)]!.size), { headers: { 'Content-Type': 'image/png' } })),
    http.post(apiUrl('/temporaryAttachments/store'), () => HttpResponse.json({ items: stored })),
    http.delete(apiUrl('/temporaryAttachments/:id'), () => new HttpResponse(null, { status: 200 })),
  ];
}

const queryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

afterEach(() => vi.restoreAllMocks());

describe('prepareCompose for a stored mail', () => {
  it('reads the mail and copies its files while the account is still loading', async () => {
    let mailAsked!: () => void;
    const asked = new Promise<void>((resolve) => (mailAsked = resolve));
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname === '/api/v1/temporaryAttachments/store') mailAsked();
    });
    // Account info answers only after the store was asked for: a window that loaded the account
    // first would never open.
    server.use(...accountHandlers(async () => (await asked, HttpResponse.json(info))), ...mailHandlers());
    const start = await prepareCompose(api, queryClient(), { mode: 'draft', mailId: 'm-1' });
    server.events.removeAllListeners('request:start');
    expect(start.draftId).toBe('m-1');
    expect(start.content.attachments.map((a) => a.id)).toEqual([71, 72]);
    expect(Object.keys(start.cidUrls)).toEqual(['chart.1@mc']);
    expect(start.cidUrls['chart.1@mc']).toMatch(/^blob:/);
    start.release();
  });

  it('answers a mail with its inline image shown from the original and saved as the queue copy', async () => {
    server.use(...accountHandlers(), ...mailHandlers());
    const log = recordRequests(server);
    const start = await prepareCompose(api, queryClient(), { mode: 'reply', mailId: 'm-1' }, { locale: 'en-GB' });
    expect(start.title).toBe('Reply');
    expect(start.quotedHtml).toContain('src="cid:chart.1@mc"');
    expect(start.cidUrls['chart.1@mc']).toMatch(/^blob:/);
    // A reply keeps the image (queue copy 71) and not the PDF, whose copy is removed.
    expect(start.content.attachments).toEqual([expect.objectContaining({ id: 71, contentId: 'chart.1@mc', isInline: true })]);
    await vi.waitFor(() => expect(callsOf(log)).toContain('DELETE /api/v1/temporaryAttachments/72'));
    expect(callsOf(log)).toContain('GET /api/v1/mails/m-1/attachments/0');
    start.release();
  });

  it('when the account cannot be read, fails and gives back what the opening made', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    server.use(...accountHandlers(() => apiErrorResponse(503, 'Try later')), ...mailHandlers());
    const log = recordRequests(server);
    await expect(prepareCompose(api, queryClient(), { mode: 'forward', mailId: 'm-1' })).rejects.toMatchObject({ status: 503 });
    await vi.waitFor(() =>
      expect(callsOf(log).filter((c) => c.startsWith('DELETE')).sort()).toEqual(['DELETE /api/v1/temporaryAttachments/71', 'DELETE /api/v1/temporaryAttachments/72']),
    );
    expect(revoke).toHaveBeenCalledTimes(1);
  });

  it('opens the mail the reader is showing from its cache: no second read of the mail or its HTML', async () => {
    server.use(...accountHandlers(), ...mailHandlers());
    const log = recordRequests(server);
    const client = queryClient();
    client.setQueryData(mailKeys.detail('m-1'), mailInstance({ id: 'm-1', from: 'Bob <bob@example.test>', to: 'ana@example.test', subject: 'Chart', isDraft: true, attachments: parts, hasAttachments: true }));
    const shown: DecodedMailBody = { contentType: 'text/html', text: html, hasExternalImages: false, isTruncated: false, estimatedSize: html.length };
    client.setQueryData(mailKeys.body('m-1', 'html'), shown);
    const start = await prepareCompose(api, client, { mode: 'draft', mailId: 'm-1' });
    expect(start.content.subject).toBe('Chart');
    expect(start.editorHtml).toContain('cid:chart.1@mc');
    expect(start.cidUrls['chart.1@mc']).toMatch(/^blob:/);
    const calls = callsOf(log);
    expect(calls).not.toContain('GET /api/v1/mails/m-1');
    expect(calls.filter((c) => c === 'GET /api/v1/mails/m-1/body')).toHaveLength(1);
    expect(calls).toContain('GET /api/v1/mails/m-1/attachments/0');
    start.release();
  });

  it('reads the HTML again when the cached one was cut off', async () => {
    server.use(...accountHandlers(), ...mailHandlers());
    const log = recordRequests(server);
    const client = queryClient();
    const cut: DecodedMailBody = { contentType: 'text/html', text: html.slice(0, 10), hasExternalImages: false, isTruncated: true, estimatedSize: html.length };
    client.setQueryData(mailKeys.body('m-1', 'html'), cut);
    const start = await prepareCompose(api, client, { mode: 'draft', mailId: 'm-1' });
    expect(start.content.bodyHtml).toBe(html);
    expect(callsOf(log).filter((c) => c === 'GET /api/v1/mails/m-1/body')).toHaveLength(2);
    start.release();
  });
});
