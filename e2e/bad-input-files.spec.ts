import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AttachmentList } from '../src/api/contract';
import { addRecipients, delivered, openNewMessage, unique } from './faults-support';
import { expect, test } from './support/fixtures';

/**
 * Files nobody should send, and names nobody should trust: refused before a byte is uploaded (empty,
 * over the server's limit, 2 GB), or accepted and then shown and stored safely (path separators,
 * control characters, a right-to-left override, leading dots, a name far over 255 bytes).
 */

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const UNSAFE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

test('empty, over-limit and 2 GB files are refused before any upload, each named with the reason', async ({ page, account, signIn }) => {
  // A sparse 2 GB file: the browser sees its size, the disk holds nothing.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-huge-'));
  const huge = path.join(dir, 'disk-image.iso');
  fs.writeFileSync(huge, '');
  fs.truncateSync(huge, 2 * 1024 * 1024 * 1024);
  try {
    await signIn(page, account);
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/temporaryAttachments') uploads.push(request.url());
    });
    const window = await openNewMessage(page);
    await window.getByLabel('Attach files').setInputFiles([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(25 * 1024 * 1024 + 1) },
    ]);
    const refusals = window.getByRole('alert').filter({ hasText: 'empty.txt' });
    await expect(refusals).toContainText('empty.txt is empty.');
    await expect(refusals).toContainText('video.mp4 is larger than the server accepts (25 MB).');
    await window.getByLabel('Attach files').setInputFiles(huge);
    await expect(window.getByRole('alert').filter({ hasText: 'disk-image.iso' })).toContainText('disk-image.iso is larger than the server accepts (25 MB).');
    await expect(window.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
    expect(uploads).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const HOSTILE_NAMES = [
  '../../etc/passwd.txt',
  'C:\\Users\\me\\Desktop\\plan.txt',
  'bell\u0007and\u0001control\u007f.txt',
  'line\r\nbreak.txt',
  'invoice\u202Efdp.exe.txt',
  '\u2066isolate\u2069d.txt',
  '..hidden.txt',
  `${'very long name '.repeat(30)}end.txt`,
];

test('hostile file names are shown without control or direction characters, fit the window, and are stored with safe names', async ({
  page,
  account,
  recipient,
  signIn,
  apiAs,
}) => {
  const recipientApi = await apiAs(recipient);
  const subject = unique('Hostile names');
  await signIn(page, account);
  const window = await openNewMessage(page);
  await addRecipients(window, 'To', [recipient.email]);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Files with names from an untrusted disk.');

  // Names a file chooser can hand over (some only on other systems): put in as the chooser does.
  await window.getByLabel('Attach files').evaluate((input: HTMLInputElement, names) => {
    const data = new DataTransfer();
    names.forEach((name, i) => data.items.add(new File([`file number ${i}\n`], name, { type: 'text/plain' })));
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, HOSTILE_NAMES);

  const list = window.getByRole('list', { name: 'Attachments' });
  await expect(list.getByRole('listitem')).toHaveCount(HOSTILE_NAMES.length);
  await expect(list.getByRole('progressbar')).toHaveCount(0);
  await expect(list.getByRole('button', { name: /^Remove / })).toHaveCount(HOSTILE_NAMES.length);
  // Shown safely: no control, bidi-override or isolate characters in what is shown or announced.
  const shown = await list.getByRole('listitem').allTextContents();
  expect(shown.filter((text) => UNSAFE.test(text))).toEqual([]);
  const announced = await list.getByRole('button', { name: /^Remove / }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  expect(announced.filter((name) => UNSAFE.test(name))).toEqual([]);
  expect(shown.join('\n')).toContain('invoicefdp.exe.txt');
  // The long name wraps or is cut inside the window instead of pushing it wider.
  const windowBox = (await window.boundingBox())!;
  for (const box of await list.getByRole('listitem').evaluateAll((items) => items.map((li) => li.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.right).toBeLessThanOrEqual(windowBox.x + windowBox.width + 1);
  }
  expect(await window.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  const [mail] = await delivered(page, recipientApi, subject);
  const { items } = await recipientApi.get<AttachmentList>(`/mails/${encodeURIComponent(mail!.id)}/attachments`);
  const names = items.map((a) => a.name);
  expect(names).toHaveLength(HOSTILE_NAMES.length);
  for (const name of names) {
    expect(name).not.toMatch(UNSAFE);
    expect(name).not.toMatch(/[/\\]/);
    expect(name.startsWith('.')).toBe(false);
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
    expect(name.endsWith('.txt')).toBe(true);
  }
  expect(names).toEqual(expect.arrayContaining(['passwd.txt', 'plan.txt', 'invoicefdp.exe.txt']));
  // Every file arrived with its bytes.
  expect(items.map((a) => a.size).sort()).toEqual(HOSTILE_NAMES.map((_, i) => Buffer.byteLength(`file number ${i}\n`)).sort());
});
