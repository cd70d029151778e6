import type { AttachmentList } from '../src/api/contract';
import { addRecipients, delivered, draftsWithSubject, openNewMessage, TEXT_FILE, unique } from './faults-support';
import { expect, test } from './support/fixtures';

/**
 * The server stopped and started again while composing and while a file uploads. Every test shares
 * one e2e server, so "stopped" is simulated in the page: every /api request fails as a refused or
 * reset connection, exactly what the browser reports when the server process is gone. Nothing typed
 * may be lost, the upload must offer Retry and succeed once the server is back.
 */

const REPORT = TEXT_FILE('quarterly-report.txt', 'Revenue went up.\n'.repeat(2_000));
const MINUTES = TEXT_FILE('minutes.txt', 'We agreed.\n'.repeat(100));

test('server down mid-compose and mid-upload: nothing typed is lost, the upload retries, and the message goes out with both files', async ({
  page,
  account,
  recipient,
  signIn,
  apiAs,
}) => {
  await page.clock.install();
  const api = await apiAs(account);
  const recipientApi = await apiAs(recipient);
  const subject = unique('Server restarted');
  await signIn(page, account);
  const window = await openNewMessage(page);
  const status = window.getByRole('status');
  await addRecipients(window, 'To', [recipient.email]);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Before the server went away.');
  await page.clock.runFor(1_600);
  await expect(status).toHaveText(/^Saved \d/);

  // The upload starts; the server goes away while its bytes are on the wire.
  let serverDown = false;
  let holdUpload!: () => void;
  const uploadHeld = new Promise<void>((resolve) => (holdUpload = resolve));
  let uploadStarted = false;
  await page.route('**/api/**', async (route) => {
    const request = route.request();
    if (!serverDown && request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/temporaryAttachments') {
      uploadStarted = true;
      await uploadHeld;
    }
    if (serverDown) return route.abort(request.method() === 'POST' && request.url().includes('temporaryAttachments') ? 'connectionreset' : 'connectionrefused');
    return route.fallback();
  });
  await window.getByLabel('Attach files').setInputFiles([REPORT]);
  await expect.poll(() => uploadStarted).toBe(true);
  serverDown = true;
  holdUpload();
  const files = window.getByRole('list', { name: 'Attachments' });
  await expect(files).toContainText(`The upload of ${REPORT.name} failed`);
  await expect(files.getByRole('button', { name: `Retry ${REPORT.name}` })).toBeVisible();

  // Still down: more typing, another file; saves fail and retry, uploads fail and wait for Retry.
  await page.keyboard.type(' Typed while the server was down.');
  await window.getByLabel('Attach files').setInputFiles([MINUTES]);
  await expect(files.getByRole('button', { name: `Retry ${MINUTES.name}` })).toBeVisible();
  await page.clock.runFor(1_600);
  await expect(status).toHaveText(/^Not saved — retrying in \d+ s/);
  await page.clock.runFor(30_000);
  await expect(status).toHaveText(/^Not saved — retrying in \d+ s/);
  await expect(window.getByRole('textbox', { name: 'Message body' })).toContainText('Before the server went away. Typed while the server was down.');

  // The server is back.
  serverDown = false;
  await files.getByRole('button', { name: `Retry ${REPORT.name}` }).click();
  await files.getByRole('button', { name: `Retry ${MINUTES.name}` }).click();
  await expect(files.getByRole('button', { name: `Remove ${REPORT.name}` })).toBeVisible();
  await expect(files.getByRole('button', { name: `Remove ${MINUTES.name}` })).toBeVisible();
  await expect(files).not.toContainText('failed');
  // Both uploads finished (Remove shows throughout; the progress bars go when a file is in).
  await expect(files.getByRole('progressbar')).toHaveCount(0);
  await page.clock.runFor(60_000);
  await expect(status).toHaveText(/^Saved \d/);

  // The save that lists both files may follow the one that brought the text back: wait for it.
  await expect
    .poll(async () => {
      const drafts = await draftsWithSubject(api, subject);
      if (drafts.length !== 1) return [`${drafts.length} drafts`];
      const saved = await api.get<AttachmentList>(`/mails/${encodeURIComponent(drafts[0]!.id)}/attachments`).catch(() => ({ items: [] }));
      return saved.items.map((a) => a.name).sort();
    })
    .toEqual([MINUTES.name, REPORT.name]);
  expect(await api.draftBodies(subject, 'text')).toEqual([expect.stringContaining('Before the server went away. Typed while the server was down.')]);

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  const [mail] = await delivered(page, recipientApi, subject);
  const received = await recipientApi.get<AttachmentList>(`/mails/${encodeURIComponent(mail!.id)}/attachments`);
  expect(received.items.map((a) => ({ name: a.name, size: a.size })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
    { name: MINUTES.name, size: MINUTES.buffer.length },
    { name: REPORT.name, size: REPORT.buffer.length },
  ]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
