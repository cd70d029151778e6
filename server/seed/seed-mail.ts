import type { Account } from '../accounts/accounts';
import { requireFolderByRole } from '../accounts/folders';
import { insertMail } from '../mail/mail-store';
import { composeMessage, type OutgoingAttachment } from '../mime/compose';
import type { Importance } from '../../src/api/contract';
import { encodePng } from './png';
import type { DemoSeedStep } from './seed-steps';

/** The chart shown inline in the seeded design-review mail: four bars on a light background. */
export function demoChartPng(): Buffer {
  const bars = [
    { from: 8, to: 20, top: 40, colour: [37, 99, 235] },
    { from: 26, to: 38, top: 24, colour: [16, 185, 129] },
    { from: 44, to: 56, top: 32, colour: [245, 158, 11] },
    { from: 62, to: 74, top: 12, colour: [239, 68, 68] },
  ] as const;
  return encodePng(82, 64, (x, y) => {
    const bar = bars.find((b) => x >= b.from && x < b.to && y >= b.top && y < 58);
    if (bar) return bar.colour;
    return y === 58 ? [100, 116, 139] : [248, 250, 252];
  });
}

interface SeedMail {
  messageId: string;
  from: Account;
  subject: string;
  text?: string;
  html?: string;
  importance?: Importance;
  attachments?: OutgoingAttachment[];
  /** How long before seeding it arrived. */
  ageMinutes: number;
  isUnread: boolean;
}

function seedMails(demo: Account, ana: Account, bogdan: Account): SeedMail[] {
  return [
    {
      messageId: '<seed-design-review@example.test>',
      from: ana,
      subject: 'Design review: compose window',
      html:
        '<p>Hi,</p><p>Here is where the usability numbers stand after this week’s sessions:</p>' +
        '<p><img src="cid:chart-1@example.test" alt="Bar chart of task success per round" width="164" height="128"></p>' +
        '<p>The notes from every session are attached. Can you look at the attachment flow before Thursday?</p><p>Thanks,<br>Ana</p>',
      text: 'Hi,\n\nHere is where the usability numbers stand after this week’s sessions (chart inline).\n\nThe notes from every session are attached. Can you look at the attachment flow before Thursday?\n\nThanks,\nAna',
      attachments: [
        { fileName: 'task-success.png', contentType: 'image/png', source: { content: demoChartPng() }, contentId: 'chart-1@example.test', inline: true },
        {
          fileName: 'session-notes.txt',
          contentType: 'text/plain',
          source: {
            content: Buffer.from(
              'Session notes — compose window\n\n' +
                'Round 1: 3 of 5 found "Attach"; drag and drop worked for all.\n' +
                'Round 2: 4 of 5 scheduled a send without help; time zone label helped.\n' +
                'Round 3: everyone used Undo within the 10 seconds.\n',
              'utf8',
            ),
          },
          inline: false,
        },
      ],
      ageMinutes: 35,
      isUnread: true,
    },
    {
      messageId: '<seed-maintenance@example.test>',
      from: bogdan,
      subject: 'Server maintenance tonight at 22:00',
      importance: 'high',
      html: '<p>Heads up: the mail server restarts tonight at <strong>22:00</strong> for about ten minutes.</p><p>Save your drafts before then.</p><p>Bogdan</p>',
      text: 'Heads up: the mail server restarts tonight at 22:00 for about ten minutes.\n\nSave your drafts before then.\n\nBogdan',
      ageMinutes: 120,
      isUnread: true,
    },
    {
      messageId: '<seed-lunch@example.test>',
      from: ana,
      subject: 'Lunch on Friday?',
      text: `Hi ${demo.fullName.split(' ')[0] ?? ''},\n\nThe new place on the corner opens on Friday. Shall we go at 12:30?\n\nAna`,
      ageMinutes: 60 * 26,
      isUnread: false,
    },
  ];
}

/**
 * Demo step: a few Inbox messages for demo@example.test from Ana and Bogdan — one with an inline
 * image and an attachment, one of high importance, one plain text. Skips messages already there,
 * so a seed run that was cut short can be completed.
 */
export const seedDemoInbox: DemoSeedStep = async ({ db, clock, demo, ana, bogdan }) => {
  const inbox = requireFolderByRole(db, demo.id, 'inbox');
  const exists = db.prepare<[number, string], { uid: number }>('SELECT uid FROM mails WHERE account_id = ? AND message_id = ?');
  for (const mail of seedMails(demo, ana, bogdan)) {
    if (exists.get(demo.id, mail.messageId)) continue;
    const arrivedMs = clock.now() - mail.ageMinutes * 60_000;
    const raw = await composeMessage({
      from: { name: mail.from.fullName, address: mail.from.email },
      to: [{ name: demo.fullName, address: demo.email }],
      cc: [],
      bcc: [],
      replyTo: [],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      importance: mail.importance ?? 'normal',
      date: new Date(Math.floor(arrivedMs / 1000) * 1000),
      messageId: mail.messageId,
      attachments: mail.attachments ?? [],
    });
    await insertMail(db, { accountId: demo.id, folderId: inbox.id, raw, internalDate: Math.floor(arrivedMs / 1000), isUnread: mail.isUnread });
  }
};
