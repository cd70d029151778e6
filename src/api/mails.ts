import { queryOptions } from '@tanstack/react-query';
import { API_PREFIX, type AttachmentList, type MailBody, type MailInstance, type MailList, type MailPatch, type MailSortField, type MoveMailRequest } from './contract';
import { errorFromResponse, type ApiClient } from './transport';

export interface ListMailsParams {
  folderId: string;
  start?: number;
  limit?: number;
  sort?: MailSortField;
  dir?: 'ASC' | 'DESC';
}

export type BodyType = 'html' | 'text';

export const mailKeys = {
  all: ['mails'] as const,
  lists: () => [...mailKeys.all, 'list'] as const,
  list: (params: ListMailsParams) => [...mailKeys.lists(), params] as const,
  detail: (id: string) => [...mailKeys.all, 'detail', id] as const,
  body: (id: string, type: BodyType) => [...mailKeys.all, 'detail', id, 'body', type] as const,
  attachments: (id: string) => [...mailKeys.all, 'detail', id, 'attachments'] as const,
};

const mailPath = (id: string) => `/mails/${encodeURIComponent(id)}`;

/** `GET /mails?folderId=&start=&limit=&sort=&dir=` — one page of a folder. */
export const listMails = (client: ApiClient, params: ListMailsParams, signal?: AbortSignal): Promise<MailList> =>
  client.request<MailList>('GET', '/mails', {
    query: { folderId: params.folderId, start: params.start, limit: params.limit, sort: params.sort, dir: params.dir },
    signal,
  });

/** `GET /mails/{id}` */
export const getMail = (client: ApiClient, id: string, signal?: AbortSignal): Promise<MailInstance> =>
  client.request<MailInstance>('GET', mailPath(id), { signal });

/** `PATCH /mails/{id}` — only `isUnread` and `isFlagged` are writable. */
export const patchMail = (client: ApiClient, id: string, patch: MailPatch): Promise<MailInstance> =>
  client.request<MailInstance>('PATCH', mailPath(id), { body: patch });

/** `DELETE /mails/{id}` — to Trash or permanently, per the account's `deleteToTrash`. */
export async function deleteMail(client: ApiClient, id: string): Promise<void> {
  await client.request<void>('DELETE', mailPath(id));
}

/** `POST /mails/{id}/move` — answers the moved mail, which may carry a new id. */
export function moveMail(client: ApiClient, id: string, destinationFolderId: string): Promise<MailInstance> {
  const body: MoveMailRequest = { destinationFolderId };
  return client.request<MailInstance>('POST', `${mailPath(id)}/move`, { body });
}

/** `GET /mails/{id}/body?type=` as the server sends it (`data` is base64). */
export const getMailBody = (
  client: ApiClient,
  id: string,
  type: BodyType = 'html',
  options: { showExternalImages?: boolean; signal?: AbortSignal } = {},
): Promise<MailBody> =>
  client.request<MailBody>('GET', `${mailPath(id)}/body`, {
    query: { type, showExternalImages: options.showExternalImages },
    signal: options.signal,
  });

/** A body ready to use: the part's text decoded from base64 as UTF-8. */
export interface DecodedMailBody {
  contentType: string;
  text: string;
  hasExternalImages: boolean;
  isTruncated: boolean;
  estimatedSize: number;
}

/** Whether an answer to `type=html` is HTML: for a mail without an HTML part the API sends the text part instead. */
export const isHtmlBody = (body: Pick<DecodedMailBody, 'contentType'>): boolean => /^\s*text\/html\b/i.test(body.contentType);

/** The body of a mail as text (HTML or plain), decoded. */
export async function getMailBodyText(
  client: ApiClient,
  id: string,
  type: BodyType = 'html',
  options: { showExternalImages?: boolean; signal?: AbortSignal } = {},
): Promise<DecodedMailBody> {
  const body = await getMailBody(client, id, type, options);
  return {
    contentType: body.contentType,
    text: decodeBase64Utf8(body.data),
    hasExternalImages: body.hasExternalImages,
    isTruncated: body.isTruncated,
    estimatedSize: body.estimatedSize,
  };
}

/** `GET /mails/{id}/attachments` */
export const listAttachments = (client: ApiClient, id: string, signal?: AbortSignal): Promise<AttachmentList> =>
  client.request<AttachmentList>('GET', `${mailPath(id)}/attachments`, { signal });

/**
 * URL of one attachment, with `_h` for cookie sessions. `download: true` asks for
 * `Content-Disposition: attachment`. Header-auth sessions cannot authenticate a bare URL: use
 * `fetchAttachment` and a blob URL there.
 */
export function attachmentUrl(client: ApiClient, mailId: string, attachmentId: number, options: { download?: boolean } = {}): string {
  return client.url(`${mailPath(mailId)}/attachments/${attachmentId}${options.download ? '/download' : ''}`);
}

/** URL of an image attachment's thumbnail (the server scales to cover the box; 10–1024 px). */
export function attachmentThumbnailUrl(client: ApiClient, mailId: string, attachmentId: number, width: number, height: number): string {
  const clamp = (n: number) => Math.min(1024, Math.max(10, Math.round(n)));
  return client.url(`${mailPath(mailId)}/attachments/${attachmentId}/thumbnail`, { width: clamp(width), height: clamp(height) });
}

/** URL of a zip of all the mail's non-inline attachments. */
export const allAttachmentsUrl = (client: ApiClient, mailId: string): string => client.url(`${mailPath(mailId)}/attachments/download`);

/** The bytes of an attachment through the client's auth (works for header and cookie sessions). */
export async function fetchAttachment(client: ApiClient, mailId: string, attachmentId: number, signal?: AbortSignal): Promise<Blob> {
  const response = await client.requestRaw('GET', `${API_PREFIX}${mailPath(mailId)}/attachments/${attachmentId}`, { signal });
  if (!response.ok) throw await errorFromResponse(response);
  return response.blob();
}

/** Decodes base64 (standard or URL-safe, padded or not) to a UTF-8 string; bad sequences become U+FFFD rather than throwing. */
export function decodeBase64Utf8(data: string): string {
  const normalised = data.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const padded = normalised + '='.repeat((4 - (normalised.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8').decode(bytes);
}

export const mailsQuery = (client: ApiClient, params: ListMailsParams) =>
  queryOptions({ queryKey: mailKeys.list(params), queryFn: ({ signal }) => listMails(client, params, signal) });

export const mailQuery = (client: ApiClient, id: string) =>
  queryOptions({ queryKey: mailKeys.detail(id), queryFn: ({ signal }) => getMail(client, id, signal) });

export const mailBodyQuery = (client: ApiClient, id: string, type: BodyType = 'html') =>
  queryOptions({
    queryKey: mailKeys.body(id, type),
    queryFn: ({ signal }) => getMailBodyText(client, id, type, { signal }),
    // A stored mail's body never changes under the same id (a replaced draft gets a new id).
    staleTime: Infinity,
  });

export const attachmentsQuery = (client: ApiClient, id: string) =>
  queryOptions({ queryKey: mailKeys.attachments(id), queryFn: ({ signal }) => listAttachments(client, id, signal), staleTime: Infinity });
