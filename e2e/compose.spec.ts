import type { Locator } from '@playwright/test';
import type { MailInstance } from '../src/api/contract';
import { openNewMessage, unique } from './support/compose';
import { expect, test, type TestAccount } from './support/fixtures';
import type { MailboxApi } from './support/mailbox-api';

/** The demo account is the one seeded with signatures ("Work" is HTML, "Short" is text). */
const DEMO: TestAccount = { email: 'demo@example.test', password: 'demo', fullName: 'Demo User' };


/** A real paste event carrying text, as the browser fires it for Ctrl+V. */
async function pasteText(target: Locator, text: string) {
  await target.focus();
  await target.evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const draftsWithSubject = async (api: MailboxApi, subject: string): Promise<MailInstance[]> => (await api.mails('drafts')).filter((m) => m.subject === subject);

test('compose with chips, formatting and a signature; the draft is saved once and replaced; sent mail arrives with its headers and HTML', async ({
  page,
  recipient,
  signIn,
  apiAs,
}) => {
  const subject = unique('Quarterly plan');
  const demoApi = await apiAs(DEMO);
  const recipientApi = await apiAs(recipient);
  await signIn(page, DEMO);
  const window = await openNewMessage(page);

  // From lists the account's addresses with its display name.
  await expect(window.getByRole('combobox', { name: 'From' })).toHaveValue(/demo@example\.test/);

  // A pasted list: valid entries become chips, the invalid one is flagged with its reason.
  const to = window.getByRole('combobox', { name: 'To', exact: true });
  await pasteText(to, `${recipient.fullName} <${recipient.email}>; not-an-address@@example\nana@example.test`);
  const chips = window.getByRole('list', { name: 'To recipients' });
  await expect(chips.getByRole('button', { name: `${recipient.fullName} <${recipient.email}>`, exact: true })).toBeVisible();
  await expect(chips.getByRole('button', { name: 'ana@example.test', exact: true })).toBeVisible();
  const bad = chips.getByRole('button', { name: 'not-an-address@@example', exact: true });
  await expect(bad).toHaveAccessibleDescription(/Not a valid address/);
  await expect(window.getByText(/^Not a valid address: /)).toBeVisible();

  // Send is blocked while an invalid address is there.
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window.getByRole('alert').filter({ hasText: 'can’t be used' })).toBeVisible();
  await window.getByRole('button', { name: 'OK' }).click();

  // Keyboard: focus the flagged chip and delete it; Backspace at the start edits the last chip.
  await bad.focus();
  await page.keyboard.press('Delete');
  await expect(bad).toHaveCount(0);
  await to.focus();
  await page.keyboard.press('Backspace');
  await expect(to).toHaveValue('ana@example.test');
  await page.keyboard.press('Enter');
  await expect(chips.getByRole('button', { name: 'ana@example.test', exact: true })).toBeVisible();

  // Cc opens from its button.
  await window.getByRole('button', { name: 'Cc', exact: true }).click();
  await window.getByRole('combobox', { name: 'Cc' }).fill('Bogdan <bogdan@example.test>');
  await window.getByRole('textbox', { name: 'Subject' }).click();

  // The default signature is in the body; switching replaces it rather than adding a second.
  const body = window.getByRole('textbox', { name: 'Message body' });
  await expect(body).toContainText('Best regards');
  await window.getByRole('combobox', { name: 'Signature' }).selectOption({ label: 'Short' });
  await expect(body).not.toContainText('Best regards');
  await expect(body).toContainText('Demo');
  await window.getByRole('combobox', { name: 'Signature' }).selectOption({ label: 'Work' });
  await expect(body).toContainText('Best regards');
  await expect(body.getByText('Best regards')).toHaveCount(1);

  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await body.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('Hello team, ');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('the plan is ready');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('.');

  // Autosave: the draft appears in Drafts (exactly one).
  const status = window.getByRole('status');
  await expect(status).toHaveText(/^Saved \d/, { timeout: 15_000 });
  await expect.poll(async () => (await draftsWithSubject(demoApi, subject)).length).toBe(1);
  const [first] = await draftsWithSubject(demoApi, subject);

  // The next save replaces it under a new id; still exactly one draft.
  await page.keyboard.type(' More soon.');
  await page.keyboard.press('ControlOrMeta+S');
  await expect
    .poll(async () => {
      const drafts = await draftsWithSubject(demoApi, subject);
      return drafts.length === 1 && drafts[0]!.id !== first!.id;
    })
    .toBe(true);

  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();
  await expect.poll(async () => (await draftsWithSubject(demoApi, subject)).length).toBe(0);

  // Delivered after the undo window: move the server clock past it.
  await expect
    .poll(
      async () => {
        await recipientApi.get('/folders'); // keep the session warm
        const res = await page.request.post('/__test/clock', { data: { advanceMs: 11_000 } });
        expect(res.ok()).toBe(true);
        return (await recipientApi.mails('inbox')).some((m) => m.subject === subject);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const received = (await recipientApi.mails('inbox')).find((m) => m.subject === subject)!;
  expect(received.from).toContain('demo@example.test');
  expect(received.to).toContain(recipient.email);
  expect(received.to).toContain('ana@example.test');
  expect(received.cc).toContain('bogdan@example.test');
  const html = await recipientApi.body(received.id, 'html');
  expect(html).toMatch(/Hello team, <(strong|b)>the plan is ready<\/(strong|b)>\. More soon\./);
  expect(html).toContain('Best regards');
  expect(html.match(/Best regards/g)).toHaveLength(1);
});

test('the compose window has no axe violations, with chips, a flagged entry, suggestions and the checklist showing', async ({ page, signIn }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  await signIn(page, DEMO);
  const window = await openNewMessage(page);
  const to = window.getByRole('combobox', { name: 'To', exact: true });
  await pasteText(to, 'ana@example.test, broken@@address');
  await window.getByRole('button', { name: 'More options' }).click();
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window.getByRole('region', { name: 'The message can’t be sent yet' })).toBeVisible();
  await to.fill('bog');
  await expect(window.getByRole('option', { name: /bogdan@example\.test/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).include('.compose-window').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
