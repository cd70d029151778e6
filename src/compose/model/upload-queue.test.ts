import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentInstance, TemporaryAttachment } from '../../api/contract';
import { ApiError } from '../../api/transport';
import { describeFailedUploads, describePendingUploads, UploadLimit, UploadQueue, type UploadProgressOptions } from './upload-queue';

/** A hand-driven uploader: each call waits until the test answers it. */
function fakeUploader() {
  let nextId = 100;
  const calls: Array<{
    file: File;
    options: UploadProgressOptions;
    progress(loaded: number): void;
    succeed(): void;
    fail(error: unknown): void;
    aborted: boolean;
    /** Set to model a server whose answer was already on its way when the abort came. */
    ignoreAbort: boolean;
  }> = [];
  const upload = vi.fn((file: File, options: UploadProgressOptions) => {
    return new Promise<TemporaryAttachment>((resolve, reject) => {
      const call = {
        file,
        options,
        aborted: false,
        ignoreAbort: false,
        progress: (loaded: number) => options.onProgress(loaded, file.size),
        succeed: () => resolve({ id: nextId++, name: file.name, contentType: file.type, size: file.size }),
        fail: (error: unknown) => reject(error),
      };
      options.signal.addEventListener('abort', () => {
        call.aborted = true;
        if (!call.ignoreAbort) reject(new ApiError('aborted', 0, 'The upload was cancelled.'));
      });
      calls.push(call);
    });
  });
  return { upload, calls };
}

const file = (name: string, size: number, type = 'application/octet-stream') => {
  const f = new File(['x'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
};

const MB = 1024 * 1024;

let uploader: ReturnType<typeof fakeUploader>;
let deleted: number[];
let queue: UploadQueue;
let ids: number;

function makeQueue(options: Partial<ConstructorParameters<typeof UploadQueue>[0]> = {}) {
  return new UploadQueue({
    upload: uploader.upload,
    deleteFromServer: async (id) => {
      deleted.push(id);
      if (id === 404) throw new ApiError('http', 404, 'No such item');
    },
    createContentId: () => `cid${++ids}@mailbox-compose`,
    locale: 'en',
    ...options,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  uploader = fakeUploader();
  deleted = [];
  ids = 0;
  queue = makeQueue();
});
afterEach(() => {
  queue.dispose();
  vi.useRealTimers();
});

const statuses = () => queue.getSnapshot().items.map((i) => `${i.name}:${i.status}`);

describe('parallel uploads', () => {
  it('uploads three at a time and starts the next when one finishes', async () => {
    queue.addFiles(['a', 'b', 'c', 'd', 'e'].map((n) => file(`${n}.txt`, 10)));
    expect(uploader.upload).toHaveBeenCalledTimes(3);
    expect(statuses()).toEqual(['a.txt:uploading', 'b.txt:uploading', 'c.txt:uploading', 'd.txt:queued', 'e.txt:queued']);
    uploader.calls[1]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(uploader.upload).toHaveBeenCalledTimes(4);
    expect(statuses()).toEqual(['a.txt:uploading', 'b.txt:done', 'c.txt:uploading', 'd.txt:uploading', 'e.txt:queued']);
  });

  it('reports progress per whole percent and the tempId when done', async () => {
    const listener = vi.fn();
    queue.subscribe(listener);
    queue.addFiles([file('report.pdf', 1000)]);
    listener.mockClear();
    const call = uploader.calls[0]!;
    call.progress(250);
    call.progress(251); // same percent: no re-render
    call.progress(500);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(queue.getSnapshot().items[0]).toMatchObject({ progress: 0.5, loaded: 500, status: 'uploading' });
    call.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: 'done', progress: 1, loaded: 1000, tempId: 100 });
  });

  it('gives the snapshot a new identity only when something changed', () => {
    const before = queue.getSnapshot();
    expect(queue.getSnapshot()).toBe(before);
    queue.addFiles([file('a.txt', 5)]);
    expect(queue.getSnapshot()).not.toBe(before);
  });
});

describe('limits, checked before any byte is sent', () => {
  it('refuses empty and oversized files with the reason in plain words', () => {
    const result = queue.addFiles([file('x.txt', 0), file('big.zip', 26 * MB), file('ok.txt', 3)]);
    expect(result.refused).toEqual(['x.txt is empty.', 'big.zip is larger than the server accepts (25 MB).']);
    expect(queue.getSnapshot().refusals).toEqual(result.refused);
    expect(result.added.map((i) => i.name)).toEqual(['ok.txt']);
    expect(uploader.upload).toHaveBeenCalledTimes(1);
    expect(uploader.calls[0]!.file.name).toBe('ok.txt');
    queue.dismissRefusals();
    expect(queue.getSnapshot().refusals).toEqual([]);
  });

  it('uses the configured server limit, and a new configuration from then on', () => {
    const limit = new UploadLimit(10 * MB);
    queue = makeQueue({ limit });
    expect(queue.addFiles([file('eleven.bin', 11 * MB)]).refused).toEqual(['eleven.bin is larger than the server accepts (10 MB).']);
    limit.configure(20 * MB);
    expect(queue.addFiles([file('eleven.bin', 11 * MB)]).refused).toEqual([]);
  });

  it('refuses 2 GB files even when the server would take them', () => {
    queue = makeQueue({ maxFileBytes: Number.POSITIVE_INFINITY });
    expect(queue.addFiles([file('disk.iso', 2 * 1024 * MB)]).refused).toEqual(['disk.iso is too large to upload (2 GB or more).']);
    expect(uploader.upload).not.toHaveBeenCalled();
  });

  it('takes at most 100 files and says which were left out', () => {
    queue = makeQueue({ maxFiles: 3 });
    queue.addFiles([file('a', 1), file('b', 1)]);
    const result = queue.addFiles([file('c', 1), file('d', 1), file('e', 1)]);
    expect(result.added.map((i) => i.name)).toEqual(['c']);
    expect(result.refused).toEqual(['A message can carry at most 3 files, so 2 files were not added (d, e).']);
  });

  it('shows names without control characters or bidi overrides, but uploads the real name', () => {
    const [item] = queue.addFiles([file('invoice\u202Efdp.exe', 5)]).added;
    expect(item!.displayName).toBe('invoicefdp.exe');
    expect(uploader.calls[0]!.file.name).toBe('invoice\u202Efdp.exe');
  });
});

describe('failures read as sentences', () => {
  it('a 413 names the file and the limit', async () => {
    queue.addFiles([file('big.zip', 24 * MB)]);
    uploader.calls[0]!.fail(new ApiError('http', 413, 'Request Entity Too Large'));
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: 'failed', error: 'big.zip (24 MB) is larger than the server accepts.' });
  });

  it('a lost connection offers Retry, and Retry uploads again', async () => {
    const [item] = queue.addFiles([file('report.pdf', 10)]).added;
    uploader.calls[0]!.progress(5);
    uploader.calls[0]!.fail(new ApiError('network', 0, 'x'));
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.get(item!.key)).toMatchObject({ status: 'failed', error: 'The upload of report.pdf failed: the connection was lost. Retry?' });
    expect(queue.hasFailed()).toBe(true);
    expect(describeFailedUploads(queue.getSnapshot().items)).toBe('report.pdf did not upload. Retry or remove it before sending.');
    queue.retry(item!.key);
    expect(queue.get(item!.key)).toMatchObject({ status: 'uploading', progress: 0 });
    expect(queue.get(item!.key)!.error).toBeUndefined();
    uploader.calls[1]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.get(item!.key)!.status).toBe('done');
    expect(queue.hasFailed()).toBe(false);
  });

  it('never says "undefined", whatever the failure', async () => {
    queue.addFiles([file('a.txt', 1), file('b.txt', 1), file('c.txt', 1)]);
    uploader.calls[0]!.fail(undefined);
    uploader.calls[1]!.fail(new ApiError('http', 500, 'undefined'));
    uploader.calls[2]!.fail(new ApiError('http', 400, 'The file part is missing'));
    await vi.advanceTimersByTimeAsync(0);
    const errors = queue.getSnapshot().items.map((i) => i.error);
    expect(errors).toEqual([
      'The upload of a.txt failed. Retry?',
      'The upload of b.txt failed: the server had a problem (error 500). Retry?',
      'The upload of c.txt failed: the file part is missing.',
    ]);
    for (const error of errors) expect(error).not.toMatch(/undefined/);
  });

  it('gives up on a stalled upload after the stall timeout', async () => {
    queue.addFiles([file('slow.bin', 100)]);
    uploader.calls[0]!.progress(10);
    await vi.advanceTimersByTimeAsync(59_000);
    uploader.calls[0]!.progress(20); // progress re-arms the timer
    await vi.advanceTimersByTimeAsync(59_000);
    expect(queue.getSnapshot().items[0]!.status).toBe('uploading');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: 'failed', error: 'The upload of slow.bin failed: the server stopped responding. Retry?' });
    expect(uploader.calls[0]!.aborted).toBe(true);
  });
});

describe('cancel and remove', () => {
  it('cancel aborts the request, keeps the item for Retry and frees a slot', async () => {
    const [a] = queue.addFiles([file('a', 1), file('b', 1), file('c', 1), file('d', 1)]).added;
    queue.cancel(a!.key);
    expect(uploader.calls[0]!.aborted).toBe(true);
    expect(queue.get(a!.key)).toMatchObject({ status: 'cancelled', error: 'The upload of a was cancelled.' });
    expect(uploader.upload).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.get(a!.key)!.status).toBe('cancelled');
    queue.retry(a!.key);
    expect(queue.get(a!.key)!.status).toBe('queued');
  });

  it('remove of a finished upload deletes its queue item on the server', async () => {
    const [a] = queue.addFiles([file('a.txt', 1)]).added;
    uploader.calls[0]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    await queue.remove(a!.key);
    expect(deleted).toEqual([100]);
    expect(queue.getSnapshot().items).toEqual([]);
  });

  it('remove while uploading aborts, and an answer that still arrives is deleted too', async () => {
    const [a] = queue.addFiles([file('a.txt', 1)]).added;
    const call = uploader.calls[0]!;
    call.ignoreAbort = true;
    await queue.remove(a!.key);
    expect(call.aborted).toBe(true);
    expect(deleted).toEqual([]);
    call.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(deleted).toEqual([100]);
  });

  it('a 404 on delete is fine (already gone)', async () => {
    queue.addStored([storedItem(404, 'gone.txt')]);
    await expect(queue.remove(queue.getSnapshot().items[0]!.key)).resolves.toBeUndefined();
    expect(queue.getSnapshot().items).toEqual([]);
  });
});

function storedItem(id: number, name: string, contentId = '', isInline = false): AttachmentInstance {
  return { id, mailId: 'm', name, contentId, contentType: isInline ? 'image/png' : 'text/plain', size: 42, isInline };
}

describe('what Save and Send need', () => {
  it('settled() waits for every queued and running upload; failures count as settled', async () => {
    queue.addFiles([file('a', 1), file('b', 1), file('c', 1), file('d', 1)]);
    expect(describePendingUploads(queue.getSnapshot().items)).toBe('Uploading 4 files…');
    let done = false;
    void queue.settled().then(() => (done = true));
    for (const call of uploader.calls.slice(0, 3)) call.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    expect(describePendingUploads(queue.getSnapshot().items)).toBe('Uploading d…');
    uploader.calls[3]!.fail(new ApiError('network', 0, ''));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(describePendingUploads(queue.getSnapshot().items)).toBeNull();
    await expect(queue.settled()).resolves.toBeUndefined();
  });

  it('refs() lists finished uploads only, inline ones with their contentId', async () => {
    queue.addFiles([file('doc.pdf', 5), file('slow.bin', 5)]);
    const cid = queue.addInlineImage(file('photo.png', 8, 'image/png'));
    uploader.calls[0]!.succeed();
    uploader.calls[2]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.refs()).toEqual([
      { id: 100, isInline: false },
      { id: 101, contentId: cid, isInline: true },
    ]);
    expect(queue.draftAttachments()[1]).toEqual({ id: 101, contentId: cid, isInline: true, name: 'photo.png', size: 8, contentType: 'image/png' });
  });
});

describe('inline images', () => {
  it('answers a fresh contentId at once, before the upload ends, and gets the tempId when done', async () => {
    const cid = queue.addInlineImage(file('paste.png', 10, 'image/png'));
    expect(cid).toBe('cid1@mailbox-compose');
    const item = queue.findByContentId(cid!);
    expect(item).toMatchObject({ inline: true, status: 'uploading', contentId: cid });
    expect(item!.tempId).toBeUndefined();
    uploader.calls[0]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.findByContentId(cid!)!.tempId).toBe(100);
  });

  it('two pastes of the same file are two items with two contentIds', () => {
    const image = file('same.png', 10, 'image/png');
    const first = queue.addInlineImage(image);
    const second = queue.addInlineImage(image);
    expect(first).not.toBe(second);
    expect(queue.getSnapshot().items).toHaveLength(2);
  });

  it('SVG is never inlined: it is queued as an attachment and no contentId is given', () => {
    expect(queue.addInlineImage(file('logo.svg', 10, 'image/svg+xml'))).toBeNull();
    expect(queue.getSnapshot().items[0]).toMatchObject({ name: 'logo.svg', inline: false });
  });

  it('a refused image gets no contentId', () => {
    expect(queue.addInlineImage(file('empty.png', 0, 'image/png'))).toBeNull();
    expect(queue.getSnapshot().refusals).toEqual(['empty.png is empty.']);
  });

  it('an image removed from the body leaves the message but survives Undo', async () => {
    const cid = queue.addInlineImage(file('p.png', 10, 'image/png'))!;
    uploader.calls[0]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    queue.syncInline([]);
    expect(queue.refs()).toEqual([]);
    expect(deleted).toEqual([]);
    queue.syncInline([cid]);
    expect(queue.refs()).toEqual([{ id: 100, contentId: cid, isInline: true }]);
    queue.syncInline([]);
    await queue.pruneDetached();
    expect(deleted).toEqual([100]);
    expect(queue.getSnapshot().items).toEqual([]);
  });
});

describe('items from a stored mail', () => {
  it('are finished uploads; the body decides which are inline', () => {
    queue.addStored([storedItem(7, 'report.pdf'), storedItem(8, 'logo.png', 'logo@mc', true), storedItem(9, 'old.png', 'old@mc', true)], ['logo@mc']);
    expect(queue.getSnapshot().items.map((i) => [i.name, i.status, i.inline, i.stored])).toEqual([
      ['report.pdf', 'done', false, true],
      ['logo.png', 'done', true, true],
      ['old.png', 'done', false, true],
    ]);
    expect(queue.refs()).toEqual([
      { id: 7, isInline: false },
      { id: 8, contentId: 'logo@mc', isInline: true },
      { id: 9, isInline: false },
    ]);
    expect(uploader.upload).not.toHaveBeenCalled();
    expect(queue.isBusy()).toBe(false);
  });

  it('takes journal entries too, and never lists one queue item twice', () => {
    queue.addStored([{ id: 3, isInline: true, contentId: 'c@mc', name: 'a.png', size: 5, contentType: 'image/png' }]);
    queue.addStored([{ id: 3, isInline: true, contentId: 'c@mc' }, { id: 4, isInline: false }]);
    expect(queue.getSnapshot().items.map((i) => [i.tempId, i.inline, i.displayName])).toEqual([
      [3, true, 'a.png'],
      [4, false, 'Unnamed file'],
    ]);
  });
});
