import type { AttachmentList, MailBody } from '../src/api/contract';
import { delivered, openNewMessage, unique } from './faults-support';
import { expect, test } from './support/fixtures';

/**
 * Volume: 500 recipients, a 5 MB body and 100 attachments in one message. No timing is asserted —
 * the window must still take typing, and the send must succeed with everything in it.
 */

const PARAGRAPHS = 500;
const PARAGRAPH_CHARS = 10_000;

test('500 recipients, a 5 MB body and 100 attachments: the window still takes typing and the message arrives whole', async ({
  page,
  account,
  recipient,
  signIn,
  apiAs,
}) => {
  test.setTimeout(300_000);
  const recipientApi = await apiAs(recipient);
  const subject = unique('Everything at once');
  await signIn(page, account);
  const window = await openNewMessage(page);

  // 500 recipients in one paste: the test recipient and 499 on another domain (recorded as
  // delivered externally, as the server does without a relay).
  const addresses = [recipient.email, ...Array.from({ length: 499 }, (_, i) => `person${i + 1}@elsewhere.test`)];
  const to = window.getByRole('combobox', { name: 'To', exact: true });
  await to.focus();
  await to.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, addresses.join(', '));
  await expect(window.getByRole('list', { name: 'To recipients' }).getByRole('listitem')).toHaveCount(500);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);

  // 5 MB of text pasted into the body: 500 paragraphs of 10 000 characters.
  const body = window.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await body.evaluate(
    (el, { paragraphs, chars }) => {
      const line = (i: number) => `Paragraph ${i} `.padEnd(chars, 'lorem ipsum dolor sit amet ');
      const text = Array.from({ length: paragraphs }, (_, i) => line(i + 1)).join('\n');
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { paragraphs: PARAGRAPHS, chars: PARAGRAPH_CHARS },
  );
  await expect(body).toContainText(`Paragraph ${PARAGRAPHS} lorem`, { timeout: 60_000 });

  // 100 attachments from the chooser.
  const files = Array.from({ length: 100 }, (_, i) => ({ name: `part-${String(i + 1).padStart(3, '0')}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Attachment ${i + 1}\n`.repeat(50)) }));
  await window.getByLabel('Attach files').setInputFiles(files);
  const list = window.getByRole('list', { name: 'Attachments' });
  await expect(list.getByRole('button', { name: /^Remove / })).toHaveCount(100, { timeout: 60_000 });
  await expect(list.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });

  // Still responsive: typing lands in the body and the subject.
  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Still typing after all that.');
  await expect(body).toContainText('Still typing after all that.');
  await window.getByRole('textbox', { name: 'Subject' }).press('End');
  await page.keyboard.type(' (complete)');
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(`${subject} (complete)`);

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden({ timeout: 120_000 });

  const [mail] = await delivered(page, recipientApi, `${subject} (complete)`);
  expect(mail!.to.match(/@/g)).toHaveLength(500);
  const { items } = await recipientApi.get<AttachmentList>(`/mails/${encodeURIComponent(mail!.id)}/attachments`);
  expect(items.filter((a) => !a.isInline).map((a) => a.name).sort()).toEqual(files.map((f) => f.name));
  const text = await recipientApi.get<MailBody>(`/mails/${encodeURIComponent(mail!.id)}/body`, { type: 'text' });
  expect(text.estimatedSize).toBeGreaterThanOrEqual(PARAGRAPHS * PARAGRAPH_CHARS);
  expect(Buffer.from(text.data, 'base64').toString('utf8')).toContain('Paragraph 1 lorem');
});
