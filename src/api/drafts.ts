import type { CreateMailRequest, MailInstance, ReplaceDraftRequest } from './contract';
import type { ApiClient } from './transport';

/**
 * Saving drafts. Replace Draft answers the draft under a NEW id and the old id is dead from then on:
 * callers must adopt `response.id` every time (the draft-sync engine does).
 */

export interface SaveOptions {
  signal?: AbortSignal;
  /** Gives up with an ApiError of kind 'timeout' after this long (the save may still have happened). */
  timeoutMs?: number;
}

/** `POST /mails` — creates a draft in Drafts (or appends to `folderId`). */
export const createDraft = (client: ApiClient, request: CreateMailRequest, options: SaveOptions = {}): Promise<MailInstance> =>
  client.request<MailInstance>('POST', '/mails', { body: request, ...options });

/** `PUT /drafts/{id}` — full replacement; omitted fields are cleared. */
export const replaceDraft = (client: ApiClient, id: string, request: ReplaceDraftRequest, options: SaveOptions = {}): Promise<MailInstance> =>
  client.request<MailInstance>('PUT', `/drafts/${encodeURIComponent(id)}`, { body: request, ...options });

/** `DELETE /mails/{id}` — discards a draft (drafts are mails in Drafts). */
export async function deleteDraft(client: ApiClient, id: string): Promise<void> {
  await client.request<void>('DELETE', `/mails/${encodeURIComponent(id)}`);
}
