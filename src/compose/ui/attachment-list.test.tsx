import { act, createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TemporaryAttachment } from '../../api/contract';
import { deleteTemporaryAttachment, uploadTemporaryAttachment } from '../../api/temporary-attachments';
import { ApiError } from '../../api/transport';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../../testing/msw';
import { useAttachmentDrop } from '../hooks/use-attachment-drop';
import { UploadQueue, type UploadProgressOptions } from '../model/upload-queue';
import { AttachFilesButton } from './attach-files-button';
import { AttachmentList } from './attachment-list';
import { DropOverlay } from './drop-overlay';

const server = startMswServer();
const requests = recordRequests(server);

/** An uploader the test answers by hand (the network boundary of the queue). */
function handDriven() {
  let nextId = 1;
  const calls: Array<{ file: File; options: UploadProgressOptions; resolve(v: TemporaryAttachment): void; reject(e: unknown): void }> = [];
  const upload = (file: File, options: UploadProgressOptions) =>
    new Promise<TemporaryAttachment>((resolve, reject) => {
      options.signal.addEventListener('abort', () => reject(new ApiError('aborted', 0, 'cancelled')));
      calls.push({ file, options, resolve, reject });
    });
  const succeed = (n: number) => calls[n]!.resolve({ id: nextId++, name: calls[n]!.file.name, contentType: calls[n]!.file.type, size: calls[n]!.file.size });
  return { upload, calls, succeed };
}

const file = (name: string, content = 'hello', type = 'text/plain') => new File([content], name, { type });

function setup() {
  const driver = handDriven();
  const deleted: number[] = [];
  const queue = new UploadQueue({
    upload: driver.upload,
    deleteFromServer: async (id) => {
      deleted.push(id);
    },
    locale: 'en',
  });
  render(<AttachmentList queue={queue} locale="en" />);
  return { queue, driver, deleted };
}

describe('AttachmentList', () => {
  it('shows each file with its size and a named progress bar that follows the upload', async () => {
    const { queue, driver } = setup();
    act(() => void queue.addFiles([file('report.pdf', 'x'.repeat(2048), 'application/pdf')]));
    const list = screen.getByRole('list', { name: 'Attachments' });
    const row = within(list).getByRole('listitem');
    expect(row.textContent).toContain('report.pdf');
    expect(row.textContent).toContain('2 kB');
    const bar = screen.getByRole('progressbar', { name: 'Uploading report.pdf' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    act(() => driver.calls[0]!.options.onProgress(1024, 2048));
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByRole('button', { name: 'Cancel upload of report.pdf' })).toBeTruthy();
    await act(async () => driver.succeed(0));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel upload of report.pdf' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove report.pdf' })).toBeTruthy();
  });

  it('after a failure shows the sentence and Retry, and Retry uploads again', async () => {
    const { queue, driver } = setup();
    act(() => void queue.addFiles([file('report.pdf')]));
    await act(async () => driver.calls[0]!.reject(new ApiError('network', 0, 'reset')));
    expect(screen.getByRole('listitem').textContent).toContain('The upload of report.pdf failed: the connection was lost. Retry?');
    await userEvent.click(screen.getByRole('button', { name: 'Retry report.pdf' }));
    expect(screen.getByRole('progressbar', { name: 'Uploading report.pdf' })).toBeTruthy();
    expect(driver.calls).toHaveLength(2);
    await act(async () => driver.succeed(1));
    expect(screen.queryByRole('button', { name: 'Retry report.pdf' })).toBeNull();
  });

  it('Cancel stops the upload; Remove takes a finished file out and deletes its queue item', async () => {
    const { queue, driver, deleted } = setup();
    act(() => void queue.addFiles([file('a.txt'), file('b.txt')]));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel upload of a.txt' }));
    expect(screen.getByRole('button', { name: 'Retry a.txt' })).toBeTruthy();
    await act(async () => driver.succeed(1));
    await userEvent.click(screen.getByRole('button', { name: 'Remove b.txt' }));
    expect(deleted).toEqual([1]);
    expect(within(screen.getByRole('list', { name: 'Attachments' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows refusals as an alert before anything is sent, and can dismiss them', async () => {
    const { queue, driver } = setup();
    act(() => void queue.addFiles([new File([], 'x.txt')]));
    expect(screen.getByRole('alert').textContent).toContain('x.txt is empty.');
    expect(driver.calls).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('announces start, finish and failure politely, not every progress tick', async () => {
    const { queue, driver } = setup();
    const live = document.querySelector('[aria-live="polite"]')!;
    act(() => void queue.addFiles([file('a.txt', 'x'.repeat(100)), file('b.txt')]));
    expect(live.textContent).toBe('Uploading 2 files.');
    act(() => driver.calls[0]!.options.onProgress(40, 100));
    expect(live.textContent).toBe('Uploading 2 files.');
    await act(async () => driver.succeed(0));
    expect(live.textContent).toBe('a.txt uploaded.');
    await act(async () => driver.calls[1]!.reject(new ApiError('http', 413, 'too big')));
    expect(live.textContent).toBe('b.txt (5 bytes) is larger than the server accepts.');
  });

  it('keeps inline images out of the list unless their upload failed', async () => {
    const { queue, driver } = setup();
    act(() => void queue.addInlineImage(file('photo.png', 'png', 'image/png')));
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
    await act(async () => driver.calls[0]!.reject(new ApiError('network', 0, '')));
    expect(screen.getByRole('listitem').textContent).toContain('photo.png (image in the message)');
    expect(screen.getByRole('button', { name: 'Retry photo.png' })).toBeTruthy();
  });

  it('shows names without bidi overrides', () => {
    const { queue } = setup();
    act(() => void queue.addFiles([file('invoice\u202Efdp.exe')]));
    expect(screen.getByRole('button', { name: 'Remove invoicefdp.exe' })).toBeTruthy();
  });
});

/** A window-like harness wired like the compose window: the real API module behind MSW. */
function Window({ queue, onBodyFiles }: { queue: UploadQueue; onBodyFiles?: (files: File[]) => void }) {
  const { rootProps, isDragActive } = useAttachmentDrop({ queue, onBodyFiles });
  return (
    <section aria-label="New message" {...rootProps} style={{ position: 'relative' }}>
      <DropOverlay active={isDragActive} />
      <AttachFilesButton queue={queue} />
      <div data-compose-body="" role="textbox" aria-label="Message body" contentEditable suppressContentEditableWarning />
      <AttachmentList queue={queue} locale="en" />
    </section>
  );
}

function realQueue() {
  const client = createTestClient();
  return new UploadQueue({
    upload: (f, options) => uploadTemporaryAttachment(client, f, options),
    deleteFromServer: (id) => deleteTemporaryAttachment(client, id),
    locale: 'en',
  });
}

function dataTransfer(files: File[]) {
  return { files, items: files.map((f) => ({ kind: 'file', type: f.type, getAsFile: () => f })), types: ['Files'] };
}

describe('Attach files, drop and paste (real API module, MSW server)', () => {
  it('the chooser attaches several files, which upload and can be removed on the server', async () => {
    let nextId = 30;
    server.use(
      http.post(apiUrl('/temporaryAttachments'), async ({ request }) => {
        const part = (await request.formData()).get('file') as File;
        return HttpResponse.json({ items: [{ id: nextId++, name: part.name, contentType: part.type, size: part.size }] });
      }),
      http.delete(apiUrl('/temporaryAttachments/:id'), () => new HttpResponse(null, { status: 200 })),
    );
    const queue = realQueue();
    render(<Window queue={queue} />);
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeTruthy();
    requests.clear();
    await userEvent.upload(screen.getByLabelText('Attach files'), [file('one.txt'), file('two.txt')]);
    await waitFor(() => expect(queue.refs()).toEqual([{ id: 30, isInline: false }, { id: 31, isInline: false }]));
    expect(screen.queryByRole('progressbar')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Remove one.txt' }));
    await waitFor(() => expect(callsOf(requests)).toContain('DELETE /api/v1/temporaryAttachments/30'));
  });

  it('a 413 from the server reads as a sentence, and offers Remove but no Retry (the same size would be refused again)', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => apiErrorResponse(413, 'Too large')));
    const queue = realQueue();
    render(<Window queue={queue} />);
    await userEvent.upload(screen.getByLabelText('Attach files'), [file('big.zip')]);
    await waitFor(() => expect(screen.getByRole('listitem').textContent).toContain('big.zip (5 bytes) is larger than the server accepts.'));
    expect(screen.getByRole('button', { name: 'Remove big.zip' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry big.zip' })).toBeNull();
  });

  it('dropping on the window shows the overlay and attaches; images dropped on the list stay attachments; the body gets its own drops', async () => {
    server.use(
      http.post(apiUrl('/temporaryAttachments'), async ({ request }) => {
        const part = (await request.formData()).get('file') as File;
        return HttpResponse.json({ items: [{ id: 1, name: part.name, contentType: part.type, size: part.size }] });
      }),
    );
    const queue = realQueue();
    const onBodyFiles = vi.fn();
    render(<Window queue={queue} onBodyFiles={onBodyFiles} />);
    const windowEl = screen.getByRole('region', { name: 'New message' });
    const image = file('photo.png', 'png', 'image/png');

    fireEvent.dragEnter(windowEl, { dataTransfer: dataTransfer([image]) });
    expect(await screen.findByText('Drop files to attach')).toBeTruthy();
    fireEvent.drop(windowEl, { dataTransfer: dataTransfer([image]) });
    await waitFor(() => expect(screen.queryByText('Drop files to attach')).toBeNull());
    await waitFor(() => expect(queue.getSnapshot().items.map((i) => [i.name, i.inline])).toEqual([['photo.png', false]]));

    const list = screen.getByRole('list', { name: 'Attachments' });
    fireEvent.drop(list, { dataTransfer: dataTransfer([file('second.png', 'png', 'image/png')]) });
    await waitFor(() => expect(queue.getSnapshot().items.map((i) => [i.name, i.inline])).toEqual([['photo.png', false], ['second.png', false]]));

    fireEvent.drop(screen.getByRole('textbox', { name: 'Message body' }), { dataTransfer: dataTransfer([file('inline.png', 'png', 'image/png')]) });
    await waitFor(() => expect(onBodyFiles).toHaveBeenCalledWith([expect.objectContaining({ name: 'inline.png' })]));
    expect(queue.getSnapshot().items).toHaveLength(2);
  });

  it('pasting files outside the body attaches them', async () => {
    server.use(http.post(apiUrl('/temporaryAttachments'), () => HttpResponse.json({ items: [{ id: 9, name: 'p.txt', contentType: 'text/plain', size: 5 }] })));
    const queue = realQueue();
    render(<Window queue={queue} />);
    const button = screen.getByRole('button', { name: 'Attach files' });
    const paste = createEvent.paste(button, { clipboardData: { files: [file('p.txt')] } });
    fireEvent(button, paste);
    expect(queue.getSnapshot().items.map((i) => i.name)).toEqual(['p.txt']);
    await waitFor(() => expect(queue.refs()).toEqual([{ id: 9, isInline: false }]));
  });
});
