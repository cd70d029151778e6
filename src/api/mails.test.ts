import { describe, expect, it } from 'vitest';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import { mailInstance } from '../testing/msw-data';
import {
  allAttachmentsUrl,
  attachmentThumbnailUrl,
  attachmentUrl,
  decodeBase64Utf8,
  deleteMail,
  fetchAttachment,
  getMail,
  getMailBodyText,
  listAttachments,
  listMails,
  moveMail,
  patchMail,
} from './mails';

const server = startMswServer();
const requests = recordRequests(server);
const client = createTestClient();
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('mail reads and writes', () => {
  it('lists a page with folder, paging and sort parameters', async () => {
    requests.clear();
    server.use(
      http.get(apiUrl('/mails'), () =>
        HttpResponse.json({ syncToken: 's', totalItems: 41, sortInfo: { field: 'date', direction: 'DESC', activeRowIndex: -1 }, items: [mailInstance()] }),
      ),
    );
    const page = await listMails(client, { folderId: 'f1', start: 20, limit: 20, sort: 'date', dir: 'DESC' });
    expect(page.totalItems).toBe(41);
    expect(requests[0]!.query).toEqual({ folderId: 'f1', start: '20', limit: '20', sort: 'date', dir: 'DESC', _h: 'test-session' });
  });

  it('gets, patches, moves and deletes by an encoded opaque id', async () => {
    requests.clear();
    server.use(
      http.get(apiUrl('/mails/:id'), ({ params }) => HttpResponse.json(mailInstance({ id: String(params.id) }))),
      http.patch(apiUrl('/mails/:id'), () => HttpResponse.json(mailInstance({ isFlagged: true }))),
      http.post(apiUrl('/mails/:id/move'), () => HttpResponse.json(mailInstance({ id: 'moved' }))),
      http.delete(apiUrl('/mails/:id'), () => new HttpResponse(null, { status: 200 })),
    );
    expect((await getMail(client, 'ab+c/d')).id).toBe('ab+c/d');
    expect((await patchMail(client, 'm1', { isFlagged: true })).isFlagged).toBe(true);
    expect((await moveMail(client, 'm1', 'trash')).id).toBe('moved');
    await expect(deleteMail(client, 'm1')).resolves.toBeUndefined();
    expect(callsOf(requests)).toEqual(['GET /api/v1/mails/ab%2Bc%2Fd', 'PATCH /api/v1/mails/m1', 'POST /api/v1/mails/m1/move', 'DELETE /api/v1/mails/m1']);
    expect(requests[1]!.body).toEqual({ isFlagged: true });
    expect(requests[2]!.body).toEqual({ destinationFolderId: 'trash' });
  });

  it('decodes the body from base64 as UTF-8', async () => {
    const html = '<p>Bună ziua, ștefan — 😀</p>';
    server.use(
      http.get(apiUrl('/mails/:id/body'), ({ request }) =>
        HttpResponse.json({ id: 1, contentType: 'text/html', estimatedSize: 40, hasExternalImages: false, isTruncated: false, data: b64(new URL(request.url).searchParams.get('type') === 'text' ? 'plain' : html) }),
      ),
    );
    expect(await getMailBodyText(client, 'm1')).toMatchObject({ text: html, contentType: 'text/html', isTruncated: false });
    expect((await getMailBodyText(client, 'm1', 'text')).text).toBe('plain');
  });

  it('decodes unpadded and URL-safe base64 too', () => {
    expect(decodeBase64Utf8('xIM')).toBe('ă');
    expect(decodeBase64Utf8(Buffer.from('??>', 'utf8').toString('base64url'))).toBe('??>');
  });

  it('lists attachments and maps a 404 to an ApiError', async () => {
    server.use(http.get(apiUrl('/mails/:id/attachments'), ({ params }) => (params.id === 'gone' ? apiErrorResponse(404, 'Mail not found.') : HttpResponse.json({ items: [] }))));
    expect(await listAttachments(client, 'm1')).toEqual({ items: [] });
    await expect(listAttachments(client, 'gone')).rejects.toMatchObject({ status: 404, message: 'Mail not found.' });
  });

  it('maps a server that cannot be reached to a network ApiError', async () => {
    server.use(http.get(apiUrl('/mails/:id'), () => HttpResponse.error()));
    await expect(getMail(client, 'm1')).rejects.toMatchObject({ kind: 'network', status: 0, isTransient: true });
  });
});

describe('attachment URLs', () => {
  it('carry _h for cookie sessions', () => {
    expect(attachmentUrl(client, 'm/1', 3)).toBe('http://mailbox.test/api/v1/mails/m%2F1/attachments/3?_h=test-session');
    expect(attachmentUrl(client, 'm1', 3, { download: true })).toBe('http://mailbox.test/api/v1/mails/m1/attachments/3/download?_h=test-session');
    expect(attachmentThumbnailUrl(client, 'm1', 3, 2000, 4)).toBe('http://mailbox.test/api/v1/mails/m1/attachments/3/thumbnail?width=1024&height=10&_h=test-session');
    expect(allAttachmentsUrl(client, 'm1')).toBe('http://mailbox.test/api/v1/mails/m1/attachments/download?_h=test-session');
  });

  it('fetchAttachment sends header auth where a URL cannot', async () => {
    requests.clear();
    const headerClient = createTestClient({ kind: 'header', sessid: 'H', authorization: 'Basic QQ==' });
    server.use(http.get(apiUrl('/mails/:id/attachments/:att'), () => new HttpResponse(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/png' } })));
    const blob = await fetchAttachment(headerClient, 'm1', 0);
    expect(blob.size).toBe(3);
    expect(requests[0]).toMatchObject({ path: '/api/v1/mails/m1/attachments/0', headers: { authorization: 'Basic QQ==', 'x-axigen-session': 'H' } });
  });
});
