import { Hono } from 'hono';
import type { MailInstance, ScheduleResponse, SendResponse, UndoSendResponse } from '../../src/api/contract';
import { nowSeconds } from '../clock';
import type { AppDeps, AppEnv } from '../http/env';
import { requireSession } from '../http/session';
import { expectNoBody, parseQuery, readBody } from '../http/validate';
import {
  checkDeliveryTime,
  createMailSchema,
  replaceDraftSchema,
  scheduleDraftSchema,
  scheduleSendSchema,
  sendMailSchema,
  undoSendSchema,
} from '../mail/compose-request';
import { cancelScheduled, createMail, replaceDraft, scheduleDraft, scheduleMail, sendDraft, sendMail, undoSend } from '../mail/mail-actions';

/**
 * Create, Replace Draft, Send, Send Draft, Undo Send, Scheduled Send (+ Draft) and Scheduled
 * Cancel. Paths are absolute under /api/v1 because they span /mails and /drafts.
 */
export function composeRoutes(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const session = requireSession(deps);

  routes.post('/mails', session, async (c) => {
    parseQuery(c, {});
    const body = await readBody(c, createMailSchema, { emptyAsObject: true });
    return c.json<MailInstance>(await createMail(deps, c.var.session, body));
  });

  routes.put('/drafts/:id', session, async (c) => {
    parseQuery(c, {});
    const body = await readBody(c, replaceDraftSchema, { emptyAsObject: true });
    return c.json<MailInstance>(await replaceDraft(deps, c.var.session, c.req.param('id'), body));
  });

  routes.post('/mails/send', session, async (c) => {
    parseQuery(c, {});
    const body = await readBody(c, sendMailSchema);
    return c.json<SendResponse>(await sendMail(deps, c.var.session, body));
  });

  routes.post('/drafts/:id/send', session, async (c) => {
    parseQuery(c, {});
    await expectNoBody(c);
    return c.json<SendResponse>(await sendDraft(deps, c.var.session, c.req.param('id')));
  });

  routes.post('/mails/send/undo', session, async (c) => {
    parseQuery(c, {});
    const body = await readBody(c, undoSendSchema);
    return c.json<UndoSendResponse>(await undoSend(deps, c.var.session, body));
  });

  routes.post('/mails/send/schedule', session, async (c) => {
    parseQuery(c, {});
    const { deliveryTime, ...body } = await readBody(c, scheduleSendSchema);
    checkDeliveryTime(deliveryTime, nowSeconds(deps.clock));
    return c.json<ScheduleResponse>(await scheduleMail(deps, c.var.session, body, deliveryTime));
  });

  routes.post('/drafts/:id/send/schedule', session, async (c) => {
    parseQuery(c, {});
    const { deliveryTime } = await readBody(c, scheduleDraftSchema);
    checkDeliveryTime(deliveryTime, nowSeconds(deps.clock));
    return c.json<ScheduleResponse>(await scheduleDraft(deps, c.var.session, c.req.param('id'), deliveryTime));
  });

  routes.delete('/mails/send/schedule/:id', session, (c) => {
    parseQuery(c, {});
    return c.json<ScheduleResponse>(cancelScheduled(deps, c.var.session, c.req.param('id')));
  });

  return routes;
}
