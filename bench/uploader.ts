import { uploadTemporaryAttachment } from '../src/api/temporary-attachments';
import { createApiClient } from '../src/api/transport';

/**
 * Runs the window's uploader on the chosen file with the page's cookie session, reporting progress
 * the way the upload queue asks for it (so the page does the same per-progress-event work).
 */
declare global {
  interface Window {
    __benchUpload?: (sessid: string) => Promise<{ ms: number; bytes: number; progressEvents: number; id: number }>;
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
