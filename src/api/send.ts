import type {
  ScheduleDraftRequest,
  ScheduleResponse,
  ScheduleSendRequest,
  SendMailRequest,
  SendResponse,
  UndoSendRequest,
  UndoSendResponse,
} from './contract';
import type { ApiClient } from './transport';

const draftPath = (id: string) => `/drafts/${encodeURIComponent(id)}`;

/** `POST /mails/send` — sends what is in the request (no draft needed; the only way to ask for receipts). */
export const sendMail = (client: ApiClient, request: SendMailRequest): Promise<SendResponse> =>
  client.request<SendResponse>('POST', '/mails/send', { body: request });

/** `POST /drafts/{id}/send` (no body) — sends the saved draft; the server deletes the draft. */
export const sendDraft = (client: ApiClient, draftId: string): Promise<SendResponse> =>
  client.request<SendResponse>('POST', `${draftPath(draftId)}/send`);

/** `POST /mails/send/undo` — within the undo window; answers the draft the mail went back to. */
export async function undoSend(client: ApiClient, request: UndoSendRequest): Promise<UndoSendResponse> {
  return (await client.request<UndoSendResponse | undefined>('POST', '/mails/send/undo', { body: request })) ?? {};
}

/** `POST /mails/send/schedule` — `deliveryTime` in unix seconds. */
export const scheduleMail = (client: ApiClient, request: ScheduleSendRequest): Promise<ScheduleResponse> =>
  client.request<ScheduleResponse>('POST', '/mails/send/schedule', { body: request });

/** `POST /drafts/{id}/send/schedule` — moves the saved draft to Scheduled. */
export function scheduleDraft(client: ApiClient, draftId: string, deliveryTime: number): Promise<ScheduleResponse> {
  const body: ScheduleDraftRequest = { deliveryTime };
  return client.request<ScheduleResponse>('POST', `${draftPath(draftId)}/send/schedule`, { body });
}

/** `DELETE /mails/send/schedule/{id}` — back to Drafts; answers the draft's (new) id. */
export const cancelSchedule = (client: ApiClient, scheduledMailId: string): Promise<ScheduleResponse> =>
  client.request<ScheduleResponse>('DELETE', `/mails/send/schedule/${encodeURIComponent(scheduledMailId)}`);
