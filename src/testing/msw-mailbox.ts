import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { SetupServer } from 'msw/node';
import type { ComposeFields, MailInstance, SendMailRequest } from '../api/contract';
import { apiErrorResponse, apiUrl } from './msw';
import { folderInstance, mailInstance } from './msw-data';

/**
 * A small in-memory Mailbox API for client tests of saving and sending: Drafts, Sent and Scheduled
 * folders; Create, Replace Draft (new id every time, old id 404 after), delete, get, list; Send,
 * Send Draft, Schedule. It behaves like the real server on the points the compose code depends on,
 * and lets a test slow requests down or make them fail.
 *
 *   const server = startMswServer();
 *   const mailbox = new FakeMailbox();
 *   beforeEach(() => { mailbox.reset(); mailbox.install(server); });
 */

export const FOLDER_IDS = { drafts: 'f-drafts', sent: 'f-sent', scheduled: 'f-scheduled', inbox: 'f-inbox' } as const;

/** What a request matcher sees. */
export interface MailboxCall {
  method: string;
  /** Path under /api/v1, e.g. "/drafts/d1". */
  path: string;
  body: unknown;
}

/** A planned misbehaviour: the response (or a dropped connection) for the next matching calls. */
interface Fault {
  matches(call: MailboxCall): boolean;
  /** 'network' drops the connection; a number answers that status with an error body. */
  outcome: 'network' | number;
  /** Apply the request to the mailbox before failing (the answer was lost, the work was done). */
  afterWork: boolean;
  remaining: number;
}

export class FakeMailbox {
  /** Live drafts by id. */
  drafts = new Map<string, MailInstance>();
  sent: MailInstance[] = [];
  scheduled: MailInstance[] = [];
  /** The full fields each mail was made from (MailInstance has no body), by mail id. */
  bodies = new Map<string, ComposeFields>();
  /** Every call, in order, including failed ones. */
  calls: MailboxCall[] = [];
  /** The most calls that were ever being answered at the same time. */
  maxConcurrent = 0;
  private concurrent = 0;
  /** Extra latency per call, in ms (msw `delay`, so fake timers control it). */
  latencyMs: number | ((call: MailboxCall) => number) = 0;
  /** Server clock for `date` fields, unix ms. */
  now: () => number = () => Date.now();
  private nextId = 1;
  private nextProcessingId = 100;
  private faults: Fault[] = [];

  reset(): void {
    this.drafts.clear();
    this.bodies.clear();
    this.sent = [];
    this.scheduled = [];
    this.calls = [];
    this.latencyMs = 0;
    this.maxConcurrent = 0;
    this.concurrent = 0;
    this.nextId = 1;
    this.nextProcessingId = 100;
    this.faults = [];
    this.now = () => Date.now();
  }

  /** The calls as `METHOD /path` lines. */
  callLines(): string[] {
    return this.calls.map((call) => `${call.method} ${call.path}`);
  }

  /**
   * The next `times` calls matching `method path` (path may end in `*`) fail with `outcome`.
   * With `afterWork`, the mailbox does the work first and only the answer is lost.
   */
  fail(method: string, path: string, outcome: 'network' | number, options: { times?: number; afterWork?: boolean } = {}): void {
    const prefix = path.endsWith('*') ? path.slice(0, -1) : null;
    this.faults.push({
      matches: (call) => call.method === method && (prefix === null ? call.path === path : call.path.startsWith(prefix)),
      outcome,
      afterWork: options.afterWork ?? false,
      remaining: options.times ?? 1,
    });
  }

  /** Puts a draft in Drafts directly (a draft opened for editing). */
  addDraft(fields: ComposeFields = {}): MailInstance {
    const mail = this.makeMail(FOLDER_IDS.drafts, fields);
    this.drafts.set(mail.id, mail);
    return mail;
  }

  handlers(): HttpHandler[] {
    const route = (method: 'get' | 'post' | 'put' | 'delete', path: string, work: (call: MailboxCall, params: Record<string, string>, url: URL) => Response) =>
      http[method](apiUrl(path), async ({ request, params }) => {
        const url = new URL(request.url);
        const text = await request.text();
        const call: MailboxCall = { method: request.method, path: url.pathname.replace(/^\/api\/v1/, ''), body: text ? JSON.parse(text) : undefined };
        this.calls.push(call);
        this.concurrent += 1;
        this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
        try {
          const latency = typeof this.latencyMs === 'function' ? this.latencyMs(call) : this.latencyMs;
          if (latency > 0) await delay(latency);
          const fault = this.faults.find((f) => f.remaining > 0 && f.matches(call));
          if (fault) {
            fault.remaining -= 1;
            if (fault.afterWork) work(call, params as Record<string, string>, url);
            return fault.outcome === 'network' ? HttpResponse.error() : apiErrorResponse(fault.outcome, `Planned failure ${fault.outcome}.`);
          }
          return work(call, params as Record<string, string>, url);
        } finally {
          this.concurrent -= 1;
        }
      });

    return [
      route('get', '/folders', () =>
        HttpResponse.json({
          syncToken: 't',
          items: [
            folderInstance({ id: FOLDER_IDS.inbox, name: 'Inbox', role: 'inbox' }),
            folderInstance({ id: FOLDER_IDS.drafts, name: 'Drafts', role: 'drafts', totalItems: this.drafts.size }),
            folderInstance({ id: FOLDER_IDS.sent, name: 'Sent', role: 'sent' }),
            folderInstance({ id: FOLDER_IDS.scheduled, name: 'Scheduled', role: 'scheduled' }),
          ],
        }),
      ),
      route('get', '/mails', (_call, _params, url) => {
        const folderId = url.searchParams.get('folderId');
        const items =
          folderId === FOLDER_IDS.drafts ? [...this.drafts.values()] : folderId === FOLDER_IDS.sent ? this.sent : folderId === FOLDER_IDS.scheduled ? this.scheduled : [];
        const sorted = [...items].sort((a, b) => Number(b.date) - Number(a.date));
        return HttpResponse.json({ syncToken: 't', totalItems: sorted.length, sortInfo: { field: 'date', direction: 'DESC', activeRowIndex: -1 }, items: sorted });
      }),
      route('post', '/mails', (call) => {
        const mail = this.makeMail(FOLDER_IDS.drafts, call.body as ComposeFields);
        this.drafts.set(mail.id, mail);
        return HttpResponse.json(mail);
      }),
      route('put', '/drafts/:id', (call, params) => {
        if (!this.drafts.delete(params.id!)) return apiErrorResponse(404, 'No draft with this id.');
        const mail = this.makeMail(FOLDER_IDS.drafts, call.body as ComposeFields);
        this.drafts.set(mail.id, mail);
        return HttpResponse.json(mail);
      }),
      route('get', '/mails/:id', (_call, params) => {
        const mail = this.drafts.get(params.id!) ?? [...this.sent, ...this.scheduled].find((m) => m.id === params.id);
        return mail ? HttpResponse.json(mail) : apiErrorResponse(404, 'No mail with this id.');
      }),
      route('delete', '/mails/:id', (_call, params) => {
        if (!this.drafts.delete(params.id!)) return apiErrorResponse(404, 'No mail with this id.');
        return new HttpResponse(null, { status: 200 });
      }),
      route('post', '/mails/send', (call) => {
        const mail = this.makeMail(FOLDER_IDS.sent, call.body as SendMailRequest);
        this.sent.push(mail);
        return HttpResponse.json({ mailId: mail.id, processingId: this.nextProcessingId++ });
      }),
      route('post', '/drafts/:id/send', (_call, params) => {
        const draft = this.drafts.get(params.id!);
        if (!draft) return apiErrorResponse(404, 'No draft with this id.');
        this.drafts.delete(draft.id);
        const mail = { ...draft, id: `m${this.nextId++}`, folderId: FOLDER_IDS.sent, isDraft: false };
        this.bodies.set(mail.id, this.bodies.get(draft.id) ?? {});
        this.sent.push(mail);
        return HttpResponse.json({ mailId: mail.id, processingId: this.nextProcessingId++ });
      }),
      route('post', '/mails/send/schedule', (call) => {
        const mail = this.makeMail(FOLDER_IDS.scheduled, call.body as SendMailRequest);
        this.scheduled.push(mail);
        return HttpResponse.json({ mailId: mail.id });
      }),
      route('post', '/drafts/:id/send/schedule', (_call, params) => {
        const draft = this.drafts.get(params.id!);
        if (!draft) return apiErrorResponse(404, 'No draft with this id.');
        this.drafts.delete(draft.id);
        const mail = { ...draft, id: `m${this.nextId++}`, folderId: FOLDER_IDS.scheduled, isDraft: false };
        this.bodies.set(mail.id, this.bodies.get(draft.id) ?? {});
        this.scheduled.push(mail);
        return HttpResponse.json({ mailId: mail.id });
      }),
    ];
  }

  /** Installs the handlers on a server (after `reset()` in a `beforeEach`). */
  install(server: SetupServer): void {
    server.use(...this.handlers());
  }

  private makeMail(folderId: string, fields: ComposeFields): MailInstance {
    const id = folderId === FOLDER_IDS.drafts ? `d${this.nextId++}` : `m${this.nextId++}`;
    this.bodies.set(id, fields);
    return mailInstance({
      id,
      folderId,
      from: fields.from ?? '',
      to: fields.to ?? '',
      cc: fields.cc ?? '',
      bcc: fields.bcc ?? '',
      replyTo: fields.replyTo ?? '',
      subject: fields.subject ?? '',
      importance: fields.importance ?? 'normal',
      refwType: fields.refwType ?? '',
      refwMailId: fields.refwMailId ?? '',
      snippet: (fields.bodyText ?? '').slice(0, 100),
      date: String(Math.floor(this.now() / 1000)),
      isDraft: folderId === FOLDER_IDS.drafts,
      hasAttachments: (fields.temporaryAttachments ?? []).some((a) => !a.isInline),
      messageId: `<${id}@mailbox.test>`,
    });
  }

  /** The body fields of the last Create/Replace/Send request, for content assertions. */
  lastBody(method: string, pathPrefix: string): ComposeFields | undefined {
    const call = [...this.calls].reverse().find((c) => c.method === method && c.path.startsWith(pathPrefix));
    return call?.body as ComposeFields | undefined;
  }
}
