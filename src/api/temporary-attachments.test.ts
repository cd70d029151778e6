import { describe, expect, it, vi } from 'vitest';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import {
  deleteTemporaryAttachment,
  fetchTemporaryAttachmentBlob,
  storeMailAttachments,
  temporaryAttachmentUrl,
  uploadTemporaryAttachment,
} from './temporary-attachments';
import { ApiError } from './transport';

/**
 * MSW intercepts XMLHttpRequest in happy-dom (it replaces the global XHR class), including the
 * request body and the upload progress events, so the XHR module is tested like every other API
 * module. The end-to-end tests cover the real browser against the real server.
 */
const server = startMswServer();
const requests = recordRequests(server);
const text = (value: string, name = 'report.txt', type = 'text/plain') => new File([value], name, { type });

describe('uploadTemporaryAttachment', () => {
  it('sends one multipart `file` part with _h (cookie login) and resolves to the queue item, reporting progress', async () => {
    let received: Record<string, unknown> = {};
    server.use(
      http.post(apiUrl('/temporaryAttachments'), async ({ request }) => {
        const part = (await request.formData()).get('file') as File;
        received = {
          name: part.name,
          type: part.type,
          text: await part.text(),
          h: new URL(request.url).searchParams.get('_h'),
          contentType: request.headers.get('content-type'),
        };
        return HttpResponse.json({ items: [{ id: 5, name: part.name, contentType: part.type, size: part.size }] });
      }),
    );
    const progress = vi.fn();
    const item = await uploadTemporaryAttachment(createTestClient(), text('hello world'), { onProgress: progress });
    expect(item).toEqual({ id: 5, name: 'report.txt', contentType: 'text/plain', size: 11 });
    expect(received).toMatchObject({ name: 'report.txt', type: 'text/plain', text: 'hello world', h: 'test-session' });
    expect(String(received.contentType)).toMatch(/^multipart\/form-data; boundary=/);
    expect(progress).toHaveBeenCalled();
    const [loaded, total] = progress.mock.lastCall!;
    expect(loaded).toBe(total);
  });

  it('sends the login headers with a header login, and no _h', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => HttpResponse.json({ items: [{ id: 1, name: 'a', contentType: 'text/plain', size: 1 }] })));
    requests.clear();
    await uploadTemporaryAttachment(createTestClient({ kind: 'header', sessid: 's1', authorization: 'Basic abc' }), text('a'));
    expect(requests[0]!.headers).toMatchObject({ authorization: 'Basic abc', 'x-axigen-session': 's1' });
    expect(requests[0]!.query).toEqual({});
  });

  it('rejects a 413 with the server’s message', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => apiErrorResponse(413, 'big.zip is larger than the 25 MB limit.')));
    const error = await uploadTemporaryAttachment(createTestClient(), text('x', 'big.zip')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'big.zip is larger than the 25 MB limit.' });
  });

  it('rejects a 413 without a body (a proxy) with a message that is not "undefined"', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => new HttpResponse('<html>Request Entity Too Large</html>', { status: 413, statusText: 'Payload Too Large' })));
    const error = (await uploadTemporaryAttachment(createTestClient(), text('x')).catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ kind: 'http', status: 413 });
    expect(error.message).toBe('The server answered 413 Payload Too Large');
  });

  it('rejects a lost connection as a network error', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => HttpResponse.error()));
    await expect(uploadTemporaryAttachment(createTestClient(), text('x'))).rejects.toMatchObject({ kind: 'network', status: 0 });
  });

  it('rejects as aborted when the caller aborts, before or during the upload', async () => {
    let reached: () => void = () => {};
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    server.use(
      http.post(apiUrl('/temporaryAttachments'), async () => {
        reached();
        await new Promise(() => {});
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const pending = uploadTemporaryAttachment(createTestClient(), text('x'), { signal: controller.signal });
    await arrived;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    await expect(uploadTemporaryAttachment(createTestClient(), text('x'), { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('rejects as a timeout when the server does not answer within timeoutMs', async () => {
    server.use(
      http.post(apiUrl('/temporaryAttachments'), async () => {
        await new Promise(() => {});
        return HttpResponse.json({});
      }),
    );
    await expect(uploadTemporaryAttachment(createTestClient(), text('x'), { timeoutMs: 50 })).rejects.toMatchObject({ kind: 'timeout', status: 0 });
  });

  it('tells the unauthorized listeners about a 401', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => apiErrorResponse(401, 'Session expired')));
    const client = createTestClient();
    const listener = vi.fn();
    client.onUnauthorized(listener);
    await expect(uploadTemporaryAttachment(client, text('x'))).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledWith(expect.objectContaining({ status: 401 }));
  });

  it('rejects a success answer that names no item', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => HttpResponse.json({ items: [] })));
    await expect(uploadTemporaryAttachment(createTestClient(), text('x'))).rejects.toMatchObject({ kind: 'http', status: 200 });
  });
});

describe('the other queue calls', () => {
  it('delete, store and download use the documented paths', async () => {
    const stored = [{ id: 70, mailId: 'm1', name: 'logo.png', contentId: 'logo@mc', contentType: 'image/png', size: 3, isInline: true }];
    server.use(
      http.delete(apiUrl('/temporaryAttachments/:id'), () => new HttpResponse(null, { status: 200 })),
      http.post(apiUrl('/temporaryAttachments/store'), () => HttpResponse.json({ items: stored })),
      http.get(apiUrl('/temporaryAttachments/:id'), () => new HttpResponse(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/png' } })),
    );
    requests.clear();
    const client = createTestClient();
    await deleteTemporaryAttachment(client, 12);
    expect(await storeMailAttachments(client, 'm1')).toEqual({ items: stored });
    const blob = await fetchTemporaryAttachmentBlob(client, 70);
    expect(blob.size).toBe(3);
    expect(callsOf(requests)).toEqual(['DELETE /api/v1/temporaryAttachments/12', 'POST /api/v1/temporaryAttachments/store', 'GET /api/v1/temporaryAttachments/70']);
    expect(requests[1]!.body).toEqual({ mailId: 'm1' });
    expect(requests[2]!.query).toEqual({ _h: 'test-session' });
  });

  it('builds the download URL with _h for an <img> under a cookie login', () => {
    expect(temporaryAttachmentUrl(createTestClient(), 70)).toBe('http://mailbox.test/api/v1/temporaryAttachments/70?_h=test-session');
  });

  it('download failures are ApiErrors, and a 401 reaches the listeners', async () => {
    server.use(http.get(apiUrl('/temporaryAttachments/:id'), ({ params }) => (params.id === '1' ? apiErrorResponse(404, 'No such item') : apiErrorResponse(401, 'Expired'))));
    const client = createTestClient();
    const listener = vi.fn();
    client.onUnauthorized(listener);
    await expect(fetchTemporaryAttachmentBlob(client, 1)).rejects.toMatchObject({ status: 404, message: 'No such item' });
    expect(listener).not.toHaveBeenCalled();
    await expect(fetchTemporaryAttachmentBlob(client, 2)).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
