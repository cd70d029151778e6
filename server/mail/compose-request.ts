import { MAX_SCHEDULE_AHEAD_SECONDS } from '../../src/api/contract';
import { badRequest } from '../http/errors';
import { arrayOf, boolean, integer, invalidField, object, oneOf, optional, string, type InferShape } from '../http/validate';

/**
 * Request bodies of Create, Replace Draft, Send, Scheduled Send and their rules, as the
 * Axigen reference documents them. Anything else in a body is refused (400 naming the field).
 */

const ADDRESS_HEADER_MAX = 64 * 1024;

// A Content-ID as the client invents it: printable ASCII, no spaces or angle brackets (RFC 2392 msg-id content).
const CONTENT_ID = /^[\x21-\x3b\x3d\x3f-\x7e]{1,250}$/;

const temporaryAttachmentRef = object({
  id: integer({ min: 0 }),
  contentId: optional(string({ pattern: CONTENT_ID, patternMeaning: 'a Content-ID of printable characters without spaces or angle brackets' })),
  isInline: optional(boolean()),
});

const composeShape = {
  from: optional(string({ maxLength: 2000 })),
  to: optional(string({ maxLength: ADDRESS_HEADER_MAX })),
  cc: optional(string({ maxLength: ADDRESS_HEADER_MAX })),
  bcc: optional(string({ maxLength: ADDRESS_HEADER_MAX })),
  replyTo: optional(string({ maxLength: ADDRESS_HEADER_MAX })),
  refwType: optional(oneOf(['re', 'fw'] as const)),
  refwMailId: optional(string({ nonEmpty: true, maxLength: 200 })),
  subject: optional(string({ maxLength: 4000 })),
  importance: optional(oneOf(['normal', 'low', 'high'] as const)),
  bodyText: optional(string()),
  bodyHtml: optional(string()),
  temporaryAttachments: optional(arrayOf(temporaryAttachmentRef, { maxItems: 200 })),
};

const receiptShape = {
  requestReadReceipt: optional(boolean()),
  requestDeliveryReceipt: optional(boolean()),
};

const flagShape = {
  isUnread: optional(boolean()),
  isFlagged: optional(boolean()),
};

// Receipts on Create/Replace are this server's extension (reference open question 13): stored
// with the draft and honoured by Send Draft, since Send Draft itself takes no body.
export const createMailSchema = object({ ...composeShape, ...flagShape, ...receiptShape, folderId: optional(string({ nonEmpty: true })) });
export const replaceDraftSchema = object({ ...composeShape, ...flagShape, ...receiptShape });
export const sendMailSchema = object({ ...composeShape, ...receiptShape });
export const scheduleSendSchema = object({ ...composeShape, ...receiptShape, deliveryTime: integer() });
export const scheduleDraftSchema = object({ deliveryTime: integer() });
export const undoSendSchema = object({ processingId: integer({ min: 1 }), mailId: optional(string({ nonEmpty: true })) });

/** What every compose body has in common after validation (the superset of the schemas above). */
export type ComposeBody = InferShape<typeof composeShape> & InferShape<typeof receiptShape>;

/** Rules that span fields; the schemas check each field on its own. */
export function checkComposeRules(body: ComposeBody): void {
  if (body.refwType !== undefined && body.refwMailId === undefined) {
    throw badRequest('Field "refwMailId" is required when "refwType" is set.', 'refwMailId');
  }
  if (body.refwMailId !== undefined && body.refwType === undefined) {
    throw badRequest('Field "refwMailId" may only be sent together with "refwType".', 'refwMailId');
  }
  const ids = new Set<number>();
  const contentIds = new Set<string>();
  body.temporaryAttachments?.forEach((item, index) => {
    const at = `temporaryAttachments[${index}]`;
    if (item.isInline && item.contentId === undefined) throw invalidField(`${at}.contentId`, 'is required when "isInline" is true');
    if (ids.has(item.id)) throw invalidField(`${at}.id`, `lists attachment ${item.id} a second time`);
    ids.add(item.id);
    if (item.contentId !== undefined) {
      if (contentIds.has(item.contentId)) throw invalidField(`${at}.contentId`, `repeats the Content-ID "${item.contentId}"`);
      contentIds.add(item.contentId);
    }
  });
}

/** `deliveryTime` must be now or later and at most MAX_SCHEDULE_AHEAD_SECONDS ahead (unix seconds). */
export function checkDeliveryTime(deliveryTime: number, nowSeconds: number): void {
  if (deliveryTime < nowSeconds) {
    // Far-past values lie outside what a Date can hold (toISOString would throw a RangeError).
    const when = new Date(deliveryTime * 1000);
    const shown = Number.isNaN(when.getTime()) ? '' : ` (${when.toISOString()})`;
    throw invalidField('deliveryTime', `is in the past${shown}; choose a time from now on`);
  }
  if (deliveryTime > nowSeconds + MAX_SCHEDULE_AHEAD_SECONDS) {
    throw invalidField('deliveryTime', 'is more than one year ahead; mail can be scheduled at most 365 days in advance');
  }
}
