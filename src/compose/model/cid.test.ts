import { describe, expect, it } from 'vitest';
import type { AttachmentInstance } from '../../api/contract';
import { createContentId, decodeCid, extractCids, isSafeContentId, repointStoredAttachments } from './cid';

const stored = (id: number, contentId: string, extra: Partial<AttachmentInstance> = {}): AttachmentInstance => ({
  id,
  mailId: 'm1',
  name: `file-${id}.png`,
  contentId,
  contentType: 'image/png',
  size: 100,
  isInline: contentId !== '',
  ...extra,
});

describe('createContentId', () => {
  it('makes ids a msg-id and a cid: URL both carry without escaping', () => {
    const id = createContentId();
    expect(id).toMatch(/^[0-9a-f]{32}\.[0-9a-z]+@mailbox-compose$/);
    expect(isSafeContentId(id)).toBe(true);
    expect(encodeURIComponent(id)).toBe(id.replace('@', '%40'));
    expect(id).not.toMatch(/[<>\s"]/);
  });

  it('never repeats, even for many images', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => createContentId()));
    expect(ids.size).toBe(2000);
  });

  it('rejects ids that would break a header or a URL', () => {
    expect(isSafeContentId('a b@x')).toBe(false);
    expect(isSafeContentId('<a@x>')).toBe(false);
    expect(isSafeContentId('a@x@y')).toBe(false);
    expect(isSafeContentId('a..b@x')).toBe(false);
    expect(isSafeContentId('part1.abc@x.test')).toBe(true);
  });
});

describe('extractCids', () => {
  it('finds every cid source once, in order, quoted either way or not at all', () => {
    const html = `<p><img src="cid:one@x" alt="1"></p><img alt='2' src='cid:two@x'><img src=cid:three@x><img src="cid:one@x"><img src="https://x.test/a.png">`;
    expect(extractCids(html)).toEqual(['one@x', 'two@x', 'three@x']);
  });

  it('decodes RFC 2392 escapes and tolerates angle brackets', () => {
    expect(extractCids('<img src="cid:chart%402@mc"><img src="cid:<logo@mc>">')).toEqual(['chart@2@mc', 'logo@mc']);
    expect(decodeCid('bad%zz@x')).toBe('bad%zz@x');
  });

  it('ignores cid text outside src attributes', () => {
    expect(extractCids('<p>see cid:fake@x</p><a href="cid:link@x">x</a><img data-src="cid:nope@x">')).toEqual([]);
  });
});

describe('repointStoredAttachments', () => {
  it('maps each cid in the body to the queue item that store made for it', () => {
    const html = '<img src="cid:a@mc"><p>text</p><img src="cid:b@mc">';
    const result = repointStoredAttachments(html, [stored(41, 'b@mc'), stored(40, 'a@mc'), stored(50, '', { name: 'report.pdf', contentType: 'application/pdf' })]);
    expect(Object.fromEntries(result.tempIdByContentId)).toEqual({ 'a@mc': 40, 'b@mc': 41 });
    expect(result.inline.map((i) => [i.contentId, i.tempId])).toEqual([
      ['a@mc', 40],
      ['b@mc', 41],
    ]);
    expect(result.attachments.map((a) => a.id)).toEqual([50]);
    expect(result.unresolved).toEqual([]);
  });

  it('turns an inline part the body no longer shows into a plain attachment', () => {
    const result = repointStoredAttachments('<img src="cid:a@mc">', [stored(40, 'a@mc'), stored(41, 'removed@mc')]);
    expect(result.inline.map((i) => i.tempId)).toEqual([40]);
    expect(result.attachments.map((a) => a.id)).toEqual([41]);
  });

  it('keeps duplicate pastes of one file apart: each has its own cid and its own queue item', () => {
    const first = createContentId();
    const second = createContentId();
    const html = `<img src="cid:${first}"><img src="cid:${second}">`;
    const result = repointStoredAttachments(html, [stored(1, first, { name: 'same.png' }), stored(2, second, { name: 'same.png' })]);
    expect(result.tempIdByContentId.get(first)).toBe(1);
    expect(result.tempIdByContentId.get(second)).toBe(2);
  });

  it('reports cids that no stored part of this mail carries instead of resolving them (no cid spoofing)', () => {
    const html = '<img src="cid:mine@mc"><img src="cid:someone-elses@evil"><img src="cid:gone@mc">';
    const result = repointStoredAttachments(html, [stored(7, 'mine@mc')]);
    expect(result.unresolved).toEqual(['someone-elses@evil', 'gone@mc']);
    expect([...result.tempIdByContentId.keys()]).toEqual(['mine@mc']);
  });

  it('matches escaped references and bracketed stored ids', () => {
    const result = repointStoredAttachments('<img src="cid:chart%402@mc">', [stored(9, '<chart@2@mc>')]);
    expect(result.tempIdByContentId.get('chart@2@mc')).toBe(9);
  });

  it('uses the first part when a mail repeats a Content-ID; the repeat stays an attachment', () => {
    const result = repointStoredAttachments('<img src="cid:dup@mc">', [stored(1, 'dup@mc'), stored(2, 'dup@mc')]);
    expect(result.tempIdByContentId.get('dup@mc')).toBe(1);
    expect(result.attachments.map((a) => a.id)).toEqual([2]);
  });

  it('round-trips: ids made here, written as cid sources, come back as the same set', () => {
    const ids = [createContentId(), createContentId(), createContentId()];
    const html = ids.map((id, n) => `<p>para ${n}</p><img src="cid:${encodeURIComponent(id)}" alt="img ${n}" width="120">`).join('');
    expect(extractCids(html)).toEqual(ids);
    const withoutSecond = html.replace(/<img[^>]*img 1[^>]*>/, '');
    expect(extractCids(withoutSecond)).toEqual([ids[0], ids[2]]);
  });
});
