import { API_PREFIX, type StoreAttachmentsRequest, type StoreAttachmentsResponse, type TemporaryAttachment, type TemporaryAttachmentUploadResponse } from './contract';
import { ApiError, errorFromResponse, type ApiClient } from './transport';

/**
 * The temporary-attachment queue (`/temporaryAttachments`, reference §8.10).
 *
 * Uploads use XMLHttpRequest because it is the only browser API with upload progress (fetch has
 * none). Everything else goes through the transport, so errors are the same ApiError everywhere.
 */

const itemPath = (id: number) => `/temporaryAttachments/${encodeURIComponent(String(id))}`;

export interface UploadTemporaryAttachmentOptions {
  /** Bytes of the request body sent so far, and the total. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  /** Gives up with an ApiError of kind 'timeout' after this long (none by default: large files take time). */
  timeoutMs?: number;
}

/**
 * `POST /temporaryAttachments` with one `file` part. Resolves to the queue item the server made;
 * rejects with an ApiError: 'network', 'aborted', 'timeout', or 'http' carrying the server's error
 * message (413 when the file is over its limit). A 401 reaches the client's unauthorized listeners.
 */
export function uploadTemporaryAttachment(client: ApiClient, file: File | Blob, options: UploadTemporaryAttachmentOptions = {}): Promise<TemporaryAttachment> {
  const { onProgress, signal, timeoutMs } = options;
  return new Promise<TemporaryAttachment>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ApiError('aborted', 0, 'The upload was cancelled.'));
      return;
    }
    const xhr = new XMLHttpRequest();
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Settles once: an abort or a timeout rejects at once rather than waiting for the XHR's own events.
    const settle = (outcome: () => void) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbortSignal);
      if (timer !== undefined) clearTimeout(timer);
      outcome();
    };
    const fail = (error: ApiError) => settle(() => reject(error));
    const onAbortSignal = () => {
      fail(new ApiError('aborted', 0, 'The upload was cancelled.'));
      xhr.abort();
    };

    xhr.open('POST', client.url('/temporaryAttachments'));
    xhr.withCredentials = client.withCredentials;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(client.authHeaders())) xhr.setRequestHeader(name, value);

    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => {
        if (!done) onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      });
    }
    xhr.addEventListener('load', () => {
      if (done) return;
      settleFromResponse(client, xhr).then(
        (item) => settle(() => resolve(item)),
        (error: ApiError) => fail(error),
      );
    });
    xhr.addEventListener('error', () => fail(new ApiError('network', 0, 'The upload did not reach the server (the connection was lost).')));
    xhr.addEventListener('abort', () => fail(new ApiError('aborted', 0, 'The upload was cancelled.')));
    xhr.addEventListener('timeout', () => fail(new ApiError('timeout', 0, 'The server did not answer the upload in time.')));
    signal?.addEventListener('abort', onAbortSignal, { once: true });
    // Our own timer rather than xhr.timeout, which not every XHR implementation honours.
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        fail(new ApiError('timeout', 0, 'The server did not answer the upload in time.'));
        xhr.abort();
      }, timeoutMs);
    }

    const form = new FormData();
    const name = 'name' in file && typeof file.name === 'string' && file.name ? file.name : 'attachment';
    form.append('file', file, wireFileName(name));
    xhr.send(form);
  });
}

/**
 * The name as sent in the multipart header. Browsers escape only CR, LF and `"` there, so any other
 * control character goes out raw and makes the part header unreadable (the server answers 400 and
 * Retry can never succeed); the server keeps no control characters in names anyway.
 */
export function wireFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, '') || 'attachment';
}

async function settleFromResponse(client: ApiClient, xhr: XMLHttpRequest): Promise<TemporaryAttachment> {
  const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
  if (xhr.status < 200 || xhr.status >= 300) {
    // Status 0 on load should not happen; treat it as no answer rather than inventing a status.
    if (xhr.status < 200 || xhr.status > 599) throw new ApiError('network', 0, 'The upload got no usable answer from the server.');
    const error = await errorFromResponse(new Response(text || null, { status: xhr.status, statusText: xhr.statusText }));
    if (error.status === 401) client.notifyUnauthorized(error);
    throw error;
  }
  let body: Partial<TemporaryAttachmentUploadResponse> | undefined;
  try {
    body = JSON.parse(text) as Partial<TemporaryAttachmentUploadResponse>;
  } catch {
    body = undefined;
  }
  const item = body?.items?.[0];
  if (!item || typeof item.id !== 'number') throw new ApiError('http', xhr.status, 'The server accepted the upload but did not say which queue item it made.');
  return item;
}

/** `DELETE /temporaryAttachments/{id}`. */
export async function deleteTemporaryAttachment(client: ApiClient, id: number, signal?: AbortSignal): Promise<void> {
  await client.request<void>('DELETE', itemPath(id), { signal });
}

/**
 * `POST /temporaryAttachments/store { mailId }`: copies a stored mail's attachments into the queue
 * (reopening a draft, forwarding). The answer's `id`s are queue ids; `contentId`/`isInline` are the
 * mail's.
 */
export async function storeMailAttachments(client: ApiClient, mailId: string, signal?: AbortSignal): Promise<StoreAttachmentsResponse> {
  const body: StoreAttachmentsRequest = { mailId };
  const answer = await client.request<StoreAttachmentsResponse | undefined>('POST', '/temporaryAttachments/store', { body, signal });
  return { items: answer?.items ?? [] };
}

/** The same call under the name open-draft uses. */
export const storeTemporaryAttachments = storeMailAttachments;

/**
 * URL of a queue item's bytes, with `_h` for cookie logins. An `<img>` cannot send header auth, so
 * with a header login use `fetchTemporaryAttachmentBlob` and a `blob:` URL instead.
 */
export const temporaryAttachmentUrl = (client: ApiClient, id: number): string => client.url(itemPath(id));

/** `GET /temporaryAttachments/{id}`: the bytes, for showing a reopened draft's inline images from blob URLs. */
export async function fetchTemporaryAttachmentBlob(client: ApiClient, id: number, signal?: AbortSignal): Promise<Blob> {
  const response = await client.requestRaw('GET', `${API_PREFIX}${itemPath(id)}`, { signal, headers: { Accept: '*/*' } });
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (error.status === 401) client.notifyUnauthorized(error);
    throw error;
  }
  return response.blob();
}

/** The same call under the name open-draft uses. */
export const fetchTemporaryAttachment = fetchTemporaryAttachmentBlob;
