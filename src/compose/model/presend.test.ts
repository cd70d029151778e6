import { describe, expect, it } from 'vitest';
import { blocksSend, checkBeforeSend, mentionsAttachment, ownText, type PresendInput } from './presend';

const bob = { name: 'Bob', address: 'bob@example.test' };
const ready: PresendInput = { to: [bob], cc: [], bcc: [], subject: 'Hello', bodyText: 'See you.', attachmentCount: 0 };
const codes = (input: Partial<PresendInput>) => checkBeforeSend({ ...ready, ...input }).map((issue) => `${issue.code}:${issue.severity}`);

describe('the pre-send checklist', () => {
  it('has nothing to say about a complete message', () => {
    expect(checkBeforeSend(ready)).toEqual([]);
  });

  it('blocks a message with no recipients; Bcc alone is enough', () => {
    expect(codes({ to: [] })).toEqual(['no-recipients:blocking']);
    expect(checkBeforeSend({ ...ready, to: [] })[0]!.message).toBe('Add at least one recipient in To, Cc or Bcc.');
    expect(codes({ to: [], bcc: [bob] })).toEqual([]);
  });

  it('blocks invalid addresses and names each with its field and reason', () => {
    const issues = checkBeforeSend({
      ...ready,
      to: [bob, { name: '', address: '', raw: 'bob@', valid: false, reason: 'The address has no domain after "@".' }],
      cc: [{ name: '', address: 'x@[1.2.3.4]', valid: false, reason: 'Addresses at an IP literal are not accepted' }],
    });
    expect(issues.map((i) => i.code)).toEqual(['invalid-addresses']);
    expect(issues[0]!.message).toBe(
      'These addresses can’t be used: “bob@” (To: the address has no domain after "@"); “x@[1.2.3.4]” (Cc: addresses at an IP literal are not accepted). Fix or remove them.',
    );
    expect(blocksSend(issues)).toBe(true);
  });

  it('only invalid recipients count as no recipients too', () => {
    expect(codes({ to: [{ name: '', address: '', raw: 'nope', valid: false, reason: 'Not an address.' }] })).toEqual(['invalid-addresses:blocking', 'no-recipients:blocking']);
  });

  it('asks before sending without a subject', () => {
    const issues = checkBeforeSend({ ...ready, subject: '   ' });
    expect(issues).toEqual([{ code: 'empty-subject', severity: 'confirm', message: 'The subject is empty. Send without a subject?' }]);
    expect(blocksSend(issues)).toBe(false);
  });

  it('asks when the text mentions an attachment but none is attached', () => {
    expect(codes({ bodyText: 'I have attached the report.' })).toEqual(['missing-attachment:confirm']);
    expect(checkBeforeSend({ ...ready, bodyText: 'See the Attachment' })[0]!.message).toBe('The message mentions an attachment (“Attachment”) but nothing is attached. Send anyway?');
    expect(codes({ bodyText: 'I have attached the report.', attachmentCount: 1 })).toEqual([]);
  });

  it('waits for uploads in progress and blocks failed ones', () => {
    const issues = checkBeforeSend({ ...ready, uploadsInProgress: 2, failedUploads: ['a.pdf', 'b.png'] });
    expect(issues.map((i) => `${i.code}:${i.severity}`)).toEqual(['uploads-failed:blocking', 'uploads-in-progress:wait']);
    expect(issues[0]!.message).toBe('“a.pdf” and “b.png” didn’t upload. Retry or remove them before sending.');
    expect(issues[1]!.message).toBe('2 attachments are still uploading; the message will be sent when they finish.');
  });
});

describe('attachment words', () => {
  it.each([
    ['Please find the file attached', 'attached'],
    ['ATTACHMENTS below', 'ATTACHMENTS'],
    ['Vă trimit atașat oferta', 'atașat'],
    ['Am atasat contractul', 'atasat'],
    ['Găsiți documentul în anexă.', 'în anexă'],
    ['Atașez factura', 'Atașez'],
    ['vezi atașamentul', 'atașamentul'],
    ['Documentul anexat', 'anexat'],
    ['cu cedilă: ataşat', 'ataşat'],
  ])('finds it in %j', (text, word) => {
    expect(mentionsAttachment(text)).toBe(word);
  });

  it.each(['The team is detached from reality', 'reattachment surgery', 'Nothing to see here', 'atașabil'])('ignores %j', (text) => {
    expect(mentionsAttachment(text)).toBeNull();
  });

  it('ignores quoted text in plain-text replies', () => {
    expect(ownText({ bodyText: 'Thanks!\n> I attached the file\n' })).toBe('Thanks!\n');
    expect(mentionsAttachment(ownText({ bodyText: 'Sure.\n\nOn Mon, 1 Dec 2026, Ana wrote:\nsee attached\n' }))).toBeNull();
    expect(mentionsAttachment(ownText({ bodyText: 'Da.\nLa 1 dec. 2026, Ana a scris:\nam atașat\n' }))).toBeNull();
  });

  it('ignores blockquotes in HTML replies', () => {
    const html = '<p>Thanks, looks good.</p><blockquote><p>I have attached the plan.</p></blockquote>';
    expect(checkBeforeSend({ ...ready, bodyHtml: html, bodyText: 'Thanks, looks good.\n> I have attached the plan.' })).toEqual([]);
    expect(codes({ bodyHtml: '<p>Plan <b>attached</b></p><blockquote>old</blockquote>', bodyText: '' })).toEqual(['missing-attachment:confirm']);
  });
});
