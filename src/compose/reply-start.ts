import type { Recipient } from './model/draft';
import { textToHtml } from './model/message-html';
import { recipientsFromHeader, type OpenedDraft } from './model/open-draft';
import { attributionLine, forwardFields, forwardOriginalHtml, quoteOriginalHtml, replyFields, type DateStyle } from './model/reply';

// Not in compose-entry.ts itself: quoting needs the HTML sanitiser (DOMPurify), which a new message
// never does, so `prepareCompose` loads this module only for a reply or forward.

/**
 * The start of a reply or forward: recipients and subject by the reply rules, and the original as
 * quoted history (sanitised; its inline images keep their cids, which now name the queue items
 * `openDraft` stored). The history is kept outside the live editor and appended on save.
 */
export function replyStart(source: OpenedDraft, mode: 'reply' | 'replyAll' | 'forward', context: { ownAddresses: readonly string[]; style: DateStyle }) {
  const original = source.mail;
  const keepOwnCid = (cid: string) => (source.content.attachments.some((a) => a.contentId === cid) ? `cid:${cid}` : undefined);
  const originalHtml = source.hasHtml ? source.content.bodyHtml : textToHtml(source.content.bodyText);
  // Remote images stay in what is sent (the recipients saw them in the original); only the preview
  // in the window withholds them.
  const options = { resolveCid: keepOwnCid, allowRemoteImages: true };
  if (mode === 'forward') {
    const fields = forwardFields(original);
    return {
      to: [] as Recipient[],
      cc: [] as Recipient[],
      subject: fields.subject,
      refwType: fields.refwType,
      refwMailId: fields.refwMailId,
      quotedHtml: forwardOriginalHtml(original, originalHtml, context.style, options).html,
    };
  }
  const fields = replyFields(original, context.ownAddresses, mode);
  return {
    to: recipientsFromHeader(fields.to),
    cc: recipientsFromHeader(fields.cc),
    subject: fields.subject,
    refwType: fields.refwType,
    refwMailId: fields.refwMailId,
    quotedHtml: quoteOriginalHtml(originalHtml, attributionLine(original, context.style), options).html,
  };
}
