import { uploadTemporaryAttachment } from '../src/api/temporary-attachments';
import { createApiClient } from '../src/api/transport';

/**
 * Runs the window's uploader on the chosen file with the page's cookie session, reporting progress
 * the way the upload queue asks for it (so the page does the same per-progress-event work).
 */
declare global {
  interface Window {
    __benchUpload?: (sessid: string) => Promise<{ ms: number; bytes: number; progressEvents: number; id: number }>;
    __benchFetchUpload?: (sessid: string) => Promise<{ ms: number; id: number }>;
  }
}

window.__benchUpload = async (sessid: string) => {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  const file = input.files?.[0];
  if (!file) throw new Error('no file chosen');
  const client = createApiClient();
  client.setAuth({ kind: 'cookie', sessid });
  let progressEvents = 0;
  const start = performance.now();
  const item = await uploadTemporaryAttachment(client, file, { onProgress: () => void progressEvents++ });
  return { ms: performance.now() - start, bytes: file.size, progressEvents, id: item.id };
};

/**
 * The browser's own ceiling for comparison: the same multipart body with a bare fetch (no progress,
 * no XHR). If this is as slow as the uploader, the gap to curl is Chromium's, not ours.
 */
window.__benchFetchUpload = async (sessid: string) => {
  const file = document.querySelector<HTMLInputElement>('input[type=file]')!.files?.[0];
  if (!file) throw new Error('no file chosen');
  const form = new FormData();
  form.append('file', file, file.name);
  const start = performance.now();
  const res = await fetch(`/api/v1/temporaryAttachments?_h=${encodeURIComponent(sessid)}`, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
  const body = (await res.json()) as { items?: { id: number }[] };
  if (!res.ok || !body.items?.[0]) throw new Error(`fetch upload answered ${res.status}`);
  return { ms: performance.now() - start, id: body.items[0].id };
};
