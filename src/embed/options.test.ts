import { describe, expect, it } from 'vitest';
import { checkTheme, ComposeOptionsError, toApiAuth, toComposeRequest } from './options';

describe('toApiAuth', () => {
  it('takes the header style when an Authorization value comes with the session', () => {
    expect(toApiAuth({ sessid: 's1', authorization: 'Basic YTpi' })).toEqual({ kind: 'header', sessid: 's1', authorization: 'Basic YTpi' });
  });

  it('takes the cookie style for a session id alone', () => {
    expect(toApiAuth({ sessid: 's1' })).toEqual({ kind: 'cookie', sessid: 's1' });
  });

  it.each([[undefined], [null], ['s1'], [{}], [{ sessid: '' }], [{ sessid: 's1', authorization: '' }], [{ sessid: 's1', authorization: 42 }]])('refuses %j in plain words', (auth) => {
    expect(() => toApiAuth(auth)).toThrow(ComposeOptionsError);
  });
});

describe('toComposeRequest', () => {
  it('opens a new message by default', () => {
    expect(toComposeRequest(undefined, undefined)).toEqual({ mode: 'new' });
  });

  it('turns a plain-text body into escaped paragraphs, never markup', () => {
    const request = toComposeRequest({ mode: 'new' }, { to: 'a@x.test', subject: 'Hi', body: 'Line <b>1</b>\nLine 2\n\nNext' });
    expect(request.prefill).toEqual({ to: 'a@x.test', subject: 'Hi', bodyHtml: '<p>Line &lt;b&gt;1&lt;/b&gt;<br>Line 2</p><p>Next</p>' });
  });

  it('keeps the mail id of a reply, forward or draft', () => {
    expect(toComposeRequest({ mode: 'replyAll', mailId: 'm1' }, undefined)).toEqual({ mode: 'replyAll', mailId: 'm1' });
    expect(toComposeRequest({ mode: 'draft', mailId: 'd1' }, undefined)).toEqual({ mode: 'draft', mailId: 'd1' });
  });

  it('refuses a reply without a mail id, an unknown mode, prefill on a reply, and non-text prefill', () => {
    expect(() => toComposeRequest({ mode: 'reply' }, undefined)).toThrow(/needs `open.mailId`/);
    expect(() => toComposeRequest({ mode: 'compose' as never }, undefined)).toThrow(/must be one of/);
    expect(() => toComposeRequest({ mode: 'forward', mailId: 'm1' }, { subject: 'x' })).toThrow(/only for a new message/);
    expect(() => toComposeRequest(undefined, { to: ['a@x.test'] as never })).toThrow(/prefill.to/);
  });
});

describe('checkTheme', () => {
  it('passes --mc-* properties through', () => {
    expect(checkTheme({ '--mc-accent': '#0b7285', '--mc-radius': '2px' })).toEqual({ '--mc-accent': '#0b7285', '--mc-radius': '2px' });
  });

  it('refuses other properties and values that could end the declaration', () => {
    expect(() => checkTheme({ color: 'red' } as never)).toThrow(/--mc-\*/);
    expect(() => checkTheme({ '--mc-accent': 'red; display: none' })).toThrow(/one CSS value/);
  });
});
