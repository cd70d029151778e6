import { describe, expect, it } from 'vitest';
import { draftFingerprint, emptyDraft, toCreateRequest, toReplaceRequest, toScheduleRequest, toSendRequest, usableRecipients } from './draft';

const full = emptyDraft({
  from: { name: 'Ana Pop', address: 'ana@example.test' },
  to: [
    { name: 'Doe, Jane', address: 'jane@example.test' },
    { name: '', address: 'bob@bücher.example' },
    { name: '', address: '', raw: 'oops@', valid: false, reason: 'No domain.' },
  ],
  cc: [{ name: 'Ștefan', address: 'stefan@example.test' }],
  bcc: [],
  replyTo: [{ name: '', address: 'team@example.test' }],
  subject: 'Offer',
  importance: 'high',
  requestReadReceipt: true,
  bodyHtml: '<p>Hi <img src="cid:logo"></p>',
  bodyText: 'Hi',
  attachments: [
    { id: 3, isInline: false, name: 'offer.pdf', size: 1200 },
    { id: 4, isInline: true, contentId: 'logo', name: 'logo.png' },
  ],
  refwType: 're',
  refwMailId: 'orig-1',
});

describe('the draft as request bodies', () => {
  it('joins recipients into header strings, quoting names that need it, skipping flagged entries', () => {
    expect(toCreateRequest(full)).toEqual({
      from: 'Ana Pop <ana@example.test>',
      to: '"Doe, Jane" <jane@example.test>, bob@xn--bcher-kva.example',
      cc: 'Ștefan <stefan@example.test>',
      replyTo: 'team@example.test',
      refwType: 're',
      refwMailId: 'orig-1',
      subject: 'Offer',
      importance: 'high',
      bodyText: 'Hi',
      bodyHtml: '<p>Hi <img src="cid:logo"></p>',
      temporaryAttachments: [
        { id: 3, isInline: false },
        { id: 4, contentId: 'logo', isInline: true },
      ],
    });
  });

  it('carries receipts only on send and schedule, where the API allows them', () => {
    expect(toReplaceRequest(full)).not.toHaveProperty('requestReadReceipt');
    expect(toSendRequest(full)).toMatchObject({ requestReadReceipt: true });
    expect(toSendRequest(full)).not.toHaveProperty('requestDeliveryReceipt');
    expect(toScheduleRequest(full, 1_800_000_000)).toMatchObject({ requestReadReceipt: true, deliveryTime: 1_800_000_000 });
  });

  it('leaves out empty fields and a half-set reply reference', () => {
    expect(toCreateRequest(emptyDraft({ refwType: 're' }))).toEqual({ importance: 'normal' });
  });

  it('lists the usable recipients of To, Cc and Bcc', () => {
    expect(usableRecipients(full).map((r) => r.address)).toEqual(['jane@example.test', 'bob@bücher.example', 'stefan@example.test']);
  });
});

describe('the fingerprint', () => {
  it('changes with anything a save writes and not with what it does not', () => {
    const base = draftFingerprint(full);
    expect(draftFingerprint({ ...full })).toBe(base);
    expect(draftFingerprint({ ...full, subject: 'Offer!' })).not.toBe(base);
    expect(draftFingerprint({ ...full, attachments: full.attachments.slice(1) })).not.toBe(base);
    // Not stored in a draft: receipts, attachment names, flagged recipients.
    expect(draftFingerprint({ ...full, requestReadReceipt: false, requestDeliveryReceipt: true })).toBe(base);
    expect(draftFingerprint({ ...full, attachments: full.attachments.map((a) => ({ ...a, name: 'renamed' })) })).toBe(base);
    expect(draftFingerprint({ ...full, to: full.to.slice(0, 2) })).toBe(base);
  });
});
