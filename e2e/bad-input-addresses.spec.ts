import fs from 'node:fs';
import type { Locator } from '@playwright/test';
import { delivered, openNewMessage, unique } from './faults-support';
import { expect, test } from './support/fixtures';

/**
 * Every address of the fixture (src/compose/model/__fixtures__/email-addresses.json, 226 cases from
 * is_email; attribution in the README beside it) through the To field of a real browser, and the
 * address tricks that have misrouted mail elsewhere, end to end.
 *
 * The expected verdicts come from the fixture's own labels and the policy written in
 * docs/addresses.md — not from our parser:
 * - a case labelled valid becomes a chip, except the RFC 5321-only forms the policy refuses (address
 *   literals, numeric TLDs, quoted local parts other than redundant quotes) and the one domain IDNA
 *   cannot convert (it starts with the unassigned U+103FF);
 * - a case labelled invalid is flagged with a reason, except the 25 whose only fault is whitespace or
 *   line breaks around `test@iana.org`: typed or pasted, those become the chip `test@iana.org`;
 * - an input element cannot hold CR or LF, so a case the browser reduces to nothing (`""`, `"\r"`) is
 *   nothing entered, and one that is not pasted as a list (no `,` `;` line break or `@`) lands in the
 *   input as typed text — with its line breaks dropped, as the browser does — and Enter commits it.
 */

interface FixtureCase {
  address: string;
  valid: boolean;
  category: 'valid' | 'dnsWarn' | 'rfc5321' | 'cfws' | 'deprecated' | 'rfc5322' | 'error';
  diagnosis: string;
}

const cases = JSON.parse(fs.readFileSync(new URL('../src/compose/model/__fixtures__/email-addresses.json', import.meta.url), 'utf8')) as FixtureCase[];

/** docs/addresses.md, "Policy for the RFC 5321-only forms". */
function refusedByPolicy(c: FixtureCase): boolean {
  if (c.category !== 'rfc5321') return false;
  if (/ADDRESSLITERAL/i.test(c.diagnosis) || /TLDNUMERIC/i.test(c.diagnosis)) return true;
  // Quoted local parts: only redundant quotes around a plain dot-atom are accepted.
  if (/QUOTEDSTRING/i.test(c.diagnosis)) return !/^"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"@/.test(c.address);
  return false;
}

/** docs/addresses.md: the one valid case whose domain IDNA refuses. */
const idnaUnconvertible = (c: FixtureCase) => c.valid && c.address.startsWith('test@\u{103FF}');

/** docs/addresses.md: whitespace or line breaks only around the address; typed, the user gets that address. */
const onlySpaceAround = (c: FixtureCase) => !c.valid && c.address !== c.address.trim() && c.address.trim() === 'test@iana.org';

/** What the input element holds after the browser took the text (it drops CR and LF). */
const asInputValue = (text: string) => text.replace(/[\r\n]/g, '');
const pastedAsList = (text: string) => /[,;\n@]/.test(text);

type Expected = { kind: 'chip'; text: string } | { kind: 'flagged' } | { kind: 'nothing' };

function expectedFor(c: FixtureCase): Expected {
  const entered = pastedAsList(c.address) ? c.address : asInputValue(c.address);
  if (entered.trim() === '') return { kind: 'nothing' };
  if (onlySpaceAround(c)) return { kind: 'chip', text: 'test@iana.org' };
  if (c.valid && !refusedByPolicy(c) && !idnaUnconvertible(c)) return { kind: 'chip', text: c.address.startsWith('"') ? c.address.replace(/^"([^"]*)"@/, '$1@') : c.address };
  return { kind: 'flagged' };
}

interface SeenChip {
  text: string;
  flagged: boolean;
  description: string;
}

/**
 * Pastes each text into the field as its own paste (a real ClipboardEvent the app handles), records
 * the chips it made with their accessible descriptions, then removes them with their Remove buttons.
 * One round trip for the whole batch keeps 200 cases fast.
 */
async function pasteEach(field: Locator, texts: string[], keep = false): Promise<SeenChip[][]> {
  return field.evaluate(
    async (input: HTMLInputElement, { texts, keep }) => {
      const list = () => document.querySelector(`ul[aria-label="${input.getAttribute('aria-label') ?? 'To'} recipients"]`) ?? input.closest('.recipient-field')?.querySelector('ul[aria-label$=" recipients"]');
      const items = () => [...(list()?.querySelectorAll(':scope > li') ?? [])];
      const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
      const describe = (el: Element) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim();
      const results: SeenChip[][] = [];
      for (const text of texts) {
        const before = items().length;
        input.focus();
        const data = new DataTransfer();
        data.setData('text/plain', text);
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        for (let i = 0; i < 100 && items().length === before; i += 1) await tick();
        const made = items()
          .slice(before)
          .map((li) => {
            const chip = li.querySelector('button[aria-describedby]')!;
            return { text: chip.textContent ?? '', flagged: li.hasAttribute('data-invalid'), description: describe(chip) };
          });
        results.push(made);
        if (keep) continue;
        for (let i = 0; i < 200 && items().length > 0; i += 1) {
          (items()[0]!.querySelector('button[aria-label^="Remove "]') as HTMLButtonElement).click();
          await tick();
        }
      }
      return results;
    },
    { texts, keep },
  );
}

async function chipsOf(window: Locator): Promise<SeenChip[]> {
  const list = window.getByRole('list', { name: 'To recipients' });
  if ((await list.count()) === 0) return [];
  return list.getByRole('listitem').evaluateAll((items) =>
    items.map((li) => {
      const chip = li.querySelector('button[aria-describedby]')!;
      const description = (chip.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
      return { text: chip.textContent ?? '', flagged: li.hasAttribute('data-invalid'), description };
    }),
  );
}

async function removeAll(window: Locator) {
  const list = window.getByRole('list', { name: 'To recipients' });
  while ((await list.count()) > 0) await list.getByRole('button', { name: /^Remove / }).first().click();
}

test('all 226 fixture addresses through the To field: valid ones become chips, invalid ones are flagged with a reason and block sending', async ({ page, account, signIn }) => {
  test.setTimeout(120_000);
  await signIn(page, account);
  const window = await openNewMessage(page);
  const to = window.getByRole('combobox', { name: 'To', exact: true });
  await window.getByRole('textbox', { name: 'Subject' }).fill('Address fixture');

  const expected = cases.map(expectedFor);
  const tally = { chip: expected.filter((e) => e.kind === 'chip').length, flagged: expected.filter((e) => e.kind === 'flagged').length };
  // 30 accepted + 25 trimmed into test@iana.org; the rest flagged, two reduced to nothing by the input.
  expect(tally).toEqual({ chip: 55, flagged: 169 });

  const pasted = cases.map((c, index) => ({ c, index })).filter(({ c }) => pastedAsList(c.address));
  const seen = new Map<number, SeenChip[]>();
  const results = await pasteEach(to, pasted.map(({ c }) => c.address));
  pasted.forEach(({ index }, i) => seen.set(index, results[i]!));

  // The few that are not a list land in the input as typed text; Enter commits them.
  for (const [index, c] of cases.entries()) {
    if (pastedAsList(c.address)) continue;
    await to.fill(c.address);
    await to.press('Enter');
    seen.set(index, await chipsOf(window));
    await removeAll(window);
    await to.fill('');
  }

  const wrong: string[] = [];
  for (const [index, c] of cases.entries()) {
    const want = expected[index]!;
    const got = seen.get(index) ?? [];
    const label = `${JSON.stringify(c.address)} (${c.category})`;
    if (want.kind === 'nothing' && got.length !== 0) wrong.push(`${label}: expected nothing, got ${JSON.stringify(got)}`);
    if (want.kind === 'chip' && !(got.length === 1 && !got[0]!.flagged && got[0]!.text === want.text && !got[0]!.description.includes('Not a valid address')))
      wrong.push(`${label}: expected the chip ${want.text}, got ${JSON.stringify(got)}`);
    if (want.kind === 'flagged' && !(got.length >= 1 && got.every((chip) => chip.flagged && /^Not a valid address: [a-z].{5,}/.test(chip.description))))
      wrong.push(`${label}: expected a flagged chip with a reason, got ${JSON.stringify(got)}`);
  }
  expect(wrong).toEqual([]);

  // Every flagged entry at once, plus one good address: Send is blocked and the checklist names each.
  const flaggedTexts = cases.filter((_, index) => expected[index]!.kind === 'flagged' && pastedAsList(cases[index]!.address)).map((c) => c.address);
  await pasteEach(to, ['ana@example.test', ...flaggedTexts], true);
  const chips = await chipsOf(window);
  const flagged = chips.filter((chip) => chip.flagged);
  expect(flagged).toHaveLength(flaggedTexts.length);
  const sendRequests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/send$/.test(new URL(request.url()).pathname)) sendRequests.push(request.url());
  });
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  const checklist = window.getByRole('region', { name: 'The message can’t be sent yet' });
  await expect(checklist).toBeVisible();
  await expect(checklist.getByRole('button', { name: 'Send anyway' })).toHaveCount(0);
  const named = (await checklist.getByRole('alert').textContent()) ?? '';
  expect(named).toMatch(/^These addresses can’t be used: /);
  const unnamed = flagged.filter((chip) => !named.includes(`“${chip.text.trim() || '(empty)'}” (To: `));
  expect(unnamed.map((chip) => chip.text)).toEqual([]);
  expect(sendRequests).toEqual([]);
  await expect(window).toBeVisible();
});

async function pasteInto(field: Locator, text: string) {
  await field.focus();
  await field.evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('misrouting tricks: a quoted local part and a comment after the domain are flagged and block sending', async ({ page, account, signIn }) => {
  await signIn(page, account);
  const window = await openNewMessage(page);
  const to = window.getByRole('combobox', { name: 'To', exact: true });
  await pasteInto(to, '"a@evil.com x"@internal.test; user@example.test(x)evil.com');
  const chips = window.getByRole('list', { name: 'To recipients' });
  const quoted = chips.getByRole('button', { name: '"a@evil.com x"@internal.test', exact: true });
  const comment = chips.getByRole('button', { name: 'user@example.test(x)evil.com', exact: true });
  await expect(quoted).toHaveAccessibleDescription(/^Not a valid address: quoted text before the @ is not accepted/);
  await expect(comment).toHaveAccessibleDescription(/^Not a valid address: contains text in brackets/);
  await window.getByRole('textbox', { name: 'Subject' }).fill('Tricks');
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  const alert = window.getByRole('region', { name: 'The message can’t be sent yet' }).getByRole('alert');
  await expect(alert).toContainText('“"a@evil.com x"@internal.test” (To: quoted text before the @ is not accepted');
  await expect(alert).toContainText('“user@example.test(x)evil.com” (To: contains text in brackets');
});

test('display names with commas, quoted or not, reach only the intended mailboxes: the delivered MIME names nobody else', async ({
  page,
  account,
  recipient,
  makeAccount,
  signIn,
  apiAs,
}) => {
  const other = await makeAccount('roe');
  const subject = unique('Commas in names');
  const recipientApi = await apiAs(recipient);
  const otherApi = await apiAs(other);
  await signIn(page, account);
  const window = await openNewMessage(page);
  const to = window.getByRole('combobox', { name: 'To', exact: true });
  await pasteInto(to, `"Doe, Jane" <${recipient.email}>; Roe, Richard <${other.email}>`);
  const chips = window.getByRole('list', { name: 'To recipients' });
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await expect(chips.getByRole('button', { name: `Doe, Jane <${recipient.email}>`, exact: true })).toBeVisible();
  await expect(chips.getByRole('button', { name: `Roe, Richard <${other.email}>`, exact: true })).toBeVisible();
  await window.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await window.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('To two people with commas in their names.');
  await window.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(window).toBeHidden();

  for (const api of [recipientApi, otherApi]) {
    const [mail] = await delivered(page, api, subject);
    const source = await api.source(mail!.id);
    const header = unfoldedHeader(source, 'To');
    expect(header).toContain('"Doe, Jane"');
    expect(header).toContain('"Roe, Richard"');
    const addresses = [...header.matchAll(/[^\s<>",]+@[^\s<>",]+/g)].map((m) => m[0].toLowerCase()).sort();
    expect(addresses).toEqual([recipient.email, other.email].map((a) => a.toLowerCase()).sort());
    expect(source).not.toMatch(/^(Cc|Bcc):/im);
  }
});

/** One header of a raw message, with folded lines joined. */
function unfoldedHeader(source: string, name: string): string {
  const head = source.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}
