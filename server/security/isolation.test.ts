import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, MailInstance, SendResponse } from '../../src/api/contract';
import { nowSeconds } from '../clock';
import type { Caller } from '../mail/test-support';
import { securityWorld, unknownMailId, unknownNumericId, withoutId } from './security-world';

/**
 * Session isolation, endpoint by endpoint: another user's mail, draft, scheduled mail, processing
 * id, queue item or folder is answered EXACTLY like an id that does not exist — same status, same
 * body once the id itself is blanked out — so an intruder learns nothing, not even existence.
 * Temporary-attachment items are scoped to their session: the same user signed in elsewhere
 * cannot use them either.
 */

type World = Awaited<ReturnType<typeof securityWorld>> & { intruderFolders: { trash: string } };
type VictimKey = keyof World['victimIds'];

interface Probe {
  /** What is tried. */
  name: string;
  /** Which of the victim's things is named. */
  target: VictimKey;
  /** The request, given the id to name. */
  request: (id: string, w: World, who: Caller) => { method: string; path: string; body?: unknown };
  /** Status for both the victim's id and an unknown one. */
  status: 404 | 400;
  /** For 400s: the field the message must name. */
  field?: string;
}

const mailKinds = ['draft', 'sent', 'scheduled', 'inbox'] as const satisfies readonly VictimKey[];

/** Every endpoint that takes a mail id in its path, tried on each kind of the victim's mail. */
const mailPathProbes: Probe[] = mailKinds.flatMap((target): Probe[] => [
  { name: 'read', target, status: 404, request: (id) => ({ method: 'GET', path: `/mails/${id}` }) },
  { name: 'patch', target, status: 404, request: (id) => ({ method: 'PATCH', path: `/mails/${id}`, body: { isFlagged: true, isUnread: true } }) },
  { name: 'delete', target, status: 404, request: (id) => ({ method: 'DELETE', path: `/mails/${id}` }) },
  {
    name: 'move into own Trash',
    target,
    status: 404,
    request: (id, w) => ({ method: 'POST', path: `/mails/${id}/move`, body: { destinationFolderId: w.intruderFolders.trash } }),
  },
  { name: 'read the HTML body', target, status: 404, request: (id) => ({ method: 'GET', path: `/mails/${id}/body?type=html` }) },
  { name: 'read the text body', target, status: 404, request: (id) => ({ method: 'GET', path: `/mails/${id}/body?type=text` }) },
  { name: 'list attachments', target, status: 404, request: (id) => ({ method: 'GET', path: `/mails/${id}/attachments` }) },
  { name: 'get an attachment', target, status: 404, request: (id) => ({ method: 'GET', path: `/mails/${id}/attachments/0` }) },
  { name: 'download an attachment', target, status: 404, request: (id) => ({ method: 'GET', path: `/mails/${id}/attachments/0/download` }) },
  { name: 'read the source', target, status: 404, request: (id) => ({ method: 'GET', path: `/mails/${id}/source` }) },
  { name: 'replace as a draft', target, status: 404, request: (id) => ({ method: 'PUT', path: `/drafts/${id}`, body: { subject: 'hijacked' } }) },
  { name: 'send as a draft', target, status: 404, request: (id) => ({ method: 'POST', path: `/drafts/${id}/send` }) },
  {
    name: 'schedule as a draft',
    target,
    status: 404,
    request: (id, w) => ({ method: 'POST', path: `/drafts/${id}/send/schedule`, body: { deliveryTime: nowSeconds(w.clock) + 600 } }),
  },
  { name: 'cancel a schedule', target, status: 404, request: (id) => ({ method: 'DELETE', path: `/mails/send/schedule/${id}` }) },
  { name: 'store its attachments in the queue', target, status: 404, request: (id) => ({ method: 'POST', path: '/temporaryAttachments/store', body: { mailId: id } }) },
]);

/** The victim's other things: queue items, processing ids, folders. */
const otherProbes: Probe[] = [
  { name: 'get a queue item', target: 'queueItem', status: 404, request: (id) => ({ method: 'GET', path: `/temporaryAttachments/${id}` }) },
  { name: 'delete a queue item', target: 'queueItem', status: 404, request: (id) => ({ method: 'DELETE', path: `/temporaryAttachments/${id}` }) },
  { name: 'undo a send', target: 'processingId', status: 404, request: (id) => ({ method: 'POST', path: '/mails/send/undo', body: { processingId: Number(id) } }) },
  { name: 'read a folder', target: 'inboxFolder', status: 404, request: (id) => ({ method: 'GET', path: `/folders/${id}` }) },
  { name: 'list a folder', target: 'inboxFolder', status: 404, request: (id) => ({ method: 'GET', path: `/mails?folderId=${encodeURIComponent(id)}` }) },
  { name: 'list Drafts', target: 'draftsFolder', status: 404, request: (id) => ({ method: 'GET', path: `/mails?folderId=${encodeURIComponent(id)}` }) },
  // The victim's ids named only in the body of the intruder's own requests.
  { name: 'create a draft in their Drafts', target: 'draftsFolder', status: 400, field: 'folderId', request: (id) => ({ method: 'POST', path: '/mails', body: { folderId: id } }) },
  {
    name: 'move an own draft into their Inbox',
    target: 'inboxFolder',
    status: 400,
    field: 'destinationFolderId',
    request: (id, w) => ({ method: 'POST', path: `/mails/${w.ownDraft}/move`, body: { destinationFolderId: id } }),
  },
  ...queueItemUses('temporaryAttachments[0].id'),
];

/** Every request that names queue items in its body; the item must be in the caller's session. */
function queueItemUses(field: string): Probe[] {
  const item = (id: string) => [{ id: Number(id) }];
  return [
    { name: 'attach their item to a new draft', target: 'queueItem', status: 400, field, request: (id) => ({ method: 'POST', path: '/mails', body: { temporaryAttachments: item(id) } }) },
    {
      name: 'attach their item in a replace',
      target: 'queueItem',
      status: 400,
      field,
      // A draft the caller may replace: the intruder's own, or the victim's (any session of the user may).
      request: (id, w, who) => ({
        method: 'PUT',
        path: `/drafts/${who === w.intruder ? w.ownDraft : w.victimIds.draft}`,
        body: { subject: 'x', temporaryAttachments: item(id) },
      }),
    },
    {
      name: 'send their item',
      target: 'queueItem',
      status: 400,
      field,
      request: (id) => ({ method: 'POST', path: '/mails/send', body: { to: 'ana@example.test', temporaryAttachments: item(id) } }),
    },
    {
      name: 'schedule their item',
      target: 'queueItem',
      status: 400,
      field,
      request: (id, w) => ({
        method: 'POST',
        path: '/mails/send/schedule',
        body: { to: 'ana@example.test', deliveryTime: nowSeconds(w.clock) + 600, temporaryAttachments: item(id) },
      }),
    },
  ];
}

function unknownIdFor(target: VictimKey): string {
  return target === 'queueItem' || target === 'processingId' ? String(unknownNumericId) : unknownMailId();
}

async function ask(w: World, who: Caller, probe: Probe, id: string) {
  const { method, path, body } = probe.request(id, w, who);
  return w.call<ApiErrorBody>(who, method, path, body);
}

async function expectIndistinguishable(w: World, who: Caller, probe: Probe) {
  const victimId = String(w.victimIds[probe.target]);
  const unknownId = unknownIdFor(probe.target);
  const theirs = await ask(w, who, probe, victimId);
  const nobodys = await ask(w, who, probe, unknownId);
  expect(theirs.status).toBe(probe.status);
  expect(nobodys.status).toBe(probe.status);
  expect(theirs.res.headers.get('content-type')).toBe(nobodys.res.headers.get('content-type'));
  expect(withoutId(theirs.body, victimId)).toBe(withoutId(nobodys.body, unknownId));
  expect(theirs.body.error.code).toBe(probe.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
  if (probe.field) expect(theirs.body.error.field).toBe(probe.field);
  return theirs;
}

describe('another user’s things answer exactly like things that do not exist', () => {
  let w: World;
  beforeAll(async () => {
    const world = await securityWorld();
    const intruderFolders = { trash: await world.folderIdOf(world.intruder, 'trash') };
    w = Object.assign(world, { intruderFolders });
  });

  it.each([...mailPathProbes, ...otherProbes].map((p) => [`${p.name} (${p.target})`, p] as const))('%s', async (_name, probe) => {
    await expectIndistinguishable(w, w.intruder, probe);
  });

  it('a reply to their mail neither reveals it nor marks it: the draft is the same as a reply to nothing', async () => {
    const theirs = await w.call<MailInstance>(w.intruder, 'POST', '/mails', { refwType: 're', refwMailId: w.victimIds.inbox, subject: 'Re: x' });
    const nobodys = await w.call<MailInstance>(w.intruder, 'POST', '/mails', { refwType: 're', refwMailId: 'AAAAAAAAAAAAAAAA', subject: 'Re: x' });
    expect(theirs.status).toBe(200);
    expect(nobodys.status).toBe(200);
    const source = (id: string) => w.call<string>(w.intruder, 'GET', `/mails/${id}/source`);
    for (const raw of [(await source(theirs.body.id)).body, (await source(nobodys.body.id)).body]) {
      expect(raw).not.toMatch(/^In-Reply-To:/im);
      expect(raw).not.toMatch(/^References:/im);
    }
    const sent = await w.call<SendResponse>(w.intruder, 'POST', '/mails/send', { to: 'bob@elsewhere.test', refwType: 're', refwMailId: w.victimIds.inbox });
    expect(sent.status).toBe(200);
    expect((await w.call<MailInstance>(w.victim, 'GET', `/mails/${w.victimIds.inbox}`)).body.refwFlags).toBe('');
  });

  it('undo with their Sent copy’s id as mailId only ever gives back the intruder’s own mail', async () => {
    const own = await w.call<SendResponse>(w.intruder, 'POST', '/mails/send', { to: 'bob@elsewhere.test', subject: 'Own' });
    const undone = await w.call<{ mailId: string }>(w.intruder, 'POST', '/mails/send/undo', { processingId: own.body.processingId, mailId: w.victimIds.sent });
    expect(undone.status).toBe(200);
    expect((await w.call<MailInstance>(w.intruder, 'GET', `/mails/${undone.body.mailId}`)).body.subject).toBe('Own');
    expect((await w.call(w.victim, 'GET', `/mails/${w.victimIds.sent}`)).status).toBe(200);
  });

  it('after all of that, the victim’s things are all there and unchanged', async () => {
    const get = (id: string) => w.call<MailInstance>(w.victim, 'GET', `/mails/${id}`);
    expect((await get(w.victimIds.draft)).body).toMatchObject({ subject: 'Victim draft', isFlagged: false, isDraft: true });
    expect((await get(w.victimIds.sent)).body).toMatchObject({ subject: 'Victim sent', isFlagged: false });
    expect((await get(w.victimIds.scheduled)).body).toMatchObject({ subject: 'Victim scheduled' });
    expect((await get(w.victimIds.inbox)).body).toMatchObject({ subject: 'For the victim', isFlagged: false });
    expect((await w.list(w.victim, 'scheduled')).items.map((m) => m.id)).toEqual([w.victimIds.scheduled]);
    expect((await w.call(w.victim, 'GET', `/temporaryAttachments/${w.victimIds.queueItem}`)).status).toBe(200);
    // The victim's send is still pending: the victim (only) can still undo it.
    const undo = await w.call<{ mailId: string }>(w.victim, 'POST', '/mails/send/undo', { processingId: w.victimIds.processingId, mailId: w.victimIds.sent });
    expect(undo.status).toBe(200);
    // And the intruder's mailbox holds only the intruder's own mail.
    for (const role of ['drafts', 'sent', 'inbox', 'trash']) {
      for (const mail of (await w.list(w.intruder, role)).items) expect(mail.subject).not.toMatch(/^Victim/);
    }
  });
});

describe('temporary-attachment items belong to the session that uploaded them', () => {
  let w: World;
  beforeAll(async () => {
    w = Object.assign(await securityWorld(), { intruderFolders: { trash: '' } });
  });

  const sessionProbes: Probe[] = [
    { name: 'get an item', target: 'queueItem', status: 404, request: (id) => ({ method: 'GET', path: `/temporaryAttachments/${id}` }) },
    { name: 'delete an item', target: 'queueItem', status: 404, request: (id) => ({ method: 'DELETE', path: `/temporaryAttachments/${id}` }) },
    ...queueItemUses('temporaryAttachments[0].id'),
  ];

  it.each(sessionProbes.map((p) => [p.name, p] as const))('the same user in another session is refused: %s', async (_name, probe) => {
    await expectIndistinguishable(w, w.victimElsewhere, probe);
  });

  it('the uploading session still has its item, untouched by the other session’s attempts', async () => {
    const res = await w.call(w.victim, 'GET', `/temporaryAttachments/${w.victimIds.queueItem}`);
    expect(res.status).toBe(200);
    expect(res.res.headers.get('content-type')).toBe('image/png');
  });

  it('items go with their session: after logout a new session of the same user cannot reach them', async () => {
    const logout = await w.call(w.victim, 'POST', '/logout');
    expect(logout.status).toBe(200);
    expect((await w.call(w.victimElsewhere, 'GET', `/temporaryAttachments/${w.victimIds.queueItem}`)).status).toBe(404);
    const res = await w.call<ApiErrorBody>(w.victimElsewhere, 'POST', '/mails', { temporaryAttachments: [{ id: w.victimIds.queueItem }] });
    expect(res.status).toBe(400);
  });
});

describe('ids that try to be paths or queries', () => {
  let w: World;
  beforeAll(async () => {
    w = Object.assign(await securityWorld(), { intruderFolders: { trash: '' } });
  });

  it.each([
    '/temporaryAttachments/..%2F..%2Fmailbox.sqlite',
    '/temporaryAttachments/1%20OR%201=1',
    '/temporaryAttachments/-1',
    '/temporaryAttachments/1e3',
    '/temporaryAttachments/0x1',
    "/mails/'%20OR%20'1'='1",
    '/mails/..%2F..%2Fetc%2Fpasswd/source',
    '/mails/%25/attachments',
  ])('GET %s → 404, nothing served', async (path) => {
    const res = await w.call<ApiErrorBody>(w.victim, 'GET', path);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
