import { describe, expect, it } from 'vitest';
import { readComposePreferences, sendersFrom, titleFor, writeComposePreferences } from './compose-entry';
import { emptyDraft } from './model/draft';

describe('compose preferences in /account/settings/client', () => {
  it('reads the default signature, and nothing from strings that are not ours', () => {
    expect(readComposePreferences(JSON.stringify({ compose: { defaultSignatureId: 's2' } }))).toEqual({ defaultSignatureId: 's2' });
    expect(readComposePreferences(JSON.stringify({ compose: { defaultSignatureId: null } }))).toEqual({ defaultSignatureId: null });
    expect(readComposePreferences('')).toEqual({});
    expect(readComposePreferences('theme=dark')).toEqual({});
    expect(readComposePreferences(JSON.stringify({ theme: 'dark' }))).toEqual({});
  });

  it('writes its own key and keeps everything else another client stored', () => {
    const written = writeComposePreferences(JSON.stringify({ theme: 'dark', compose: { other: 1 } }), { defaultSignatureId: 's1' });
    expect(JSON.parse(written)).toEqual({ theme: 'dark', compose: { other: 1, defaultSignatureId: 's1' } });
    expect(JSON.parse(writeComposePreferences('not json', { defaultSignatureId: null }))).toEqual({ compose: { defaultSignatureId: null } });
  });
});

describe('sendersFrom', () => {
  it('puts the main address first, drops repeats, and names each with the account', () => {
    const senders = sendersFrom(
      {
        items: [
          { emailAddress: 'sales@example.test', type: 'domainAlias' },
          { emailAddress: 'ana@example.test', type: 'mainAddress' },
          { emailAddress: 'ANA@example.test', type: 'accountAlias' },
        ],
      },
      'Ana Pop',
    );
    expect(senders).toEqual([
      { name: 'Ana Pop', address: 'ana@example.test' },
      { name: 'Ana Pop', address: 'sales@example.test' },
    ]);
  });
});

describe('titleFor', () => {
  it('names the window after what it does', () => {
    expect(titleFor({ mode: 'new' }, emptyDraft())).toBe('New message');
    expect(titleFor({ mode: 'replyAll', mailId: 'm' }, emptyDraft())).toBe('Reply');
    expect(titleFor({ mode: 'forward', mailId: 'm' }, emptyDraft())).toBe('Forward');
    expect(titleFor({ mode: 'draft', mailId: 'm' }, emptyDraft({ refwType: 're', refwMailId: 'x' }))).toBe('Reply');
    expect(titleFor({ mode: 'draft', mailId: 'm' }, emptyDraft())).toBe('New message');
  });
});
