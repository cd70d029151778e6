import { describe, expect, it } from 'vitest';
import type { AttachmentInstance } from '../api/contract';
import { apiErrorResponse, apiUrl, callsOf, createTestClient, http, HttpResponse, recordRequests, startMswServer } from '../testing/msw';
import { attachmentInstance, mailBody, mailInstance } from '../testing/msw-data';
import { checkRestore } from './compose-entry';
import { emptyDraft, type DraftAttachment } from './model/draft';
import type { JournalEntry } from './model/journal';

const server = startMswServer();
const api = createTestClient();

const body = mailBody;

const REPORT: DraftAttachment = { id: 1, name: 'report.pdf', size: 30, contentType: 'application/pdf', isInline: false };
const LOGO: DraftAttachment = { id: 2, name: 'logo.png', size: 10, contentType: 'image/png', contentId: 'logo.1@mc', isInline: true };
const LATE: DraftAttachment = { id: 3, name: 'added-after-the-save.txt', size: 5, contentType: 'text/plain', isInline: false };
const LATE_IMAGE: DraftAttachment = { id: 4, name: 'late.png', size: 7, contentType: 'image/png', contentId: 'late@mc', isInline: true };

function entry(attachments: DraftAttachment[], mailId: string | null = 'd-1'): JournalEntry {
  return {
    key: 'window-1',
    account: 'me@example.test',
    mailId,
    content: emptyDraft({
      subject: 'Plans',
      to: [{ name: '', address: 'ana@example.test' }],
      bodyHtml: '<p>Typed before the crash <img src="cid:logo.1@mc" alt="logo"> and <img alt="late" src="cid:late@mc"></p>',
      bodyText: 'Typed before the crash',
      attachments,
    }),
    recipientText: { to: '', cc: '', bcc: '', replyTo: '' },
    updatedAt: 1_700_000_000_000,
  };
}

/** The queue holds `present`; HEAD answers 404 for the rest (another session's items look the same). */
const queueHolds = (present: number[]) =>
  http.head(apiUrl('/temporaryAttachments/:id'), ({ params }) => (present.includes(Number(params.id)) ? new HttpResponse(null, { status: 200 }) : new HttpResponse(null, { status: 404 })));

/** The server draft `d-1` holds the report and the logo; storing them gives new queue ids 71 and 72. */
function serverDraftHandlers(stored: AttachmentInstance[]) {
  return [
    http.get(apiUrl('/mails/d-1'), () => HttpResponse.json(mailInstance({ id: 'd-1', subject: 'Plans', to: 'ana@example.test' }))),
    http.get(apiUrl('/mails/d-1/body'), ({ request }) =>
      new URL(request.url).searchParams.get('type') === 'html'
        ? HttpResponse.json(body('<p>Older text <img src="cid:logo.1@mc"></p>', 'text/html'))
        : HttpResponse.json(body('Older text', 'text/plain')),
    ),
    http.post(apiUrl('/temporaryAttachments/store'), () => HttpResponse.json({ items: stored })),
    http.get(apiUrl('/temporaryAttachments/:id'), () => new HttpResponse(new Uint8Array(10), { headers: { 'Content-Type': 'image/png' } })),
    http.delete(apiUrl('/temporaryAttachments/:id'), () => new HttpResponse(null, { status: 200 })),
  ];
}

const storedItem = (overrides: Partial<AttachmentInstance>) => attachmentInstance({ mailId: 'd-1', ...overrides });

describe('checkRestore', () => {
  it('keeps the entry as it is when the queue still holds every file (same session)', async () => {
    server.use(queueHolds([1, 2]));
    const log = recordRequests(server);
    const original = entry([REPORT, LOGO]);
    const checked = await checkRestore(api, original);
    expect(checked).toEqual({ entry: original, lost: [], recovered: [] });
    expect(callsOf(log)).toEqual(['HEAD /api/v1/temporaryAttachments/1', 'HEAD /api/v1/temporaryAttachments/2']);
  });

  it('takes files gone from the queue from the server draft, and names the ones it does not have', async () => {
    const stored = [
      storedItem({ id: 71, name: 'report.pdf', size: 30, contentType: 'application/pdf' }),
      storedItem({ id: 72, name: 'logo.png', size: 10, contentType: 'image/png', contentId: 'logo.1@mc', isInline: true }),
      storedItem({ id: 73, name: 'removed-since.doc', size: 99 }),
    ];
    server.use(queueHolds([]), ...serverDraftHandlers(stored));
    const log = recordRequests(server);
    const checked = await checkRestore(api, entry([REPORT, LOGO, LATE, LATE_IMAGE]));

    expect(checked.recovered).toEqual(['report.pdf', 'logo.png']);
    expect(checked.lost).toEqual(['added-after-the-save.txt', 'late.png']);
    expect(checked.entry.content.attachments).toEqual([
      { ...REPORT, id: 71 },
      { ...LOGO, id: 72 },
    ]);
    // The journal's text wins; only the lost image leaves the body.
    expect(checked.entry.content.bodyHtml).toBe('<p>Typed before the crash <img src="cid:logo.1@mc" alt="logo"> and </p>');
    expect(checked.entry.content.subject).toBe('Plans');
    expect(checked.entry.mailId).toBe('d-1');
    // The copy nobody needs is removed from the queue.
    await expect.poll(() => callsOf(log).filter((call) => call.startsWith('DELETE '))).toEqual(['DELETE /api/v1/temporaryAttachments/73']);
  });

  it('names every missing file when the entry has no server draft or the draft is gone', async () => {
    server.use(queueHolds([1]));
    expect((await checkRestore(api, entry([REPORT, LATE], null))).lost).toEqual(['added-after-the-save.txt']);

    server.use(
      http.get(apiUrl('/mails/d-1'), () => apiErrorResponse(404, 'No such mail')),
      http.get(apiUrl('/mails/d-1/body'), () => apiErrorResponse(404, 'No such mail')),
      http.post(apiUrl('/temporaryAttachments/store'), () => apiErrorResponse(404, 'No such mail')),
    );
    const checked = await checkRestore(api, entry([REPORT, LATE]));
    expect(checked.lost).toEqual(['added-after-the-save.txt']);
    expect(checked.entry.content.attachments).toEqual([REPORT]);
  });

  it('throws when the server cannot say (offline, 5xx): the entry stays for a later try', async () => {
    server.use(http.head(apiUrl('/temporaryAttachments/:id'), () => new HttpResponse(null, { status: 503 })));
    await expect(checkRestore(api, entry([REPORT]))).rejects.toMatchObject({ status: 503 });
    server.use(http.head(apiUrl('/temporaryAttachments/:id'), () => HttpResponse.error()));
    await expect(checkRestore(api, entry([REPORT]))).rejects.toMatchObject({ kind: 'network' });
  });
});
