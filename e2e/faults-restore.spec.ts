import type { Locator, Page } from '@playwright/test';
import type { AttachmentList } from '../src/api/contract';
import { expectNoAxeViolations } from './a11y-support';
import { addRecipients, draftsWithSubject, isSave, journalEntries, journalHas, openNewMessage, serverError, TEXT_FILE, unique, type JournalRecord } from './faults-support';
import { expect, test, type TestAccount } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';

/**
 * The local journal under the faults that lose a page: a browser crash and a reload while offline.
 * The restore offer ("Unsent messages") must bring back the text, every recipient field and the
 * files — and the restored window must keep saving into the same server draft (one draft at the end).
 */

const FILE_A = TEXT_FILE('agenda-a.txt', 'Item one.\n'.repeat(40));
const FILE_B = TEXT_FILE('budget-b.txt', 'Line of figures.\n'.repeat(60));

interface ComposeFixtures {
  page: Page;
  account: TestAccount;
  recipient: TestAccount;
  signIn: (page: Page, account: TestAccount) => Promise<void>;
  apiAs: (account: TestAccount) => Promise<MailboxApi>;
}

/** Signs in on the page's fake clock and starts a message with every recipient field, a subject and text. */
async function composeWithEverything({ page, account, recipient, signIn, apiAs }: ComposeFixtures, label: string) {
  await page.clock.install();
  const api = await apiAs(account);
  const subject = unique(label);
  const people = peopleFor(recipient);
  await signIn(page, account);
  const window = await openNewMessage(page);
  await addRecipients(window, 'To', [people.to]);
  await addRecipients(window, 'Cc', [people.cc]);
  await addRecipients(window, 'Bcc', [people.bcc]);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Written before anything went wrong.');
  return { api, subject, people, window };
}

async function attach(window: Locator, file: ReturnType<typeof TEXT_FILE>) {
  await window.getByLabel('Attach files').setInputFiles([file]);
  await expect(window.getByRole('list', { name: 'Attachments' }).getByRole('button', { name: `Remove ${file.name}` })).toBeVisible();
}

async function savedDraftAttachments(api: MailboxApi, subject: string): Promise<string[]> {
  const drafts = await draftsWithSubject(api, subject);
  if (drafts.length !== 1) return [`${drafts.length} drafts`];
  const { items } = await api.get<AttachmentList>(`/mails/${encodeURIComponent(drafts[0]!.id)}/attachments`);
  return items.map((a) => a.name).sort();
}

/** The restored window has every field back. */
async function expectRestored(window: Locator, people: { to: string; cc: string; bcc: string }, subject: string, texts: string[], files: string[]) {
  const body = window.getByRole('textbox', { name: 'Message body' });
  for (const text of texts) await expect(body).toContainText(text);
  await expect(window.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);
  await expect(window.getByRole('list', { name: 'To recipients' }).getByRole('button', { name: people.to, exact: true })).toBeVisible();
  await expect(window.getByRole('list', { name: 'Cc recipients' }).getByRole('button', { name: people.cc, exact: true })).toBeVisible();
  await expect(window.getByRole('list', { name: 'Bcc recipients' }).getByRole('button', { name: people.bcc, exact: true })).toBeVisible();
  const list = window.getByRole('list', { name: 'Attachments' });
  for (const file of files) await expect(list.getByRole('button', { name: `Remove ${file}` })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(files.length);
}

const peopleFor = (recipient: TestAccount) => ({ to: recipient.email, cc: 'cc.person@example.test', bcc: 'hidden.person@example.test' });

test('a browser crash after typing: a new page offers the unsent message once, and Restore brings back text, recipients and files', async ({
  page,
  context,
  account,
  recipient,
  signIn,
  apiAs,
}) => {
  const { api, subject, people, window } = await composeWithEverything({ page, account, recipient, signIn, apiAs }, 'Crash survivor');
  // A flagged entry is the user's text to fix: it must come back too.
  await window.getByRole('combobox', { name: 'To', exact: true }).fill('ana at example dot test,');
  await expect(window.getByRole('list', { name: 'To recipients' }).getByRole('button', { name: 'ana at example dot test', exact: true })).toBeVisible();
  await attach(window, FILE_A);
  await page.clock.runFor(1_600);
  await expect(window.getByRole('status')).toHaveText(/^Saved \d/);
  await expect.poll(() => savedDraftAttachments(api, subject)).toEqual([FILE_A.name]);

  // From here the server refuses every save: only the journal has what follows.
  await page.route('**/api/v1/**', (route) => (isSave(route) ? route.fulfill(serverError()) : route.fallback()));
  await attach(window, FILE_B);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Typed after the last save, just before the crash.');
  await journalHas(page, 'just before the crash', { attachments: 2 });

  // The crash: the page goes without unload handlers (the journal is what is left).
  await page.close({ runBeforeUnload: false });
  const next = await context.newPage();
  // A new tab has no session id (sessionStorage): signing in again starts a new server session,
  // so the uploads of the crashed one are gone and the files come from the saved draft.
  await signIn(next, account);
  const offer = next.getByRole('region', { name: 'Unsent messages' });
  await expect(offer.getByRole('listitem')).toHaveCount(1);
  await expect(offer).toContainText(new RegExp(`You have an unsent message from \\d{1,2}[:.]\\d{2}( ?[AaPp]\\.?[Mm]\\.?)?: ${subject}`));
  await offer.getByRole('button', { name: 'Restore' }).click();

  const restored = next.getByRole('dialog', { name: 'New message' });
  await expectRestored(restored, people, subject, ['Written before anything went wrong.', 'just before the crash.'], [FILE_A.name]);
  await expect(restored.getByRole('list', { name: 'To recipients' }).getByRole('button', { name: 'ana at example dot test', exact: true })).toHaveAccessibleDescription(
    /^Not a valid address: /,
  );
  // The file uploaded after the last save existed only in the lost session: said plainly.
  await expect(offer).toContainText(`this file could not be brought back: ${FILE_B.name}`);
  await expect(offer.getByRole('button', { name: 'Restore' })).toHaveCount(0);

  // The restored window saves into the same draft: one draft, the final text, the file it kept.
  await expect(restored.getByRole('status')).toHaveText(/^Saved \d/);
  await expect.poll(() => savedDraftAttachments(api, subject)).toEqual([FILE_A.name]);
  const [draft] = await draftsWithSubject(api, subject);
  expect(await api.body(draft!.id, 'text')).toContain('Typed after the last save, just before the crash.');
  expect(draft!.cc).toContain(people.cc);
  expect(draft!.bcc).toContain(people.bcc);
});

test('offline for a minute while typing says so and keeps everything; back online it is saved', async ({ page, context, account, signIn, apiAs }) => {
  await page.clock.install();
  const api = await apiAs(account);
  const subject = unique('Typed on a train');
  await signIn(page, account);
  const window = await openNewMessage(page);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('First words, online.');
  await page.clock.runFor(1_600);
  await expect(window.getByRole('status')).toHaveText(/^Saved \d/);

  await context.setOffline(true);
  const status = window.getByRole('status');
  for (let second = 0; second < 60; second += 10) {
    await page.keyboard.type(` Offline minute ${second}.`);
    await page.clock.runFor(10_000);
    await expect(status).toHaveText('Offline — your changes are kept on this device');
  }
  await journalHas(page, 'Offline minute 50.');
  // Nothing reached the server meanwhile.
  const [before] = await draftsWithSubject(api, subject);
  expect(await api.body(before!.id, 'text')).not.toContain('Offline minute');

  await context.setOffline(false);
  await expect(status).toHaveText(/^Saved \d/);
  await expect
    .poll(() => api.draftBodies(subject, 'text'))
    .toEqual([expect.stringContaining('Offline minute 50.')]);
});

test('a reload while offline: the restore offer brings back text, recipients and both files, into the same draft', async ({
  page,
  context,
  account,
  recipient,
  signIn,
  apiAs,
}) => {
  const { api, subject, people, window } = await composeWithEverything({ page, account, recipient, signIn, apiAs }, 'Reloaded offline');
  await attach(window, FILE_A);
  await attach(window, FILE_B);
  await page.clock.runFor(1_600);
  await expect(window.getByRole('status')).toHaveText(/^Saved \d/);
  await expect.poll(() => savedDraftAttachments(api, subject)).toEqual([FILE_A.name, FILE_B.name]);

  await context.setOffline(true);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Typed offline, then the page was reloaded.');
  await page.clock.runFor(60_000);
  await expect(window.getByRole('status')).toHaveText('Offline — your changes are kept on this device');
  await journalHas(page, 'then the page was reloaded', { attachments: 2 });

  // The app itself cannot load without a network, so the reload happens with the connection back
  // but every save still failing — the page that comes up has only the journal's copy of the text.
  await page.route('**/api/v1/**', (route) => (isSave(route) ? route.abort('internetdisconnected') : route.fallback()));
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Folders' })).toBeVisible();
  const [stale] = await draftsWithSubject(api, subject);
  expect(await api.body(stale!.id, 'text')).not.toContain('then the page was reloaded');
  await page.unroute('**/api/v1/**');

  const offer = page.getByRole('region', { name: 'Unsent messages' });
  await expect(offer.getByRole('listitem')).toHaveCount(1);
  await offer.getByRole('button', { name: 'Restore' }).click();
  const restored = page.getByRole('dialog', { name: 'New message' });
  // Same session after a reload: the uploads are still in the server's queue.
  await expectRestored(restored, people, subject, ['Written before anything went wrong.', 'Typed offline, then the page was reloaded.'], [FILE_A.name, FILE_B.name]);
  await expect(page.getByRole('region', { name: 'Unsent messages' })).toHaveCount(0);

  await page.clock.runFor(1_600);
  await expect(restored.getByRole('status')).toHaveText(/^Saved \d/);
  await expect.poll(() => savedDraftAttachments(api, subject)).toEqual([FILE_A.name, FILE_B.name]);
  const [draft] = await draftsWithSubject(api, subject);
  expect(await api.body(draft!.id, 'text')).toContain('Typed offline, then the page was reloaded.');
});

test('no offer when nothing is unsent; Discard forgets the message and, after a confirm, deletes its draft', async ({ page, context, account, signIn, apiAs }) => {
  await page.clock.install();
  const api = await apiAs(account);
  const subject = unique('Not wanted after all');
  await signIn(page, account);
  await expect(page.getByRole('region', { name: 'Unsent messages' })).toHaveCount(0);
  const window = await openNewMessage(page);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Saved once, then the tab was closed.');
  await page.clock.runFor(1_600);
  await expect(window.getByRole('status')).toHaveText(/^Saved \d/);
  await journalHas(page, 'then the tab was closed');
  await page.close({ runBeforeUnload: false });

  const next = await context.newPage();
  await signIn(next, account);
  const offer = next.getByRole('region', { name: 'Unsent messages' });
  await expect(offer.getByRole('listitem')).toHaveCount(1);
  await expectNoAxeViolations(next, { include: '[aria-label="Unsent messages"]', frames: false });
  await offer.getByRole('button', { name: 'Discard' }).click();
  const confirm = offer.getByRole('alertdialog', { name: 'Discard unsent message' });
  await expect(confirm).toContainText('The saved draft will be deleted from Drafts too.');
  await expectNoAxeViolations(next, { include: '[aria-label="Unsent messages"]', frames: false });
  await confirm.getByRole('button', { name: 'Discard' }).click();
  await expect(offer).toHaveCount(0);
  await expect.poll(async () => (await draftsWithSubject(api, subject)).length).toBe(0);

  // Gone for good: the next start offers nothing.
  await next.reload();
  await expect(next.getByRole('navigation', { name: 'Folders' })).toBeVisible();
  await expect(next.getByRole('region', { name: 'Unsent messages' })).toHaveCount(0);
});

test('a message open in another tab is not offered; once that tab crashes, it is', async ({ page, context, account, signIn }) => {
  await page.clock.install();
  const leftBehind = unique('Left behind');
  const openElsewhere = unique('Open elsewhere');
  await signIn(page, account);
  const first = await openNewMessage(page);
  await first.getByRole('textbox', { name: 'Subject' }).fill(leftBehind);
  await first.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Left behind by a crash.');
  await journalHas(page, 'Left behind by a crash.');
  await page.close({ runBeforeUnload: false });

  // Tab 2 is offered the crashed message, and writes another one (left open).
  const tab2 = await context.newPage();
  await signIn(tab2, account);
  await expect(tab2.getByRole('region', { name: 'Unsent messages' }).getByRole('listitem')).toHaveCount(1);
  const window = await openNewMessage(tab2);
  await window.getByRole('textbox', { name: 'Subject' }).fill(openElsewhere);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await tab2.keyboard.type('Still being written in tab 2.');
  await journalHas(tab2, 'Still being written in tab 2.');

  // Tab 3, a duplicate of tab 2 (same session): offered the crashed message only, not the open one.
  const saved = await tab2.evaluate(() => sessionStorage.getItem('mailbox-compose.session'));
  const tab3 = await context.newPage();
  await tab3.addInitScript((value) => sessionStorage.setItem('mailbox-compose.session', value), saved!);
  await tab3.goto('/');
  const offer = tab3.getByRole('region', { name: 'Unsent messages' });
  await expect(offer.getByRole('listitem')).toHaveCount(1);
  await expect(offer).toContainText(leftBehind);
  await expect(offer).not.toContainText(openElsewhere);

  // Tab 2 crashes: now its message is offered too, and restores.
  await tab2.close({ runBeforeUnload: false });
  await tab3.reload();
  await expect(offer.getByRole('listitem')).toHaveCount(2);
  await offer.getByRole('listitem').filter({ hasText: openElsewhere }).getByRole('button', { name: 'Restore' }).click();
  await expect(tab3.getByRole('dialog', { name: 'New message' }).getByRole('textbox', { name: 'Message body' })).toContainText('Still being written in tab 2.');
  await expect(offer.getByRole('listitem')).toHaveCount(1);
});

test('an address half typed when the browser crashed comes back in its field, not as a chip', async ({ page, context, account, signIn }) => {
  await page.clock.install();
  const subject = unique('Half typed');
  await signIn(page, account);
  const window = await openNewMessage(page);
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Who else should get this?');
  await window.getByRole('button', { name: 'Cc', exact: true }).click();
  const cc = window.getByRole('combobox', { name: 'Cc', exact: true });
  await cc.click();
  await page.keyboard.type('carol.half@exam');
  // Focus stays in the field (leaving it would make the chip): the journal has the text as typed.
  await expect
    .poll(async () => {
      await page.clock.runFor(1_100);
      const entries = (await journalEntries(page)) as Array<JournalRecord & { recipientText?: { cc?: string } }>;
      return entries.find((e) => e.content.subject === subject)?.recipientText?.cc ?? '';
    })
    .toBe('carol.half@exam');
  await page.close({ runBeforeUnload: false });

  const next = await context.newPage();
  await signIn(next, account);
  await next.getByRole('region', { name: 'Unsent messages' }).getByRole('button', { name: 'Restore' }).click();
  const restored = next.getByRole('dialog', { name: 'New message' });
  await expect(restored.getByRole('textbox', { name: 'Message body' })).toContainText('Who else should get this?');
  await expect(restored.getByRole('combobox', { name: 'Cc', exact: true })).toHaveValue('carol.half@exam');
  await expect(restored.getByRole('list', { name: 'Cc recipients' })).toHaveCount(0);
});
