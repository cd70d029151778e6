import { describe, expect, it } from 'vitest';
import type { AttachmentList, MailBody, MailList } from '../../src/api/contract';
import { requireFolderByRole, formatFolderId } from '../accounts/folders';
import { findAccountByEmail } from '../accounts/accounts';
import { createTestApp } from '../testing/test-app';
import { headerLogin } from '../testing/sign-in';
import { seedDemoData } from './seed-demo';
import { seedDemoInbox } from './seed-mail';

describe('the demo Inbox seed', () => {
  it('gives demo@example.test mail from Ana and Bogdan: inline image + attachment, high importance, plain text', async () => {
    const { app, db, clock, config } = createTestApp();
    await seedDemoData(db, clock, config);
    const demo = findAccountByEmail(db, 'demo@example.test')!;
    const { headers } = await headerLogin(app, 'demo@example.test', 'demo');
    const inboxId = formatFolderId(demo.id, requireFolderByRole(db, demo.id, 'inbox').id);
    const list = (await (await app.request(`/api/v1/mails?folderId=${inboxId}`, { headers })).json()) as MailList;
    expect(list.items.map((m) => [m.subject, m.from, m.importance, m.isUnread])).toEqual([
      ['Design review: compose window', 'Ana Popescu <ana@example.test>', 'normal', true],
      ['Server maintenance tonight at 22:00', 'Bogdan Ionescu <bogdan@example.test>', 'high', true],
      ['Lunch on Friday?', 'Ana Popescu <ana@example.test>', 'normal', false],
    ]);

    const review = list.items[0]!;
    const attachments = (await (await app.request(`/api/v1/mails/${review.id}/attachments`, { headers })).json()) as AttachmentList;
    expect(attachments.items.map((a) => [a.name, a.contentType, a.contentId, a.isInline])).toEqual([
      ['task-success.png', 'image/png', 'chart-1@example.test', true],
      ['session-notes.txt', 'text/plain', '', false],
    ]);
    const image = await app.request(`/api/v1/mails/${review.id}/attachments/0`, { headers });
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const body = (await (await app.request(`/api/v1/mails/${review.id}/body`, { headers })).json()) as MailBody;
    expect(Buffer.from(body.data, 'base64').toString('utf8')).toContain('src="cid:chart-1@example.test"');

    const lunch = list.items[2]!;
    const lunchBody = (await (await app.request(`/api/v1/mails/${lunch.id}/body?type=html`, { headers })).json()) as MailBody;
    expect(lunchBody.contentType).toBe('text/plain');

    // Running the step again (a seed cut short) adds nothing twice.
    await seedDemoInbox({ db, clock, config, demo, ana: findAccountByEmail(db, 'ana@example.test')!, bogdan: findAccountByEmail(db, 'bogdan@example.test')! });
    const again = (await (await app.request(`/api/v1/mails?folderId=${inboxId}`, { headers })).json()) as MailList;
    expect(again.totalItems).toBe(3);
  });
});
