import { expect, type Locator, type Page } from '@playwright/test';
import type { MailInstance } from '../../src/api/contract';
import type { MailboxApi } from './mailbox-api';

/** Helpers shared by the specs that drive the compose window, by role and accessible name. */

/** A subject (or any label) no other test uses. */
export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A 2×2 PNG (red, green, blue, white): small, and a real image the browser decodes. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';
export const PNG = Buffer.from(PNG_BASE64, 'base64');

/** Opens a new message from the portal and answers the window once its body takes input. */
export async function openNewMessage(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'New message' }).click();
  const window = page.getByRole('dialog', { name: 'New message' });
  await expect(window.getByRole('textbox', { name: 'Message body' })).toBeVisible();
  return window;
}

/** A paste event carrying an image file, as the browser fires it when an image is pasted. */
export async function pasteImage(body: Locator, fileName = 'chart.png'): Promise<void> {
  await body.evaluate(
    (el, { base64, name }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { base64: PNG_BASE64, name: fileName },
  );
}

/** Moves the server clock past the undo window until `subject` is in the Inbox of `api`'s account. */
export async function deliveredTo(page: Page, api: MailboxApi, subject: string): Promise<MailInstance> {
  await expect
    .poll(
      async () => {
        const res = await page.request.post('/__test/clock', { data: { advanceMs: 11_000 } });
        expect(res.ok()).toBe(true);
        return (await api.mails('inbox')).some((m) => m.subject === subject);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return (await api.mails('inbox')).find((m) => m.subject === subject)!;
}

/** The image is decoded and shown from its preview (not a broken icon, not alt text). */
export async function expectImageShown(image: Locator): Promise<void> {
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
}
