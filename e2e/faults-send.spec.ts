import type { Locator, Page } from '@playwright/test';
import { addRecipients, delivered, mailPath, openNewMessage, serverError, unique } from './faults-support';
import { expect, test, type TestAccount } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';

/**
 * Send under faults: a 500 keeps the window with Retry; a send whose answer is lost after the server
 * accepted it is never sent again — Retry first finds out whether the first attempt went through
 * (the draft is gone after Send Draft; the mail is in Sent after `/mails/send`). The recipient's
 * Inbox is counted after the server clock has run past the undo window.
 */

async function compose(page: Page, recipient: TestAccount, subject: string, options: { readReceipt?: boolean } = {}): Promise<Locator> {
  const window = await openNewMessage(page);
  await addRecipients(window, 'To', [recipient.email]);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Only once, please.');
  if (options.readReceipt) {
    await window.getByRole('button', { name: 'More options' }).click();
    await window.getByRole('checkbox', { name: 'Request read receipt' }).check();
  }
  return window;
}

/** Exactly `count` copies arrived, even after the clock ran well past every retry and the undo window. */
async function expectDeliveredOnce(page: Page, api: MailboxApi, subject: string) {
  await delivered(page, api, subject, 1);
  for (let i = 0; i < 3; i += 1) await page.request.post('/__test/clock', { data: { advanceMs: 30_000 } });
  const copies = (await api.mails('inbox')).filter((m) => m.subject === subject);
  expect(copies).toHaveLength(1);
  expect(await api.body(copies[0]!.id, 'text')).toContain('Only once, please.');
}

const isSendDraft = (url: string, method: string) => method === 'POST' && /^\/api\/v1\/drafts\/[^/]+\/send$/.test(new URL(url).pathname);
const isSendMail = (url: string, method: string) => method === 'POST' && new URL(url).pathname === '/api/v1/mails/send';

test('Send answered with 500: the window stays with the reason and Retry, and Retry delivers it once', async ({ page, account, recipient, signIn, apiAs }) => {
  const recipientApi = await apiAs(recipient);
  const senderApi = await apiAs(account);
  const subject = unique('Send meets a 500');
  await signIn(page, account);
  let sends = 0;
  await page.route('**/api/v1/drafts/**', async (route) => {
    if (!isSendDraft(route.request().url(), route.request().method())) return route.fallback();
    sends += 1;
    if (sends === 1) return route.fulfill(serverError('The mail queue is not available'));
    return route.fallback();
  });

  const window = await compose(page, recipient, subject);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  const failure = window.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Retry' }) });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText(/not certain the message was sent|Not sent/);
  // Nothing is lost while it waits: the draft still holds the message.
  expect((await senderApi.mails('drafts')).filter((m) => m.subject === subject)).toHaveLength(1);

  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(window).toBeHidden();
  expect(sends).toBe(2);
  await expectDeliveredOnce(page, recipientApi, subject);
  expect((await senderApi.mails('sent')).filter((m) => m.subject === subject)).toHaveLength(1);
  expect((await senderApi.mails('drafts')).filter((m) => m.subject === subject)).toHaveLength(0);
});

test('Send Draft accepted but its answer lost: Retry finds the draft gone and does not send again', async ({ page, account, recipient, signIn, apiAs }) => {
  const recipientApi = await apiAs(recipient);
  const senderApi = await apiAs(account);
  const subject = unique('Answer lost after send');
  await signIn(page, account);
  const sendRequests: string[] = [];
  page.on('request', (request) => {
    if (isSendDraft(request.url(), request.method()) || isSendMail(request.url(), request.method())) sendRequests.push(new URL(request.url()).pathname);
  });
  let lost = false;
  await page.route('**/api/v1/drafts/**', async (route) => {
    if (!isSendDraft(route.request().url(), route.request().method()) || lost) return route.fallback();
    lost = true;
    // The server takes the message; the connection drops before the answer reaches the browser.
    const response = await route.fetch();
    expect(response.status()).toBe(200);
    await route.abort('connectionreset');
  });

  const window = await compose(page, recipient, subject);
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  const failure = window.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Retry' }) });
  await expect(failure).toContainText('It is not certain the message was sent');
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(window).toBeHidden();
  // One send request in all: the retry only looked.
  expect(sendRequests).toHaveLength(1);
  await expectDeliveredOnce(page, recipientApi, subject);
  expect((await senderApi.mails('sent')).filter((m) => m.subject === subject)).toHaveLength(1);
});

test('/mails/send (read receipt asked) accepted but its answer lost: Retry finds it in Sent and does not send again', async ({ page, account, recipient, signIn, apiAs }) => {
  const recipientApi = await apiAs(recipient);
  const senderApi = await apiAs(account);
  const subject = unique('Receipt send lost');
  await signIn(page, account);
  const sendRequests: string[] = [];
  page.on('request', (request) => {
    if (isSendDraft(request.url(), request.method()) || isSendMail(request.url(), request.method())) sendRequests.push(mailPathOf(request.url()));
  });
  let lost = false;
  await page.route('**/api/v1/mails/send*', async (route) => {
    if (mailPath(route) !== '/api/v1/mails/send' || lost) return route.fallback();
    lost = true;
    const response = await route.fetch();
    expect(response.status()).toBe(200);
    await route.abort('connectionreset');
  });

  const window = await compose(page, recipient, subject, { readReceipt: true });
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  const failure = window.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Retry' }) });
  await expect(failure).toContainText('It is not certain the message was sent');
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(window).toBeHidden();
  expect(sendRequests).toEqual(['/api/v1/mails/send']);
  await expectDeliveredOnce(page, recipientApi, subject);
  expect((await senderApi.mails('sent')).filter((m) => m.subject === subject)).toHaveLength(1);
  // The mail path leaves the draft behind; the confirmed send removes it.
  await expect.poll(async () => (await senderApi.mails('drafts')).filter((m) => m.subject === subject).length).toBe(0);
});

const mailPathOf = (url: string) => new URL(url).pathname;
