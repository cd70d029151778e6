import { describe, expect, it } from 'vitest';
import { apiUrl, createTestClient, http, HttpResponse, startMswServer } from '../../testing/msw';
import { folderInstance, mailInstance } from '../../testing/msw-data';
import { findRecentMail } from './find-recent-mail';

const server = startMswServer();
const api = createTestClient();
const since = Date.parse('2026-11-24T14:00:00Z');
const seconds = (iso: string) => String(Date.parse(iso) / 1000);

function serve(items: ReturnType<typeof mailInstance>[]) {
  server.use(
    http.get(apiUrl('/folders'), () => HttpResponse.json({ syncToken: '', items: [folderInstance({ id: 'sent', role: 'sent', name: 'Trimise' })] })),
    http.get(apiUrl('/mails'), ({ request }) => {
      const query = new URL(request.url).searchParams;
      expect(Object.fromEntries(query)).toMatchObject({ folderId: 'sent', start: '0', sort: 'date', dir: 'DESC' });
      return HttpResponse.json({ syncToken: '', totalItems: items.length, sortInfo: { field: 'date', direction: 'DESC', activeRowIndex: -1 }, items });
    }),
  );
}

describe('findRecentMail', () => {
  it('matches on subject and the To addresses, however the server re-wrote the header', async () => {
    serve([mailInstance({ id: 'm9', subject: 'Offer', to: '"Doe, Jane" <JANE@example.test>, bob@bücher.example', date: seconds('2026-11-24T14:01:00Z') })]);
    const found = await findRecentMail(api, 'sent', { subject: 'Offer', to: 'bob@xn--bcher-kva.example, Jane Doe <jane@example.test>' }, since);
    expect(found?.id).toBe('m9');
  });

  it('ignores other subjects, other recipients, old mail and excluded ids, and picks the newest', async () => {
    serve([
      mailInstance({ id: 'other-subject', subject: 'Offer 2', to: 'a@x.test', date: seconds('2026-11-24T14:02:00Z') }),
      mailInstance({ id: 'other-to', subject: 'Offer', to: 'b@x.test', date: seconds('2026-11-24T14:02:00Z') }),
      mailInstance({ id: 'too-old', subject: 'Offer', to: 'a@x.test', date: seconds('2026-11-24T13:00:00Z') }),
      mailInstance({ id: 'excluded', subject: 'Offer', to: 'a@x.test', date: seconds('2026-11-24T14:05:00Z') }),
      mailInstance({ id: 'older', subject: 'Offer', to: 'a@x.test', date: seconds('2026-11-24T14:01:00Z') }),
      mailInstance({ id: 'newer', subject: 'Offer', to: 'a@x.test', date: seconds('2026-11-24T14:03:00Z') }),
    ]);
    expect((await findRecentMail(api, 'sent', { subject: 'Offer', to: 'a@x.test' }, since, ['excluded']))?.id).toBe('newer');
  });

  it('answers null when the folder does not exist', async () => {
    serve([]);
    expect(await findRecentMail(api, 'scheduled', { subject: 'x' }, since)).toBeNull();
  });
});
