import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, AttachmentList, MailBody, MailInstance, MailList } from '../../src/api/contract';
import { mailFixture, TINY_PNG } from '../mail/test-support';

async function draftsWithSubjects(t: Awaited<ReturnType<typeof mailFixture>>, subjects: string[]) {
  const ids: string[] = [];
  for (const subject of subjects) {
    ids.push((await t.call<MailInstance>(t.demo, 'POST', '/mails', { subject })).body.id);
    t.clock.advance(1000);
  }
  return ids;
}

describe('listing mail', () => {
  it('pages and sorts a folder (date DESC by default) with totalItems and sortInfo', async () => {
    const t = await mailFixture();
    const ids = await draftsWithSubjects(t, ['b', 'a', 'c']);
    const drafts = await t.folderIdOf(t.demo, 'drafts');
    const page = (await t.call<MailList>(t.demo, 'GET', `/mails?folderId=${drafts}&limit=2`)).body;
    expect(page.totalItems).toBe(3);
    expect(page.sortInfo).toEqual({ field: 'date', direction: 'DESC', activeRowIndex: -1 });
    expect(page.items.map((m) => m.subject)).toEqual(['c', 'a']);
    const rest = (await t.call<MailList>(t.demo, 'GET', `/mails?folderId=${drafts}&start=2&limit=2`)).body;
    expect(rest.items.map((m) => m.subject)).toEqual(['b']);
    const bySubject = (await t.call<MailList>(t.demo, 'GET', `/mails?folderId=${drafts}&sort=subject&dir=ASC&activeMailId=${ids[2]}`)).body;
    expect(bySubject.items.map((m) => m.subject)).toEqual(['a', 'b', 'c']);
    expect(bySubject.sortInfo).toEqual({ field: 'subject', direction: 'ASC', activeRowIndex: 2 });
    const tokenOnly = (await t.call<MailList>(t.demo, 'GET', `/mails?folderId=${drafts}&syncTokenOnly=true`)).body;
    expect(tokenOnly.items).toEqual([]);
    expect(tokenOnly.syncToken).toBe(page.syncToken);
  });

  it('refuses bad query parameters and hides other accounts’ folders', async () => {
    const t = await mailFixture();
    const drafts = await t.folderIdOf(t.demo, 'drafts');
    for (const query of ['', `folderId=${drafts}&limit=0`, `folderId=${drafts}&sort=colour`, `folderId=${drafts}&dir=UP`, `folderId=${drafts}&page=2`]) {
      expect((await t.call(t.demo, 'GET', `/mails?${query}`)).status, query).toBe(400);
    }
    expect((await t.call(t.ana, 'GET', `/mails?folderId=${drafts}`)).status).toBe(404);
    expect((await t.call(t.demo, 'GET', '/mails?folderId=1_999')).status).toBe(404);
  });
});

describe('changing mail', () => {
  it('patches only isUnread and isFlagged', async () => {
    const t = await mailFixture();
    const [id] = await draftsWithSubjects(t, ['x']);
    const res = await t.call<MailInstance>(t.demo, 'PATCH', `/mails/${id}`, { isUnread: true, isFlagged: true });
    expect(res.body).toMatchObject({ id, isUnread: true, isFlagged: true });
    const bad = await t.call<ApiErrorBody>(t.demo, 'PATCH', `/mails/${id}`, { subject: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('subject');
    expect((await t.call(t.demo, 'PATCH', `/mails/${id}`, { isUnread: 1 })).status).toBe(400);
    expect((await t.call(t.ana, 'PATCH', `/mails/${id}`, { isUnread: false })).status).toBe(404);
  });

  it('moves a mail (new id, old id 404) and refuses unknown or Scheduled destinations', async () => {
    const t = await mailFixture();
    const [id] = await draftsWithSubjects(t, ['x']);
    const inbox = await t.folderIdOf(t.demo, 'inbox');
    const moved = await t.call<MailInstance>(t.demo, 'POST', `/mails/${id}/move`, { destinationFolderId: inbox });
    expect(moved.status).toBe(200);
    expect(moved.body.folderId).toBe(inbox);
    expect(moved.body.id).not.toBe(id);
    expect((await t.call(t.demo, 'GET', `/mails/${id}`)).status).toBe(404);
    const scheduled = await t.folderIdOf(t.demo, 'scheduled');
    expect((await t.call(t.demo, 'POST', `/mails/${moved.body.id}/move`, { destinationFolderId: scheduled })).status).toBe(400);
    const anaInbox = await t.folderIdOf(t.ana, 'inbox');
    expect((await t.call<ApiErrorBody>(t.demo, 'POST', `/mails/${moved.body.id}/move`, { destinationFolderId: anaInbox })).body.error.field).toBe('destinationFolderId');
    expect((await t.call(t.demo, 'POST', `/mails/${moved.body.id}/move`, {})).status).toBe(400);
  });

  it('deletes to Trash first, then for good from Trash', async () => {
    const t = await mailFixture();
    const [id] = await draftsWithSubjects(t, ['x']);
    const del = await t.call(t.demo, 'DELETE', `/mails/${id}`);
    expect(del.status).toBe(200);
    expect(del.body).toBe('');
    const trash = await t.list(t.demo, 'trash');
    expect(trash.items.map((m) => m.subject)).toEqual(['x']);
    expect((await t.call(t.demo, 'DELETE', `/mails/${trash.items[0]!.id}`)).status).toBe(200);
    expect((await t.list(t.demo, 'trash')).totalItems).toBe(0);
    expect((await t.call(t.demo, 'DELETE', `/mails/${trash.items[0]!.id}`)).status).toBe(404);
  });

  it('deletes for good at once when deleteToTrash is off', async () => {
    const t = await mailFixture();
    expect((await t.call(t.demo, 'PATCH', '/account/settings', { deleteToTrash: false })).status).toBe(200);
    const [id] = await draftsWithSubjects(t, ['x']);
    await t.call(t.demo, 'DELETE', `/mails/${id}`);
    expect((await t.list(t.demo, 'trash')).totalItems).toBe(0);
  });
});

describe('reading mail', () => {
  it('answers the HTML and text bodies as base64, with external images detected', async () => {
    const t = await mailFixture();
    const html = '<p>Hi <img src="https://tracker.test/p.gif"> ă</p>';
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { bodyHtml: html, bodyText: 'Hi ă' })).body;
    const htmlBody = (await t.call<MailBody>(t.demo, 'GET', `/mails/${draft.id}/body`)).body;
    expect(htmlBody).toMatchObject({ contentType: 'text/html', hasExternalImages: true, isTruncated: false });
    expect(Buffer.from(htmlBody.data, 'base64').toString('utf8')).toContain(html);
    const textBody = (await t.call<MailBody>(t.demo, 'GET', `/mails/${draft.id}/body?type=text`)).body;
    expect(textBody).toMatchObject({ contentType: 'text/plain', hasExternalImages: false, estimatedSize: Buffer.byteLength('Hi ă') });
    expect(Buffer.from(textBody.data, 'base64').toString('utf8')).toBe('Hi ă');
    expect((await t.call(t.demo, 'GET', `/mails/${draft.id}/body?type=rtf`)).status).toBe(400);
    expect((await t.call(t.ana, 'GET', `/mails/${draft.id}/body`)).status).toBe(404);
  });

  it('truncates bodies over 2 MB on a character boundary', async () => {
    const t = await mailFixture();
    const big = `<p>${'ă'.repeat(1_100_000)}</p>`;
    const draft = (await t.call<MailInstance>(t.demo, 'POST', '/mails', { bodyHtml: big })).body;
    const body = (await t.call<MailBody>(t.demo, 'GET', `/mails/${draft.id}/body`)).body;
    expect(body.isTruncated).toBe(true);
    const data = Buffer.from(body.data, 'base64');
    expect(data.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(data.toString('utf8')).not.toContain('\uFFFD');
    expect(body.estimatedSize).toBe(Buffer.byteLength(big));
  });

  it('lists attachments and serves each inline or as a download; the source is the raw message', async () => {
    const t = await mailFixture();
    const [png, page] = (
      await t.upload(t.demo, [
        { name: 'chart.png', type: 'image/png', content: TINY_PNG },
        { name: 'page.html', type: 'text/html', content: '<b>x</b>' },
      ])
    ).body.items;
    const draft = (
      await t.call<MailInstance>(t.demo, 'POST', '/mails', {
        bodyHtml: '<img src="cid:c1@x">',
        temporaryAttachments: [{ id: png!.id, contentId: 'c1@x', isInline: true }, { id: page!.id }],
      })
    ).body;
    const list = (await t.call<AttachmentList>(t.demo, 'GET', `/mails/${draft.id}/attachments`)).body;
    expect(list.items).toEqual(draft.attachments);
    const inline = await t.call(t.demo, 'GET', `/mails/${draft.id}/attachments/0`);
    expect(inline.res.headers.get('content-type')).toBe('image/png');
    expect(inline.res.headers.get('content-disposition')).toMatch(/^inline; filename="chart.png"/);
    expect(Buffer.from(await inline.res.arrayBuffer())).toEqual(TINY_PNG);
    const download = await t.call(t.demo, 'GET', `/mails/${draft.id}/attachments/0/download`);
    expect(download.res.headers.get('content-disposition')).toMatch(/^attachment; filename="chart.png"/);
    const html = await t.call(t.demo, 'GET', `/mails/${draft.id}/attachments/1`);
    expect(html.res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(html.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await t.call(t.demo, 'GET', `/mails/${draft.id}/attachments/7`)).status).toBe(404);
    expect((await t.call(t.ana, 'GET', `/mails/${draft.id}/attachments/0`)).status).toBe(404);

    const source = await t.call<string>(t.demo, 'GET', `/mails/${draft.id}/source`);
    expect(source.res.headers.get('content-type')).toBe('message/rfc822');
    expect(source.body).toMatch(/Content-Type: multipart\/related/);
    expect((await t.call(t.ana, 'GET', `/mails/${draft.id}/source`)).status).toBe(404);
  });
});
