import type { AttachmentInstance, Importance, MailInstance } from '../../api/contract';
import { fetchAttachment, getMail, getMailBodyText, isHtmlBody } from '../../api/mails';
import { deleteTemporaryAttachment, fetchTemporaryAttachmentBlob, storeMailAttachments } from '../../api/temporary-attachments';
import { ApiError, type ApiClient } from '../../api/transport';
import { addressKey, parseAddressHeader } from './addresses';
import { decodeCid, extractCids, repointStoredAttachments } from './cid';
import { emptyDraft, type DraftAttachment, type DraftContent, type Recipient } from './draft';

/**
 * The one path that loads a stored mail into the compose window (issue 5): editing a draft from
 * Drafts, reopening after Undo or a cancelled schedule, and the source of a reply or forward.
 *
 * 1. Reads the mail's fields and both bodies, and at the same time
 * 2. `POST /temporaryAttachments/store { mailId }` copies its attachments into the upload queue: the
 *    new draft must reference queue items, never the old mail's parts (the old id dies on the next
 *    save).
 * 3. Meanwhile, as soon as the mail is in, the images it shows inline (`cid:`) are read from the
 *    mail's own parts and held as `blob:` URLs — an `<img>` cannot send the session's auth
 *    headers, and the bytes must outlive the mail's id. The store does not wait for them, nor they
 *    for the store.
 * 4. Every `cid:` in the HTML is matched to the queue item carrying that Content-ID; those items
 *    are inline, and what is saved and sent. Their preview is the part's blob URL (or, if the part
 *    could not be read, the queue copy's bytes).
 */

/** A queue item copied from the stored mail. */
export interface OpenedAttachment extends DraftAttachment {
  name: string;
  size: number;
  contentType: string;
  /** `blob:` URL of the bytes, for inline images (and any image whose bytes were fetched). */
  previewUrl?: string;
}

export interface OpenedDraft {
  /** The id of the stored mail that was opened (the draft's id when it is a draft). */
  mailId: string;
  mail: MailInstance;
  /** The draft value: `bodyHtml` with `cid:` references, `attachments` pointing at queue items. */
  content: DraftContent;
  /** `content.bodyHtml` with each resolvable `cid:` replaced by its `blob:` URL, for the editor. */
  editorHtml: string;
  /** The queue items, in the mail's order; inline images carry `previewUrl`. */
  attachments: OpenedAttachment[];
  /** The same queue items as the server answered them (for `UploadQueue.addStored`). */
  stored: AttachmentInstance[];
  /** Content-IDs the body shows inline (for `UploadQueue.addStored`). */
  inlineContentIds: string[];
  /** contentId → blob URL of every inline image shown. */
  cidUrls: Record<string, string>;
  /** False when the mail has no HTML part (the window opens in plain-text mode). */
  hasHtml: boolean;
  /** Frees the blob URLs once the window is done with them. */
  revoke(): void;
}

export interface OpenDraftOptions {
  signal?: AbortSignal;
  /**
   * Which attachments to keep in the queue: all of them for a draft or a forward; only the inline
   * images the quoted HTML needs for a reply (the others are deleted from the queue at once so
   * nothing lingers on the server).
   */
  keep?: 'all' | 'inline';
  /**
   * Fetch the inline images' bytes for display (default true). A caller that only wants the queue
   * items (a journal restore re-pointing its files) saves the downloads.
   */
  previews?: boolean;
  /**
   * What the caller already holds of this mail (the reader's cache when the user opens the draft
   * they are looking at). A stored mail never changes under its id (a replaced draft gets a new
   * one), so these stand in for the requests; with the mail known, its images are asked for at once.
   */
  known?: { mail?: MailInstance; html?: string | null };
  /** Injected for tests; defaults to the browser's. */
  createObjectUrl?: (blob: Blob) => string;
  revokeObjectUrl?: (url: string) => void;
}

// `src` attributes whose value is a cid: URL, quoted either way or unquoted (as cid.ts reads them).
const CID_SRC = /(\bsrc\s*=\s*)(?:"\s*cid:([^"]*)"|'\s*cid:([^']*)'|cid:([^\s"'>]+))/gi;

/** Replaces `src="cid:X"` by the URL `resolve` gives for X; references it cannot resolve are left alone. */
export function rewriteCidSources(html: string, resolve: (contentId: string) => string | undefined): string {
  return html.replace(CID_SRC, (whole, prefix: string, double?: string, single?: string, bare?: string) => {
    const url = resolve(decodeCid(double ?? single ?? bare ?? ''));
    if (url === undefined) return whole;
    const quote = single !== undefined ? "'" : '"';
    return `${prefix}${quote}${url}${quote}`;
  });
}

export async function openDraft(api: ApiClient, mailId: string, options: OpenDraftOptions = {}): Promise<OpenedDraft> {
  const { signal, keep = 'all', previews = true } = options;
  const createUrl = options.createObjectUrl ?? ((blob: Blob) => URL.createObjectURL(blob));
  const revokeUrl = options.revokeObjectUrl ?? ((url: string) => URL.revokeObjectURL(url));
  // Every blob URL made here, so a failure halfway frees the ones already made.
  const urls: string[] = [];
  const track = (blob: Blob) => {
    const url = createUrl(blob);
    urls.push(url);
    return url;
  };

  const { known = {} } = options;
  const mailRead = known.mail ? Promise.resolve(known.mail) : getMail(api, mailId, signal);
  const htmlRead = known.html !== undefined ? Promise.resolve(known.html) : readBody(api, mailId, 'html', signal);
  // The previews come from the mail's own parts, while the store is still copying: the window does
  // not wait for one and then the other. The parts the server marks inline are read as soon as the
  // mail is in; once the HTML is in, any other part it shows by cid: is read too.
  const partPreviews = previews
    ? mailRead.then(async (mail) => {
        const found = new Map<string, string>();
        const early = readPartPreviews(api, mailId, firstPartPerContentId(mail.attachments.filter((part) => part.isInline)), found, track, signal);
        const html = await htmlRead;
        const shown = new Set(extractCids(html ?? ''));
        const byContentId = firstPartPerContentId(mail.attachments);
        const late = new Map([...byContentId].filter(([contentId, part]) => shown.has(contentId) && !part.isInline));
        await Promise.all([early, readPartPreviews(api, mailId, late, found, track, signal)]);
        return found;
      })
    : Promise.resolve(new Map<string, string>());
  const settled = await Promise.allSettled([mailRead, htmlRead, readBody(api, mailId, 'text', signal), storeMailAttachments(api, mailId, signal), partPreviews] as const);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    urls.forEach((url) => revokeUrl(url));
    throw failed.reason;
  }
  const [mail, html, text, stored, fromParts] = settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
    MailInstance,
    string | null,
    string | null,
    Awaited<ReturnType<typeof storeMailAttachments>>,
    Map<string, string>,
  ];

  const repointed = repointStoredAttachments(html ?? '', stored.items);
  const inlineItems = new Set(repointed.inline.map((entry) => entry.item));
  const isInline = (item: AttachmentInstance) => inlineItems.has(item);
  const kept = stored.items.filter((item) => keep === 'all' || isInline(item));
  const dropped = stored.items.filter((item) => !kept.includes(item));
  // Queue items a reply does not need are removed right away; failing to remove one is harmless
  // (the server expires its queue), so it never stops the window from opening.
  void Promise.allSettled(dropped.map((item) => deleteTemporaryAttachment(api, item.id)));

  let attachments: OpenedAttachment[];
  try {
    attachments = await Promise.all(
      kept.map(async (item): Promise<OpenedAttachment> => {
        const inline = isInline(item);
        const attachment: OpenedAttachment = { id: item.id, isInline: inline, name: item.name, size: item.size, contentType: item.contentType };
        if (!inline) return attachment;
        attachment.contentId = decodeCid(item.contentId);
        const fromPart = fromParts.get(attachment.contentId);
        if (fromPart) attachment.previewUrl = fromPart;
        else if (previews) {
          // The mail's part could not be read (or the mail does not list it): the queue copy has the same bytes.
          try {
            attachment.previewUrl = track(await fetchTemporaryAttachmentBlob(api, item.id, signal));
          } catch (error) {
            if (signal?.aborted) throw error;
            // The image stays in the message (its cid is intact); the editor shows its alt text until
            // the bytes can be fetched. The send is unaffected: the server has the file.
          }
        }
        return attachment;
      }),
    );
  } catch (error) {
    urls.forEach((url) => revokeUrl(url));
    throw error;
  }
  // Previews nobody shows (a part marked inline that the HTML does not show, or one the store did
  // not copy) are freed now.
  const used = new Set(attachments.map((item) => item.previewUrl));
  for (const url of fromParts.values()) if (!used.has(url)) revokeUrl(url);
  const owned = urls.filter((url) => used.has(url));

  const cidUrls: Record<string, string> = {};
  for (const item of attachments) if (item.contentId && item.previewUrl) cidUrls[item.contentId] = item.previewUrl;

  const content = draftContentFromMail(mail, { html: html ?? '', text: text ?? '' }, attachments);
  return {
    mailId,
    mail,
    content,
    editorHtml: rewriteCidSources(content.bodyHtml, (cid) => cidUrls[cid]),
    attachments,
    stored: kept,
    inlineContentIds: repointed.inline.map((entry) => entry.contentId),
    cidUrls,
    hasHtml: html !== null && html.trim() !== '',
    revoke: () => owned.forEach((url) => revokeUrl(url)),
  };
}

/** contentId → the mail's part carrying it; the first part wins when a mail repeats a Content-ID, as the store's re-pointing does. */
function firstPartPerContentId(parts: readonly AttachmentInstance[]): Map<string, AttachmentInstance> {
  const byContentId = new Map<string, AttachmentInstance>();
  for (const part of parts) {
    const id = decodeCid(part.contentId ?? '');
    if (id && !byContentId.has(id)) byContentId.set(id, part);
  }
  return byContentId;
}

/**
 * Reads the given parts of the stored mail (`GET /mails/{id}/attachments/{n}`) into `into` as
 * contentId → blob URL. The bytes are held as blob URLs because the mail's id dies on the window's
 * first save (Replace gives the draft a new id), while the preview must stay. A part that cannot be
 * read is left out (the caller falls back to the queue copy).
 */
async function readPartPreviews(
  api: ApiClient,
  mailId: string,
  parts: ReadonlyMap<string, AttachmentInstance>,
  into: Map<string, string>,
  track: (blob: Blob) => string,
  signal?: AbortSignal,
): Promise<void> {
  await Promise.all(
    [...parts].map(async ([contentId, part]) => {
      try {
        into.set(contentId, track(await fetchAttachment(api, mailId, part.id, signal)));
      } catch (error) {
        if (signal?.aborted) throw error;
      }
    }),
  );
}

const sameAddresses = (a: string, b: string) => {
  const keys = (header: string) => recipientsFromHeader(header).map((r) => addressKey(r.address)).sort().join(',');
  return keys(a) === keys(b);
};

/** The draft value of a stored mail; attachments are the queue items that replace its parts. */
export function draftContentFromMail(mail: MailInstance, body: { html: string; text: string }, attachments: readonly DraftAttachment[]): DraftContent {
  const recipients = recipientsFromHeader;
  const [from] = recipients(mail.from);
  return emptyDraft({
    from: from ?? null,
    to: recipients(mail.to),
    cc: recipients(mail.cc),
    bcc: recipients(mail.bcc),
    // MailInstance.replyTo falls back to From when the mail has no Reply-To header: that fallback
    // is not a Reply-To the user chose, and keeping it would write one into the draft.
    replyTo: sameAddresses(mail.replyTo, mail.from) ? [] : recipients(mail.replyTo),
    subject: mail.subject,
    importance: isImportance(mail.importance) ? mail.importance : 'normal',
    requestReadReceipt: mail.returnReceipt,
    bodyHtml: body.html,
    bodyText: body.text,
    attachments: attachments.map(({ id, contentId, isInline, name, size, contentType }) => {
      const item: DraftAttachment = { id, isInline, name, size, contentType };
      if (contentId) item.contentId = contentId;
      return item;
    }),
    refwType: mail.refwType,
    refwMailId: mail.refwType ? mail.refwMailId : '',
  });
}

/** An address header (as the API gives it, or as a host pre-fills it) as draft recipients; flagged entries kept. */
export function recipientsFromHeader(header: string): Recipient[] {
  return parseAddressHeader(header).map(({ raw, name, address, valid, reason }) => (valid ? { name, address, raw } : { name, address, raw, valid: false, reason }));
}

const isImportance = (value: string): value is Importance => value === 'normal' || value === 'low' || value === 'high';

/**
 * A body part, or null when the mail has none of that type: the server answers 404, or (as the API
 * does for `type=html` on a mail without HTML) the text part in its place.
 */
async function readBody(api: ApiClient, mailId: string, type: 'html' | 'text', signal?: AbortSignal): Promise<string | null> {
  try {
    const body = await getMailBodyText(api, mailId, type, { signal });
    if (type === 'html' && !isHtmlBody(body)) return null;
    return body.text;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
