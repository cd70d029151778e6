import { describe, expect, it } from 'vitest';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import { mailInstance } from '../testing/msw-data';
import { createDraft, deleteDraft, replaceDraft } from './drafts';
import { cancelSchedule, scheduleDraft, scheduleMail, sendDraft, sendMail, undoSend } from './send';

const server = startMswServer();
const requests = recordRequests(server);
const client = createTestClient();

describe('drafts', () => {
  it('creates with POST /mails and replaces with PUT /drafts/{id}, answering the new id', async () => {
    requests.clear();
    server.use(
      http.post(apiUrl('/mails'), () => HttpResponse.json(mailInstance({ id: 'd1', subject: 'Hi' }))),
      http.put(apiUrl('/drafts/:id'), () => HttpResponse.json(mailInstance({ id: 'd2', subject: 'Hi again' }))),
      http.delete(apiUrl('/mails/:id'), () => new HttpResponse(null, { status: 200 })),
    );
    const created = await createDraft(client, { to: 'Bob <bob@x.test>', subject: 'Hi', bodyHtml: '<p>x</p>' });
    const replaced = await replaceDraft(client, created.id, { to: 'Bob <bob@x.test>', subject: 'Hi again' });
    await deleteDraft(client, replaced.id);
    expect(replaced.id).toBe('d2');
    expect(callsOf(requests)).toEqual(['POST /api/v1/mails', 'PUT /api/v1/drafts/d1', 'DELETE /api/v1/mails/d2']);
    expect(requests[0]!.body).toEqual({ to: 'Bob <bob@x.test>', subject: 'Hi', bodyHtml: '<p>x</p>' });
    expect(requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('passes the server 400 message and field through', async () => {
    server.use(http.post(apiUrl('/mails'), () => apiErrorResponse(400, 'The "to" address "bob@" has no domain.', 'BAD_REQUEST', 'to')));
    await expect(createDraft(client, { to: 'bob@' })).rejects.toMatchObject({ status: 400, field: 'to', message: 'The "to" address "bob@" has no domain.', isTransient: false });
  });

  it('marks 5xx as transient', async () => {
    server.use(http.put(apiUrl('/drafts/:id'), () => apiErrorResponse(503, 'Busy')));
    await expect(replaceDraft(client, 'd1', {})).rejects.toMatchObject({ status: 503, isTransient: true });
  });
});

describe('send, undo and schedule', () => {
  it('uses the documented paths and bodies', async () => {
    requests.clear();
    server.use(
      http.post(apiUrl('/mails/send'), () => HttpResponse.json({ mailId: 's1', processingId: 7 })),
      http.post(apiUrl('/drafts/:id/send'), () => HttpResponse.json({ processingId: 8 })),
      http.post(apiUrl('/mails/send/undo'), () => HttpResponse.json({ mailId: 'd9' })),
      http.post(apiUrl('/mails/send/schedule'), () => HttpResponse.json({ mailId: 'sch1' })),
      http.post(apiUrl('/drafts/:id/send/schedule'), () => HttpResponse.json({ mailId: 'sch2' })),
      http.delete(apiUrl('/mails/send/schedule/:id'), () => HttpResponse.json({ mailId: 'd10' })),
    );
    expect(await sendMail(client, { to: 'a@x.test', requestReadReceipt: true })).toEqual({ mailId: 's1', processingId: 7 });
    expect(await sendDraft(client, 'd1')).toEqual({ processingId: 8 });
    expect(await undoSend(client, { processingId: 7, mailId: 's1' })).toEqual({ mailId: 'd9' });
    expect(await scheduleMail(client, { to: 'a@x.test', deliveryTime: 1_800_000_000 })).toEqual({ mailId: 'sch1' });
    expect(await scheduleDraft(client, 'd2', 1_800_000_000)).toEqual({ mailId: 'sch2' });
    expect(await cancelSchedule(client, 'sch2')).toEqual({ mailId: 'd10' });

    expect(callsOf(requests)).toEqual([
      'POST /api/v1/mails/send',
      'POST /api/v1/drafts/d1/send',
      'POST /api/v1/mails/send/undo',
      'POST /api/v1/mails/send/schedule',
      'POST /api/v1/drafts/d2/send/schedule',
      'DELETE /api/v1/mails/send/schedule/sch2',
    ]);
    expect(requests.map((r) => r.body)).toEqual([
      { to: 'a@x.test', requestReadReceipt: true },
      undefined,
      { processingId: 7, mailId: 's1' },
      { to: 'a@x.test', deliveryTime: 1_800_000_000 },
      { deliveryTime: 1_800_000_000 },
      undefined,
    ]);
  });

  it('answers an empty undo body as no draft', async () => {
    server.use(http.post(apiUrl('/mails/send/undo'), () => new HttpResponse(null, { status: 200 })));
    expect(await undoSend(client, { processingId: 1 })).toEqual({});
  });

  it('reports a 401 to the session listeners and still fails the call', async () => {
    server.use(http.post(apiUrl('/drafts/:id/send'), () => apiErrorResponse(401, 'Session expired.')));
    const seen: number[] = [];
    const stop = client.onUnauthorized((error) => seen.push(error.status));
    await expect(sendDraft(client, 'd1')).rejects.toMatchObject({ status: 401 });
    stop();
    expect(seen).toEqual([401]);
  });
});
