import { randomBytes } from 'node:crypto';
import type { MailInstance, ScheduleResponse, SendResponse } from '../../src/api/contract';
import { nowSeconds } from '../clock';
import type { ServerConfig } from '../config';
import { mailFixture, TINY_PNG, type Caller } from '../mail/test-support';
import { headerLogin } from '../testing/sign-in';

/**
 * A mailbox with something of every kind in it, owned by the "victim" (demo@example.test), and an
 * "intruder" (ana@example.test) signed in next to it — for the security suites, which try every
 * endpoint against the victim's things.
 *
 * The victim has: a draft with an attachment, a Sent copy whose delivery is still inside the undo
 * window (its processingId pending), a scheduled mail, an Inbox mail (from the intruder), a
 * temporary-attachment item, and its own folders.
 */
export async function securityWorld(overrides: Partial<ServerConfig> = {}) {
  const t = await mailFixture(overrides);
  const victim = t.demo;
  const intruder = t.ana;

  // Inbox mail first, delivered, so the victim's own send below stays inside its undo window.
  const toVictim = await t.call<SendResponse>(intruder, 'POST', '/mails/send', { to: victim.email, subject: 'For the victim', bodyText: 'hello' });
  if (toVictim.status !== 200) throw new Error(`setup send failed: ${JSON.stringify(toVictim.body)}`);
  await t.advance(11_000);
  const inbox = (await t.list(victim, 'inbox')).items[0]!.id;

  const [queueItem, svgItem] = (
    await t.upload(victim, [
      { name: 'pixel.png', type: 'image/png', content: TINY_PNG },
      { name: 'logo.svg', type: 'image/svg+xml', content: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
    ])
  ).body.items;
  const draft = await t.call<MailInstance>(victim, 'POST', '/mails', {
    to: 'ana@example.test',
    subject: 'Victim draft',
    bodyText: 'private',
    temporaryAttachments: [{ id: queueItem!.id }],
  });
  const sent = await t.call<SendResponse>(victim, 'POST', '/mails/send', {
    to: 'carol@elsewhere.test',
    subject: 'Victim sent',
    bodyText: 'private',
    temporaryAttachments: [{ id: svgItem!.id }],
  });
  const scheduled = await t.call<ScheduleResponse>(victim, 'POST', '/mails/send/schedule', {
    to: 'carol@elsewhere.test',
    subject: 'Victim scheduled',
    deliveryTime: nowSeconds(t.clock) + 3600,
  });
  for (const res of [draft, sent, scheduled]) if (res.status !== 200) throw new Error(`setup failed: ${JSON.stringify(res.body)}`);

  const victimIds = {
    draft: draft.body.id,
    sent: sent.body.mailId!,
    scheduled: scheduled.body.mailId!,
    inbox,
    processingId: sent.body.processingId,
    queueItem: queueItem!.id,
    inboxFolder: await t.folderIdOf(victim, 'inbox'),
    draftsFolder: await t.folderIdOf(victim, 'drafts'),
  };

  // The intruder's own things, for requests that name the victim's ids only in their body.
  const ownDraft = (await t.call<MailInstance>(intruder, 'POST', '/mails', { subject: 'Intruder draft' })).body.id;

  /** The victim signed in a second time: same user, another session. */
  const victimElsewhere: Caller = { email: victim.email, headers: (await headerLogin(t.app, victim.email)).headers };

  return { ...t, victim, intruder, victimElsewhere, victimIds, ownDraft };
}

/** A mail id nobody has: the same shape as real ones (16 base64url characters). */
export const unknownMailId = () => randomBytes(12).toString('base64url');

/** A numeric id (queue item, processing id) far beyond anything a test creates. */
export const unknownNumericId = 987_654_321;

/** The answer body with the id that was asked for replaced, so two answers can be compared for shape and wording. */
export function withoutId(body: unknown, id: string | number): string {
  return JSON.stringify(body).split(String(id)).join('<id>');
}
