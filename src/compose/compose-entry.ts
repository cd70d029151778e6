import type { QueryClient } from '@tanstack/react-query';
import { accountInfoQuery, accountSettingsQuery, aliasesQuery, clientSettingsQuery, signaturesQuery } from '../api/account';
import type { AccountInfo, AccountSettings, AliasList, SignatureList } from '../api/contract';
import type { ApiClient } from '../api/transport';
import { isHtmlBody, mailKeys, type DecodedMailBody } from '../api/mails';
import { addressKey } from './model/addresses';
import { emptyDraft, type DraftAttachment, type DraftContent, type Recipient } from './model/draft';
import type { MailInstance } from '../api/contract';
import { composeBodyHtml, splitQuotedHtml } from './model/message-html';
import { deleteTemporaryAttachment, fetchTemporaryAttachmentBlob } from '../api/temporary-attachments';
import { API_PREFIX } from '../api/contract';
import { ApiError } from '../api/transport';
import type { JournalEntry, RecipientText } from './model/journal';
import { openDraft, recipientsFromHeader, type OpenDraftOptions, type OpenedAttachment, type OpenedDraft } from './model/open-draft';
import type { DateStyle } from './model/reply';

/**
 * The public surface for opening the compose window (used by the standalone app's portal and by the
 * embed entry): what to open (`ComposeRequest`), what the window answers when it closes
 * (`ComposeCloseResult`), and `prepareCompose`, which loads everything the window starts from.
 */

export type ComposeMode = 'new' | 'draft' | 'reply' | 'replyAll' | 'forward';

/** Values a host may put into a new message. Addresses are RFC 5322 lists ("Ana <a@x.test>, b@y.test"). */
export interface ComposePrefill {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  /** Starting body as HTML (sanitised by the editor); `bodyText` when there is no HTML. */
  bodyHtml?: string;
  bodyText?: string;
}

export interface ComposeRequest {
  mode: ComposeMode;
  /** The draft to edit (`draft`) or the mail answered or forwarded; required for every mode but `new` and a restore. */
  mailId?: string;
  prefill?: ComposePrefill;
  /**
   * Reopens a window from the local journal after a crash or a closed tab (`mode: 'draft'`): its
   * content wins over the server draft it names, and is saved (replacing that draft) right away.
   */
  restore?: JournalEntry;
}

/** How the window ended, handed to `onClose`. */
export type ComposeCloseResult =
  /** Sent: the undo toast takes `{ mailId, processingId }` from here. */
  | { kind: 'sent'; mailId?: string; processingId: number }
  /**
   * Sent, but confirmed only by finding it (a retry after a lost answer): there is no processingId,
   * so nothing to undo — show a plain "Sent".
   */
  | { kind: 'sent-no-undo'; mailId?: string }
  /** Scheduled: `mailId` is the mail in Scheduled; `deliveryTime` in unix seconds. */
  | { kind: 'scheduled'; mailId: string; deliveryTime: number }
  /**
   * Scheduled, but confirmed only by the draft being gone (a retry after a lost answer): the
   * Scheduled mail's id is unknown, so there is no "Cancel schedule" — show a plain notice.
   */
  | { kind: 'scheduled-no-cancel'; deliveryTime: number }
  /** Closed with the content saved as a draft (`draftId` null when there was nothing to save). */
  | { kind: 'saved'; draftId: string | null }
  /** The user discarded the draft (server draft and journal entry deleted). */
  | { kind: 'discarded' };

/** Everything the window starts from. */
export interface ComposeStart {
  request: ComposeRequest;
  /** The window's title and accessible name. */
  title: 'New message' | 'Reply' | 'Forward';
  content: DraftContent;
  /** The server draft being edited, null for a message not saved yet. */
  draftId: string | null;
  /** The editable part of the body as message HTML (inline images as `cid:`; the editor shows them from `cidUrls`). */
  editorHtml: string;
  /** Quoted history (the original of a reply or forward), kept outside the live editor and appended on save. */
  quotedHtml: string | null;
  /** contentId → blob URL of each inline image already in the body or the quoted history. */
  cidUrls: Record<string, string>;
  /** Queue items already on the server (copied from a stored mail), with names and sizes. */
  attachments: OpenedAttachment[];
  /** Starts in plain-text mode (the stored mail had no HTML part). */
  plainText: boolean;
  /** The addresses the user may send from, each with the account's display name. */
  senders: Recipient[];
  signatures: SignatureList['items'];
  /** The signature to put into a new message; null for none. */
  defaultSignatureId: string | null;
  settings: AccountSettings;
  /** Frees blob URLs made for the start; the window calls it when it closes. */
  release(): void;
  /** Content the server does not have yet (a journal restore): saved as soon as the window opens. */
  unsaved: boolean;
  /** The journal entry to keep writing (a restore), so a second crash does not leave two entries. */
  journalKey?: string;
  /** A restore only: names of files the server no longer had and that could not be brought back. */
  lostAttachments?: string[];
  /** A restore only: what was typed into the recipient fields but not yet made a chip. */
  recipientText?: Partial<RecipientText>;
}

export const titleFor = (request: ComposeRequest, content: DraftContent): ComposeStart['title'] => {
  if (request.mode === 'reply' || request.mode === 'replyAll') return 'Reply';
  if (request.mode === 'forward') return 'Forward';
  if (request.mode === 'draft') return content.refwType === 're' ? 'Reply' : content.refwType === 'fw' ? 'Forward' : 'New message';
  return 'New message';
};

/** The client-settings key under which the compose window keeps its own preferences. */
const CLIENT_SETTINGS_KEY = 'compose';

export interface ComposePreferences {
  defaultSignatureId?: string | null;
}

/** Reads the compose preferences out of `/account/settings/client` (a JSON object; anything else is ignored). */
export function readComposePreferences(clientSettings: string): ComposePreferences {
  try {
    const parsed = JSON.parse(clientSettings) as unknown;
    if (parsed && typeof parsed === 'object' && CLIENT_SETTINGS_KEY in parsed) {
      const prefs = (parsed as Record<string, unknown>)[CLIENT_SETTINGS_KEY];
      if (prefs && typeof prefs === 'object') {
        const id = (prefs as Record<string, unknown>).defaultSignatureId;
        return { defaultSignatureId: typeof id === 'string' ? id : id === null ? null : undefined };
      }
    }
  } catch {
    // Not JSON (another client's format): no preferences of ours in it.
  }
  return {};
}

/**
 * Writes the compose preferences into the client-settings string, keeping every other key another
 * part of the app (or another client) stored there. A non-JSON string is replaced: it cannot be merged.
 */
export function writeComposePreferences(clientSettings: string, prefs: ComposePreferences): string {
  let root: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(clientSettings) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) root = parsed as Record<string, unknown>;
  } catch {
    root = {};
  }
  const current = root[CLIENT_SETTINGS_KEY];
  const merged = { ...(current && typeof current === 'object' ? current : {}), ...prefs };
  return JSON.stringify({ ...root, [CLIENT_SETTINGS_KEY]: merged });
}

/** The From choices: the main address first, then aliases, each with the account's full name. */
export function sendersFrom(aliases: AliasList, fullName: string): Recipient[] {
  const order = (type: string) => (type === 'mainAddress' ? 0 : 1);
  const seen = new Set<string>();
  return [...aliases.items]
    .sort((a, b) => order(a.type) - order(b.type))
    .filter((item) => {
      const key = addressKey(item.emailAddress);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((item) => ({ name: fullName, address: item.emailAddress }));
}

export interface PrepareOptions {
  signal?: AbortSignal;
  /** Locale for dates in attribution lines and forwarded headers; the browser's by default. */
  locale?: string;
}

/** Loads the account data and, for a stored mail, the mail itself (through `openDraft`). */
export async function prepareCompose(api: ApiClient, queryClient: QueryClient, request: ComposeRequest, options: PrepareOptions = {}): Promise<ComposeStart> {
  if (request.mode !== 'new' && !request.mailId && !request.restore) throw new Error(`Opening the compose window to ${request.mode} needs the id of a mail.`);
  // The stored mail is read (and its files copied into the queue) while the account is asked for
  // senders, signatures and settings: neither needs the other until both are in.
  // Quoting (and the HTML sanitiser it needs) is a chunk of its own, fetched alongside for a reply or forward.
  const quoting = request.mode === 'reply' || request.mode === 'replyAll' || request.mode === 'forward' ? import('./reply-start') : null;
  // Awaited below; a window that fails earlier must not leave a rejection unhandled.
  quoting?.catch(() => {});
  const opening =
    request.mode === 'new' || request.restore
      ? null
      : openDraft(api, request.mailId!, {
          signal: options.signal,
          keep: request.mode === 'draft' || request.mode === 'forward' ? 'all' : 'inline',
          known: cachedMail(queryClient, request.mailId!),
        });
  // Handled here so a failure while the account is still loading is not reported as unhandled;
  // `await opening` below still throws it.
  opening?.catch(() => {});
  let account: [AccountInfo, AliasList, AccountSettings, SignatureList, string];
  try {
    account = await Promise.all([
      queryClient.fetchQuery(accountInfoQuery(api)),
      queryClient.fetchQuery(aliasesQuery(api)),
      queryClient.fetchQuery(accountSettingsQuery(api)),
      queryClient.fetchQuery(signaturesQuery(api)),
      queryClient.fetchQuery(clientSettingsQuery(api)).catch(() => ''),
    ]);
  } catch (error) {
    // The window will not open from this start: free what the mail's opening made.
    void opening?.then(discardOpened(api), () => {});
    throw error;
  }
  const [info, aliases, settings, signatures, clientSettings] = account;
  const senders = sendersFrom(aliases, info.fullName);
  const prefs = readComposePreferences(clientSettings);
  const knownSignature = (id: string | null | undefined) => (id && signatures.items.some((s) => s.id === id) ? id : null);
  // Until the user picks one, the first signature is the default (a user with one signature expects it).
  const defaultSignatureId = prefs.defaultSignatureId === undefined ? (signatures.items[0]?.id ?? null) : knownSignature(prefs.defaultSignatureId);
  const base = { request, senders, signatures: signatures.items, settings, unsaved: false };
  const receipts = { requestReadReceipt: settings.receipts.requestReadReceipts, requestDeliveryReceipt: settings.receipts.requestDeliveryReceipts };

  if (request.mode === 'new') {
    const prefill = request.prefill ?? {};
    const content = emptyDraft({
      from: senders[0] ?? null,
      to: recipientsFromHeader(prefill.to ?? ''),
      cc: recipientsFromHeader(prefill.cc ?? ''),
      bcc: recipientsFromHeader(prefill.bcc ?? ''),
      subject: prefill.subject ?? '',
      bodyHtml: prefill.bodyHtml ?? '',
      bodyText: prefill.bodyText ?? '',
      ...receipts,
    });
    return {
      ...base,
      title: 'New message',
      content,
      draftId: null,
      editorHtml: content.bodyHtml,
      quotedHtml: null,
      cidUrls: {},
      attachments: [],
      plainText: !prefill.bodyHtml && !!prefill.bodyText,
      defaultSignatureId,
      release: () => {},
    };
  }

  if (request.restore) return restoreStart(api, request.restore, { ...base, defaultSignatureId: null }, options.signal);

  const mailId = request.mailId!;
  const opened = await opening!;
  if (request.mode === 'draft') {
    const content: DraftContent = { ...opened.content, from: opened.content.from ?? senders[0] ?? null };
    const { editorHtml, quotedHtml } = splitQuotedHtml(content.bodyHtml);
    return {
      ...base,
      title: titleFor(request, content),
      content,
      draftId: mailId,
      editorHtml,
      quotedHtml,
      cidUrls: opened.cidUrls,
      attachments: opened.attachments,
      plainText: !opened.hasHtml && opened.content.bodyText !== '',
      // The signature is already in the stored body.
      defaultSignatureId: null,
      release: opened.revoke,
    };
  }

  const style: DateStyle = { timeZone: settings.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone, locale: options.locale ?? navigatorLocale() };
  let replyStart: typeof import('./reply-start').replyStart;
  try {
    ({ replyStart } = await (quoting ?? import('./reply-start')));
  } catch (error) {
    // The quoting chunk could not be fetched: the window shows the failure (with Try again), so
    // the previews and queue copies this opening made are freed rather than left behind.
    void discardOpened(api)(opened);
    throw error;
  }
  const reply = replyStart(opened, request.mode, { ownAddresses: senders.map((s) => s.address), style });
  const content = emptyDraft({
    ...receipts,
    from: replyFrom(opened.mail, senders),
    to: reply.to,
    cc: reply.cc,
    subject: reply.subject,
    refwType: reply.refwType,
    refwMailId: reply.refwMailId,
    bodyHtml: composeBodyHtml('', reply.quotedHtml),
    attachments: opened.content.attachments,
  });
  return {
    ...base,
    title: titleFor(request, content),
    content,
    draftId: null,
    editorHtml: '',
    quotedHtml: reply.quotedHtml,
    cidUrls: opened.cidUrls,
    attachments: opened.attachments,
    plainText: false,
    defaultSignatureId,
    release: opened.revoke,
  };
}

/**
 * What the app's query cache already holds of a stored mail — the reader showed it, so the window
 * opened from there need not ask again, and can ask for the images at once. Only a whole HTML part
 * stands in for the request: a cut-off one would lose the rest on the next save.
 */
function cachedMail(queryClient: QueryClient, mailId: string): NonNullable<OpenDraftOptions['known']> {
  const known: NonNullable<OpenDraftOptions['known']> = {};
  const mail = queryClient.getQueryData<MailInstance>(mailKeys.detail(mailId));
  if (mail) known.mail = mail;
  const html = queryClient.getQueryData<DecodedMailBody>(mailKeys.body(mailId, 'html'));
  if (html && !html.isTruncated && isHtmlBody(html)) known.html = html.text;
  return known;
}

/** Undoes an opening the window will not use: its blob URLs freed, its queue copies removed. */
const discardOpened = (api: ApiClient) => (opened: OpenedDraft) => {
  opened.revoke();
  void Promise.allSettled(opened.stored.map((item) => deleteTemporaryAttachment(api, item.id)));
};

/**
 * The start of a window restored from the journal: its content as it was typed, the attachments it
 * had (queue items the server may still hold), inline images fetched for display where they still exist.
 */
async function restoreStart(
  api: ApiClient,
  entry: JournalEntry,
  base: Pick<ComposeStart, 'request' | 'senders' | 'signatures' | 'settings' | 'defaultSignatureId'>,
  signal?: AbortSignal,
): Promise<ComposeStart> {
  const checked = await checkRestore(api, entry, signal);
  const content = checked.entry.content;
  const urls: string[] = [];
  const attachments: OpenedAttachment[] = await Promise.all(
    content.attachments.map(async (item): Promise<OpenedAttachment> => {
      const attachment: OpenedAttachment = { ...item, name: item.name ?? 'attachment', size: item.size ?? 0, contentType: item.contentType ?? 'application/octet-stream' };
      if (item.isInline) {
        try {
          const url = URL.createObjectURL(await fetchTemporaryAttachmentBlob(api, item.id, signal));
          urls.push(url);
          attachment.previewUrl = url;
        } catch {
          // Gone from the server's queue since the crash: the image shows as unavailable, the text is safe.
        }
      }
      return attachment;
    }),
  );
  const cidUrls: Record<string, string> = {};
  for (const item of attachments) if (item.contentId && item.previewUrl) cidUrls[item.contentId] = item.previewUrl;
  const { editorHtml, quotedHtml } = splitQuotedHtml(content.bodyHtml);
  const plainText = content.bodyHtml === '' && content.bodyText !== '';
  return {
    ...base,
    title: titleFor({ mode: 'draft' }, content),
    content,
    draftId: entry.mailId,
    editorHtml,
    quotedHtml,
    cidUrls,
    attachments,
    plainText,
    unsaved: true,
    journalKey: entry.key,
    lostAttachments: checked.lost,
    recipientText: entry.recipientText,
    release: () => urls.forEach((url) => URL.revokeObjectURL(url)),
  };
}

/** Answer from the address the mail was sent to, when it is one of the user's; else the main address. */
function replyFrom(original: MailInstance, senders: readonly Recipient[]): Recipient | null {
  const addressed = recipientsFromHeader(`${original.to}, ${original.cc}`).map((r) => addressKey(r.address));
  return senders.find((s) => addressed.includes(addressKey(s.address))) ?? senders[0] ?? null;
}

function navigatorLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-GB';
}

/** A journal entry made ready to reopen: its files re-pointed at queue items the server has now. */
export interface RestoreCheck {
  entry: JournalEntry;
  /** Names of files that could not be brought back (attach them again). */
  lost: string[];
  /** Names of files taken from the server draft because their uploads were gone. */
  recovered: string[];
}

/**
 * Before reopening a journal entry: are its uploaded files still in the server's queue? Queue items
 * belong to the session that uploaded them, so after signing in again they are gone. Then the files
 * are taken from the server draft the entry names (copied into this session's queue, matched by
 * Content-ID for inline images, by name and size otherwise); files in neither are left out of the
 * message (a dangling queue id would make every save fail) and named in `lost`, and inline images
 * among them leave the body. Throws when the server cannot be asked (offline): try again later.
 */
export async function checkRestore(api: ApiClient, entry: JournalEntry, signal?: AbortSignal): Promise<RestoreCheck> {
  const attachments = entry.content.attachments;
  const present = await Promise.all(attachments.map((item) => queueItemExists(api, item.id, signal)));
  const missing = attachments.filter((_, index) => !present[index]);
  if (missing.length === 0) return { entry, lost: [], recovered: [] };

  const replacement = new Map<DraftAttachment, DraftAttachment>();
  if (entry.mailId) {
    let opened: OpenedDraft | null = null;
    try {
      opened = await openDraft(api, entry.mailId, { signal, keep: 'all', previews: false });
    } catch (error) {
      // The draft was sent, deleted or replaced elsewhere since: nothing to take the files from.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    if (opened) {
      opened.revoke();
      const unused = [...opened.attachments];
      for (const item of missing) {
        const index = unused.findIndex((candidate) =>
          item.isInline && item.contentId ? candidate.contentId === item.contentId : candidate.name === item.name && candidate.size === item.size,
        );
        if (index < 0) continue;
        const [found] = unused.splice(index, 1);
        const copy: DraftAttachment = { ...item, id: found!.id };
        replacement.set(item, copy);
      }
      // Copies the message does not need would linger in the queue: remove them now.
      void Promise.allSettled(unused.map((item) => deleteTemporaryAttachment(api, item.id)));
    }
  }

  const lostItems = missing.filter((item) => !replacement.has(item));
  const kept = attachments.filter((item) => !lostItems.includes(item)).map((item) => replacement.get(item) ?? item);
  let bodyHtml = entry.content.bodyHtml;
  for (const item of lostItems) if (item.isInline && item.contentId) bodyHtml = removeCidImages(bodyHtml, item.contentId);
  const name = (item: DraftAttachment) => item.name || 'attachment';
  return {
    entry: { ...entry, content: { ...entry.content, attachments: kept, bodyHtml } },
    lost: lostItems.map(name),
    recovered: [...replacement.keys()].map(name),
  };
}

/** Whether this session's queue still holds item `id` (HEAD: no bytes are downloaded). */
async function queueItemExists(api: ApiClient, id: number, signal?: AbortSignal): Promise<boolean> {
  const response = await api.requestRaw('HEAD', `${API_PREFIX}/temporaryAttachments/${encodeURIComponent(String(id))}`, { signal, headers: { Accept: '*/*' } });
  if (response.ok) return true;
  if (response.status === 404) return false;
  throw new ApiError('http', response.status, `The server answered ${response.status} when asked about an attached file.`);
}

/** The body without its `<img>` elements that show `cid:<contentId>`. */
function removeCidImages(html: string, contentId: string): string {
  const escaped = contentId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return html.replace(new RegExp(`<img\\b[^>]*\\bsrc\\s*=\\s*["']?cid:${escaped}["']?[^>]*>`, 'gi'), '');
}
