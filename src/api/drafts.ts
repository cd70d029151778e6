import type { CreateMailRequest, MailInstance, ReplaceDraftRequest } from './contract';
import type { ApiClient } from './transport';

/**
 * Saving drafts. Replace Draft answers the draft under a NEW id and the old id is dead from then on:
 * callers must adopt `response.id` every time (the draft-sync engine does).
 */

/** `POST /mails` — creates a draft in Drafts (or appends to `folderId`). */
export const createDraft = (client: ApiClient, request: CreateMailRequest, signal?: AbortSignal): Promise<MailInstance> =>
  client.request<MailInstance>('POST', '/mails', { body: request, signal });

/** `PUT /drafts/{id}` — full replacement; omitted fields are cleared. */
export const replaceDraft = (client: ApiClient, id: string, request: ReplaceDraftRequest, signal?: AbortSignal): Promise<MailInstance> =>
  client.request<MailInstance>('PUT', `/drafts/${encodeURIComponent(id)}`, { body: request, signal });

/** `DELETE /mails/{id}` — discards a draft (drafts are mails in Drafts). */
export async function deleteDraft(client: ApiClient, id: string): Promise<void> {
  await client.request<void>('DELETE', `/mails/${encodeURIComponent(id)}`);
}
