import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMIT_BYTES, type ApiErrorBody } from '../../api/contract';
import { deleteTemporaryAttachment, uploadTemporaryAttachment } from '../../api/temporary-attachments';
import { apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../../testing/msw';
import { UploadLimit, uploadLimitFor } from './upload-limit';
import { UploadQueue } from './upload-queue';

/**
 * The per-file limit the client learns (issue 5): configured, then corrected by the server's 413.
 * The queue runs on the real upload module against an MSW server, so the error body is parsed as
 * the browser would parse it.
 */
const server = startMswServer();
const requests = recordRequests(server);

const bytes = (name: string, size: number) => new File(['x'.repeat(size)], name, { type: 'application/octet-stream' });

/** A server with a per-file limit of `limit` bytes that says so in its 413 body, as ours does. */
function serverWithLimit(limit: number, { stateLimit = true } = {}) {
  let nextId = 1;
  server.use(
    http.post(apiUrl('/temporaryAttachments'), async ({ request }) => {
      const part = (await request.formData()).get('file') as File;
      if (part.size > limit) {
        const body: ApiErrorBody = {
          error: { code: 'PAYLOAD_TOO_LARGE', message: `"${part.name}" is larger than the upload limit of ${limit} bytes per file.`, ...(stateLimit ? { limitBytes: limit } : {}) },
        };
        return HttpResponse.json(body, { status: 413 });
      }
      return HttpResponse.json({ items: [{ id: nextId++, name: part.name, contentType: part.type, size: part.size }] });
    }),
  );
}

/** A proxy in front of the server: 413 with an HTML page that says nothing usable. */
function proxyWithLimit(limit: number) {
  let nextId = 1;
  server.use(
    http.post(apiUrl('/temporaryAttachments'), async ({ request }) => {
      const part = (await request.formData()).get('file') as File;
      if (part.size > limit) return new HttpResponse('<html><body><h1>413 Request Entity Too Large</h1></body></html>', { status: 413, headers: { 'Content-Type': 'text/html' } });
      return HttpResponse.json({ items: [{ id: nextId++, name: part.name, contentType: part.type, size: part.size }] });
    }),
  );
}

let queue: UploadQueue | undefined;
beforeEach(() => requests.clear());
afterEach(() => queue?.dispose());

function realQueue(limit: UploadLimit) {
  const client = createTestClient();
  queue = new UploadQueue({
    upload: (f, options) => uploadTemporaryAttachment(client, f, options),
    deleteFromServer: (id) => deleteTemporaryAttachment(client, id),
    limit,
    locale: 'en',
  });
  return queue;
}

const uploads = () => callsOf(requests).filter((call) => call === 'POST /api/v1/temporaryAttachments').length;

async function settled(q: UploadQueue) {
  await q.settled();
}

describe('UploadLimit', () => {
  it('starts at the embedded server’s 25 MB, takes a configured value, and the server’s word wins over configuration', () => {
    const limit = new UploadLimit();
    expect(limit).toMatchObject({ bytes: DEFAULT_UPLOAD_LIMIT_BYTES, source: 'default' });
    limit.configure(10_000);
    expect(limit).toMatchObject({ bytes: 10_000, source: 'configured' });
    limit.learn(5_000);
    expect(limit).toMatchObject({ bytes: 5_000, source: 'server' });
    limit.configure(50_000);
    expect(limit.bytes).toBe(5_000);
  });

  it('ignores values that are not a positive number of bytes', () => {
    const limit = new UploadLimit(Number.NaN);
    limit.configure(-1);
    limit.configure(0);
    limit.learn(Number.POSITIVE_INFINITY);
    expect(limit).toMatchObject({ bytes: DEFAULT_UPLOAD_LIMIT_BYTES, source: 'default' });
  });

  it('is shared per API client, so every window knows what one learned', () => {
    const client = createTestClient();
    uploadLimitFor(client).learn(1234);
    expect(uploadLimitFor(client).bytes).toBe(1234);
    expect(uploadLimitFor(createTestClient()).bytes).toBe(DEFAULT_UPLOAD_LIMIT_BYTES);
  });
});

describe('learning the limit from a 413', () => {
  it('a server below the configured limit: the 413 says its limit in plain words, and the next larger file is refused before any byte is sent', async () => {
    serverWithLimit(100);
    const limit = new UploadLimit(1000);
    const q = realQueue(limit);
    const [big] = q.addFiles([bytes('scan.pdf', 500)]).added;
    await settled(q);
    expect(q.get(big!.key)).toMatchObject({ status: 'failed', error: 'scan.pdf is larger than the server accepts (100 bytes).', overLimit: true });
    expect(limit).toMatchObject({ bytes: 100, source: 'server' });
    expect(uploads()).toBe(1);

    const result = q.addFiles([bytes('photo.jpg', 101), bytes('note.txt', 100)]);
    expect(result.refused).toEqual(['photo.jpg is larger than the server accepts (100 bytes).']);
    await settled(q);
    expect(uploads()).toBe(2);
    expect(q.getSnapshot().items.map((i) => `${i.name}:${i.status}`)).toEqual(['scan.pdf:failed', 'note.txt:done']);
  });

  it('Retry of the refused file does not send it again', async () => {
    serverWithLimit(100);
    const q = realQueue(new UploadLimit(1000));
    const [big] = q.addFiles([bytes('scan.pdf', 500)]).added;
    await settled(q);
    q.retry(big!.key);
    await settled(q);
    expect(uploads()).toBe(1);
    expect(q.get(big!.key)).toMatchObject({ status: 'failed', error: 'scan.pdf is larger than the server accepts (100 bytes).' });
  });

  it('files still waiting their turn that are over the learned limit fail at once, unsent', async () => {
    serverWithLimit(100);
    const limit = new UploadLimit(1000);
    const client = createTestClient();
    queue = new UploadQueue({
      upload: (f, options) => uploadTemporaryAttachment(client, f, options),
      deleteFromServer: (id) => deleteTemporaryAttachment(client, id),
      limit,
      parallel: 1,
      locale: 'en',
    });
    queue.addFiles([bytes('first.bin', 600), bytes('second.bin', 700), bytes('small.txt', 10)]);
    await settled(queue);
    expect(queue.getSnapshot().items.map((i) => `${i.name}:${i.status}`)).toEqual(['first.bin:failed', 'second.bin:failed', 'small.txt:done']);
    expect(queue.getSnapshot().items[1]).toMatchObject({ error: 'second.bin is larger than the server accepts (100 bytes).', overLimit: true });
    expect(uploads()).toBe(2);
  });

  it('a server above the configured limit raises it: a file the configuration would refuse is accepted after the server said so', async () => {
    serverWithLimit(2000);
    const limit = new UploadLimit(100);
    const q = realQueue(limit);
    expect(q.addFiles([bytes('mid.bin', 1500)]).refused).toEqual(['mid.bin is larger than the server accepts (100 bytes).']);
    // What another window heard from the server (a 413 for a bigger file) applies here too.
    limit.learn(2000);
    q.addFiles([bytes('mid.bin', 1500)]);
    await settled(q);
    expect(q.getSnapshot().items.map((i) => `${i.name}:${i.status}`)).toEqual(['mid.bin:done']);
  });

  it('a proxy 413 that states no limit: the file’s size is named, and files at least that large are refused before upload', async () => {
    proxyWithLimit(300);
    const limit = new UploadLimit(1000);
    const q = realQueue(limit);
    const [big] = q.addFiles([bytes('video.mp4', 400)]).added;
    await settled(q);
    expect(q.get(big!.key)).toMatchObject({ status: 'failed', error: 'video.mp4 (400 bytes) is larger than the server accepts.', overLimit: true });
    expect(limit).toMatchObject({ bytes: 1000, source: 'configured' });
    const result = q.addFiles([bytes('bigger.mp4', 450), bytes('smaller.mp4', 350)]);
    expect(result.refused).toEqual(['bigger.mp4 (450 bytes) is larger than the server accepts.']);
    await settled(q);
    // 350 bytes is below what was refused, so it is tried — and the proxy refuses it, lowering the bound again.
    expect(uploads()).toBe(2);
    expect(q.addFiles([bytes('again.mp4', 350)]).refused).toEqual(['again.mp4 (350 bytes) is larger than the server accepts.']);
  });

  it('a 413 body with a nonsense limit is not adopted', async () => {
    server.use(
      http.post(apiUrl('/temporaryAttachments'), () =>
        HttpResponse.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Too large.', limitBytes: 'ten' } }, { status: 413 }),
      ),
    );
    const limit = new UploadLimit(1000);
    const q = realQueue(limit);
    const [item] = q.addFiles([bytes('a.bin', 500)]).added;
    await settled(q);
    expect(limit).toMatchObject({ bytes: 1000, source: 'configured' });
    expect(q.get(item!.key)!.error).toBe('a.bin (500 bytes) is larger than the server accepts.');
  });
});
