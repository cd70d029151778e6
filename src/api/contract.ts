/**
 * The Mailbox API contract: request and response shapes of every endpoint the product uses.
 *
 * One source of truth for the client (src/api) and the embedded server (server/, which may only
 * `import type` from here). Field names, types and paths follow the Axigen Mailbox API
 * documentation (see docs/api-server.md for the choices made where it is silent).
 *
 * Conventions worth remembering:
 * - Mail, folder and contact ids are opaque strings; attachment, temporary-attachment and
 *   processing ids are numbers.
 * - `MailInstance.date` is a string of UTC unix seconds; `deliveryTime` is a number of unix seconds.
 * - Addresses are raw RFC 5322 header strings ("Jane <jane@x.test>, bob@x.test"), never objects.
 * - Success with nothing to say is `200` with an empty body.
 */

export const API_PREFIX = '/api/v1';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Symbolic error codes used in error bodies. Clients branch on the HTTP status, not on these. */
export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'UNDO_TOO_LATE'
  | 'INTERNAL_ERROR';

/** The one error body shape every endpoint answers with on failure. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    /** A sentence for people; names the offending field where there is one. */
    message: string;
    /** The request field the error is about, when there is one (e.g. "to", "temporaryAttachments[0].id"). */
    field?: string;
    /**
     * `PAYLOAD_TOO_LARGE` of an upload: the server's per-file limit in bytes (an extension of this
     * server; Axigen documents none, so clients treat it as optional).
     */
    limitBytes?: number;
  };
}

// ---------------------------------------------------------------------------------------------
// Version and auth
// ---------------------------------------------------------------------------------------------

/** `GET /api/` */
export interface ApiVersion {
  apiVersion: string;
  serverVersion: string;
  /**
   * Extension of the embedded server: present only on a demo server (SEED=demo), so the sign-in
   * screen can show the public demo credentials. Real Axigen servers never send it.
   */
  demo?: { email: string; password: string };
}

/** `POST /login` (Authorization header) and `POST /login/cookie` */
export interface LoginResponse {
  sessid: string;
}

/** `POST /login/cookie` body */
export interface CookieLoginRequest {
  username: string;
  password: string;
  captchaText?: string;
  captchaId?: string;
  rememberLogin?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Account
// ---------------------------------------------------------------------------------------------

/** `GET /account/info` (quota fields in KB, as Axigen documents them) */
export interface AccountInfo {
  accountName: string;
  domainName: string;
  fullName: string;
  folderContainerId: string;
  accountClass: string;
  totalMessageCount: number;
  usedMessageCount: number;
  remainingMessageCount: number;
  totalQuota: number;
  usedQuota: number;
  remainingQuota: number;
  overQuotaThreshold: number;
  isFirstApiLogin: boolean;
  allowConversationView: boolean;
}

export type AliasType = 'mainAddress' | 'accountAlias' | 'domainAlias' | 'accountAndDomainAlias';

/** `GET /account/aliases` */
export interface AliasList {
  items: { emailAddress: string; type: AliasType }[];
}

export type SignatureType = 'html' | 'text';

/** `GET /account/signatures` (no bodies in the list) */
export interface SignatureList {
  items: { id: string; name: string; type: SignatureType }[];
}

/** `GET /account/signatures/{id}` */
export interface Signature {
  id: string;
  name: string;
  type: SignatureType;
  body: string;
}

/** `GET /account/settings`; `PATCH` takes any subset (receipts as a nested partial object). */
export interface AccountSettings {
  language: string;
  /** IANA time zone name, e.g. "Europe/Bucharest". */
  timezone: string;
  /** One of Axigen's patterns, e.g. "DD.MM.YYYY", "MM/DD/YYYY", "YYYY-MM-DD". */
  dateFormat: string;
  /** One of Axigen's patterns, e.g. "hh:mm AM", "HH:mm" is written "hh:mm" in 24 h style. */
  timeFormat: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekStartDay: number;
  deleteToTrash: boolean;
  confirmMailDelete: boolean;
  autoAddRecipients: boolean;
  receipts: {
    sendReadReceipts: 'ask' | 'always' | 'never';
    requestReadReceipts: boolean;
    requestDeliveryReceipts: boolean;
  };
}

export type AccountSettingsPatch = Partial<Omit<AccountSettings, 'receipts'>> & {
  receipts?: Partial<AccountSettings['receipts']>;
};

/** `GET|POST /account/settings/client` — a free-form string of at most 8192 bytes. */
export interface ClientSettings {
  clientSettings: string;
}

export const CLIENT_SETTINGS_MAX_BYTES = 8192;

// ---------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------

export interface ContactInstance {
  id: string;
  folderId: string;
  isDistributionList: boolean;
  name: string;
  email: string;
  firstName: string;
  lastName: string;
  nickName: string;
  reversedName: string;
}

/** `GET /contacts/autocomplete?query=&limit=` (limit 1–50, default 10) */
export interface ContactAutocompleteResponse {
  totalItems: number;
  items: ContactInstance[];
}

// ---------------------------------------------------------------------------------------------
// Folders
// ---------------------------------------------------------------------------------------------

/** `scheduled` is this server's documented extension for the Scheduled folder. */
export type FolderRole = '' | 'inbox' | 'drafts' | 'sent' | 'trash' | 'junk' | 'archive' | 'filtered' | 'scheduled';

export interface FolderInstance {
  id: string;
  name: string;
  parentId: string;
  role: FolderRole;
  ownerUsername: string;
  ownerFullname: string;
  folderSize: number;
  folderType: 'mails' | 'events' | 'tasks' | 'notes' | 'contacts';
  accessMode: 'local' | 'public' | 'shared';
  totalItems: number;
  unreadItems: number;
  permissions: string[];
}

/** `GET /folders` */
export interface FolderList {
  syncToken: string;
  items: FolderInstance[];
}

// ---------------------------------------------------------------------------------------------
// Mails (read side)
// ---------------------------------------------------------------------------------------------

export type RefwFlags = '' | 're' | 'fw' | 'refw';
export type RefwType = '' | 're' | 'fw';
export type Importance = 'normal' | 'low' | 'high';

export interface AttachmentInstance {
  /** Per-mail attachment id (for `store`, the id of the new queue item). */
  id: number;
  mailId: string;
  name: string;
  contentId: string;
  contentType: string;
  size: number;
  /** True only for parts of a multipart/related message that the HTML references via `cid:`. */
  isInline: boolean;
}

/** Every field is always present, with ""/false defaults, as a real Axigen answers. */
export interface MailInstance {
  id: string;
  folderId: string;
  size: number;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  replyToAll: string;
  sender: string;
  messageId: string;
  subject: string;
  snippet: string;
  /** UTC unix seconds, as a string. */
  date: string;
  isUnread: boolean;
  isFlagged: boolean;
  isDraft: boolean;
  refwFlags: RefwFlags;
  refwType: RefwType;
  refwMailId: string;
  isDeleted: boolean;
  hasAttachments: boolean;
  isItip: boolean;
  returnReceipt: boolean;
  importance: Importance;
  originalFolderId: string;
  originalMailId: string;
  attachments: AttachmentInstance[];
  labelIds: string[];
  bimiLocation: string;
}

export type MailSortField = 'subject' | 'from' | 'to' | 'date' | 'size' | 'isUnread' | 'isFlagged' | 'importance' | 'hasAttachments';

/** `GET /mails?folderId=&start=&limit=&sort=&dir=` */
export interface MailList {
  syncToken: string;
  totalItems: number;
  sortInfo: { field: MailSortField; direction: 'ASC' | 'DESC'; activeRowIndex: number };
  items: MailInstance[];
}

/** `PATCH /mails/{id}` */
export interface MailPatch {
  isUnread?: boolean;
  isFlagged?: boolean;
}

/** `POST /mails/{id}/move` */
export interface MoveMailRequest {
  destinationFolderId: string;
}

/** `GET /mails/{id}/body?type=html|text` — `data` is base64 of the body part. */
export interface MailBody {
  id: number;
  contentType: string;
  estimatedSize: number;
  hasExternalImages: boolean;
  isTruncated: boolean;
  data: string;
}

/** `GET /mails/{id}/attachments` */
export interface AttachmentList {
  items: AttachmentInstance[];
}

// ---------------------------------------------------------------------------------------------
// Compose: create, replace, send, undo, schedule
// ---------------------------------------------------------------------------------------------

/** A queue item referenced from a mail being saved or sent. */
export interface TemporaryAttachmentRef {
  id: number;
  /** Required when `isInline`; the HTML references it as `src="cid:<contentId>"`. */
  contentId?: string;
  isInline?: boolean;
}

/** Fields shared by Create, Replace Draft, Send and Scheduled Send. All optional. */
export interface ComposeFields {
  from?: string;
  to?: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  /** Required together with `refwMailId`; absent otherwise. */
  refwType?: 're' | 'fw';
  refwMailId?: string;
  subject?: string;
  importance?: Importance;
  bodyText?: string;
  bodyHtml?: string;
  temporaryAttachments?: TemporaryAttachmentRef[];
}

/** `POST /mails` — creates a draft in Drafts (or appends to `folderId`). Answers a MailInstance. */
export interface CreateMailRequest extends ComposeFields {
  folderId?: string;
  isUnread?: boolean;
  isFlagged?: boolean;
}

/** `PUT /drafts/{mailId}` — full replacement. Answers a MailInstance with a NEW id. */
export interface ReplaceDraftRequest extends ComposeFields {
  isUnread?: boolean;
  isFlagged?: boolean;
}

/** `POST /mails/send` */
export interface SendMailRequest extends ComposeFields {
  requestReadReceipt?: boolean;
  requestDeliveryReceipt?: boolean;
}

/** `POST /mails/send` and `POST /drafts/{id}/send` (no body) */
export interface SendResponse {
  /** The copy in Sent; absent when no copy was saved. */
  mailId?: string;
  processingId: number;
}

/** `POST /mails/send/undo` */
export interface UndoSendRequest {
  processingId: number;
  mailId?: string;
}

/** `mailId` is absent when the draft could not be rebuilt. */
export interface UndoSendResponse {
  mailId?: string;
}

/** `POST /mails/send/schedule` */
export interface ScheduleSendRequest extends SendMailRequest {
  /** Unix seconds; in the future and at most one year ahead. */
  deliveryTime: number;
}

/** `POST /drafts/{id}/send/schedule` */
export interface ScheduleDraftRequest {
  deliveryTime: number;
}

/** `POST /mails/send/schedule`, `POST /drafts/{id}/send/schedule`, `DELETE /mails/send/schedule/{id}` */
export interface ScheduleResponse {
  mailId: string;
}

/** The undo window the server holds a sent mail for, in seconds. */
export const UNDO_WINDOW_SECONDS = 10;

/** The furthest a delivery may be scheduled ahead, in seconds (365 days). */
export const MAX_SCHEDULE_AHEAD_SECONDS = 365 * 86_400;

// ---------------------------------------------------------------------------------------------
// Temporary attachments (the upload queue)
// ---------------------------------------------------------------------------------------------

export interface TemporaryAttachment {
  id: number;
  name: string;
  contentType: string;
  size: number;
}

/** `POST /temporaryAttachments` (multipart/form-data, one item per file part) */
export interface TemporaryAttachmentUploadResponse {
  items: TemporaryAttachment[];
}

/** `POST /temporaryAttachments/store` */
export interface StoreAttachmentsRequest {
  mailId: string;
}

/** Items are queue items: `id` is a temporary-attachment id, `contentId`/`isInline` as in the mail. */
export interface StoreAttachmentsResponse {
  items: AttachmentInstance[];
}

/** The default per-file upload limit of the embedded server, in bytes (configurable there). */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Test control (embedded server only, off unless TEST_CONTROL=1) — not part of Axigen's API
// ---------------------------------------------------------------------------------------------

export const TEST_CONTROL_PREFIX = '/__test';

/** `POST /__test/accounts` → creates an account (folders, aliases) and answers it. */
export interface TestCreateAccountRequest {
  email: string;
  password: string;
  fullName?: string;
  aliases?: string[];
}

/** `GET /__test/clock` → `{ now }`; `POST /__test/clock` with `{ now }` or `{ advanceMs }`. */
export interface TestClock {
  /** Server time, unix milliseconds. */
  now: number;
}

export interface TestClockRequest {
  now?: number;
  advanceMs?: number;
}
