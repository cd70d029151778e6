import type { LoginResponse, MailInstance, SendResponse, TemporaryAttachmentUploadResponse } from '../../src/api/contract';
import type { LoadStats } from './stats';

/**
 * One simulated person writing mail, over and over until the run ends: sign in, create a draft,
 * replace it every `replaceEveryMs` with growing content (always adopting the id the server gives
 * back), upload a small attachment and put it in the draft, then send the draft.
 */
export interface ClientPlan {
  baseUrl: string;
  email: string;
  password: string;
  /** Where this client's mail goes (another load account, so delivery is local and countable). */
  recipient: string;
  replaceEveryMs: number;
  /** Replaces per composition, the last one adding the attachment. */
  replacesPerMail: number;
  /** The run's end (Date.now() ms): no new composition starts after it. */
  endsAt: number;
  /** Hard cap on requests, whatever the clock says. */
  maxRequests: number;
  /** Delay before the first request, so 50 clients do not all start in the same millisecond. */
  startDelayMs: number;
}

export interface ClientOutcome {
  sent: number;
  processingIds: number[];
  requests: number;
  aborted?: string;
}

class RequestFailed extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Text that grows with every save, as a person typing would make it. */
function bodyAt(step: number, email: string): { bodyText: string; bodyHtml: string } {
  const paragraphs = Array.from({ length: step + 1 }, (_, i) => `Paragraph ${i + 1} from ${email}: the quarterly figures are in and the draft keeps growing as we type.`);
  return { bodyText: paragraphs.join('\n\n'), bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join('') };
}

export async function runComposingClient(plan: ClientPlan, stats: LoadStats): Promise<ClientOutcome> {
  const outcome: ClientOutcome = { sent: 0, processingIds: [], requests: 0 };
  let headers: Record<string, string> = {};

  async function call<T>(endpoint: string, method: string, path: string, body?: unknown): Promise<T> {
    if (outcome.requests >= plan.maxRequests) throw new RequestFailed('request cap reached');
    outcome.requests += 1;
    const init: RequestInit = { method, headers: { ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const started = performance.now();
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${plan.baseUrl}/api/v1${path}`, init);
      text = await res.text();
    } catch (err) {
      stats.record(endpoint, performance.now() - started, { status: 'network', message: String(err) }, started);
      throw new RequestFailed(String(err));
    }
    const ms = performance.now() - started;
    if (!res.ok) {
      stats.record(endpoint, ms, { status: res.status, message: text.slice(0, 300) }, started);
      throw new RequestFailed(`${endpoint} answered ${res.status}`);
    }
    stats.record(endpoint, ms, undefined, started);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  await sleep(plan.startDelayMs);
  try {
    const authorization = `Basic ${Buffer.from(`${plan.email}:${plan.password}`).toString('base64')}`;
    headers = { Authorization: authorization };
    const { sessid } = await call<LoginResponse>('POST /login', 'POST', '/login');
    headers = { Authorization: authorization, 'X-Axigen-Session': sessid };

    for (let mail = 1; Date.now() < plan.endsAt; mail++) {
      const subject = `Load mail ${mail} from ${plan.email}`;
      let draft = await call<MailInstance>('POST /mails', 'POST', '/mails', { to: plan.recipient, subject, ...bodyAt(0, plan.email) });
      let attachment: { id: number } | undefined;
      for (let step = 1; step <= plan.replacesPerMail; step++) {
        await sleep(plan.replaceEveryMs);
        if (step === plan.replacesPerMail) {
          const form = new FormData();
          form.append('file', new Blob([`figures for mail ${mail}\n`.repeat(64)], { type: 'text/plain' }), `figures-${mail}.txt`);
          attachment = (await call<TemporaryAttachmentUploadResponse>('POST /temporaryAttachments', 'POST', '/temporaryAttachments', form)).items[0];
        }
        draft = await call<MailInstance>('PUT /drafts/{id}', 'PUT', `/drafts/${draft.id}`, {
          to: plan.recipient,
          subject,
          ...bodyAt(step, plan.email),
          ...(attachment ? { temporaryAttachments: [{ id: attachment.id }] } : {}),
        });
      }
      const sent = await call<SendResponse>('POST /drafts/{id}/send', 'POST', `/drafts/${draft.id}/send`);
      outcome.sent += 1;
      outcome.processingIds.push(sent.processingId);
      if (attachment) await call('DELETE /temporaryAttachments/{id}', 'DELETE', `/temporaryAttachments/${attachment.id}`);
    }
    await call('POST /logout', 'POST', '/logout');
  } catch (err) {
    if (!(err instanceof RequestFailed)) throw err;
    outcome.aborted = err.message;
  }
  return outcome;
}
