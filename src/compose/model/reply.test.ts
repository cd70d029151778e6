// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { MailInstance } from '../../api/contract';
import {
  attributionLine,
  baseSubject,
  escapeHtml,
  formatMailDate,
  forwardFields,
  forwardHeaderBlock,
  forwardHeaderText,
  forwardOriginalHtml,
  forwardOriginalText,
  forwardSubject,
  quoteHtml,
  quoteOriginalHtml,
  quoteText,
  replyFields,
  replyRecipients,
  replySubject,
} from './reply';

// Tue, 24 Nov 2026 12:03 UTC = 14:03 in Bucharest (EET, UTC+2).
const NOV_24_2026_1203_UTC = String(Date.UTC(2026, 10, 24, 12, 3) / 1000);
const style = { timeZone: 'Europe/Bucharest', locale: 'en-GB' };
const own = ['me@example.test', 'me.alias@example.test'];

function mail(fields: Partial<MailInstance>): MailInstance {
  return {
    id: 'm-1', folderId: 'inbox', size: 100, from: '', to: '', cc: '', bcc: '', replyTo: '', replyToAll: '', sender: '',
    messageId: '<m-1@example.test>', subject: '', snippet: '', date: NOV_24_2026_1203_UTC, isUnread: false, isFlagged: false,
    isDraft: false, refwFlags: '', refwType: '', refwMailId: '', isDeleted: false, hasAttachments: false, isItip: false,
    returnReceipt: false, importance: 'normal', originalFolderId: '', originalMailId: '', attachments: [], labelIds: [], bimiLocation: '',
    ...fields,
  };
}

describe('replySubject and forwardSubject', () => {
  it.each([
    ['Lunch', 'Re: Lunch'],
    ['Re: Lunch', 'Re: Lunch'],
    ['Re: Re: Lunch', 'Re: Lunch'],
    ['RE: Lunch', 'Re: Lunch'],
    ['re:Lunch', 'Re: Lunch'],
    ['Aw: Lunch', 'Re: Lunch'],
    ['AW: Re: Lunch', 'Re: Lunch'],
    ['Fwd: Re: Lunch', 'Re: Lunch'],
    ['Re[2]: Lunch', 'Re: Lunch'],
    ['Re(3): Lunch', 'Re: Lunch'],
    ['SV: VS: Lunch', 'Re: Lunch'],
    ['Réf : Lunch', 'Re: Lunch'],
    ['Re： Lunch', 'Re: Lunch'],
    ['[team] Re: Lunch', 'Re: [team] Lunch'],
    ['Re: [team] Re: Lunch', 'Re: [team] Lunch'],
    ['', 'Re:'],
    ['   ', 'Re:'],
    ['Re:', 'Re:'],
    ['Regarding: plans', 'Re: Regarding: plans'],
    ['I: love this', 'Re: I: love this'],
    ['Line\r\nbreak', 'Re: Line break'],
  ])('reply to %j → %j', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });

  it('never grows when replying to replies', () => {
    let subject = 'Budget';
    for (let i = 0; i < 5; i += 1) subject = replySubject(i % 2 ? `Fwd: ${subject}` : subject);
    expect(subject).toBe('Re: Budget');
  });

  it.each([
    ['Budget', 'Fwd: Budget'],
    ['Fwd: Budget', 'Fwd: Budget'],
    ['FW: Budget', 'Fwd: Budget'],
    ['WG: Re: Budget', 'Fwd: Budget'],
    ['TR: Budget', 'Fwd: Budget'],
    ['', 'Fwd:'],
  ])('forward %j → %j', (subject, expected) => {
    expect(forwardSubject(subject)).toBe(expected);
  });

  it('exposes the base subject', () => {
    expect(baseSubject('Re: Fwd: RE: x')).toBe('x');
  });
});

describe('replyRecipients', () => {
  const original = mail({
    from: 'Ana Popescu <ana@example.test>',
    to: 'Me <me@example.test>, "Doe, Jane" <jane@x.test>, bob@x.test',
    cc: 'carol@x.test, ME.ALIAS@example.test, Bob <BOB@x.test>',
  });

  it('replies to From', () => {
    expect(replyRecipients(original, own, 'reply')).toEqual({ to: [{ name: 'Ana Popescu', address: 'ana@example.test' }], cc: [] });
  });

  it('replies to Reply-To when there is one', () => {
    const withReplyTo = { ...original, replyTo: 'List <list@lists.test>, ana@example.test' };
    expect(replyRecipients(withReplyTo, own, 'reply').to.map((m) => m.address)).toEqual(['list@lists.test', 'ana@example.test']);
  });

  it('reply all adds To and Cc without the user and without repeats', () => {
    const { to, cc } = replyRecipients(original, own, 'replyAll');
    expect(to).toEqual([
      { name: 'Ana Popescu', address: 'ana@example.test' },
      { name: 'Doe, Jane', address: 'jane@x.test' },
      { address: 'bob@x.test' },
    ]);
    expect(cc).toEqual([{ address: 'carol@x.test' }]);
  });

  it('reply all does not repeat the author found again in To or Cc', () => {
    const m = mail({ from: 'ana@example.test', to: 'me@example.test, Ana <ANA@example.test>', cc: 'ana@example.test, dan@x.test' });
    expect(replyRecipients(m, own, 'replyAll')).toEqual({ to: [{ address: 'ana@example.test' }], cc: [{ address: 'dan@x.test' }] });
  });

  it('replying to a message the user sent goes to its recipients', () => {
    const sent = mail({ from: 'Me <me@example.test>', to: 'ana@example.test', cc: 'bob@x.test' });
    expect(replyRecipients(sent, own, 'reply')).toEqual({ to: [{ address: 'ana@example.test' }], cc: [] });
    expect(replyRecipients(sent, own, 'replyAll')).toEqual({ to: [{ address: 'ana@example.test' }], cc: [{ address: 'bob@x.test' }] });
  });

  it('a note to self replies to self', () => {
    const note = mail({ from: 'me@example.test', to: 'me@example.test' });
    expect(replyRecipients(note, own, 'reply').to).toEqual([{ address: 'me@example.test' }]);
  });

  it('skips unreadable entries in received headers and never routes by a display name', () => {
    const m = mail({ from: '"a@evil.com x"@internal.test, "boss@corp.test" <real@x.test>' });
    expect(replyRecipients(m, own, 'reply').to).toEqual([{ name: 'boss@corp.test', address: 'real@x.test' }]);
  });

  it('builds the compose fields of a reply', () => {
    expect(replyFields(original, own, 'replyAll')).toEqual({
      to: 'Ana Popescu <ana@example.test>, "Doe, Jane" <jane@x.test>, bob@x.test',
      cc: 'carol@x.test',
      subject: 'Re:',
      refwType: 're',
      refwMailId: 'm-1',
    });
    expect(forwardFields(mail({ id: 'm-9', subject: 'Re: Plan' }))).toEqual({ subject: 'Fwd: Plan', refwType: 'fw', refwMailId: 'm-9' });
  });
});

describe('attribution and dates', () => {
  it('writes the attribution line in the user zone and locale', () => {
    const m = mail({ from: 'Ana Popescu <ana@example.test>' });
    expect(attributionLine(m, style)).toBe('On Tue, 24 Nov 2026 at 14:03, Ana Popescu <ana@example.test> wrote:');
    expect(attributionLine(m, { timeZone: 'America/New_York', locale: 'en-US' })).toBe('On Tue, Nov 24, 2026 at 7:03 AM, Ana Popescu <ana@example.test> wrote:');
  });

  it('falls back to UTC for an unknown zone and leaves the date out when there is none', () => {
    expect(formatMailDate(NOV_24_2026_1203_UTC, { timeZone: 'Mars/Olympus', locale: 'en-GB' })).toBe('Tue, 24 Nov 2026 at 12:03');
    expect(attributionLine(mail({ from: 'ana@example.test', date: '' }), style)).toBe('ana@example.test wrote:');
    expect(attributionLine(mail({ from: '', date: '0' }), style)).toBe('An unknown sender wrote:');
  });
});

describe('quoting', () => {
  it('wraps sanitised HTML in a cite blockquote after the escaped attribution', () => {
    expect(quoteHtml('<p>Hi</p>', 'On x, A <a@x.test> wrote:')).toBe('<p>On x, A &lt;a@x.test&gt; wrote:</p><blockquote type="cite"><p>Hi</p></blockquote>');
  });

  it('sanitises the original it quotes and keeps inline images re-pointed to the draft', () => {
    const result = quoteOriginalHtml(
      '<p onclick="alert(1)">Hi</p><script>alert(2)</script><img src="cid:logo@orig"><img src="cid:other@spoof"><img src="https://t.test/p.gif">',
      'On x, A wrote:',
      { allowRemoteImages: false, resolveCid: (cid) => (cid === 'logo@orig' ? 'cid:copy.1@mailbox-compose' : undefined) },
    );
    expect(result.html).toBe(
      '<p>On x, A wrote:</p><blockquote type="cite"><p>Hi</p><img src="cid:copy.1@mailbox-compose"><img><img data-remote-src="https://t.test/p.gif"></blockquote>',
    );
    expect(result.unresolvedCids).toEqual(['other@spoof']);
    expect(result.blockedRemoteImages).toBe(1);
  });

  it('quotes plain text line by line', () => {
    expect(quoteText('Hello\r\n\r\n> earlier\nbye\n\n', 'On x, A wrote:')).toBe('On x, A wrote:\n> Hello\n>\n>> earlier\n> bye');
  });

  it('escapes HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('forwarding', () => {
  const original = mail({
    from: 'Ana Popescu <ana@example.test>',
    to: '"Doe, Jane" <jane@x.test>',
    cc: 'bob@x.test',
    subject: 'Plan <draft>',
  });

  it('writes the forwarded-message header block in HTML, escaped', () => {
    expect(forwardHeaderBlock(original, style)).toBe(
      '<p>---------- Forwarded message ---------<br>From: Ana Popescu &lt;ana@example.test&gt;<br>Date: Tue, 24 Nov 2026 at 14:03<br>' +
        'Subject: Plan &lt;draft&gt;<br>To: Doe, Jane &lt;jane@x.test&gt;<br>Cc: bob@x.test</p>',
    );
  });

  it('writes it as text, leaving Cc out when there is none', () => {
    expect(forwardHeaderText({ ...original, cc: '', subject: '' }, style)).toBe(
      '---------- Forwarded message ---------\nFrom: Ana Popescu <ana@example.test>\nDate: Tue, 24 Nov 2026 at 14:03\nSubject: (no subject)\nTo: Doe, Jane <jane@x.test>',
    );
  });

  it('puts the sanitised original after the header', () => {
    const result = forwardOriginalHtml(original, '<p>Body</p><iframe src="https://evil.test"></iframe>', style, { allowRemoteImages: false });
    expect(result.html).toMatch(/^<p>---------- Forwarded message ---------<br>.*<\/p><div><p>Body<\/p><\/div>$/);
    expect(forwardOriginalText(original, 'Body\r\nline 2\n', style)).toMatch(/\nCc: bob@x.test\n\nBody\nline 2$/);
  });
});
